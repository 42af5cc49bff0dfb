/* cr-store.c
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
#include <unistd.h>

#include "cr-backup.h"
#include "cr-migrations.h"
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
  guint       in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (CrStore, cr_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (cr-store-error-quark, cr_store_error)

static void finish_backup (CrStore *self);

static void
cr_store_finalize (GObject *object)
{
  CrStore *self = (CrStore *)object;

  finish_backup (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* The guard goes first, so that SQLite, when it is the last user, can
   * fold the write-ahead log into the library and remove it: the library is
   * then one self-contained file to copy. */
  if (self->guard_fd >= 0)
    close (self->guard_fd);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
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
cr_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "crossroads", "crossroads.db", NULL);
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

static void
set_error_for_code (GError     **error,
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

void
cr_store_set_error (CrStore     *self,
                    GError     **error,
                    const char  *doing)
{
  g_return_if_fail (CR_IS_STORE (self));

  set_error_for_code (error, self->path, refine_code (self->db, sqlite3_extended_errcode (self->db)),
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
      set_error_for_code (error, self->path,
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

static void
take_shared_guard (CrStore *self)
{
  struct flock lock = { 0 };

  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = SQLITE_SHARED_FIRST;
  lock.l_len = SQLITE_SHARED_SIZE;
  if (self->guard_fd >= 0 && fcntl (self->guard_fd, F_OFD_SETLK, &lock) != 0)
    g_debug ("No guard lock on %s: %s", self->path, g_strerror (errno));
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

static gboolean
upgrade (CrStore   *self,
         gboolean   is_new,
         GError   **error)
{
  g_autofree char *pragma = NULL;

  if (!is_new && self->schema_version == cr_migrations_latest_version ())
    return TRUE;

  if (!cr_store_begin (self, error))
    return FALSE;

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

static CrStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(CrStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean is_new = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CR_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a path */
                   _("%s is a folder, not a Crossroads library; give the path of a file."),
                   path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a folder path */
                   _("The folder %s does not exist; create it first or choose another place for the library."),
                   dir);
      return NULL;
    }
  /* SQLite's own words for this ("attempt to write a readonly database")
   * would blame the file; the write-ahead log lives beside it. */
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                   /* Translators: first %s is a file path, second its folder */
                   _("%s cannot be used because its folder %s cannot be written (Crossroads keeps a journal beside the library so that nothing is lost in a crash); it was left untouched. Move the library to a folder you can write to, or open a copy."),
                   path, dir);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_code (error, path, refine_code (self->db, rc),
                          self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                          _("opening the library"));
      return NULL;
    }

  /* Opened now, before SQLite holds any lock that closing it could drop,
   * and kept open until the store is gone. */
  if (g_strcmp0 (path, ":memory:") != 0)
    self->guard_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  sqlite3_extended_result_codes (self->db, TRUE);
  /* Another window or a backup may hold the lock for a moment. */
  sqlite3_busy_timeout (self->db, 3000);

  if (!identify (self, &is_new, error))
    return NULL;

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY,
                   _("%s cannot be written (%s); check the permissions of the file and its folder, or open a copy."),
                   path, _("it is read-only"));
      return NULL;
    }

  /* WAL with synchronous=FULL: a commit that returned has reached the disk,
   * and readers never block the facilitator's writes. An in-memory library
   * (the fuzz targets' scratch store) has no disk and keeps its own journal. */
  if (g_strcmp0 (path, ":memory:") != 0 &&
      !query_text_equals (self, "PRAGMA journal_mode = WAL", "wal"))
    {
      cr_store_set_error (self, error, _("switching the library to write-ahead logging"));
      if (error != NULL && *error == NULL)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                     _("%s cannot use write-ahead logging; put the library on a local disk."),
                     path);
      return NULL;
    }
  if (!exec_sql (self, "PRAGMA synchronous = FULL", _("opening the library"), error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", _("opening the library"), error))
    return NULL;

  if (!upgrade (self, is_new, error))
    return NULL;

  /* After the switch to WAL, which needs SQLite's exclusive lock. */
  take_shared_guard (self);
  return g_steal_pointer (&self);
}

/* A library that could not be made (a full disk, a folder that refuses the
 * journal) leaves no empty file behind to be mistaken for one next time. */
CrStore *
cr_store_open (const char  *path,
               GError     **error)
{
  gboolean existed;
  CrStore *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  existed = g_strcmp0 (path, ":memory:") == 0 || g_file_test (path, G_FILE_TEST_EXISTS);
  self = open_store (path, error);
  if (self == NULL && !existed)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
    }
  return self;
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
  if (self->schema_version == 0 || self->backup_thread != NULL ||
      g_strcmp0 (self->path, ":memory:") == 0 || g_strcmp0 (today, self->backup_day) == 0)
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
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* The library as it was before the day's first change; a new, empty
   * library (schema version 0) has nothing to keep yet. */
  finish_backup (self);
  /* Today's date is looked up once a day, not for every vote. */
  if (self->schema_version > 0 && g_get_real_time () >= self->day_checked_until)
    {
      g_autofree char *today = today_local ();

      if (g_strcmp0 (today, self->backup_day) != 0)
        {
          g_autoptr(GError) backup_error = NULL;

          /* A missing backup must not stop the facilitator's change. */
          if (!cr_backup_ensure (self, today, &backup_error))
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
  return TRUE;
}

gboolean
cr_store_commit (CrStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CR_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!run_cached (self, "COMMIT", _("saving the change"), error))
    {
      cr_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
cr_store_rollback (CrStore *self)
{
  g_return_if_fail (CR_IS_STORE (self));

  if (!self->in_transaction)
    return;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
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
