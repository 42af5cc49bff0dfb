/* cr-backup.c: daily copies of a library beside it, their rotation, and
 * restoring one (cr-backup.h says how)
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
#include <sys/stat.h>

#include "cr-migrations.h"
#include "cr-own-file.h"
#include "cr-store.h"

#define PREFIX "crossroads-"
#define SUFFIX ".db"
#define RESTORE_PREFIX "before-restore-"

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

static char *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Newest first by the date in the name, except that a date after @today
 * (a backup made while the clock was ahead) counts as older than all the
 * others: it is listed last and removed first, and today's copy, just
 * made, is never the one to go. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      today)
{
  g_autofree char *day_a = cr_backup_get_day (*(const char * const *) a);
  g_autofree char *day_b = cr_backup_get_day (*(const char * const *) b);
  gboolean future_a = g_strcmp0 (day_a, today) > 0;
  gboolean future_b = g_strcmp0 (day_b, today) > 0;

  if (future_a != future_b)
    return future_a ? 1 : -1;
  return -g_strcmp0 (day_a, day_b);
}

static GPtrArray *
list_for_day (const char *library_path,
              const char *today)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_free);
  const char *name;

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
  g_qsort_with_data (backups->pdata, backups->len, sizeof (gpointer), compare_newest_first, (gpointer) today);
  return backups;
}

GPtrArray *
cr_backup_list (const char *library_path)
{
  g_autofree char *today = today_local ();

  g_return_val_if_fail (library_path != NULL, g_ptr_array_new_with_free_func (g_free));

  return list_for_day (library_path, today);
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

typedef enum
{
  PLACE_FIRST_WINS,  /* another process's copy of the same name stays */
  PLACE_NUMBERED,    /* a name of its own: "-2", "-3"... before the suffix */
} Placing;

/* Gives the finished copy @part the name @path, or with PLACE_NUMBERED the
 * next free one; returns the name the copy has (with PLACE_FIRST_WINS,
 * possibly another process's copy). */
static char *
place (const char  *part,
       const char  *path,
       Placing      placing,
       GError     **error)
{
  int saved_errno;

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = NULL;

      if (n == 1)
        name = g_strdup (path);
      else
        {
          g_autofree char *stem = g_strndup (path, strlen (path) - strlen (SUFFIX));

          name = g_strdup_printf ("%s-%u%s", stem, n, SUFFIX);
        }
      if (cr_own_file_rename_noreplace (part, name))
        return g_steal_pointer (&name);
      if (errno != EEXIST)
        break;
      if (placing == PLACE_FIRST_WINS)
        return g_strdup (path);
    }
  saved_errno = errno;
  g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
               _("Could not copy the library to %s: %s"), path, g_strerror (saved_errno));
  return NULL;
}

/* Copies the library into a temporary file whose name no other process
 * uses, then gives it its name in one step: a crash leaves the whole copy
 * or none, and of copies made at the same moment, one is kept. */
static char *
copy_to_file (sqlite3     *source,
              const char  *path,
              Placing      placing,
              GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part-XXXXXX", NULL);
  g_autoptr(GError) create_error = NULL;
  char *placed = NULL;
  sqlite3 *dest = NULL;
  CrFileId id;
  gboolean ok;

  if (!cr_own_file_create (part, &id, &create_error))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   _("Could not copy the library to %s: %s"), path, create_error->message);
      return NULL;
    }
  if (sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, dest, path);
      sqlite3_close (dest);
      cr_own_file_remove (part, &id);
      return NULL;
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
  if (ok)
    placed = place (part, path, placing, error);
  /* Still there when another copy was first, or when it failed. */
  cr_own_file_remove (part, &id);
  return placed;
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
  g_autofree char *placed = NULL;
  sqlite3 *own = NULL;

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
  placed = copy_to_file (source, path, PLACE_FIRST_WINS, error);
  if (own != NULL)
    sqlite3_close (own);
  if (placed == NULL)
    return FALSE;

  rotate (library_path);
  return TRUE;
}

gboolean
cr_backup_ensure (const char  *library_path,
                  sqlite3     *db,
                  const char  *day,
                  GError     **error)
{
  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (day != NULL && strlen (day) == 10, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure (library_path, db, day, error);
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

/* Everything in a library's schema, one line each: its tables, indexes,
 * triggers and views with the text that made them (the migrations' own,
 * which SQLite keeps as it was given), and the columns of each table. A
 * trigger or a changed CHECK in a backup would act on every later change. */
static GPtrArray *
describe_schema (sqlite3 *db)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *objects = NULL;
  sqlite3_stmt *columns = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, coalesce (sql, '') FROM sqlite_master"
                              " ORDER BY type, name", -1, &objects, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info (?1) ORDER BY cid",
                          -1, &columns, NULL) != SQLITE_OK)
    goto out;

  while (sqlite3_step (objects) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (objects, 0);
      const char *name = (const char *) sqlite3_column_text (objects, 1);
      GString *line = g_string_new (NULL);

      g_string_printf (line, "%s %s on %s: %s;", type, name, (const char *) sqlite3_column_text (objects, 2),
                       (const char *) sqlite3_column_text (objects, 3));
      if (g_strcmp0 (type, "table") == 0)
        {
          sqlite3_bind_text (columns, 1, name, -1, SQLITE_TRANSIENT);
          while (sqlite3_step (columns) == SQLITE_ROW)
            g_string_append_printf (line, " %s %s %d %d", (const char *) sqlite3_column_text (columns, 0),
                                    (const char *) sqlite3_column_text (columns, 1),
                                    sqlite3_column_int (columns, 2), sqlite3_column_int (columns, 3));
          sqlite3_reset (columns);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }

out:
  sqlite3_finalize (objects);
  sqlite3_finalize (columns);
  return lines;
}

