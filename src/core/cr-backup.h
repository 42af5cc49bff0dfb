/* cr-backup.h: daily copies of a library beside it, and restoring one
 *
 * Before the first change of each day the store copies the library, as it
 * was, with SQLite's online backup API into <library>.backups/ as
 * crossroads-YYYY-MM-DD.db, keeping the newest CR_BACKUP_KEEP copies. A
 * copy dated after today (made while the clock was ahead) counts as the
 * oldest. Processes making the day's first change at the same moment each
 * copy to a name of their own; the first copy to be given the day's name
 * is the day's backup.
 *
 * It works on a library's path and an open SQLite connection, never on the
 * store, so the store can call it without it calling back: restoring into
 * an open library goes through cr_store_restore_backup(), which refuses a
 * read-only library first. Errors are in CR_STORE_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CR_BACKUP_KEEP 7

/* "<library>.backups" */
char       *cr_backup_get_dir       (const char  *library_path);

/* Makes today's copy of the library at @library_path, open as @db, unless
 * it exists (day in local time, "YYYY-MM-DD"), then removes all but the
 * newest CR_BACKUP_KEEP. An in-memory library (":memory:") has no backups. */
gboolean    cr_backup_ensure        (const char  *library_path,
                                     sqlite3     *db,
                                     const char  *day,
                                     GError     **error);

/* The same, through a connection of its own to the library at
 * @library_path: it may run in another thread while the library is in use
 * (the copy is a consistent snapshot of the library when it starts). */
gboolean    cr_backup_ensure_path   (const char  *library_path,
                                     const char  *day,
                                     GError     **error);

/* The copies of a library, newest first, as full paths (char*); those
 * dated after today come last. */
GPtrArray  *cr_backup_list          (const char  *library_path);

/* "YYYY-MM-DD" of a backup's file name, or NULL when it is not one. */
char       *cr_backup_get_day       (const char  *backup_path);

/* Replaces the content of the library at @library_path, open as @db, with
 * a backup's, in one step, after
 * checking that the backup is a whole Crossroads library this version can
 * read (its tables and indexes, and PRAGMA integrity_check). Only then is
 * the content as it was copied to a file of its own,
 * <library>.backups/before-restore-YYYY-MM-DD-HHMMSS.db (with "-2"... when
 * that name is taken), so every restore can be taken back; its path is
 * returned in @kept_path. Open the library again afterwards: the backup may
 * be an older schema. */
gboolean    cr_backup_restore       (const char  *library_path,
                                     sqlite3     *db,
                                     const char  *backup_path,
                                     char       **kept_path,
                                     GError     **error);

G_END_DECLS
