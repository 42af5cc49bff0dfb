/* cr-store.c: the connection to a library: opening and migrating it, its
 * lock, transactions and prepared statements, and the day's backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-store"
/* F_OFD_SETLK */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cr-backup.h"
#include "cr-migrations.h"
#include "cr-own-file.h"
#include "cr-store.h"

struct _CrStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt* */
  int         schema_version;
  char       *backup_day;   /* the day whose backup exists, "YYYY-MM-DD" */
  gint64      day_checked_until; /* real time: backup_day is today until then */
  GThread    *backup_thread;  /* making backup_thread_day's backup, or NULL */
  char       *backup_thread_day;
  int         guard_fd;     /* holds the lock that stands for SQLite's, or -1 */
  guint       busy_marks;   /* nesting of mark_busy (): > 0 while we hold the mark */
  gint64      wait_started; /* monotonic time the current wait for a lock began */
  gint64      crossroads_seen; /* monotonic time a Crossroads holder was last seen */
  guint       nesting;      /* changes begun inside the open transaction */
  guint       in_transaction : 1;
  /* A nested change's commit failed and rolled it back: the caller's
   * rollback that follows belongs to it, not to the transaction around it. */
  guint       nested_closed : 1;
  guint       read_only : 1;
  guint       in_memory : 1;
  guint       wait_announced : 1;
  guint       gave_up_on_crossroads : 1;
};

G_DEFINE_FINAL_TYPE (CrStore, cr_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (cr-store-error-quark, cr_store_error)

/* Another Crossroads process writing to the library is waited for, however
 * many queue behind it: a minute, with a word after three seconds. Another
 * program is given the three seconds. */
#define WAIT_FOR_OTHERS_US      (3 * G_USEC_PER_SEC)
#define WAIT_ANNOUNCE_US        (3 * G_USEC_PER_SEC)
#define WAIT_FOR_CROSSROADS_US  (60 * G_USEC_PER_SEC)

static CrStoreWaitFunc wait_func;
static gpointer        wait_func_data;

static void finish_backup (CrStore *self);
static void mark_busy (CrStore *self, gboolean busy);

static void
cr_store_finalize (GObject *object)
{
  CrStore *self = (CrStore *)object;

  finish_backup (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* Closing folds the write-ahead log into the library, under SQLite's
   * exclusive lock: others who meet it wait for a Crossroads process. */
  if (self->db != NULL)
    mark_busy (self, TRUE);
  /* The guard's SHARED lock goes first, so that SQLite, when it is the last
   * user, can fold the write-ahead log into the library and remove it: the
   * library is then one self-contained file to copy. The busy mark stays on
   * its own descriptor until SQLite has closed. */
  if (self->guard_fd >= 0)
    {
      struct flock lock = { 0 };

      lock.l_type = F_UNLCK;
      lock.l_whence = SEEK_SET;
      lock.l_start = 0x40000000 + 2;
      lock.l_len = 510;
      fcntl (self->guard_fd, F_OFD_SETLK, &lock);
    }
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->guard_fd >= 0)
    close (self->guard_fd);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_day, g_free);

  G_OBJECT_CLASS (cr_store_parent_class)->finalize (object);
}

static void
cr_store_class_init (CrStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
cr_store_init (CrStore *self)
{
  self->guard_fd = -1;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

char *
cr_store_default_path (GError **error)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");
  g_autofree char *path = NULL;

  /* The XDG specification ignores a relative XDG_DATA_HOME, as if unset;
   * GLib would take it as it is. */
  if (data_home != NULL && data_home[0] != '\0' && !g_path_is_absolute (data_home))
    path = g_build_filename (g_get_home_dir (), ".local", "share", "crossroads", "crossroads.db", NULL);
  else
    path = g_build_filename (g_get_user_data_dir (), "crossroads", "crossroads.db", NULL);

  /* Empty HOME and XDG_DATA_HOME make GLib's data folder relative: the
   * library would land in whatever folder the command was started from. */
  if (!g_path_is_absolute (path))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   _("There is no place for the default library: the environment variables HOME and XDG_DATA_HOME are empty or not absolute paths, so it would be made in the current folder. Set HOME or XDG_DATA_HOME, or give the library with --database FILE."));
      return NULL;
    }
  return g_steal_pointer (&path);
}

