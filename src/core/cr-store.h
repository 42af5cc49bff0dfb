/* cr-store.h: the SQLite file that holds a library of workshops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CR_STORE_ERROR (cr_store_error_quark ())

typedef enum
{
  CR_STORE_ERROR_FAILED,
  CR_STORE_ERROR_FOREIGN,     /* not a Crossroads database */
  CR_STORE_ERROR_TOO_NEW,     /* written by a newer Crossroads */
  CR_STORE_ERROR_READ_ONLY,
  CR_STORE_ERROR_BUSY,        /* another process holds the lock */
  CR_STORE_ERROR_FULL,        /* disk full */
  CR_STORE_ERROR_NOT_FOUND,
  CR_STORE_ERROR_INVALID,     /* a change the data rules refuse */
} CrStoreError;

/* Written into PRAGMA application_id so a foreign SQLite file is told apart. */
#define CR_STORE_APPLICATION_ID 0x43725264 /* "CrRd" */

#define CR_TYPE_STORE (cr_store_get_type ())
G_DECLARE_FINAL_TYPE (CrStore, cr_store, CR, STORE, GObject)

GQuark        cr_store_error_quark        (void);
/* $XDG_DATA_HOME/crossroads/crossroads.db, or NULL with an error naming
 * the variables when they leave no absolute place for it. */
char         *cr_store_default_path       (GError     **error);

/* Opens the library at @path, making a new one when no file is there; a
 * library that cannot be changed is refused. Only an ordinary file's path
 * is accepted: not ":memory:", a "file:" URI, a device or a pipe. */
CrStore      *cr_store_open               (const char  *path,
                                           GError     **error);
/* The same for commands that only read: a library that cannot be changed
 * is opened read-only, leaving no file behind, and every change to it is
 * refused with CR_STORE_ERROR_READ_ONLY. */
CrStore      *cr_store_open_for_reading   (const char  *path,
                                           GError     **error);
/* A library in memory, for the fuzz targets: no file and no backups. */
CrStore      *cr_store_open_in_memory     (GError     **error);
gboolean      cr_store_is_read_only       (CrStore     *self);

/* Called, from the thread that waits, when another Crossroads process has
 * held the library's lock for a few seconds: the wait goes on, for up to a
 * minute, and @message says so. Without one, the message is logged. */
typedef void (*CrStoreWaitFunc) (const char *message,
                                 gpointer    user_data);
void          cr_store_set_wait_func      (CrStoreWaitFunc func,
                                           gpointer        user_data);
const char   *cr_store_get_path           (CrStore     *self);
int           cr_store_get_schema_version (CrStore     *self);
sqlite3      *cr_store_get_db             (CrStore     *self);

/* Makes today's backup (see cr-backup.h) in a thread of its own, so that
 * the day's first change does not wait for a copy of the whole library;
 * cr_store_begin () waits for it if it is still running, and makes the
 * backup itself as before when none was started or it failed. */
void          cr_store_start_backup       (CrStore     *self);
/* Replaces the library's content with a backup's (cr_backup_restore()),
 * refused as every other change is when the library is read-only. */
gboolean      cr_store_restore_backup     (CrStore     *self,
                                           const char  *backup_path,
                                           char       **kept_path,
                                           GError     **error);

/* One user action is one transaction: begin, write, then commit or rollback.
 * A begin inside an open transaction starts a nested change (a savepoint):
 * its commit keeps it in the transaction around it and its rollback undoes
 * only it; the outermost commit writes everything with one sync. A rollback
 * right after a failed commit is the failed change's, as it always was. */
gboolean      cr_store_begin              (CrStore     *self,
                                           GError     **error);
gboolean      cr_store_commit             (CrStore     *self,
                                           GError     **error);
void          cr_store_rollback           (CrStore     *self);
gboolean      cr_store_in_transaction     (CrStore     *self);

/* A cached prepared statement, reset and with its bindings cleared.
 * Owned by the store; do not finalize it. */
sqlite3_stmt *cr_store_prepare            (CrStore     *self,
                                           const char  *sql,
                                           GError     **error);
/* Steps a statement that returns no rows; SQLITE_DONE is success. */
gboolean      cr_store_step_done          (CrStore     *self,
                                           sqlite3_stmt *stmt,
                                           GError     **error);
/* Turns the connection's last error into a GError with a readable message. */
void          cr_store_set_error          (CrStore     *self,
                                           GError     **error,
                                           const char  *doing);
/* Sets @error (when not NULL) to CR_STORE_ERROR_INVALID with a message,
 * and returns FALSE: the refusal of a value that breaks a rule. */
gboolean      cr_store_set_invalid        (GError     **error,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
