/* test-output.c: where an export may be written, and how (cr-output)
 *
 * Every case uses a real library in a temporary folder, with its -wal and
 * -shm beside it and a real backup in its backups folder, and real pipes,
 * sockets, links and devices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cr-backup.h"
#include "cr-output.h"
#include "cr-test-util.h"

#define SUMMARY "# Quarterly review\n\nThe summary of a workshop.\n"

typedef struct
{
  CrStore *store;
  char    *library;
  char    *dir;
  char    *backups;
  char    *backup;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->store);
  g_free (f->library);
  g_free (f->dir);
  g_free (f->backups);
  g_free (f->backup);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  f->store = cr_test_new_store ();
  f->library = g_strdup (cr_store_get_path (f->store));
  f->dir = g_path_get_dirname (f->library);
  g_assert_true (cr_backup_ensure (cr_store_get_path (f->store), cr_store_get_db (f->store), "2025-03-14", &error));
  g_assert_no_error (error);
  f->backups = cr_backup_get_dir (f->library);
  backups = cr_backup_list (f->library);
  g_assert_cmpuint (backups->len, ==, 1);
  f->backup = g_strdup (g_ptr_array_index (backups, 0));
}

static char *
in_dir (const char *dir,
        const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static GBytes *
summary (void)
{
  return g_bytes_new_static (SUMMARY, strlen (SUMMARY));
}

static gboolean
write_summary (const char  *path,
               const char  *library,
               GError     **error)
{
  g_autoptr(GBytes) bytes = summary ();

  return cr_output_write (path, library, bytes, error);
}

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

/* The files of the library, as bytes, to see that a refusal moved none. */
static GPtrArray *
snapshot (Fixture *f)
{
  const char *paths[] = { f->library, f->backup };
  g_autofree char *wal = g_strconcat (f->library, "-wal", NULL);
  GPtrArray *bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_ptr_array_add (bytes, cr_test_read_file (paths[i]));
  g_ptr_array_add (bytes, cr_test_read_file (wal));
  for (guint i = 0; i < bytes->len; i++)
    g_assert_nonnull (g_ptr_array_index (bytes, i));
  return bytes;
}

static void
assert_refused (Fixture    *f,
                const char *path,
                const char *library,
                int         code)
{
  g_autoptr(GPtrArray) before = snapshot (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  GStatBuf st;
  gboolean existed = g_lstat (path, &st) == 0;

  g_assert_false (cr_output_check (path, library, &check_error));
  g_assert_error (check_error, CR_OUTPUT_ERROR, code);
  g_assert_false (write_summary (path, library, &error));
  g_test_message ("%s: %s", path, error->message);
  g_assert_error (error, CR_OUTPUT_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  after = snapshot (f);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_bytes_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i)));
  if (!existed)
    g_assert_cmpint (g_lstat (path, &st), !=, 0);
}

/* ---- The library and its own files ------------------------------------- */