void
cr_store_set_wait_func (CrStoreWaitFunc func,
                        gpointer        user_data)
{
  wait_func = func;
  wait_func_data = user_data;
}

static CrStoreError
code_to_error (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return CR_STORE_ERROR_FOREIGN;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CR_STORE_ERROR_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return CR_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return CR_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return CR_STORE_ERROR_INVALID;
    default:
      return CR_STORE_ERROR_FAILED;
    }
}

/* @self may be NULL; when it is given, a lock given up on after waiting for
 * another Crossroads process is told apart from another program's. */
static void
set_error_for_code (CrStore     *self,
                    GError     **error,
                    const char  *path,
                    int          code,
                    const char  *detail,
                    const char  *doing)
{
  switch (code_to_error (code))
    {
    case CR_STORE_ERROR_FOREIGN:
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a file path */
                   _("%s is not a Crossroads library (it is not an SQLite database, or it is damaged); it was left untouched. Choose another file or start a new library."),
                   path);
      break;
    case CR_STORE_ERROR_BUSY:
      if (self != NULL && self->gave_up_on_crossroads)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_BUSY,
                     /* Translators: %s is a file path */
                     _("%s was still busy with another Crossroads window or command after a minute; nothing was changed. Try again when it has finished."),
                     path);
      else
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_BUSY,
                     /* Translators: %s is a file path */
                     _("%s is in use by another program; close it there and try again."),
                     path);
      break;
    case CR_STORE_ERROR_READ_ONLY:
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                   /* Translators: first %s is a file path, second what went wrong */
                   _("%s cannot be written (%s); check the permissions of the file and its folder, or open a copy."),
                   path, detail);
      break;
    case CR_STORE_ERROR_FULL:
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FULL,
                   /* Translators: %s is a file path */
                   _("The disk holding %s is full; nothing was changed. Free some space and try again."),
                   path);
      break;
    case CR_STORE_ERROR_INVALID:
    case CR_STORE_ERROR_FAILED:
    default:
      g_set_error (error, CR_STORE_ERROR, code_to_error (code),
                   /* Translators: first %s is an activity ("saving a note"), second the database's message */
                   _("Failed while %s: %s"), doing, detail);
      break;
    }
}

/* SQLite reports a full disk met while growing the shared-memory index or
 * the journal as a generic I/O error; the system's errno says what it was. */
static int
refine_code (sqlite3 *db,
             int      code)
{
  if (db == NULL || (code & 0xff) != SQLITE_IOERR)
    return code;
  switch (sqlite3_system_errno (db))
    {
    case ENOSPC:
    case EDQUOT:
      return SQLITE_FULL;
    case EROFS:
    case EACCES:
    case EPERM:
      return SQLITE_READONLY;
    default:
      return code;
    }
}

static void
set_read_only_error (CrStore  *self,
                     GError  **error)
{
  g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
               _("%s cannot be written (%s); check the permissions of the file and its folder, or open a copy."),
               self->path, _("it is read-only"));
}

gboolean
cr_store_set_invalid (GError     **error,
                      const char  *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CR_STORE_ERROR, CR_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

void
cr_store_set_error (CrStore     *self,
                    GError     **error,
                    const char  *doing)
{
  g_return_if_fail (CR_IS_STORE (self));

  set_error_for_code (self, error, self->path, refine_code (self->db, sqlite3_extended_errcode (self->db)),
                      sqlite3_errmsg (self->db), doing);
}

static gboolean
exec_sql (CrStore     *self,
          const char  *sql,
          const char  *doing,
          GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      cr_store_set_error (self, error, doing);
      return FALSE;
    }
  return TRUE;
}

