/* cr-workshop-rows.c: the SQL rows a workshop is stored in, one insert each
 *
 * Shared by CrWorkshop and the importer (cr-bundle.c); each runs inside the
 * caller's transaction and touches only the database, never a loaded
 * CrWorkshop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"

/* ---------------------------------------------------------------------- */
/* Row-level writes                                                        */

void
_cr_workshop_bind_text_or_null (sqlite3_stmt *stmt,
                                int           index,
                                const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_cr_workshop_bind_id_or_null (sqlite3_stmt *stmt,
                              int           index,
                              gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static gint64
insert_returning_id (CrStore       *store,
                     sqlite3_stmt  *stmt,
                     const char    *doing,
                     GError       **error)
{
  if (!cr_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cr_store_get_db (store));
}

gint64
_cr_store_insert_workshop (CrStore     *store,
                           gint64       id,
                           const char  *title,
                           const char  *organisation,
                           const char  *facilitator,
                           const char  *date,
                           const char  *function_name,
                           const char  *template_id,
                           const char  *template_json,
                           const char  *uuid,
                           const char  *previous,
                           GError     **error)
{
  g_autofree char *fresh = NULL;
  sqlite3_stmt *stmt;

  if (uuid == NULL)
    uuid = fresh = g_uuid_string_random ();

  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (id, title, organisation, facilitator, date,"
                           " function_name, template_id, template_json, uuid, previous)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, facilitator ? facilitator : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, function_name ? function_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, template_id, -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_text_or_null (stmt, 8, template_json);
  sqlite3_bind_text (stmt, 9, uuid, -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_text_or_null (stmt, 10, previous);
  return insert_returning_id (store, stmt, _("saving the workshop"), error);
}

gint64
_cr_store_find_workshop_by_uuid (CrStore     *store,
                                 const char  *uuid,
                                 gboolean    *trashed,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = cr_store_prepare (store, "SELECT id, trashed FROM workshops WHERE uuid = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (trashed != NULL)
        *trashed = sqlite3_column_int (stmt, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      cr_store_set_error (store, error, _("reading the workshop"));
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static void
bind_context_value (sqlite3_stmt         *stmt,
                    int                   index,
                    const CrContextValue *value)
{
  /* The column has no type affinity: numbers stay numbers, text stays text. */
  if (!value->is_number)
    sqlite3_bind_text (stmt, index, value->text ? value->text : "", -1, SQLITE_TRANSIENT);
  else if (value->number == floor (value->number) && fabs (value->number) < 9.0e15)
    sqlite3_bind_int64 (stmt, index, (gint64) value->number);
  else
    sqlite3_bind_double (stmt, index, value->number);
}

gboolean
_cr_store_insert_context (CrStore               *store,
                          gint64                 workshop_id,
                          const char            *field_id,
                          const CrContextValue  *value,
                          GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT OR REPLACE INTO context_answers (workshop_id, field, value)"
                           " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, field_id, -1, SQLITE_TRANSIENT);
  bind_context_value (stmt, 3, value);
  return cr_store_step_done (store, stmt, error);
}

/* The rows below take an id: 0 lets SQLite choose one; undo passes the id a
 * deleted row had, so everything that referred to it finds it again. */
gint64
_cr_workshop_insert_participant_row (CrStore     *store,
                                     gint64       id,
                                     gint64       workshop_id,
                                     const char  *key,
                                     const char  *name,
                                     const char  *role,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO participants (id, workshop_id, key, name, role)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_text_or_null (stmt, 4, name);
  sqlite3_bind_text (stmt, 5, role ? role : "", -1, SQLITE_TRANSIENT);
  return insert_returning_id (store, stmt, _("saving a participant"), error);
}

gint64
_cr_store_insert_participant (CrStore     *store,
                              gint64       workshop_id,
                              const char  *key,
                              const char  *name,
                              const char  *role,
                              GError     **error)
{
  return _cr_workshop_insert_participant_row (store, 0, workshop_id, key, name, role, error);
}

gint64
_cr_workshop_insert_note_row (CrStore     *store,
                              gint64       id,
                              gint64       workshop_id,
                              const char  *option_id,
                              CrNoteKind   kind,
                              const char  *text,
                              gint64       participant_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO notes (id, workshop_id, option, kind, text, participant_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, option_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, cr_note_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_id_or_null (stmt, 6, participant_id);
  return insert_returning_id (store, stmt, _("saving a note"), error);
}

gint64
_cr_store_insert_note (CrStore     *store,
                       gint64       workshop_id,
                       const char  *option_id,
                       CrNoteKind   kind,
                       const char  *text,
                       gint64       participant_id,
                       GError     **error)
{
  return _cr_workshop_insert_note_row (store, 0, workshop_id, option_id, kind, text, participant_id, error);
}

gint64
_cr_workshop_insert_round_row (CrStore     *store,
                               gint64       id,
                               gint64       workshop_id,
                               const char  *question_id,
                               guint        number,
                               gboolean     revealed,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO rounds (id, workshop_id, question, number, revealed)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, question_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, number);
  sqlite3_bind_int (stmt, 5, revealed ? 1 : 0);
  return insert_returning_id (store, stmt, _("opening a round"), error);
}

gint64
_cr_store_insert_round (CrStore     *store,
                        gint64       workshop_id,
                        const char  *question_id,
                        guint        number,
                        gboolean     revealed,
                        GError     **error)
{
  return _cr_workshop_insert_round_row (store, 0, workshop_id, question_id, number, revealed, error);
}

gboolean
_cr_workshop_insert_vote_row (CrStore       *store,
                              gint64         id,
                              gint64         round_id,
                              const CrVote  *vote,
                              GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO votes (id, round_id, participant_id, option, criterion, value)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, round_id);
  _cr_workshop_bind_id_or_null (stmt, 3, vote->participant_id);
  sqlite3_bind_text (stmt, 4, vote->option, -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_text_or_null (stmt, 5, vote->criterion);
  sqlite3_bind_int (stmt, 6, vote->value);
  return cr_store_step_done (store, stmt, error);
}

gboolean
_cr_store_insert_vote (CrStore       *store,
                       gint64         round_id,
                       const CrVote  *vote,
                       GError       **error)
{
  return _cr_workshop_insert_vote_row (store, 0, round_id, vote, error);
}

/* An action, or with @reviewed one of last time's actions in a re-run's review. */
gint64
_cr_workshop_insert_action_row (CrStore         *store,
                                gboolean         reviewed,
                                gint64           id,
                                gint64           workshop_id,
                                const char      *text,
                                const char      *owner,
                                const char      *due,
                                CrActionStatus   status,
                                const char      *outcome,
                                GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           reviewed
                           ? "INSERT INTO reviewed_actions (id, workshop_id, text, owner, due, status, outcome)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                           : "INSERT INTO actions (id, workshop_id, text, owner, due, status, outcome)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  _cr_workshop_bind_id_or_null (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, workshop_id);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, owner ? owner : "", -1, SQLITE_TRANSIENT);
  _cr_workshop_bind_text_or_null (stmt, 5, due);
  sqlite3_bind_text (stmt, 6, cr_action_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, outcome ? outcome : "", -1, SQLITE_TRANSIENT);
  return insert_returning_id (store, stmt, _("saving an action"), error);
}

gint64
_cr_store_insert_action (CrStore         *store,
                         gboolean         reviewed,
                         gint64           workshop_id,
                         const char      *text,
                         const char      *owner,
                         const char      *due,
                         CrActionStatus   status,
                         const char      *outcome,
                         GError         **error)
{
  return _cr_workshop_insert_action_row (store, reviewed, 0, workshop_id, text, owner, due, status, outcome, error);
}

gboolean
_cr_store_insert_decision (CrStore           *store,
                           gint64             workshop_id,
                           const CrDecision  *decision,
                           GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO decisions (workshop_id, start_with, aim_for, rationale)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  _cr_workshop_bind_text_or_null (stmt, 2, decision->start_with);
  _cr_workshop_bind_text_or_null (stmt, 3, decision->aim_for);
  sqlite3_bind_text (stmt, 4, decision->rationale ? decision->rationale : "", -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < decision->agreed->len; i++)
    {
      stmt = cr_store_prepare (store,
                               "INSERT INTO decision_agreed (workshop_id, participant_id)"
                               " VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, workshop_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (decision->agreed, gint64, i));
      if (!cr_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_cr_store_insert_step_state (CrStore     *store,
                             gint64       workshop_id,
                             const char  *step_id,
                             gboolean     marked,
                             gint64       elapsed,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO step_states (workshop_id, step, done, elapsed)"
                           " VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT (workshop_id, step)"
                           " DO UPDATE SET done = excluded.done, elapsed = excluded.elapsed", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, step_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, marked ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, elapsed);
  return cr_store_step_done (store, stmt, error);
}

gboolean
_cr_store_set_current_step (CrStore     *store,
                            gint64       workshop_id,
                            const char  *step_id,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store, "UPDATE workshops SET current_step = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, step_id, -1, SQLITE_TRANSIENT);
  return cr_store_step_done (store, stmt, error);
}
