/* cr-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-backup"

#include "config.h"

#include "cr-backup.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-migrations.h"

#define PREFIX "crossroads-"
#define SUFFIX ".db"

char *
cr_backup_get_dir (const char *library_path)
{
  g_return_val_if_fail (library_path != NULL, NULL);

  return g_strconcat (library_path, ".backups", NULL);
}

char *
cr_backup_get_day (const char *backup_path)
{
  g_autofree char *name = NULL;
  const char *day;

  g_return_val_if_fail (backup_path != NULL, NULL);

  name = g_path_get_basename (backup_path);
  if (strlen (name) != strlen (PREFIX "YYYY-MM-DD" SUFFIX) ||
      !g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX))
    return NULL;

  day = name + strlen (PREFIX);
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? day[i] != '-' : !g_ascii_isdigit (day[i]))
      return NULL;
  return g_strndup (day, 10);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cr_backup_list (const char *library_path)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (library_path != NULL, backups);

  dir_path = cr_backup_get_dir (library_path);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return backups;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *day = cr_backup_get_day (name);

      if (day != NULL)
        g_ptr_array_add (backups, g_build_filename (dir_path, name, NULL));
    }
  /* The date in the name sorts as text. */
  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *path)
{
  g_set_error (error, CR_STORE_ERROR,
               (sqlite3_errcode (db) & 0xff) == SQLITE_FULL ? CR_STORE_ERROR_FULL : CR_STORE_ERROR_FAILED,
               /* Translators: first %s is a file path, second SQLite's message */
               _("Could not copy the library to %s: %s"),
               path, sqlite3_errmsg (db));
}

/* One online copy of @source's main database into @dest, a consistent
 * snapshot even while the library is in use. */
static gboolean
copy_into (sqlite3     *dest,
           sqlite3     *source,
           const char  *dest_path,
           GError     **error)
{
  sqlite3_backup *backup;
  int rc;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dest, dest_path);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, dest, dest_path);
      return FALSE;
    }
  return TRUE;
}

/* Copies the library into @path through a temporary file and a rename, so
 * a crash leaves either the whole copy or none. */
static gboolean
copy_to_file (sqlite3     *source,
              const char  *path,
              GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  sqlite3 *dest = NULL;
  gboolean ok;

  g_unlink (part);
  if (sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, dest, path);
      sqlite3_close (dest);
      return FALSE;
    }
  ok = copy_into (dest, source, path, error);
  /* The copy carries the library's write-ahead-log mode; a backup is one
   * self-contained file that opens read-only without companions. */
  if (ok && sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, dest, path);
      ok = FALSE;
    }
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   _("Could not copy the library to %s: it could not be closed"), path);
      ok = FALSE;
    }
  if (ok && g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   _("Could not copy the library to %s: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (part);
  return ok;
}

static void
rotate (const char *library_path)
{
  g_autoptr(GPtrArray) backups = cr_backup_list (library_path);

  for (guint i = CR_BACKUP_KEEP; i < backups->len; i++)
    if (g_unlink (g_ptr_array_index (backups, i)) != 0)
      g_message ("Could not remove the old backup %s: %s",
                 (const char *) g_ptr_array_index (backups, i), g_strerror (errno));
}

/* @source is the library's own connection, or NULL to open one of our own
 * (from another thread: SQLite connections are not shared across threads). */
static gboolean
ensure (const char  *library_path,
        sqlite3     *source,
        const char  *day,
        GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  sqlite3 *own = NULL;
  gboolean ok;

  if (g_strcmp0 (library_path, ":memory:") == 0)
    return TRUE;

  dir = cr_backup_get_dir (library_path);
  name = g_strconcat (PREFIX, day, SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   /* Translators: first %s is a folder, second the system's reason */
                   _("Could not create the backup folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (source == NULL)
    {
      if (sqlite3_open_v2 (library_path, &own, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        {
          set_sqlite_error (error, own, path);
          sqlite3_close (own);
          return FALSE;
        }
      source = own;
    }
  ok = copy_to_file (source, path, error);
  if (own != NULL)
    sqlite3_close (own);
  if (!ok)
    return FALSE;

  rotate (library_path);
  return TRUE;
}

gboolean
cr_backup_ensure (CrStore     *store,
                  const char  *day,
                  GError     **error)
{
  g_return_val_if_fail (CR_IS_STORE (store), FALSE);
  g_return_val_if_fail (day != NULL && strlen (day) == 10, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure (cr_store_get_path (store), cr_store_get_db (store), day, error);
}

gboolean
cr_backup_ensure_path (const char  *library_path,
                       const char  *day,
                       GError     **error)
{
  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (day != NULL && strlen (day) == 10, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure (library_path, NULL, day, error);
}

/* A backup must be a whole Crossroads library that this version reads. */
static gboolean
check_backup (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  const char *checks[] = { "PRAGMA application_id", "PRAGMA user_version", "PRAGMA quick_check" };
  gint64 app_id = 0, version = 0;
  gboolean whole = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, checks[i], -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (i == 0)
            app_id = sqlite3_column_int64 (stmt, 0);
          else if (i == 1)
            version = sqlite3_column_int64 (stmt, 0);
          else
            whole = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
        }
      sqlite3_finalize (stmt);
    }

  if (app_id != CR_STORE_APPLICATION_ID || version < 1)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a file path */
                   _("%s is not a backup of a Crossroads library; choose one of the library's backups."),
                   path);
      return FALSE;
    }
  if (version > cr_migrations_latest_version ())
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path */
                   _("%s was written by a newer version of Crossroads; update Crossroads to restore it."),
                   path);
      return FALSE;
    }
  if (!whole)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a file path */
                   _("%s is damaged; choose another backup."), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
cr_backup_restore (CrStore     *store,
                   const char  *backup_path,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *safety = NULL;
  sqlite3 *backup = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CR_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sqlite3_open_v2 (backup_path, &backup, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: first %s is a file path, second SQLite's message */
                   _("%s cannot be read: %s"), backup_path, sqlite3_errmsg (backup));
      goto out;
    }
  if (!check_backup (backup, backup_path, error))
    goto out;

  /* The library as it is now, so that the restore itself can be undone. */
  dir = cr_backup_get_dir (cr_store_get_path (store));
  safety = g_build_filename (dir, "before-restore.db", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   _("Could not create the backup folder %s: %s"), dir, g_strerror (saved_errno));
      goto out;
    }
  if (!copy_to_file (cr_store_get_db (store), safety, error))
    goto out;

  /* One backup step of every page replaces the content under the write
   * lock: other readers see the old library or the restored one. */
  ok = copy_into (cr_store_get_db (store), backup, cr_store_get_path (store), error);

out:
  sqlite3_close (backup);
  return ok;
}