/* A statement without rows, prepared once: BEGIN and COMMIT run for every
 * change, and sqlite3_exec () would parse them each time. */
static gboolean
run_cached (CrStore     *self,
            const char  *sql,
            const char  *doing,
            GError     **error)
{
  sqlite3_stmt *stmt = cr_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    cr_store_set_error (self, error, doing);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Reads one integer from a query; used for the pragmas that identify a file
 * without writing to it. */
static gboolean
query_int (CrStore     *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_for_code (self, error, self->path,
                          rc == SQLITE_OK ? SQLITE_ERROR : refine_code (self->db, sqlite3_extended_errcode (self->db)),
                          sqlite3_errmsg (self->db), _("reading the library"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
query_text_equals (CrStore    *self,
                   const char *sql,
                   const char *expected)
{
  sqlite3_stmt *stmt = NULL;
  gboolean equal = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    equal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), expected) == 0;
  sqlite3_finalize (stmt);
  return equal;
}

/* SQLite's locks are POSIX record locks, which the kernel drops for the
 * whole process as soon as any descriptor of the file is closed: GTK's own
 * file chooser reading the library to guess its type is enough. Another
 * process (crossroads --export) then takes itself for the last user, deletes
 * the write-ahead log, and every later change goes to a deleted file. An
 * open-file-description lock on SQLite's SHARED range is not dropped by
 * other descriptors, and keeps standing for this process as SQLite's does. */
#define SQLITE_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_SHARED_SIZE  510
/* A byte of the same never-written page that SQLite does not lock: every
 * Crossroads process holds a shared lock on it while it holds SQLite's
 * write lock, so that one kept waiting can tell a Crossroads process at
 * work (worth waiting for) from another program. */
#define CROSSROADS_BUSY_BYTE (0x40000000 + 0x300)

static gboolean
ofd_lock (int   fd,
          short type,
          off_t start,
          off_t len)
{
  struct flock lock = { 0 };

  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = len;
  return fd >= 0 && fcntl (fd, F_OFD_SETLK, &lock) == 0;
}

static void
take_shared_guard (CrStore *self)
{
  if (self->guard_fd >= 0 && !ofd_lock (self->guard_fd, F_RDLCK, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE))
    g_debug ("No guard lock on %s: %s", self->path, g_strerror (errno));
}

static void
mark_busy (CrStore  *self,
           gboolean  busy)
{
  if (self->guard_fd < 0)
    return;
  if (busy && self->busy_marks++ == 0)
    ofd_lock (self->guard_fd, F_RDLCK, CROSSROADS_BUSY_BYTE, 1);
  else if (!busy && self->busy_marks > 0 && --self->busy_marks == 0)
    ofd_lock (self->guard_fd, F_UNLCK, CROSSROADS_BUSY_BYTE, 1);
}

/* Whether another Crossroads process holds the busy mark. */
static gboolean
crossroads_is_busy (CrStore *self)
{
  struct flock lock = { 0 };

  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = CROSSROADS_BUSY_BYTE;
  lock.l_len = 1;
  /* Our own description's mark never conflicts with itself. */
  return self->guard_fd >= 0 && fcntl (self->guard_fd, F_OFD_GETLK, &lock) == 0 &&
         lock.l_type != F_UNLCK;
}

/* SQLite's busy handler: returns non-zero to try the lock again. */
static int
on_busy (void *data,
         int   count)
{
  CrStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited;

  if (count == 0)
    {
      self->wait_started = now;
      self->crossroads_seen = 0;
      self->wait_announced = FALSE;
      self->gave_up_on_crossroads = FALSE;
    }
  if (crossroads_is_busy (self))
    self->crossroads_seen = now;
  waited = now - self->wait_started;

  /* The mark may be between two holders for a moment: one seen within the
   * last second still counts. */
  if (self->crossroads_seen > 0 && now - self->crossroads_seen < G_USEC_PER_SEC)
    {
      if (waited >= WAIT_FOR_CROSSROADS_US)
        {
          self->gave_up_on_crossroads = TRUE;
          return 0;
        }
      if (waited >= WAIT_ANNOUNCE_US && !self->wait_announced)
        {
          g_autofree char *message = NULL;

          self->wait_announced = TRUE;
          /* Translators: %s is a file path */
          message = g_strdup_printf (_("%s is busy with another Crossroads window or command; waiting for it to finish…"),
                                     self->path);
          if (wait_func != NULL)
            wait_func (message, wait_func_data);
          else
            g_message ("%s", message);
        }
    }
  else if (waited >= WAIT_FOR_OTHERS_US)
    return 0;

  g_usleep (MIN (1 + 2 * count, 25) * 1000);
  return 1;
}

/* Looks at a file before anything is written to it. A foreign or newer file
 * must stay byte-identical, so every check here only reads. */
static gboolean
identify (CrStore   *self,
          gboolean  *is_new,
          GError   **error)
{
  gint64 app_id = 0, version = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT COUNT(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  *is_new = (app_id == 0 && version == 0 && n_objects == 0);
  self->schema_version = 0;
  if (*is_new)
    return TRUE;

  if (app_id != CR_STORE_APPLICATION_ID)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a file path */
                   _("%s is an SQLite database of another program, not a Crossroads library; it was left untouched. Choose another file or start a new library."),
                   self->path);
      return FALSE;
    }

  if (version > cr_migrations_latest_version ())
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path, %d schema versions */
                   _("%s was written by a newer version of Crossroads (library version %d, this one knows up to %d); it was left untouched. Update Crossroads to open it."),
                   self->path, (int) version, cr_migrations_latest_version ());
      return FALSE;
    }

  self->schema_version = (int) version;
  return TRUE;
}

