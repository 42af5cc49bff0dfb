/* cr-bench-sqlite-floor.c: the floor for a durable vote
 *
 *   cr-bench-sqlite-floor FILE N
 *
 * One raw INSERT and COMMIT at a time with the settings Crossroads uses
 * (journal_mode=WAL, synchronous=FULL), into a table shaped like votes.
 * Prints the time of each commit in microseconds, one per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static void
check (sqlite3    *db,
       int         rc,
       const char *doing)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_printerr ("cr-bench-sqlite-floor: %s: %s\n", doing, sqlite3_errmsg (db));
      exit (1);
    }
}

int
main (int   argc,
      char *argv[])
{
  sqlite3 *db = NULL;
  sqlite3_stmt *begin, *insert, *commit;
  guint64 n;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, 10000000, &n, NULL))
    {
      g_printerr ("usage: cr-bench-sqlite-floor FILE N\n");
      return 2;
    }

  check (db, sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL), "opening");
  check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), "journal_mode");
  check (db, sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL), "synchronous");
  check (db, sqlite3_exec (db, "CREATE TABLE IF NOT EXISTS votes (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL,"
                               " participant_id INTEGER, option TEXT NOT NULL, criterion TEXT, value INTEGER NOT NULL)",
                           NULL, NULL, NULL), "creating the table");

  check (db, sqlite3_prepare_v2 (db, "BEGIN IMMEDIATE", -1, &begin, NULL), "preparing");
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO votes (round_id, participant_id, option, criterion, value)"
                                     " VALUES (?, ?, ?, NULL, 1)", -1, &insert, NULL), "preparing");
  check (db, sqlite3_prepare_v2 (db, "COMMIT", -1, &commit, NULL), "preparing");

  for (guint64 i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();

      check (db, sqlite3_step (begin), "begin");
      sqlite3_reset (begin);
      sqlite3_bind_int64 (insert, 1, 1);
      sqlite3_bind_int64 (insert, 2, (gint64) (i % 200) + 1);
      sqlite3_bind_text (insert, 3, "px-as-a-product", -1, SQLITE_STATIC);
      check (db, sqlite3_step (insert), "insert");
      sqlite3_reset (insert);
      check (db, sqlite3_step (commit), "commit");
      sqlite3_reset (commit);
      printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
    }

  sqlite3_finalize (begin);
  sqlite3_finalize (insert);
  sqlite3_finalize (commit);
  sqlite3_close (db);
  return 0;
}
