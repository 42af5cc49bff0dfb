/* test-backup.c: daily backups beside the library, rotation and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cr-backup.h"
#include "cr-bundle.h"
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
      g_assert_true (cr_backup_ensure (store, days[i], &error));
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
  g_assert_true (cr_backup_ensure (store, "2026-01-09", &error));
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
  g_autofree char *safety = g_build_filename (dir, "before-restore.db", NULL);
  gint64 id = cr_workshop_get_id (workshop);
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_backup_ensure (store, "2026-02-01", &error));
  g_assert_no_error (error);
  backup = g_build_filename (dir, "crossroads-2026-02-01.db", NULL);

  /* The day goes on: a note, then the whole workshop is deleted. */
  g_assert_nonnull (cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_RISK, "Costly", 0, &error));
  g_assert_true (cr_workshop_delete (store, id, &error));
  g_clear_object (&workshop);
  g_assert_cmpint (count_in (path, "workshops"), ==, 0);

  g_assert_true (cr_backup_restore (store, backup, &error));
  g_assert_no_error (error);

  /* Opened again, the library is exactly the backup's. */
  g_clear_object (&store);
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  after = cr_bundle_export_string (workshop);
  g_assert_cmpstr (after, ==, before);

  /* And the library as it was before the restore was kept. */
  g_assert_cmpint (count_in (safety, "workshops"), ==, 0);

  /* Restoring that copy takes the restore back. */
  g_clear_object (&workshop);
  g_assert_true (cr_backup_restore (store, safety, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (path, "workshops"), ==, 0);
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
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "not a database at all", -1, NULL));
  g_assert_false (cr_backup_restore (store, text, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_clear_error (&error);

  /* Some other program's SQLite file. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (cr_backup_restore (store, other, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, other));

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

  return g_test_run ();
}