/* The first look was without a lock: another process may have made or
 * upgraded the library since. "New" is decided again, and the migrations
 * run, under one write lock. */
static gboolean
upgrade (CrStore   *self,
         GError   **error)
{
  g_autofree char *pragma = NULL;
  gboolean is_new = FALSE;

  if (self->schema_version == cr_migrations_latest_version ())
    return TRUE;

  if (!cr_store_begin (self, error))
    return FALSE;
  if (!identify (self, &is_new, error))
    goto fail;
  if (self->schema_version == cr_migrations_latest_version ())
    {
      cr_store_rollback (self);
      return TRUE;
    }

  if (is_new)
    {
      pragma = g_strdup_printf ("PRAGMA application_id = %d", CR_STORE_APPLICATION_ID);
      if (!exec_sql (self, pragma, _("creating the library"), error))
        goto fail;
    }

  if (!cr_migrations_apply (self->db, self->schema_version, error))
    goto fail;

  if (!cr_store_commit (self, error))
    return FALSE;

  self->schema_version = cr_migrations_latest_version ();
  return TRUE;

fail:
  cr_store_rollback (self);
  return FALSE;
}

/* Only a file with a name of its own can be a library: not SQLite's
 * in-memory database or URIs, not a device, a pipe or a folder. */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;

  if (path[0] == '\0' || g_strcmp0 (path, ":memory:") == 0 || g_str_has_prefix (path, "file:"))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is what was given as the library's path */
                   _("“%s” is not the path of a file; a library is an ordinary file, such as ~/workshops.db. SQLite’s “:memory:” and “file:” names are not accepted."),
                   path);
      return FALSE;
    }

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                       /* Translators: %s is a path */
                       _("%s is a folder, not a Crossroads library; give the path of a file."),
                       path);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_autofree char *target = g_file_read_link (path, NULL);

          if (target != NULL)
            g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                         /* Translators: first %s is a path, second where its link points ("/dev/null") */
                         _("%s is a link to %s, which is not an ordinary file; a library must be an ordinary file. Give the path of one."),
                         path, target);
          else if (S_ISFIFO (st.st_mode))
            g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                         /* Translators: %s is a path */
                         _("%s is a named pipe, not an ordinary file; a library must be an ordinary file. Give the path of one."),
                         path);
          else
            g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                         /* Translators: %s is a path */
                         _("%s is a device or a socket, not an ordinary file; a library must be an ordinary file. Give the path of one."),
                         path);
          return FALSE;
        }
    }
  else if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autofree char *target = g_file_read_link (path, NULL);

      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: first %s is a path, second where its link points */
                   _("%s is a link to %s, which does not exist; give the path of the library itself."),
                   path, target != NULL ? target : "?");
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a folder path */
                   _("The folder %s does not exist; create it first or choose another place for the library."),
                   dir);
      return FALSE;
    }
  return TRUE;
}

