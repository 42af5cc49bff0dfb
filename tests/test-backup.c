/* test-backup.c: daily backups beside the library, rotation and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cr-backup.h"
#include "cr-bundle.h"
#include "cr-migrations.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

static CrWorkshop *
import_fixture (CrStore *store)
{
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = cr_bundle_import_file (store, bundle, &error);
  CrWorkshop *workshop;

  g_assert_no_error (error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  return workshop;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
count_in (const char *path,
          const char *table)
{
  return cr_test_count_rows (path, table);
}

static void
test_first_change_of_the_day (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = today ();
  g_autofree char *backup_day = NULL;
  g_autofree char *dir = cr_backup_get_dir (cr_store_get_path (store));
  g_autofree char *backup = NULL;

  /* Opening alone changes nothing and copies nothing. */
  backups = cr_backup_list (cr_store_get_path (store));
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  /* Neither does emptying a trash with nothing in it, as every start does. */
  g_assert_true (cr_workshop_purge_trash (store, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  workshop = import_fixture (store);
  backups = cr_backup_list (cr_store_get_path (store));
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_strdup (g_ptr_array_index (backups, 0));
  backup_day = cr_backup_get_day (backup);
  g_assert_cmpstr (backup_day, ==, day);
  /* The copy is the library as it was before the change: no workshop. */
  g_assert_cmpint (count_in (backup, "workshops"), ==, 0);
  g_assert_cmpint (count_in (cr_store_get_path (store), "workshops"), ==, 1);

  /* Later changes that day leave the copy as it is. */
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ana", "CPO", &error));
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = cr_backup_list (cr_store_get_path (store));
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "workshops"), ==, 0);

  /* One self-contained file: no journal beside it. */
  {
    g_autofree char *wal = g_strconcat (backup, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
remove_backups (const char *library_path)
{
  g_autoptr(GPtrArray) backups = cr_backup_list (library_path);

  for (guint i = 0; i < backups->len; i++)
    g_assert_cmpint (g_unlink (g_ptr_array_index (backups, i)), ==, 0);
}

/* Started when the window is up: the copy is made in a thread, and the
 * day's first change, waiting for it, still finds the library as it was. */
static void
test_in_background (void)
{
  g_autoptr(CrStore) first = cr_test_new_store ();
  g_autofree char *path = g_strdup (cr_store_get_path (first));
  g_autoptr(CrWorkshop) workshop = import_fixture (first);
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = today ();
  g_autofree char *backup_day = NULL;
  gint64 participants = count_in (path, "participants");
  gint64 id = cr_workshop_get_id (workshop);
  GStatBuf before, after;

  g_clear_object (&workshop);
  g_clear_object (&first);
  remove_backups (path);

  /* Started, then the day's first change at once. */
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  cr_store_start_backup (store);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ana", "CPO", &error));
  g_assert_no_error (error);

  backups = cr_backup_list (path);
  g_assert_cmpuint (backups->len, ==, 1);
  backup_day = cr_backup_get_day (g_ptr_array_index (backups, 0));
  g_assert_cmpstr (backup_day, ==, day);
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "participants"), ==, participants);
  g_assert_cmpint (count_in (path, "participants"), ==, participants + 1);
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "workshops"), ==, 1);

  /* Once made, starting again copies nothing. */
  g_assert_cmpint (g_stat (g_ptr_array_index (backups, 0), &before), ==, 0);
  cr_store_start_backup (store);
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ben", "CFO", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (g_ptr_array_index (backups, 0), &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "participants"), ==, participants);

  /* Started and never waited for: closing the library finishes it. */
  g_clear_object (&workshop);
  g_clear_object (&store);
  remove_backups (path);
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  cr_store_start_backup (store);
  g_clear_object (&store);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = cr_backup_list (path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "participants"), ==, participants + 2);
}

