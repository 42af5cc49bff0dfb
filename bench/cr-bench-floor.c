/* cr-bench-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "cr-bench-floor.h"

struct _CrBenchFloor
{
  sqlite3      *db;
  sqlite3_stmt *begin;
  sqlite3_stmt *insert;
  sqlite3_stmt *commit;
};

static void
check (sqlite3    *db,
       int         rc,
       const char *doing)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_printerr ("cr-bench: SQLite floor: %s: %s\n", doing, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      exit (1);
    }
}

CrBenchFloor *
cr_bench_floor_open (const char *path)
{
  CrBenchFloor *floor = g_new0 (CrBenchFloor, 1);
  sqlite3 *db;

  check (NULL, sqlite3_open_v2 (path, &floor->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL), "opening");
  db = floor->db;
  check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), "journal_mode");
  check (db, sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL), "synchronous");
  check (db, sqlite3_exec (db, "CREATE TABLE IF NOT EXISTS votes (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL,"
                               " participant_id INTEGER, option TEXT NOT NULL, criterion TEXT, value INTEGER NOT NULL)",
                           NULL, NULL, NULL), "creating the table");
  check (db, sqlite3_prepare_v2 (db, "BEGIN IMMEDIATE", -1, &floor->begin, NULL), "preparing");
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO votes (round_id, participant_id, option, criterion, value)"
                                     " VALUES (?, ?, ?, NULL, 1)", -1, &floor->insert, NULL), "preparing");
  check (db, sqlite3_prepare_v2 (db, "COMMIT", -1, &floor->commit, NULL), "preparing");
  return floor;
}

gint64
cr_bench_floor_commit (CrBenchFloor *floor,
                       guint         i)
{
  gint64 start = g_get_monotonic_time ();

  check (floor->db, sqlite3_step (floor->begin), "begin");
  sqlite3_reset (floor->begin);
  sqlite3_bind_int64 (floor->insert, 1, 1);
  sqlite3_bind_int64 (floor->insert, 2, (gint64) (i % 200) + 1);
  sqlite3_bind_text (floor->insert, 3, "px-as-a-product", -1, SQLITE_STATIC);
  check (floor->db, sqlite3_step (floor->insert), "insert");
  sqlite3_reset (floor->insert);
  check (floor->db, sqlite3_step (floor->commit), "commit");
  sqlite3_reset (floor->commit);
  return g_get_monotonic_time () - start;
}

void
cr_bench_floor_close (CrBenchFloor *floor)
{
  sqlite3_finalize (floor->begin);
  sqlite3_finalize (floor->insert);
  sqlite3_finalize (floor->commit);
  sqlite3_close (floor->db);
  g_free (floor);
}
