/* test-unusable.c: libraries the command line cannot use are refused, untouched
 *
 * Each case runs the real executable (--list and --import) on a library it
 * cannot use: not SQLite, from a newer Crossroads, a read-only file, a
 * read-only folder, a full disk, a library locked by another process. Each
 * must exit 1 with one line on stderr that names the library and says what
 * to do, and leave the file byte-identical.
 *
 * An export to a read-only file is refused the same way, the file as it was.
 *
 * As root, permissions do not stop anyone: the read-only cases then run the
 * executable as "nobody", from copies of the executable and the bundle in a
 * folder nobody can enter wherever the checkout is, or are skipped saying
 * why when the temporary folder is out of nobody's reach. The full disk is a small tmpfs mounted in a
 * private mount namespace (unshare -m, or unshare -rm unprivileged).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cr-bundle.h"
#include "cr-store.h"
#include "cr-test-util.h"

#define NOBODY 65534

static void
drop_to_nobody (gpointer user_data)
{
  if (geteuid () == 0)
    {
      if (setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (127);
    }
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* As root, nobody's cases run copies of the executable and the bundle in a
 * folder anyone can enter: the checkout may be where nobody cannot go. */
static char *nobody_exe;
static char *nobody_bundle;

/* Makes those copies; FALSE, with the test skipped saying why, when nobody
 * could not run them. Every case that runs as nobody starts with it. */
static gboolean
prepare_for_nobody (void)
{
  g_autofree char *bundle = NULL;
  g_autofree char *why = NULL;

  if (geteuid () != 0 || nobody_exe != NULL)
    return TRUE;
  bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  nobody_exe = cr_test_copy_for_nobody (g_getenv ("CROSSROADS_EXE"), &why);
  if (nobody_exe != NULL)
    nobody_bundle = cr_test_copy_for_nobody (bundle, &why);
  if (nobody_bundle == NULL)
    {
      g_clear_pointer (&nobody_exe, g_free);
      g_test_skip_printf ("cannot run the executable as nobody: %s", why);
      return FALSE;
    }
  return TRUE;
}