static void
test_rotation (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_fixture (store);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  const char *days[] = { "2026-01-03", "2026-01-01", "2026-01-09", "2026-01-02", "2026-01-05",
                         "2026-01-04", "2026-01-08", "2026-01-06", "2026-01-07" };

  /* Today's copy from the import counts too: clear it for a clean count. */
  backups = cr_backup_list (cr_store_get_path (store));
  for (guint i = 0; i < backups->len; i++)
    g_assert_cmpint (g_unlink (g_ptr_array_index (backups, i)), ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), days[i], &error));
      g_assert_no_error (error);
    }

  backups = cr_backup_list (cr_store_get_path (store));
  g_assert_cmpuint (backups->len, ==, CR_BACKUP_KEEP);
  for (guint i = 0; i < CR_BACKUP_KEEP; i++)
    {
      g_autofree char *day = cr_backup_get_day (g_ptr_array_index (backups, i));
      g_autofree char *expected = g_strdup_printf ("2026-01-%02u", 9 - i);

      g_assert_cmpstr (day, ==, expected);
      g_assert_cmpint (count_in (g_ptr_array_index (backups, i), "workshops"), ==, 1);
    }

  /* A day that has its copy keeps it: no second copy, no rewrite. */
  g_assert_true (cr_workshop_delete (store, cr_workshop_get_id (workshop), &error));
  g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), "2026-01-09", &error));
  g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "workshops"), ==, 1);
}

static void
test_restore (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_fixture (store);
  g_autofree char *path = g_strdup (cr_store_get_path (store));
  g_autofree char *before = cr_bundle_export_string (workshop);
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *dir = cr_backup_get_dir (path);
  g_autofree char *safety = NULL;
  g_autofree char *safety_name = NULL;
  gint64 id = cr_workshop_get_id (workshop);
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), "2026-02-01", &error));
  g_assert_no_error (error);
  backup = g_build_filename (dir, "crossroads-2026-02-01.db", NULL);

  /* The day goes on: a note, then the whole workshop is deleted. */
  g_assert_nonnull (cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, "Costly", 0, &error));
  g_assert_true (cr_workshop_delete (store, id, &error));
  g_clear_object (&workshop);
  g_assert_cmpint (count_in (path, "workshops"), ==, 0);

  g_assert_true (cr_store_restore_backup (store, backup, &safety, &error));
  g_assert_no_error (error);

  /* Opened again, the library is exactly the backup's. */
  g_clear_object (&store);
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  after = cr_bundle_export_string (workshop);
  g_assert_cmpstr (after, ==, before);

  /* And the library as it was before the restore was kept, in a dated
   * copy of its own beside the backups. */
  safety_name = g_path_get_basename (safety);
  g_assert_true (g_str_has_prefix (safety_name, "before-restore-"));
  g_assert_true (g_str_has_suffix (safety_name, ".db"));
  g_assert_cmpint (count_in (safety, "workshops"), ==, 0);

  /* Restoring that copy takes the restore back. */
  g_clear_object (&workshop);
  g_assert_true (cr_store_restore_backup (store, safety, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (path, "workshops"), ==, 0);
}