/* The name of the first part of the schema that @db lacks or has otherwise
 * (@extra FALSE), or has and a library of schema @version made by the
 * migrations has not (@extra TRUE); NULL when they agree. */
static char *
find_schema_difference (sqlite3  *db,
                        int       version,
                        gboolean *extra)
{
  g_autoptr(GPtrArray) have = describe_schema (db);
  g_autoptr(GPtrArray) want = NULL;
  sqlite3 *reference = NULL;

  if (sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      !cr_migrations_apply_to (reference, 0, version, NULL))
    {
      sqlite3_close (reference);
      return g_strdup ("?");
    }
  want = describe_schema (reference);
  sqlite3_close (reference);

  *extra = FALSE;
  for (guint i = 0; i < want->len; i++)
    if (!g_ptr_array_find_with_equal_func (have, g_ptr_array_index (want, i), g_str_equal, NULL))
      {
        g_auto(GStrv) words = g_strsplit (g_ptr_array_index (want, i), " ", 3);

        return g_strdup (words[1]);
      }
  for (guint i = 0; i < have->len; i++)
    if (!g_ptr_array_find_with_equal_func (want, g_ptr_array_index (have, i), g_str_equal, NULL))
      {
        g_auto(GStrv) words = g_strsplit (g_ptr_array_index (have, i), " ", 3);

        *extra = TRUE;

        return g_strdup (words[1]);
      }
  return NULL;
}

/* A backup must be a whole Crossroads library that this version reads:
 * its application id and version, every table and index of that version
 * as the migrations make them, and a clean PRAGMA integrity_check. */
static gboolean
check_backup (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  const char *checks[] = { "PRAGMA application_id", "PRAGMA user_version", "PRAGMA integrity_check" };
  gint64 app_id = 0, version = 0;
  gboolean whole = FALSE;
  g_autofree char *difference = NULL;
  gboolean extra = FALSE;

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
            whole = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
                    sqlite3_step (stmt) == SQLITE_DONE;
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
  difference = find_schema_difference (db, (int) version, &extra);
  if (difference != NULL && extra)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: first %s is a file path, second the name of a trigger, view, table or index */
                   _("%s is not a whole Crossroads library: it has “%s” (a trigger, a view, a table or an index), which Crossroads does not make. Nothing was changed; choose another backup."),
                   path, difference);
      return FALSE;
    }
  if (difference != NULL)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN,
                   /* Translators: first %s is a file path, second a table's name */
                   _("%s is not a whole Crossroads library: its table or index “%s” is missing or not as Crossroads makes it. Nothing was changed; choose another backup."),
                   path, difference);
      return FALSE;
    }
  return TRUE;
}

gboolean
cr_backup_restore (const char  *library_path,
                   sqlite3     *db,
                   const char  *backup_path,
                   char       **kept_path,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *backup = NULL;
  gboolean ok = FALSE;
  GStatBuf st;

  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* SQLite would wait for ever on a named pipe no one writes to. */
  if (g_stat (backup_path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   _("%s cannot be read: %s"), backup_path, _("it is not an ordinary file"));
      goto out;
    }
  if (sqlite3_open_v2 (backup_path, &backup, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: first %s is a file path, second SQLite's message */
                   _("%s cannot be read: %s"), backup_path, sqlite3_errmsg (backup));
      goto out;
    }
  if (!check_backup (backup, backup_path, error))
    goto out;

  /* Only now that the backup passed, the library as it is, so that the
   * restore can be taken back: a copy of its own for every restore. */
  dir = cr_backup_get_dir (library_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   _("Could not create the backup folder %s: %s"), dir, g_strerror (saved_errno));
      goto out;
    }
  stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  name = g_strconcat (RESTORE_PREFIX, stamp, SUFFIX, NULL);
  safety = g_build_filename (dir, name, NULL);
  kept = copy_to_file (db, safety, PLACE_NUMBERED, error);
  if (kept == NULL)
    goto out;

  /* One backup step of every page replaces the content under the write
   * lock: other readers see the old library or the restored one. */
  ok = copy_into (db, backup, library_path, error);
  if (ok && kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);

out:
  sqlite3_close (backup);
  return ok;
}
