/* test-store.c: the SQLite file, its migrations and its refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-migrations.h"
#include "cr-store.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
pragma_text (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A library as the given schema version of Crossroads left it. */
static char *
make_library_at_version (int version)
{
  char *path = cr_test_tmp_path ("old.db");
  g_autofree char *pragma = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  pragma = g_strdup_printf ("PRAGMA application_id = %d", CR_STORE_APPLICATION_ID);
  exec_or_die (db, pragma);
  for (int v = 1; v <= version; v++)
    exec_or_die (db, cr_migrations_get_step (v));
  g_free (pragma);
  pragma = g_strdup_printf ("PRAGMA user_version = %d", version);
  exec_or_die (db, pragma);
  exec_or_die (db, "INSERT INTO workshops (title, organisation, date, template_id)"
                   " VALUES ('Kick-off', 'Acme', '2024-05-01', 'people-product-models')");
  /* From version 7, Crossroads gives every workshop its UUID. */
  if (version >= 7)
    exec_or_die (db, "UPDATE workshops SET uuid = '0f8fad5b-d9cb-469f-a165-70867728950e'");
  exec_or_die (db, "INSERT INTO participants (workshop_id, key, name) VALUES (1, 'p1', 'Ana')");
  sqlite3_close (db);
  return path;
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = cr_test_read_file (path);

  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_new_library (void)
{
  g_autofree char *path = cr_test_tmp_path ("new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autofree char *journal = NULL;
  sqlite3 *db;

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (cr_store_get_schema_version (store), ==, cr_migrations_latest_version ());
  g_assert_cmpstr (cr_store_get_path (store), ==, path);

  /* The durability settings, read back from the connection that writes. */
  db = cr_store_get_db (store);
  journal = pragma_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (pragma_int (db, "PRAGMA synchronous"), ==, 2 /* FULL */);
  g_assert_cmpint (pragma_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (db, "PRAGMA application_id"), ==, CR_STORE_APPLICATION_ID);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, cr_migrations_latest_version ());

  /* Recording a vote replaces one participant's votes in one round: SQLite
   * finds them through the index on both, whatever else the library holds. */
  {
    sqlite3_stmt *stmt = NULL;
    gboolean both = FALSE;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN DELETE FROM votes"
                                             " WHERE round_id = 1 AND participant_id IS 2",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      both |= strstr ((const char *) sqlite3_column_text (stmt, 3),
                      "votes_by_round_participant (round_id=? AND participant_id=?)") != NULL;
    sqlite3_finalize (stmt);
    g_assert_true (both);
  }
}

/* The titles `crossroads --list` sees from another process. */
static char *
list_from_another_process (const char *path)
{
  const char *exe = g_getenv ("CROSSROADS_EXE");
  const char *argv[] = { exe, "--database", path, "--list", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (exe);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Anything in this process reading the library through another descriptor
 * (GTK's file chooser guessing its type) drops SQLite's POSIX locks. Then a
 * second process used to take itself for the last user and delete the
 * write-ahead log, and every later change went to a deleted file. */
static void
test_locks_survive_other_descriptors (void)
{
  g_autofree char *path = cr_test_tmp_path ("guarded.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  exec_or_die (cr_store_get_db (store),
               "INSERT INTO workshops (title, organisation, date, template_id)"
               " VALUES ('Before', 'Acme', '2024-05-01', 'people-product-models')");

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  g_assert_no_error (error);

  before = list_from_another_process (path);
  g_assert_nonnull (strstr (before, "Before"));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  exec_or_die (cr_store_get_db (store),
               "INSERT INTO workshops (title, organisation, date, template_id)"
               " VALUES ('After', 'Acme', '2024-05-02', 'people-product-models')");
  after = list_from_another_process (path);
  g_assert_nonnull (strstr (after, "After"));

  /* Closed by its last user, the library is again one file to copy. */
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = cr_test_tmp_path ("reopen.db");
  g_autoptr(GError) error = NULL;
  CrStore *store;

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cr_store_begin (store, &error));
  exec_or_die (cr_store_get_db (store),
               "INSERT INTO workshops (title, organisation, date, template_id)"
               " VALUES ('A', 'B', '2024-01-01', 'people-product-models')");
  g_assert_true (cr_store_commit (store, &error));
  g_assert_no_error (error);

  /* Committed means visible to another connection at once. */
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
  g_object_unref (store);

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
  g_object_unref (store);
}

static void
test_empty_file_becomes_library (void)
{
  g_autofree char *path = cr_test_tmp_path ("empty.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_store_get_schema_version (store), ==, cr_migrations_latest_version ());
}

static void
test_migrate_from_every_version (void)
{
  for (int v = 1; v < cr_migrations_latest_version (); v++)
    {
      g_autofree char *path = make_library_at_version (v);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrStore) store = NULL;
      sqlite3 *db;

      store = cr_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cr_store_get_schema_version (store), ==, cr_migrations_latest_version ());

      db = cr_store_get_db (store);
      g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, cr_migrations_latest_version ());
      /* What the older version wrote is still there... */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM workshops WHERE title = 'Kick-off'"), ==, 1);
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM participants WHERE name = 'Ana'"), ==, 1);
      /* ...and what version 2 added works on it. */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM workshops WHERE rerun_of IS NULL"), ==, 1);
      /* ...and version 3: nothing old is in the trash, progress has a table. */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM workshops WHERE trashed = 0"), ==, 1);
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM step_states"), ==, 0);
      /* ...and version 4: one index finds a participant's votes in a round. */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'votes_by_round_participant'"), ==, 1);
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'votes_by_round'"), ==, 0);
      /* ...and version 5: no workshop has a step to reopen on yet. */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM workshops WHERE current_step IS NULL"), ==, 1);
      /* ...and version 6: the workshop written before takes a decision. */
      {
        g_autoptr(CrWorkshop) workshop = cr_workshop_load (store, 1, &error);
        g_autoptr(CrWorkshop) again = NULL;
        g_autoptr(CrDecision) decision = cr_decision_new ();
        CrParticipant *ana;

        g_assert_no_error (error);
        g_assert_null (cr_workshop_get_decision (workshop));
        ana = g_list_model_get_item (cr_workshop_get_participants (workshop), 0);
        cr_decision_set_agreed (decision, cr_participant_get_id (ana), TRUE);
        g_object_unref (ana);
        decision->start_with = g_strdup ("projects-as-products");
        g_assert_true (cr_workshop_set_decision (workshop, decision, &error));
        g_assert_no_error (error);
        again = cr_workshop_load (store, 1, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (cr_workshop_get_decision (again)->start_with, ==, "projects-as-products");
        g_assert_cmpuint (cr_workshop_get_decision (again)->agreed->len, ==, 1);
        /* ...and version 7: it has an identifier of its own. */
        g_assert_true (g_uuid_string_is_valid (cr_workshop_get_uuid (again)));
        g_assert_null (cr_workshop_get_previous_uuid (again));
      }
      /* ...and version 9: no phone has joined it yet. */
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM phone_access"), ==, 0);
      g_assert_cmpint (pragma_int (db, "SELECT COUNT(*) FROM phone_sessions"), ==, 0);
    }
}

/* A library of version 6 (re-runs linked by row id) gives every workshop
 * a UUID of its own, version 4, and turns each link into its predecessor's
 * UUID, which a bundle carries. */
static void
test_migrate_rerun_links (void)
{
  g_autofree char *path = make_library_at_version (6);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(CrWorkshop) other = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CrWorkshop *all[3];
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "INSERT INTO workshops (id, title, organisation, date, template_id, rerun_of)"
                   " VALUES (2, 'Autumn', 'Acme', '2024-11-01', 'people-product-models', 1),"
                   "        (3, 'Other', 'Initech', '2024-06-01', 'people-product-models', NULL)");
  sqlite3_close (db);

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  first = cr_workshop_load (store, 1, &error);
  g_assert_no_error (error);
  rerun = cr_workshop_load (store, 2, &error);
  g_assert_no_error (error);
  other = cr_workshop_load (store, 3, &error);
  g_assert_no_error (error);

  all[0] = first, all[1] = rerun, all[2] = other;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *uuid = cr_workshop_get_uuid (all[i]);

      g_assert_true (g_uuid_string_is_valid (uuid));
      /* Version 4, variant 1, in lower case as Crossroads writes them. */
      g_assert_cmpint (uuid[14], ==, '4');
      g_assert_nonnull (strchr ("89ab", uuid[19]));
      for (const char *c = uuid; *c != '\0'; c++)
        g_assert_false (g_ascii_isupper (*c));
      g_assert_false (g_hash_table_contains (seen, uuid));
      g_hash_table_add (seen, (gpointer) uuid);
    }

  g_assert_cmpstr (cr_workshop_get_previous_uuid (rerun), ==, cr_workshop_get_uuid (first));
  g_assert_cmpint (cr_workshop_get_rerun_of (rerun), ==, 1);
  g_assert_null (cr_workshop_get_previous_uuid (first));
  g_assert_null (cr_workshop_get_previous_uuid (other));
  g_assert_cmpint (cr_workshop_get_rerun_of (other), ==, 0);
}