/* Whether this process may change the library: the file, and its folder,
 * where the write-ahead log and the backups live. */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return access (dir, W_OK) == 0 && (access (path, F_OK) != 0 || access (path, W_OK) == 0);
}

/* Between the look at the write-ahead log and SQLite's own, the writer's
 * last process may remove the log, or a first one make it: SQLite then
 * finds a library it cannot read as it was told to. Looked at again. */
#define READ_ATTEMPTS 50

static gboolean
log_changed_meanwhile (int code)
{
  return code == SQLITE_READONLY_DIRECTORY || code == SQLITE_READONLY_CANTINIT ||
         code == SQLITE_READONLY_RECOVERY || code == SQLITE_BUSY_RECOVERY ||
         code == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_BUSY;
}

/* A library this process cannot change is read without a trace: SQLite
 * would otherwise make its -wal and -shm, with the library's read-only
 * permissions, and a later writer could not use them. With no write-ahead
 * log the file alone is the library, and "immutable" reads just that; a
 * log left beside it is read through the shared memory already there.
 * SQLite keeps the log beside the file that links lead to, so that is the
 * file looked at. */
static gboolean
open_reading (CrStore     *self,
              GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *file_uri = NULL;
  g_autofree char *wal = NULL;
  char *real = realpath (absolute, NULL);
  int rc;

  if (real != NULL)
    {
      g_free (absolute);
      absolute = g_strdup (real);
      free (real);
    }
  file_uri = g_filename_to_uri (absolute, NULL, error);
  if (file_uri == NULL)
    return FALSE;
  wal = g_strconcat (absolute, "-wal", NULL);

  /* The guard's SHARED lock, as a writer's own: the owner's last process
   * then neither copies its log into the file while "immutable" reads it
   * (which read a torn library, "damaged"), nor removes the log. One in the
   * middle of doing so holds the EXCLUSIVE lock: waited for. */
  self->guard_fd = g_open (absolute, O_RDONLY | O_CLOEXEC, 0);
  for (guint attempt = 1; self->guard_fd >= 0; attempt++)
    {
      if (ofd_lock (self->guard_fd, F_RDLCK, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE))
        break;
      if ((errno != EAGAIN && errno != EACCES) || attempt == READ_ATTEMPTS)
        {
          g_debug ("No guard lock on %s: %s", self->path, g_strerror (errno));
          break;
        }
      g_usleep (MIN (attempt, 10) * 1000);
    }

  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *uri = NULL;
      GStatBuf st;

      if (g_stat (wal, &st) == 0 && st.st_size > 0)
        uri = g_strconcat (file_uri, "?mode=ro&readonly_shm=1", NULL);
      else
        uri = g_strconcat (file_uri, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        {
          /* SQLite opens the log with the first read. */
          sqlite3_extended_result_codes (self->db, TRUE);
          rc = sqlite3_exec (self->db, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL);
          if (rc == SQLITE_OK)
            return TRUE;
          rc = sqlite3_extended_errcode (self->db);
        }
      if (attempt == READ_ATTEMPTS || !log_changed_meanwhile (rc))
        break;
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      g_usleep (MIN (attempt, 10) * 1000);
    }

  set_error_for_code (self, error, self->path, refine_code (self->db, rc),
                      self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                      _("opening the library"));
  return FALSE;
}

