/* cr-output.h: where an export may be written, and writing it there whole
 *
 * An export never lands on the library it came from: not on the library
 * file, its -wal, -shm or -journal, nor anywhere under its backups folder,
 * compared by device and inode after links are resolved (and, for a file
 * that does not exist yet, by its resolved folder and name).
 *
 * A FIFO or a character device (a pipe, /dev/stdout, /dev/null), or a link
 * to one, is written in place. A regular file is written to a temporary
 * file beside it, ".NAME.crossroads-XXXXXX", and renamed over it, keeping
 * its mode; an existing read-only file is refused. Anything else (a folder,
 * a socket, a block device) is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CR_OUTPUT_ERROR (cr_output_error_quark ())

typedef enum
{
  CR_OUTPUT_ERROR_LIBRARY,     /* the library, its journal files or its backups */
  CR_OUTPUT_ERROR_NOT_A_FILE,  /* a folder, a socket, a block device */
  CR_OUTPUT_ERROR_READ_ONLY,   /* an existing file this process may not write */
  CR_OUTPUT_ERROR_WRITE,       /* the system refused: no such folder, disk full, ... */
} CrOutputError;

/* What marks the temporary files of an export: ".NAME" CR_OUTPUT_TEMP_MARK "XXXXXX".
 * The clean-up removes what it matches: it must be a name no one gives a
 * file of their own (".notes.crossroads-backup" was taken, and deleted). */
#define CR_OUTPUT_TEMP_MARK ".crossroads-unfinished-export-"

GQuark      cr_output_error_quark (void);

/* Whether an export of the library at @library_path (NULL: of no library)
 * may be written to @path; changes nothing. */
gboolean    cr_output_check       (const char  *path,
                                   const char  *library_path,
                                   GError     **error);

/* Checks @path as cr_output_check() does, then writes @bytes there. Before
 * a regular file is written, the stale temporary files that killed exports
 * left in its folder are removed. */
gboolean    cr_output_write       (const char  *path,
                                   const char  *library_path,
                                   GBytes      *bytes,
                                   GError     **error);

/* Removes the temporary files of exports in @folder whose writer is gone
 * (it held a lock on the file while it lived) or, where the file system
 * has no locks, that are older than ten minutes. Returns how many. */
guint       cr_output_remove_stale (const char *folder);

G_END_DECLS