/* Runs the real executable; returns its exit status. */
static int
run_crossroads (const char * const *argv,
                char              **out,
                char              **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (args, (char *) g_getenv ("CROSSROADS_EXE"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  g_assert_nonnull (args->pdata[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* The files in the backup folder whose name starts with @prefix. */
static GPtrArray *
files_starting (const char *dir,
                const char *prefix)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  return files;
}

/* Restoring twice kept only the second "before" (by then the restored,
 * empty library): what the first restore replaced was gone. */
static void
test_restore_twice (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_fixture (store);
  g_autofree char *path = g_strdup (cr_store_get_path (store));
  g_autofree char *dir = cr_backup_get_dir (path);
  g_autoptr(GPtrArray) backups = cr_backup_list (path);
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *empty = NULL;
  const char *restore[] = { "--database", path, "--restore-backup", NULL, NULL };
  guint with_workshop = 0;

  /* Today's backup is the library before the import: empty. */
  g_assert_cmpuint (backups->len, ==, 1);
  empty = g_strdup (g_ptr_array_index (backups, 0));
  g_assert_cmpint (count_in (empty, "workshops"), ==, 0);
  g_clear_object (&workshop);
  g_clear_object (&store);

  restore[3] = empty;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_crossroads (restore, &out, &err), ==, 0);
      g_test_message ("%s", err);
    }
  g_assert_cmpint (count_in (path, "workshops"), ==, 0);

  /* One copy per restore, and the first holds what was there. */
  kept = files_starting (dir, "before-restore");
  g_assert_cmpuint (kept->len, ==, 2);
  for (guint i = 0; i < kept->len; i++)
    with_workshop += count_in (g_ptr_array_index (kept, i), "workshops") == 1;
  g_assert_cmpuint (with_workshop, ==, 1);
}

/* A file with Crossroads' application id and version and no tables was
 * restored, and every later command failed on it. */
static void
test_restore_refuses_empty_schema (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_fixture (store);
  g_autofree char *path = g_strdup (cr_store_get_path (store));
  g_autofree char *dir = cr_backup_get_dir (path);
  g_autofree char *hollow = g_build_filename (dir, "crossroads-2026-03-01.db", NULL);
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              CR_STORE_APPLICATION_ID, cr_migrations_latest_version ());
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *listed = NULL, *list_err = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  const char *restore[] = { "--database", path, "--restore-backup", hollow, NULL };
  const char *list[] = { "--database", path, "--list", NULL };
  sqlite3 *db = NULL;

  g_clear_object (&workshop);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (hollow, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragmas, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run_crossroads (restore, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "is not a whole Crossroads library: its table or index"));
  /* Refused before anything was copied or changed. */
  kept = files_starting (dir, "before-restore");
  g_assert_cmpuint (kept->len, ==, 0);
  g_assert_cmpint (run_crossroads (list, &listed, &list_err), ==, 0);
  g_assert_cmpuint (strlen (listed), >, 0);
  g_assert_cmpint (count_in (path, "workshops"), ==, 1);
}

/* A backup with every table and index, but with a trigger, a view or a
 * table or index defined otherwise, restored with exit 0: a trigger that
 * deleted the other workshops ran on the next import, and a changed CHECK
 * refused every later note. */
static void
test_restore_refuses_changed_schema (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  const char *path = cr_store_get_path (store);
  g_autofree char *dir = cr_backup_get_dir (path);
  g_autofree char *backup = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *kept_path = NULL;
  const char *changes[] = {
    "CREATE TRIGGER wipe AFTER INSERT ON workshops BEGIN DELETE FROM workshops WHERE id <> NEW.id; END;",
    "CREATE VIEW titles AS SELECT title FROM workshops;",
    "DROP INDEX notes_by_workshop; CREATE UNIQUE INDEX notes_by_workshop ON notes(workshop_id, id);",
    "DROP INDEX notes_by_workshop; CREATE INDEX notes_by_workshop ON notes(kind);",
    "PRAGMA writable_schema = ON;"
    " UPDATE sqlite_master SET sql = replace (sql, 'text TEXT NOT NULL', 'text TEXT NOT NULL CHECK (length (text) < 3)')"
    " WHERE name = 'notes';",
  };

  g_object_unref (import_fixture (store));
  g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), "2026-03-01", &error));
  g_assert_no_error (error);
  backup = g_build_filename (dir, "crossroads-2026-03-01.db", NULL);
  whole = cr_test_read_file (backup);
  g_assert_nonnull (whole);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *name = g_strdup_printf ("changed-%u.db", i);
      g_autofree char *changed = g_build_filename (dir, name, NULL);
      sqlite3 *db = NULL;

      g_assert_true (g_file_set_contents (changed, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole), NULL));
      g_assert_cmpint (sqlite3_open (changed, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, changes[i], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      g_assert_false (cr_store_restore_backup (store, changed, NULL, &error));
      g_test_message ("%s: %s", changes[i], error->message);
      g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
      g_assert_nonnull (strstr (error->message, "is not a whole Crossroads library"));
      g_clear_error (&error);
    }

  /* Refused before anything was copied or changed; the backup as it was
   * made restores. */
  kept = files_starting (dir, "before-restore");
  g_assert_cmpuint (kept->len, ==, 0);
  g_assert_cmpint (count_in (path, "workshops"), ==, 1);
  g_assert_true (cr_store_restore_backup (store, backup, &kept_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_in (path, "workshops"), ==, 1);
}

/* Three processes making the day's first change at once all wrote the
 * same ".part" file, and most days no backup was left. */
static void
test_concurrent_first_changes (void)
{
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autofree char *day = today ();

  for (guint trial = 0; trial < 10; trial++)
    {
      g_autoptr(CrStore) store = cr_test_new_store ();
      g_autoptr(CrWorkshop) workshop = import_fixture (store);
      g_autofree char *path = g_strdup (cr_store_get_path (store));
      g_autofree char *dir = cr_backup_get_dir (path);
      g_autoptr(GPtrArray) backups = NULL;
      g_autoptr(GPtrArray) parts = NULL;
      g_autofree char *backup_day = NULL;
      const char *argv[] = { g_getenv ("CROSSROADS_EXE"), "--database", path, "--import", bundle, NULL };
      GPid pids[3];

      g_clear_object (&workshop);
      g_clear_object (&store);
      remove_backups (path);

      for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                        G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                        NULL, NULL, &pids[i], &error));
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
        {
          int status;

          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_spawn_close_pid (pids[i]);
          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
        }

      /* One backup today, whole, of the library before any of the three
       * imports; no temporary copy left behind. */
      backups = cr_backup_list (path);
      g_assert_cmpuint (backups->len, ==, 1);
      backup_day = cr_backup_get_day (g_ptr_array_index (backups, 0));
      g_assert_cmpstr (backup_day, ==, day);
      g_assert_cmpint (count_in (g_ptr_array_index (backups, 0), "workshops"), ==, 1);
      g_assert_cmpint (count_in (path, "workshops"), ==, 4);
      parts = files_starting (dir, "crossroads-");
      g_assert_cmpuint (parts->len, ==, 1);
    }
}

