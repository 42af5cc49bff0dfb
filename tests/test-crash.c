/* test-crash.c: SIGKILL during imports never loses an acknowledged workshop
 *
 * Runs the real executable's --import against one library and kills it at
 * random moments. Every ID it printed before dying must be in the library,
 * whole, and the file must pass PRAGMA integrity_check.
 * CR_CRASH_KILLS sets the number of kills (default 40) for longer runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cr-store.h"
#include "cr-test-util.h"

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
read_all (int fd)
{
  GString *out = g_string_new (NULL);
  char buf[256];
  ssize_t n;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  return g_string_free (out, FALSE);
}

static void
test_kill_during_import (void)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  g_autofree char *db_path = cr_test_tmp_path ("crash.db");
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GArray) acknowledged = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *kills_env = g_getenv ("CR_CRASH_KILLS");
  guint kills = kills_env ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 40;
  guint finished = 0;
  gint64 expected_participants = -1, expected_votes = -1;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  g_assert_nonnull (exe);

  /* The library exists before the first kill, as it would on a laptop. */
  store = cr_store_open (db_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint i = 0; i < kills; i++)
    {
      const char *argv[] = { exe, "--database", db_path, "--import", bundle, NULL };
      g_autofree char *out = NULL;
      GPid pid;
      int out_fd, status;
      gulong delay;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Anywhere from start-up to after the commit. */
      delay = g_rand_int_range (rand, 0, 60000);
      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      out = read_all (out_fd);
      close (out_fd);
      if (out[0] != '\0')
        {
          gint64 id = g_ascii_strtoll (out, NULL, 10);

          g_assert_cmpint (id, >, 0);
          g_array_append_val (acknowledged, id);
        }
      if (WIFEXITED (status))
        finished++;
    }

  g_test_message ("%u kills, %u imports acknowledged, %u finished before the kill",
                  kills, acknowledged->len, finished);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  for (guint i = 0; i < acknowledged->len; i++)
    {
      gint64 id = g_array_index (acknowledged, gint64, i);
      gint64 participants, votes;

      g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops WHERE id = ?1", id), ==, 1);
      participants = query_int (db, "SELECT COUNT(*) FROM participants WHERE workshop_id = ?1", id);
      votes = query_int (db, "SELECT COUNT(*) FROM votes v JOIN rounds r ON r.id = v.round_id WHERE r.workshop_id = ?1", id);
      if (expected_participants < 0)
        {
          expected_participants = participants;
          expected_votes = votes;
        }
      g_assert_cmpint (participants, >, 0);
      g_assert_cmpint (participants, ==, expected_participants);
      g_assert_cmpint (votes, ==, expected_votes);
    }

  /* No import is ever half there: every workshop has all its parts. */
  if (expected_participants > 0)
    g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM workshops w WHERE"
                                    " (SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id) != ?1",
                                expected_participants), ==, 0);
  sqlite3_close (db);

  store = cr_store_open (db_path, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-during-import", test_kill_during_import);

  return g_test_run ();
}
