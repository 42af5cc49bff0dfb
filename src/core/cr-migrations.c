/* cr-migrations.c: the schema's ordered steps, from an empty file to the
 * version this build writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cr-migrations.h"

/* Each step takes the schema from version N-1 to N. Steps are never edited
 * once released: a library written by an older Crossroads replays the rest. */
static const char * const steps[] = {
  /* 1: the first schema */
  "CREATE TABLE workshops ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  organisation TEXT NOT NULL,"
  "  facilitator TEXT NOT NULL DEFAULT '',"
  "  date TEXT NOT NULL,"
  "  function_name TEXT NOT NULL DEFAULT '',"
  "  template_id TEXT NOT NULL,"
  "  template_json TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE TABLE context_answers ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  value NOT NULL,"
  "  PRIMARY KEY (workshop_id, field)"
  ");"
  "CREATE TABLE participants ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  name TEXT,"
  "  role TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (workshop_id, key)"
  ");"
  "CREATE TABLE notes ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  option TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('strength', 'risk', 'question')),"
  "  text TEXT NOT NULL,"
  "  participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL"
  ");"
  "CREATE TABLE rounds ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  question TEXT NOT NULL,"
  "  number INTEGER NOT NULL CHECK (number >= 1),"
  "  revealed INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (workshop_id, question, number)"
  ");"
  "CREATE TABLE votes ("
  "  id INTEGER PRIMARY KEY,"
  "  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
  "  participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,"
  "  option TEXT NOT NULL,"
  "  criterion TEXT,"
  "  value INTEGER NOT NULL"
  ");"
  "CREATE TABLE actions ("
  "  id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  due TEXT"
  ");",

  /* 2: re-runs link to the earlier workshop; indexes for the library list
   * and for loading one workshop without scanning every table. */
  "ALTER TABLE workshops ADD COLUMN rerun_of INTEGER REFERENCES workshops(id) ON DELETE SET NULL;"
  "CREATE INDEX workshops_by_date ON workshops(date DESC, id DESC);"
  "CREATE INDEX participants_by_workshop ON participants(workshop_id);"
  "CREATE INDEX notes_by_workshop ON notes(workshop_id);"
  "CREATE INDEX rounds_by_workshop ON rounds(workshop_id);"
  "CREATE INDEX votes_by_round ON votes(round_id);"
  "CREATE INDEX votes_by_participant ON votes(participant_id);"
  "CREATE INDEX actions_by_workshop ON actions(workshop_id);"
  "CREATE INDEX notes_by_participant ON notes(participant_id);"
  "CREATE INDEX workshops_by_rerun ON workshops(rerun_of);",

  /* 3: deletion goes through a trash so the library can offer Undo; the
   * facilitator's progress through the agenda survives a restart. The
   * primary key already serves loading one workshop's steps. */
  "ALTER TABLE workshops ADD COLUMN trashed INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE step_states ("
  "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
  "  step TEXT NOT NULL,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  elapsed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (workshop_id, step)"
  ");",

  /* 4: every vote replaces one participant's votes in a round (and keeps
   * them for Undo first): found by both, not among all of that participant's
   * votes in every round. The new index also serves lookups by round. */
  ("CREATE INDEX votes_by_round_participant ON votes(round_id, participant_id);"
   "DROP INDEX votes_by_round;"),

  /* 5: a workshop reopens on the agenda step it was left on (NULL: the
   * first); each step's done mark and time spent are in step_states. */
  "ALTER TABLE workshops ADD COLUMN current_step TEXT;",

  /* 6: the room's decision, at most one a workshop, and who agreed to it.
   * A participant deleted leaves the agreement with them. */
  ("CREATE TABLE decisions ("
   "  workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,"
   "  start_with TEXT,"
   "  aim_for TEXT,"
   "  rationale TEXT NOT NULL DEFAULT ''"
   ");"
   "CREATE TABLE decision_agreed ("
   "  workshop_id INTEGER NOT NULL REFERENCES decisions(workshop_id) ON DELETE CASCADE,"
   "  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,"
   "  PRIMARY KEY (workshop_id, participant_id)"
   ");"
   "CREATE INDEX decision_agreed_by_participant ON decision_agreed(participant_id);"),

  /* 7: a workshop keeps one identifier wherever it goes (a random UUID,
   * version 4), and a re-run names its predecessor's, so the link survives
   * bundles and imports in any order. rerun_of, a row id that no other
   * library shares, is carried over into previous and no longer written. */
  ("ALTER TABLE workshops ADD COLUMN uuid TEXT;"
   "ALTER TABLE workshops ADD COLUMN previous TEXT;"
   "UPDATE workshops SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'"
   " || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)"
   " || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));"
   "UPDATE workshops SET previous = (SELECT p.uuid FROM workshops p WHERE p.id = workshops.rerun_of)"
   " WHERE rerun_of IS NOT NULL;"
   "CREATE UNIQUE INDEX workshops_by_uuid ON workshops(uuid);"
   "CREATE INDEX workshops_by_previous ON workshops(previous);"),

  /* 8: what became of each action, and a re-run's review of the actions
   * its predecessor agreed, kept with the re-run (its own copy, so its
   * bundle carries it). Re-runs made before get their predecessor's
   * actions to review, as the re-run would have copied them. */
  ("ALTER TABLE actions ADD COLUMN status TEXT NOT NULL DEFAULT 'open'"
   " CHECK (status IN ('open', 'done', 'dropped'));"
   "ALTER TABLE actions ADD COLUMN outcome TEXT NOT NULL DEFAULT '';"
   "CREATE TABLE reviewed_actions ("
   "  id INTEGER PRIMARY KEY,"
   "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
   "  text TEXT NOT NULL,"
   "  owner TEXT NOT NULL DEFAULT '',"
   "  due TEXT,"
   "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),"
   "  outcome TEXT NOT NULL DEFAULT ''"
   ");"
   "CREATE INDEX reviewed_actions_by_workshop ON reviewed_actions(workshop_id);"
   "INSERT INTO reviewed_actions (workshop_id, text, owner, due)"
   " SELECT w.id, a.text, a.owner, a.due FROM workshops w"
   " JOIN workshops p ON p.uuid = w.previous JOIN actions a ON a.workshop_id = p.id"
   " ORDER BY w.id, a.id;"),

  /* 9: phones that vote (src/phones/). A workshop's join token and room
   * code; each phone's session, kept by a hash of its cookie, with the seat
   * it claimed (one phone a seat) and the idempotency key of the last ballot
   * it saved, written in the ballot's own commit. A restart keeps them. */
  ("CREATE TABLE phone_access ("
   "  workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,"
   "  token TEXT NOT NULL,"
   "  room_code TEXT NOT NULL,"
   "  seat_cap INTEGER,"
   "  joining INTEGER NOT NULL DEFAULT 1"
   ");"
   "CREATE TABLE phone_sessions ("
   "  id INTEGER PRIMARY KEY,"
   "  workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
   "  secret_hash TEXT NOT NULL UNIQUE,"
   "  participant_id INTEGER UNIQUE REFERENCES participants(id) ON DELETE SET NULL,"
   "  last_key TEXT,"
   "  last_round INTEGER,"
   "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
   ");"
   "CREATE INDEX phone_sessions_by_workshop ON phone_sessions(workshop_id);"),
};