/* A library of version 7 (actions without a status) keeps its actions,
 * each open with nothing said of it, and a re-run made then gets its
 * predecessor's actions to review, in their order; the other workshops
 * have none to review. */
static void
test_migrate_action_review (void)
{
  g_autofree char *path = make_library_at_version (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) first = NULL;
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(CrAction) action = NULL;
  GListModel *review;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "INSERT INTO workshops (id, title, organisation, date, template_id, uuid, previous)"
                   " VALUES (2, 'Autumn', 'Acme', '2024-11-01', 'people-product-models',"
                   "         '7c9e6679-7425-40de-944b-e07fc1f90ae7', '0f8fad5b-d9cb-469f-a165-70867728950e');"
                   "INSERT INTO actions (workshop_id, text, owner, due) VALUES"
                   " (1, 'Run two pilots', 'Ana', '2024-06-30'), (1, 'Hire a designer', '', NULL),"
                   " (2, 'Report back', 'Ben', NULL)");
  sqlite3_close (db);

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  first = cr_workshop_load (store, 1, &error);
  g_assert_no_error (error);
  rerun = cr_workshop_load (store, 2, &error);
  g_assert_no_error (error);

  action = g_list_model_get_item (cr_workshop_get_actions (first), 0);
  g_assert_cmpint (cr_action_get_status (action), ==, CR_ACTION_OPEN);
  g_assert_cmpstr (cr_action_get_outcome (action), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_review (first)), ==, 0);

  review = cr_workshop_get_review (rerun);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 2);
  g_clear_object (&action);
  action = g_list_model_get_item (review, 0);
  g_assert_cmpstr (cr_action_get_text (action), ==, "Run two pilots");
  g_assert_cmpstr (cr_action_get_owner (action), ==, "Ana");
  g_assert_cmpstr (cr_action_get_due (action), ==, "2024-06-30");
  g_assert_cmpint (cr_action_get_status (action), ==, CR_ACTION_OPEN);
  g_clear_object (&action);
  action = g_list_model_get_item (review, 1);
  g_assert_cmpstr (cr_action_get_text (action), ==, "Hire a designer");
  g_assert_null (cr_action_get_due (action));

  /* The re-run's agenda starts with the review, before the context. */
  g_assert_cmpstr (cr_workshop_get_step (rerun, 1)->id, ==, CR_AGENDA_REVIEW);
  g_assert_cmpstr (cr_workshop_get_step (rerun, 2)->id, ==, "context");
  g_assert_cmpint (cr_workshop_find_step (first, CR_AGENDA_REVIEW), ==, -1);
}