typedef enum
{
  OPEN_WRITE,  /* refuse what cannot be changed */
  OPEN_READ,   /* read what cannot be changed, read-only */
} OpenMode;

/* Opens @file, shown to the user as @path (they differ while a new library
 * is made under a temporary name). */
static CrStore *
open_file (const char  *path,
           const char  *file,
           OpenMode     mode,
           GError     **error)
{
  g_autoptr(CrStore) self = NULL;
  gboolean is_new = FALSE;
  gboolean writable;
  int rc;

  self = g_object_new (CR_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  writable = can_write (file);
  if (!writable && mode == OPEN_WRITE)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      /* SQLite's own words for a folder ("attempt to write a readonly
       * database") would blame the file; the write-ahead log lives beside it. */
      if (access (dir, W_OK) != 0)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                     /* Translators: first %s is a file path, second its folder */
                     _("%s cannot be used because its folder %s cannot be written (Crossroads keeps a journal beside the library so that nothing is lost in a crash); it was left untouched. Move the library to a folder you can write to, or open a copy."),
                     path, dir);
      else
        set_read_only_error (self, error);
      return NULL;
    }

  if (writable)
    {
      rc = sqlite3_open_v2 (file, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc != SQLITE_OK)
        {
          set_error_for_code (self, error, path, refine_code (self->db, rc),
                              self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                              _("opening the library"));
          return NULL;
        }
      /* Opened now, before SQLite holds any lock that closing it could drop,
       * and kept open until the store is gone. */
      self->guard_fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
    }
  else
    {
      self->read_only = TRUE;
      if (!open_reading (self, error))
        return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_handler (self->db, on_busy, self);
  mark_busy (self, TRUE);

  if (!identify (self, &is_new, error))
    goto fail;

  if (self->read_only)
    {
      /* Nothing can be upgraded, and older tables would not be understood. */
      if (is_new || self->schema_version < cr_migrations_latest_version ())
        {
          g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                       /* Translators: %s is a file path */
                       _("%s is read-only and was written by an older version of Crossroads, or is empty; it must be upgraded before it can be read, which needs permission to write. Open a copy."),
                       path);
          goto fail;
        }
      exec_sql (self, "PRAGMA query_only = 1", _("opening the library"), NULL);
      mark_busy (self, FALSE);
      return g_steal_pointer (&self);
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      set_read_only_error (self, error);
      goto fail;
    }

  /* WAL with synchronous=FULL: a commit that returned has reached the disk,
   * and readers never block the facilitator's writes. Asked first, so that
   * a library already in WAL is not locked to be switched. */
  if (!query_text_equals (self, "PRAGMA journal_mode", "wal") &&
      !query_text_equals (self, "PRAGMA journal_mode = WAL", "wal"))
    {
      cr_store_set_error (self, error, _("switching the library to write-ahead logging"));
      if (error != NULL && *error == NULL)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                     _("%s cannot use write-ahead logging; put the library on a local disk."),
                     path);
      goto fail;
    }
  if (!exec_sql (self, "PRAGMA synchronous = FULL", _("opening the library"), error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", _("opening the library"), error))
    goto fail;

  if (!upgrade (self, error))
    goto fail;

  /* After the switch to WAL, which needs SQLite's exclusive lock. */
  take_shared_guard (self);
  mark_busy (self, FALSE);
  return g_steal_pointer (&self);

fail:
  mark_busy (self, FALSE);
  return NULL;
}

/* A new library is made whole under a name of its own, then given its name
 * only if no other process gave that name to one first: two first starts at
 * once never see each other's half-made file, and a failure removes only
 * the file this process made. */
static gboolean
create_library (const char  *path,
                GError     **error)
{
  g_autofree char *file = g_strconcat (path, ".new-XXXXXX", NULL);
  g_autoptr(CrStore) made = NULL;
  g_autoptr(GError) local_error = NULL;
  CrFileId id;

  if (!cr_own_file_create (file, &id, &local_error))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
        set_error_for_code (NULL, error, path, SQLITE_FULL, NULL, NULL);
      else
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                     _("%s cannot be used because its folder %s cannot be written (Crossroads keeps a journal beside the library so that nothing is lost in a crash); it was left untouched. Move the library to a folder you can write to, or open a copy."),
                     path, dir);
      return FALSE;
    }

  made = open_file (path, file, OPEN_WRITE, error);
  if (made == NULL)
    {
      cr_own_file_remove (file, &id);
      return FALSE;
    }
  /* Closed, it is one file: the log is folded in and removed. */
  g_clear_object (&made);

  if (!cr_own_file_rename_noreplace (file, path))
    {
      int saved_errno = errno;

      cr_own_file_remove (file, &id);
      /* Another process was first: its library is the one to open. */
      if (saved_errno == EEXIST)
        return TRUE;
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   /* Translators: first %s is a file path, second the system's reason */
                   _("Could not create the library %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static CrStore *
open_store (const char  *path,
            OpenMode     mode,
            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_path (path, error))
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_library (path, error))
    return NULL;
  return open_file (path, path, mode, error);
}