int
cr_migrations_latest_version (void)
{
  return G_N_ELEMENTS (steps);
}

const char *
cr_migrations_get_step (int version)
{
  g_return_val_if_fail (version >= 1 && version <= (int) G_N_ELEMENTS (steps), NULL);

  return steps[version - 1];
}

gboolean
cr_migrations_apply (sqlite3  *db,
                     int       from_version,
                     GError  **error)
{
  return cr_migrations_apply_to (db, from_version, G_N_ELEMENTS (steps), error);
}

gboolean
cr_migrations_apply_to (sqlite3  *db,
                        int       from_version,
                        int       to_version,
                        GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from_version >= 0, FALSE);
  g_return_val_if_fail (to_version <= (int) G_N_ELEMENTS (steps), FALSE);

  for (int v = from_version + 1; v <= to_version; v++)
    {
      g_autofree char *pragma = NULL;
      char *message = NULL;

      if (sqlite3_exec (db, steps[v - 1], NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       /* Translators: %d is a schema version, %s SQLite's message */
                       _("Could not upgrade the library to version %d: %s"),
                       v, message ? message : "");
          sqlite3_free (message);
          return FALSE;
        }

      /* PRAGMA takes no bound parameters; v is our own integer. */
      pragma = g_strdup_printf ("PRAGMA user_version = %d", v);
      if (sqlite3_exec (db, pragma, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not upgrade the library to version %d: %s"),
                       v, message ? message : "");
          sqlite3_free (message);
          return FALSE;
        }
    }

  return TRUE;
}