/* A library of version 4 (before workshops remembered their step) keeps each
 * step's done mark and time spent, and starts remembering the step. */
static void
test_migrate_step_progress (void)
{
  g_autofree char *path = make_library_at_version (4);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "INSERT INTO step_states (workshop_id, step, done, elapsed) VALUES"
                   " (1, 'setup', 1, 300), (1, 'context', 0, 754)");
  sqlite3_close (db);

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  workshop = cr_workshop_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cr_workshop_get_step_done (workshop, "setup"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "setup"), ==, 300);
  g_assert_false (cr_workshop_get_step_done (workshop, "context"));
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, 754);
  g_assert_null (cr_workshop_get_current_step (workshop));

  g_assert_true (cr_workshop_set_current_step (workshop, "context", &error));
  g_assert_no_error (error);
  g_clear_object (&workshop);
  workshop = cr_workshop_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_current_step (workshop), ==, "context");
  g_assert_cmpint (cr_workshop_get_step_elapsed (workshop, "context"), ==, 754);
}

static void
test_refuse_not_sqlite (void)
{
  g_autofree char *path = cr_test_tmp_path ("notes.txt");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  const char *text = "Shopping list:\n- milk\n- bread\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  before = cr_test_read_file (path);

  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, path));
  assert_file_unchanged (path, before);
}

static void
test_refuse_foreign_sqlite (void)
{
  g_autofree char *path = cr_test_tmp_path ("other.db");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  sqlite3_close (db);
  before = cr_test_read_file (path);

  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  assert_file_unchanged (path, before);
}

static void
test_refuse_other_application_id (void)
{
  g_autofree char *path = cr_test_tmp_path ("app.db");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA application_id = 1234; PRAGMA user_version = 1;");
  sqlite3_close (db);
  before = cr_test_read_file (path);

  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  assert_file_unchanged (path, before);
}

static void
test_refuse_newer_version (void)
{
  g_autofree char *path = make_library_at_version (cr_migrations_latest_version ());
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  before = cr_test_read_file (path);

  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_TOO_NEW);
  expected = g_strdup_printf ("version 99");
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "Update Crossroads"));
  assert_file_unchanged (path, before);
}