/* Backups dated after today (the clock was once ahead) made today's copy
 * the oldest by name, and it was removed as soon as it was made. */
static void
test_future_dated_backups (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autofree char *path = g_strdup (cr_store_get_path (store));
  g_autofree char *dir = cr_backup_get_dir (path);
  g_autofree char *day = today ();
  g_autofree char *todays = g_strdup_printf ("%s/crossroads-%s.db", dir, day);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;

  /* The import makes today's copy; seven copies of it dated in the year
   * 2099 take its place. */
  workshop = import_fixture (store);
  g_assert_nonnull (workshop);
  copy = cr_test_read_file (todays);
  g_assert_nonnull (copy);
  g_assert_cmpint (g_unlink (todays), ==, 0);
  for (guint i = 1; i <= CR_BACKUP_KEEP; i++)
    {
      g_autofree char *future = g_strdup_printf ("%s/crossroads-2099-01-%02u.db", dir, i);

      g_assert_true (g_file_set_contents (future, g_bytes_get_data (copy, NULL), g_bytes_get_size (copy), NULL));
    }

  g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), day, &error));
  g_assert_no_error (error);

  /* Today's copy stays, listed first; the future ones come after it, and
   * the first to go is one of them. */
  g_assert_true (g_file_test (todays, G_FILE_TEST_IS_REGULAR));
  backups = cr_backup_list (path);
  g_assert_cmpuint (backups->len, ==, CR_BACKUP_KEEP);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, todays);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (backups, 1), "crossroads-2099-01-07.db"));
}

static void
test_restore_refuses (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_fixture (store);
  g_autofree char *text = cr_test_tmp_path ("notes.db");
  g_autofree char *title = g_strdup (cr_workshop_get_title (workshop));
  gint64 id = cr_workshop_get_id (workshop);
  g_autofree char *other = cr_test_tmp_path ("other.db");
  g_autofree char *pipe = cr_test_tmp_path ("pipe.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "not a database at all", -1, NULL));
  g_assert_false (cr_store_restore_backup (store, text, NULL, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_clear_error (&error);

  /* Some other program's SQLite file. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (cr_store_restore_backup (store, other, NULL, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, other));
  g_clear_error (&error);

  /* A named pipe no one writes to: SQLite waited on it for ever. */
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_assert_false (cr_store_restore_backup (store, pipe, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, pipe));
  g_assert_nonnull (strstr (error->message, "not an ordinary file"));

  /* Nothing happened to the library. */
  g_assert_cmpint (count_in (cr_store_get_path (store), "workshops"), ==, 1);
  g_clear_object (&workshop);
  g_clear_error (&error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_title (workshop), ==, title);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/first-change-of-the-day", test_first_change_of_the_day);
  g_test_add_func ("/backup/in-background", test_in_background);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-refuses", test_restore_refuses);
  g_test_add_func ("/backup/restore-twice", test_restore_twice);
  g_test_add_func ("/backup/restore-refuses-empty-schema", test_restore_refuses_empty_schema);
  g_test_add_func ("/backup/restore-refuses-changed-schema", test_restore_refuses_changed_schema);
  g_test_add_func ("/backup/concurrent-first-changes", test_concurrent_first_changes);
  g_test_add_func ("/backup/future-dated", test_future_dated_backups);

  return g_test_run ();
}