static void
test_library (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *wal = NULL, *shm = NULL, *journal = NULL;
  g_autofree char *to_library = NULL, *dangling = NULL, *hard = NULL;
  g_autofree char *alias = NULL, *via_alias = NULL, *dotted = NULL, *name = NULL;
  const char *relative[] = { "crossroads.db", "./crossroads.db-wal", "crossroads.db-journal" };

  fixture_init (&f);
  wal = g_strconcat (f.library, "-wal", NULL);
  shm = g_strconcat (f.library, "-shm", NULL);
  journal = g_strconcat (f.library, "-journal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  /* No transaction is open: the journal does not exist, and must not be made. */
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  assert_refused (&f, f.library, f.library, CR_OUTPUT_ERROR_LIBRARY);
  assert_refused (&f, wal, f.library, CR_OUTPUT_ERROR_LIBRARY);
  assert_refused (&f, shm, f.library, CR_OUTPUT_ERROR_LIBRARY);
  assert_refused (&f, journal, f.library, CR_OUTPUT_ERROR_LIBRARY);

  /* A link to the library, and one to the journal that is not there yet. */
  to_library = in_dir (f.dir, "summary.md");
  g_assert_cmpint (symlink (f.library, to_library), ==, 0);
  assert_refused (&f, to_library, f.library, CR_OUTPUT_ERROR_LIBRARY);
  dangling = in_dir (f.dir, "later.md");
  g_assert_cmpint (symlink ("crossroads.db-journal", dangling), ==, 0);
  assert_refused (&f, dangling, f.library, CR_OUTPUT_ERROR_LIBRARY);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* Another name for the same file. */
  hard = in_dir (f.dir, "copy.db");
  g_assert_cmpint (link (f.library, hard), ==, 0);
  assert_refused (&f, hard, f.library, CR_OUTPUT_ERROR_LIBRARY);

  /* Its folder reached another way. */
  alias = g_strconcat (f.dir, "-alias", NULL);
  g_assert_cmpint (symlink (f.dir, alias), ==, 0);
  via_alias = in_dir (alias, "crossroads.db-shm");
  assert_refused (&f, via_alias, f.library, CR_OUTPUT_ERROR_LIBRARY);
  name = g_path_get_basename (f.dir);
  dotted = g_build_filename (f.dir, "..", name, "crossroads.db", NULL);
  assert_refused (&f, dotted, f.library, CR_OUTPUT_ERROR_LIBRARY);
  g_unlink (alias);

  /* Relative to the current folder. */
  g_assert_cmpint (g_chdir (f.dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (relative); i++)
    assert_refused (&f, relative[i], f.library, CR_OUTPUT_ERROR_LIBRARY);
  /* The library named relatively, the output absolutely. */
  assert_refused (&f, wal, "crossroads.db", CR_OUTPUT_ERROR_LIBRARY);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* A library opened through a link keeps its -wal beside the real file. */
static void
test_library_through_link (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *elsewhere = cr_test_make_tmpdir ();
  g_autofree char *link = in_dir (elsewhere, "library.db");
  g_autofree char *wal = NULL;
  g_autofree char *beside_link = NULL;

  fixture_init (&f);
  g_assert_cmpint (symlink (f.library, link), ==, 0);
  wal = g_strconcat (f.library, "-wal", NULL);
  beside_link = g_strconcat (link, "-journal", NULL);
  assert_refused (&f, wal, link, CR_OUTPUT_ERROR_LIBRARY);
  assert_refused (&f, f.library, link, CR_OUTPUT_ERROR_LIBRARY);
  assert_refused (&f, beside_link, link, CR_OUTPUT_ERROR_LIBRARY);
}

static void
test_backups (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *new_file = NULL, *sub = NULL, *nested = NULL;
  g_autofree char *link = NULL;

  fixture_init (&f);
  assert_refused (&f, f.backup, f.library, CR_OUTPUT_ERROR_LIBRARY);
  new_file = in_dir (f.backups, "summary.md");
  assert_refused (&f, new_file, f.library, CR_OUTPUT_ERROR_LIBRARY);
  sub = in_dir (f.backups, "old");
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  nested = in_dir (sub, "summary.md");
  assert_refused (&f, nested, f.library, CR_OUTPUT_ERROR_LIBRARY);
  link = in_dir (f.dir, "summary.md");
  g_assert_cmpint (symlink (f.backup, link), ==, 0);
  assert_refused (&f, link, f.library, CR_OUTPUT_ERROR_LIBRARY);
}

/* The backups folder before the first backup made it: a file in its place
 * would make every later backup fail. */
static void
test_backups_folder_not_made_yet (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  const char *library = cr_store_get_path (store);
  g_autofree char *backups = cr_backup_get_dir (library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  g_assert_false (write_summary (backups, library, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_LIBRARY);
  g_assert_nonnull (strstr (error->message, backups));
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (cr_backup_ensure (cr_store_get_path (store), cr_store_get_db (store), "2025-03-14", &error));
  g_assert_no_error (error);
  listed = cr_backup_list (library);
  g_assert_cmpuint (listed->len, ==, 1);
}

/* Names that only look like the library's are files like any other. */
static void
test_library_neighbours (void)
{
  g_auto(Fixture) f = { 0 };
  const char *names[] = { "crossroads.db.md", "crossroads.db-journal.md", "crossroads.dbx",
                          "crossroads.db.backups.md" };
  g_autoptr(GError) error = NULL;

  fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = in_dir (f.dir, names[i]);

      g_assert_true (write_summary (path, f.library, &error));
      g_assert_no_error (error);
      assert_file_is (path, SUMMARY);
    }
}

/* ---- Pipes and devices, written in place -------------------------------- */

static void
assert_fifo_written (const char *path,
                     const char *fifo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  GThread *reader = cr_test_read_fifo (fifo);
  GStatBuf st;

  g_assert_true (write_summary (path, NULL, &error));
  g_assert_no_error (error);
  got = g_thread_join (reader);
  g_assert_cmpstr (got, ==, SUMMARY);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

static void
test_fifo (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *fifo = in_dir (dir, "pipe");
  g_autofree char *link = in_dir (dir, "summary.md");
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_fifo_written (fifo, fifo);
  g_assert_cmpint (symlink (fifo, link), ==, 0);
  assert_fifo_written (link, fifo);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
}

static void
test_null_device (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *link = in_dir (dir, "summary.md");
  g_autoptr(GError) error = NULL;
  GStatBuf before, after, st;

  g_assert_cmpint (g_stat ("/dev/null", &before), ==, 0);
  g_assert_true (S_ISCHR (before.st_mode));
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_true (write_summary (link, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  /* The path itself only where a mistake could not replace the system's. */
  if (geteuid () != 0)
    {
      g_assert_true (write_summary ("/dev/null", NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (g_stat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_rdev, ==, before.st_rdev);
  g_assert_cmpint (g_lstat (dir, &st), ==, 0);
}

/* ---- What is not a file -------------------------------------------------- */

static void
assert_not_a_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  g_assert_cmpint (g_lstat (path, &before), ==, 0);
  g_assert_false (write_summary (path, NULL, &error));
  g_test_message ("%s: %s", path, error->message);
  g_assert_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_lstat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_mode, ==, before.st_mode);
}

static char *
find_block_device (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = in_dir ("/dev", name);
      GStatBuf st;

      if (g_lstat (path, &st) == 0 && S_ISBLK (st.st_mode))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *folder = in_dir (dir, "reports");
  g_autofree char *folder_link = in_dir (dir, "reports.md");
  g_autofree char *socket_path = in_dir (dir, "socket");
  g_autofree char *device = find_block_device ();
  g_autofree char *device_link = in_dir (dir, "disk.md");
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_not_a_file (folder);
  g_assert_cmpint (symlink (folder, folder_link), ==, 0);
  assert_not_a_file (folder_link);

  sock = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_assert_true (g_socket_bind (sock, address, FALSE, &error));
  g_assert_no_error (error);
  assert_not_a_file (socket_path);

  /* Through a link in the test's folder: the device is only ever looked at. */
  if (device == NULL)
    {
      g_test_message ("no block device under /dev to try");
      return;
    }
  g_assert_cmpint (symlink (device, device_link), ==, 0);
  assert_not_a_file (device_link);
}

/* ---- Regular files ------------------------------------------------------- */

static void
test_read_only (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *path = in_dir (dir, "summary.md");
  g_autofree char *link = in_dir (dir, "latest.md");
  const char *targets[] = { path, link };
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "kept", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (symlink (path, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (write_summary (targets[i], NULL, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_READ_ONLY);
      assert_file_is (path, "kept");
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 0777, ==, 0444);
    }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_replace (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *path = in_dir (dir, "summary.md");
  g_autofree char *fresh = in_dir (dir, "fresh.md");
  g_autofree char *link = in_dir (dir, "latest.md");
  g_autofree char *target = in_dir (dir, "target.md");
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;
  mode_t mask;

  /* An existing file is replaced whole, by a rename, keeping its mode. */
  g_assert_true (g_file_set_contents (path, "old content", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_true (write_summary (path, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (path, SUMMARY);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0640);
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);

  /* A new one gets the usual mode. */
  mask = umask (022);
  umask (mask);
  g_assert_true (write_summary (fresh, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &after), ==, 0);
  g_assert_cmpuint (after.st_mode & 07777, ==, 0666 & ~mask);

  /* A link stays a link, and what it points to gets the export. */
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.md", link), ==, 0);
  g_assert_true (write_summary (link, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &after), ==, 0);
  g_assert_true (S_ISLNK (after.st_mode));
  assert_file_is (target, SUMMARY);

  /* No temporary file is left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 4);
}

/* ---- Temporary files of exports that were killed ------------------------- */

static char *
make_file (const char *dir,
           const char *name)
{
  char *path = in_dir (dir, name);

  g_assert_true (g_file_set_contents (path, "half an export", -1, NULL));
  return path;
}

static void
test_stale (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *gone = make_file (dir, ".out.csv" CR_OUTPUT_TEMP_MARK "Ab12Cd");
  g_autofree char *gone_too = make_file (dir, ".summary.md" CR_OUTPUT_TEMP_MARK "xY9zQ0");
  g_autofree char *alive = make_file (dir, ".out.csv" CR_OUTPUT_TEMP_MARK "Zz99Yy");
  g_autofree char *not_ours = make_file (dir, "out.csv.Ab12Cd");
  g_autofree char *short_mark = make_file (dir, ".out.csv" CR_OUTPUT_TEMP_MARK "Ab12");
  g_autofree char *visible = make_file (dir, "out.csv" CR_OUTPUT_TEMP_MARK "Ab12Cd");
  g_autofree char *fifo = in_dir (dir, ".pipe" CR_OUTPUT_TEMP_MARK "Qq11Ww");
  g_autofree char *target = in_dir (dir, "report.md");
  g_autoptr(GError) error = NULL;
  int holder;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* A writer still at work holds the lock on its file. */
  holder = open (alive, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (holder, >=, 0);
  g_assert_cmpint (flock (holder, LOCK_EX), ==, 0);

  g_assert_true (write_summary (target, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (target, SUMMARY);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (gone_too, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (short_mark, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (visible, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));

  /* Its writer gone, the next export takes it away. */
  close (holder);
  g_assert_cmpuint (cr_output_remove_stale (dir), ==, 1);
  g_assert_false (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 5);
}

/* The clean-up took any hidden ".NAME.crossroads-" and six letters or
 * digits for an export's leftover: a facilitator's ".notes.crossroads-backup",
 * or a library named ".team.crossroads-shared" in use, went with the next
 * export to their folder. */
static void
test_stale_only_ours (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *notes = in_dir (dir, ".notes.crossroads-backup");
  g_autofree char *library = in_dir (dir, ".team.crossroads-shared");
  g_autofree char *target = in_dir (dir, "report.md");
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (notes, "Ask Ana about the budget.\n", -1, NULL));
  store = cr_store_open (library, &error);
  g_assert_no_error (error);

  g_assert_true (write_summary (target, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (target, SUMMARY);
  assert_file_is (notes, "Ask Ana about the budget.\n");
  g_assert_true (g_file_test (library, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (cr_output_remove_stale (dir), ==, 0);
  g_assert_true (g_file_test (library, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output/library", test_library);
  g_test_add_func ("/output/library-through-link", test_library_through_link);
  g_test_add_func ("/output/backups", test_backups);
  g_test_add_func ("/output/backups-folder-not-made-yet", test_backups_folder_not_made_yet);
  g_test_add_func ("/output/library-neighbours", test_library_neighbours);
  g_test_add_func ("/output/fifo", test_fifo);
  g_test_add_func ("/output/null-device", test_null_device);
  g_test_add_func ("/output/not-a-file", test_not_a_file);
  g_test_add_func ("/output/read-only", test_read_only);
  g_test_add_func ("/output/replace", test_replace);
  g_test_add_func ("/output/stale", test_stale);
  g_test_add_func ("/output/stale-only-ours", test_stale_only_ours);

  return g_test_run ();
}