static void
test_refuse_directory_and_missing_folder (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nowhere", "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;

  store = cr_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);
  g_clear_error (&error);

  store = cr_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_rollback_leaves_nothing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (cr_store_begin (store, &error));
  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (title, organisation, date, template_id)"
                           " VALUES (?1, 'Org', '2024-01-01', 'people-product-models')", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "Robert'); DROP TABLE workshops; --", -1, SQLITE_STATIC);
  g_assert_true (cr_store_step_done (store, stmt, &error));
  cr_store_rollback (store);

  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 0);

  /* Bound parameters store hostile text as text. */
  g_assert_true (cr_store_begin (store, &error));
  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (title, organisation, date, template_id)"
                           " VALUES (?1, 'Org', '2024-01-01', 'people-product-models')", &error);
  sqlite3_bind_text (stmt, 1, "Robert'); DROP TABLE workshops; --", -1, SQLITE_STATIC);
  g_assert_true (cr_store_step_done (store, stmt, &error));
  g_assert_true (cr_store_commit (store, &error));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 1);
}

static gint64
insert_workshop (CrStore    *store,
                 const char *title)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (title, organisation, date, template_id)"
                           " VALUES (?1, 'Org', '2024-01-01', 'people-product-models')", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  g_assert_true (cr_store_step_done (store, stmt, &error));
  return sqlite3_last_insert_rowid (cr_store_get_db (store));
}

/* A change begun inside another is kept or undone on its own, and nothing
 * reaches the file before the outermost commit. */
static void
test_nested_changes (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  const char *path = cr_store_get_path (store);

  g_assert_true (cr_store_begin (store, &error));
  insert_workshop (store, "outer");
  g_assert_true (cr_store_begin (store, &error));
  g_assert_no_error (error);
  insert_workshop (store, "kept");
  g_assert_true (cr_store_commit (store, &error));
  g_assert_true (cr_store_in_transaction (store));
  g_assert_true (cr_store_begin (store, &error));
  insert_workshop (store, "undone");
  cr_store_rollback (store);
  g_assert_true (cr_store_in_transaction (store));
  /* Another connection sees nothing yet. */
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 0);
  g_assert_true (cr_store_commit (store, &error));
  g_assert_false (cr_store_in_transaction (store));
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 2);

  /* Undoing the outer change undoes the nested one it kept. */
  g_assert_true (cr_store_begin (store, &error));
  g_assert_true (cr_store_begin (store, &error));
  insert_workshop (store, "gone with the outer");
  g_assert_true (cr_store_commit (store, &error));
  cr_store_rollback (store);
  g_assert_false (cr_store_in_transaction (store));
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 2);
}

static void
test_busy_library (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another process holds the write lock for longer than we wait. */
  g_assert_cmpint (sqlite3_open (cr_store_get_path (store), &other), ==, SQLITE_OK);
  exec_or_die (other, "BEGIN IMMEDIATE");
  sqlite3_busy_timeout (cr_store_get_db (store), 50);

  g_assert_false (cr_store_begin (store, &error));
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_BUSY);
  exec_or_die (other, "ROLLBACK");
  sqlite3_close (other);

  g_clear_error (&error);
  g_assert_true (cr_store_begin (store, &error));
  g_assert_true (cr_store_commit (store, &error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/new-library", test_new_library);
  g_test_add_func ("/store/open/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/open/locks-survive-other-descriptors", test_locks_survive_other_descriptors);
  g_test_add_func ("/store/open/empty-file", test_empty_file_becomes_library);
  g_test_add_func ("/store/migrate/from-every-version", test_migrate_from_every_version);
  g_test_add_func ("/store/migrate/step-progress", test_migrate_step_progress);
  g_test_add_func ("/store/migrate/rerun-links", test_migrate_rerun_links);
  g_test_add_func ("/store/migrate/action-review", test_migrate_action_review);
  g_test_add_func ("/store/refuse/not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/store/refuse/foreign-sqlite", test_refuse_foreign_sqlite);
  g_test_add_func ("/store/refuse/other-application-id", test_refuse_other_application_id);
  g_test_add_func ("/store/refuse/newer-version", test_refuse_newer_version);
  g_test_add_func ("/store/refuse/directory-and-missing-folder", test_refuse_directory_and_missing_folder);
  g_test_add_func ("/store/transaction/rollback", test_rollback_leaves_nothing);
  g_test_add_func ("/store/transaction/busy", test_busy_library);
  g_test_add_func ("/store/transaction/nested", test_nested_changes);

  return g_test_run ();
}