static void
run_cli (Run                *run,
         gboolean            as_nobody,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (as_nobody && geteuid () == 0)
    {
      g_assert_nonnull (nobody_exe);
      g_ptr_array_add (argv, nobody_exe);
    }
  else
    g_ptr_array_add (argv, (char *) g_getenv ("CROSSROADS_EXE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               as_nobody ? drop_to_nobody : NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* In another process: closing any descriptor of a file drops this
 * process's POSIX locks on it, which would free the locked library. */
static char *
checksum (const char *path)
{
  const char *argv[] = { "sha256sum", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

/* --list and --import both refuse the library with a message containing
 * @expected, and the file stays as it was. */
static void
assert_refused (const char *db_path,
                gboolean    as_nobody,
                const char *expected)
{
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autofree char *before = checksum (db_path);
  const char *list[] = { "--database", db_path, "--list", NULL };
  const char *import[] = { "--database", db_path, "--import", bundle, NULL };
  const char * const *commands[] = { list, import };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *after = NULL;

      run_cli (&run, as_nobody, commands[i]);
      g_test_message ("%s: %s", commands[i][2], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "crossroads: "));
      g_assert_nonnull (strstr (run.err, db_path));
      g_assert_nonnull (strstr (run.err, expected));
      /* One line. */
      g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);

      after = checksum (db_path);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A real library with one workshop in it, in a fresh folder. */
static char *
make_library (void)
{
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  char *path = cr_test_tmp_path ("library.db");
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *import[] = { "--database", path, "--import", bundle, NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, FALSE, import);
  g_assert_cmpint (run.status, ==, 0);
  /* Checkpointed and closed: everything is in the one file. */
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (cr_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  return path;
}

static void
test_not_sqlite (void)
{
  g_autofree char *path = cr_test_tmp_path ("notes.db");

  g_assert_true (g_file_set_contents (path, "Shopping list: milk, eggs\n", -1, NULL));
  assert_refused (path, FALSE, "is not a Crossroads library");
}

static void
test_newer (void)
{
  g_autofree char *path = make_library ();
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, FALSE, "newer version of Crossroads");
}

/* The commands that only read serve a library that cannot be changed, and
 * leave nothing beside it; the one that writes is refused, the same. */
static void
assert_read_only (const char *db_path,
                  const char *expected)
{
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autofree char *before = checksum (db_path);
  g_autofree char *dir = g_path_get_dirname (db_path);
  const char *list[] = { "--database", db_path, "--list", NULL };
  const char *export[] = { "--database", db_path, "--export", "1", "--format", "md", NULL };
  const char *list_backups[] = { "--database", db_path, "--list-backups", NULL };
  const char *import[] = { "--database", db_path, "--import",
                           nobody_bundle != NULL ? nobody_bundle : bundle, NULL };
  const char * const *commands[] = { list, export, list_backups, import };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *after = NULL;
      g_autoptr(GDir) listing = NULL;
      const char *name;

      run_cli (&run, TRUE, commands[i]);
      g_test_message ("%s: %s", commands[i][2], run.err);
      if (commands[i] == import)
        {
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_true (g_str_has_prefix (run.err, "crossroads: "));
          g_assert_nonnull (strstr (run.err, db_path));
          g_assert_nonnull (strstr (run.err, expected));
        }
      else
        {
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpstr (run.err, ==, "");
        }
      if (commands[i] == list)
        g_assert_nonnull (strstr (run.out, "\tNorthwind Logistics GmbH\t"));
      if (commands[i] == export)
        g_assert_true (g_str_has_prefix (run.out, "# "));

      after = checksum (db_path);
      g_assert_cmpstr (after, ==, before);
      /* No -wal or -shm made by the reader. */
      listing = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (listing)) != NULL)
        if (!g_str_equal (name, "library.db.backups"))
          g_assert_cmpstr (name, ==, "library.db");
    }
}

static void
test_read_only_file (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  const char *import[] = { "--database", path, "--import", NULL, NULL };
  g_auto(Run) run = { 0 };

  if (!prepare_for_nobody ())
    return;
  import[3] = nobody_bundle != NULL ? nobody_bundle : bundle;
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  assert_read_only (path, "cannot be written (it is read-only)");

  /* Given write permission, the next run writes: no read-only journal of
   * the refused one stands in its way. */
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  run_cli (&run, TRUE, import);
  g_test_message ("after chmod: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_ascii_strtoll (run.out, NULL, 10), >, 1);
}

static void
test_read_only_folder (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (!prepare_for_nobody ())
    return;
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  assert_read_only (path, "cannot be written");
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

/* A read-only library named through a link, with changes in its
 * write-ahead log (its owner's window open): the reader looked for the log
 * beside the link, found none, and showed the library without them. */
static void
test_read_only_through_link (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *elsewhere = cr_test_make_tmpdir ();
  g_autofree char *link = g_build_filename (elsewhere, "library.db", NULL);
  const char *list[] = { "--database", link, "--list", NULL };
  const char *export[] = { "--database", link, "--export", "1", "--format", "md", NULL };
  const char * const *commands[] = { list, export };
  sqlite3 *db = NULL;

  if (!prepare_for_nobody ())
    return;
  /* The owner's change, committed to the log and not yet copied back. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                                     " UPDATE workshops SET title = 'Changed since the last checkpoint'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_cmpint (g_chmod (elsewhere, 0755), ==, 0);
  g_assert_cmpint (symlink (path, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, TRUE, commands[i]);
      g_test_message ("%s: %s%s", commands[i][2], run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_nonnull (strstr (run.out, "Changed since the last checkpoint"));
    }
  sqlite3_close (db);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

/* Read by someone who cannot write it while its owner writes: between the
 * reader's look at the write-ahead log and SQLite's, the owner's last
 * process may remove the log, and --list failed with "cannot be written"
 * about one time in ten. */
static void
test_read_only_while_written (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  const char *script = "for i in $(seq 60); do \"$0\" --database \"$1\" --list >/dev/null || exit 1; done";
  const char *argv[] = { "sh", "-c", script, NULL, path, NULL };
  guint imports = 0;
  GPid pid;
  int err_fd, status;
  char buf[256];
  gssize n;

  if (geteuid () != 0)
    {
      g_test_skip ("reading as another user while this process writes needs root");
      return;
    }
  if (!prepare_for_nobody ())
    return;
  argv[3] = nobody_exe;
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                           drop_to_nobody, NULL, &pid, NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);
  /* Each import opens the library, writes and closes it, which removes the
   * log: the reader meets the log coming and going. */
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      g_autoptr(CrStore) store = cr_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (cr_bundle_import_file (store, bundle, &error), >, 0);
      g_assert_no_error (error);
      imports++;
      g_clear_object (&store);
      /* Room for the reader to find no log between two writers. */
      g_usleep (20 * 1000);
    }
  g_spawn_close_pid (pid);
  while ((n = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (err, buf, n);
  close (err_fd);
  g_test_message ("%u imports meanwhile; %s", imports, err->str);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpstr (err->str, ==, "");
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_full_disk (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autofree char *mount_dir = cr_test_make_tmpdir ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  /* Inside the namespace: a 256 KiB tmpfs, the library copied in, the rest
   * filled up, then an import; the checksums say whether the file moved. */
  const char *script =
    "set -e; dir=$1; src=$2; exe=$3; bundle=$4;"
    "mount -t tmpfs -o size=256k tmpfs \"$dir\";"
    "cp \"$src\" \"$dir/library.db\";"
    "dd if=/dev/zero of=\"$dir/filler\" bs=4k 2>/dev/null || true;"
    "before=$(sha256sum \"$dir/library.db\");"
    "rc=0; \"$exe\" --database \"$dir/library.db\" --import \"$bundle\" || rc=$?;"
    "after=$(sha256sum \"$dir/library.db\");"
    "echo \"rc=$rc\"; [ \"$before\" = \"$after\" ] && echo same;"
    /* A new library cannot be made there either, and leaves no file. */
    "rc=0; \"$exe\" --database \"$dir/new.db\" --list 2>/dev/null || rc=$?;"
    "echo \"rc=$rc\"; ls \"$dir\" | grep -c new.db || true";
  const char *unshare_args = geteuid () == 0 ? "-m" : "-rm";
  const char *argv[] = { "unshare", unshare_args, "sh", "-c", script, "sh",
                         mount_dir, path, g_getenv ("CROSSROADS_EXE"), bundle, NULL };
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, NULL) ||
      !g_str_has_prefix (out, "rc="))
    {
      g_test_skip_printf ("no private mount namespace for a small tmpfs here: %s%s",
                          error ? error->message : "", err ? err : "");
      return;
    }

  g_test_message ("%s%s", out, err);
  g_assert_cmpstr (out, ==, "rc=1\nsame\nrc=1\n0\n");
  g_assert_true (g_str_has_prefix (err, "crossroads: The disk holding "));
  g_assert_nonnull (strstr (err, "library.db is full; nothing was changed"));
}

static void
test_locked (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  sqlite3 *db = NULL;

  /* Another program in the middle of a change: the import waits for it a
   * little, then gives up without writing. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE workshops SET title = title", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *before = checksum (path);
    g_autofree char *after = NULL;
    g_autofree char *expected = g_strdup_printf ("crossroads: %s is in use by another program; close it there and try again.\n", path);
    const char *import[] = { "--database", path, "--import", bundle, NULL };
    g_auto(Run) run = { 0 };

    run_cli (&run, FALSE, import);
    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, expected);
    after = checksum (path);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A program that keeps the file to itself: even reading is refused. The
   * locking mode only holds on a connection that has not read yet. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE workshops SET title = title", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_refused (path, FALSE, "is in use by another program; close it there and try again.");
  sqlite3_close (db);
}

/* Another Crossroads process in the middle of a change is waited for, and
 * the wait is announced, rather than called another program. */
static void
test_crossroads_busy (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autofree char *expected = g_strdup_printf ("crossroads: %s is busy with another Crossroads window or command; waiting for it to finish…\n", path);
  const char *argv[] = { g_getenv ("CROSSROADS_EXE"), "--database", path, "--import", bundle, NULL };
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *out = NULL;
  GPid pid;
  int out_fd, err_fd, status;
  char c;

  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cr_store_begin (store, &error));

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, &err_fd, &error));
  g_assert_no_error (error);
  /* The first line on stderr: the import says it waits, and is still there. */
  while (read (err_fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (err, c);
  g_string_append_c (err, '\n');
  g_assert_cmpstr (err->str, ==, expected);

  g_assert_true (cr_store_commit (store, &error));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (err_fd);
  {
    char buf[64] = { 0 };

    g_assert_cmpint (read (out_fd, buf, sizeof buf - 1), >, 0);
    out = g_strdup (buf);
  }
  close (out_fd);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, 2);
}

/* An export run as nobody to a read-only file, theirs or another's, in a
 * folder they may write, was replaced by a 0644 file of theirs: now it is
 * refused and the file stays as it was. */
static void
test_export_read_only_target (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *theirs = g_build_filename (dir, "theirs.md", NULL);
  g_autofree char *others = g_build_filename (dir, "others.md", NULL);
  const char *targets[] = { theirs, others };
  /* Without root, the other's file would be this process's own, and writable. */
  guint n_targets = geteuid () == 0 ? 2 : 1;

  if (!prepare_for_nobody ())
    return;
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_true (g_file_set_contents (theirs, "Signed off by the board.\n", -1, NULL));
  g_assert_cmpint (g_chmod (theirs, 0444), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (chown (theirs, NOBODY, NOBODY), ==, 0);
  g_assert_true (g_file_set_contents (others, "Someone else's notes.\n", -1, NULL));
  g_assert_cmpint (g_chmod (others, 0644), ==, 0);

  for (guint i = 0; i < n_targets; i++)
    {
      const char *export[] = { "--database", path, "--export", "1", "--format", "md",
                               "--output", targets[i], NULL };
      g_autofree char *before = checksum (targets[i]);
      g_autofree char *after = NULL;
      g_auto(Run) run = { 0 };
      GStatBuf st_before, st_after;

      g_assert_cmpint (g_stat (targets[i], &st_before), ==, 0);
      run_cli (&run, TRUE, export);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "crossroads: "));
      g_assert_nonnull (strstr (run.err, targets[i]));
      g_assert_nonnull (strstr (run.err, "is read-only"));
      g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);

      after = checksum (targets[i]);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (g_stat (targets[i], &st_after), ==, 0);
      g_assert_cmpuint (st_after.st_ino, ==, st_before.st_ino);
      g_assert_cmpuint (st_after.st_mode, ==, st_before.st_mode);
      g_assert_cmpuint (st_after.st_uid, ==, st_before.st_uid);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unusable/not-sqlite", test_not_sqlite);
  g_test_add_func ("/unusable/newer", test_newer);
  g_test_add_func ("/unusable/read-only-file", test_read_only_file);
  g_test_add_func ("/unusable/read-only-folder", test_read_only_folder);
  g_test_add_func ("/unusable/read-only-through-link", test_read_only_through_link);
  g_test_add_func ("/unusable/read-only-while-written", test_read_only_while_written);
  g_test_add_func ("/unusable/full-disk", test_full_disk);
  g_test_add_func ("/unusable/locked", test_locked);
  g_test_add_func ("/unusable/crossroads-busy", test_crossroads_busy);
  g_test_add_func ("/unusable/export-read-only-target", test_export_read_only_target);

  return g_test_run ();
}