CrStore *
cr_store_open (const char  *path,
               GError     **error)
{
  return open_store (path, OPEN_WRITE, error);
}

CrStore *
cr_store_open_for_reading (const char  *path,
                           GError     **error)
{
  return open_store (path, OPEN_READ, error);
}

/* The fuzz targets' scratch store: no disk, its own journal, no backups. */
CrStore *
cr_store_open_in_memory (GError **error)
{
  g_autoptr(CrStore) self = g_object_new (CR_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (":memory:");
  self->in_memory = TRUE;
  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_code (self, error, self->path, rc, sqlite3_errstr (rc), _("opening the library"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  if (!exec_sql (self, "PRAGMA foreign_keys = ON", _("opening the library"), error) ||
      !upgrade (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
cr_store_is_read_only (CrStore *self)
{
  g_return_val_if_fail (CR_IS_STORE (self), TRUE);
  return self->read_only;
}

gboolean
cr_store_restore_backup (CrStore     *self,
                         const char  *backup_path,
                         char       **kept_path,
                         GError     **error)
{
  g_return_val_if_fail (CR_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only)
    {
      /* The same words as every other change refused on this library. */
      return cr_store_begin (self, error);
    }
  return cr_backup_restore (self->path, self->db, backup_path, kept_path, error);
}

const char *
cr_store_get_path (CrStore *self)
{
  g_return_val_if_fail (CR_IS_STORE (self), NULL);
  return self->path;
}

int
cr_store_get_schema_version (CrStore *self)
{
  g_return_val_if_fail (CR_IS_STORE (self), 0);
  return self->schema_version;
}

sqlite3 *
cr_store_get_db (CrStore *self)
{
  g_return_val_if_fail (CR_IS_STORE (self), NULL);
  return self->db;
}

typedef struct
{
  char *path;
  char *day;
} BackupJob;

static gpointer
backup_thread_run (gpointer data)
{
  BackupJob *job = data;
  GError *error = NULL;

  cr_backup_ensure_path (job->path, job->day, &error);
  g_free (job->path);
  g_free (job->day);
  g_free (job);
  return error;
}

/* Waits for a backup started by cr_store_start_backup (); the day counts as
 * backed up only when it was made. */
static void
finish_backup (CrStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->backup_thread == NULL)
    return;
  error = g_thread_join (g_steal_pointer (&self->backup_thread));
  if (error != NULL)
    g_message ("No backup of %s today: %s", self->path, error->message);
  else
    {
      g_free (self->backup_day);
      self->backup_day = g_steal_pointer (&self->backup_thread_day);
    }
  g_clear_pointer (&self->backup_thread_day, g_free);
  self->day_checked_until = 0;
}

static char *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* In real time, microseconds, as g_get_real_time (). */
static gint64
next_local_midnight (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next) * G_USEC_PER_SEC;
}

void
cr_store_start_backup (CrStore *self)
{
  g_autofree char *today = NULL;
  BackupJob *job;

  g_return_if_fail (CR_IS_STORE (self));

  today = today_local ();
  if (self->schema_version == 0 || self->backup_thread != NULL || self->read_only ||
      self->in_memory || g_strcmp0 (today, self->backup_day) == 0)
    return;

  job = g_new0 (BackupJob, 1);
  job->path = g_strdup (self->path);
  job->day = g_strdup (today);
  self->backup_thread_day = g_steal_pointer (&today);
  self->backup_thread = g_thread_new ("crossroads-backup", backup_thread_run, job);
}

gboolean
cr_store_begin (CrStore  *self,
                GError  **error)
{
  g_return_val_if_fail (CR_IS_STORE (self), FALSE);

  self->nested_closed = FALSE;

  /* A change made inside another one (the phone server writes a ballot and
   * its idempotency key in one commit) is a savepoint: it can fail alone,
   * and only the outermost commit reaches the disk. */
  if (self->in_transaction)
    {
      if (!run_cached (self, "SAVEPOINT cr_nested", _("starting a change"), error))
        return FALSE;
      self->nesting++;
      return TRUE;
    }

  /* Refused here, before SQLite could leave journals behind. */
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }

  /* The library as it was before the day's first change; a new, empty
   * library (schema version 0) has nothing to keep yet. */
  finish_backup (self);
  /* Today's date is looked up once a day, not for every vote. */
  if (self->schema_version > 0 && !self->in_memory && g_get_real_time () >= self->day_checked_until)
    {
      g_autofree char *today = today_local ();

      if (g_strcmp0 (today, self->backup_day) != 0)
        {
          g_autoptr(GError) backup_error = NULL;

          /* A missing backup must not stop the facilitator's change. */
          if (!cr_backup_ensure (self->path, self->db, today, &backup_error))
            g_message ("No backup of %s today: %s", self->path, backup_error->message);
          g_free (self->backup_day);
          self->backup_day = g_steal_pointer (&today);
        }
      self->day_checked_until = next_local_midnight ();
    }

  /* IMMEDIATE takes the write lock now, so a busy library fails before any
   * change is made rather than halfway through one. */
  if (!run_cached (self, "BEGIN IMMEDIATE", _("starting a change"), error))
    return FALSE;
  self->in_transaction = TRUE;
  mark_busy (self, TRUE);
  return TRUE;
}

gboolean
cr_store_commit (CrStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CR_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  self->nested_closed = FALSE;
  if (self->nesting > 0)
    {
      if (!run_cached (self, "RELEASE cr_nested", _("saving the change"), error))
        {
          cr_store_rollback (self);
          self->nested_closed = TRUE;
          return FALSE;
        }
      self->nesting--;
      return TRUE;
    }

  if (!run_cached (self, "COMMIT", _("saving the change"), error))
    {
      cr_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  mark_busy (self, FALSE);
  return TRUE;
}

gboolean
cr_store_in_transaction (CrStore *self)
{
  g_return_val_if_fail (CR_IS_STORE (self), FALSE);
  return self->in_transaction;
}

void
cr_store_rollback (CrStore *self)
{
  g_return_if_fail (CR_IS_STORE (self));

  if (self->nested_closed)
    {
      self->nested_closed = FALSE;
      return;
    }
  if (!self->in_transaction)
    return;
  if (self->nesting > 0)
    {
      /* Undoes the nested change only; the savepoint is then closed. */
      sqlite3_exec (self->db, "ROLLBACK TO cr_nested; RELEASE cr_nested", NULL, NULL, NULL);
      self->nesting--;
      return;
    }
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  mark_busy (self, FALSE);
}

sqlite3_stmt *
cr_store_prepare (CrStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      cr_store_set_error (self, error, _("preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
cr_store_step_done (CrStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (CR_IS_STORE (self), FALSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cr_store_set_error (self, error, _("writing to the library"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}
