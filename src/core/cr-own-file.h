/* cr-own-file.h: files this process made, put in place without replacing
 * another's, and removed only while they are still the ones it made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Which file a name stood for when it was looked at: its device and inode. */
typedef struct
{
  dev_t dev;
  ino_t ino;
} CrFileId;

/* Creates a new, empty file from @tmpl (ending in XXXXXX, replaced in
 * place) and returns TRUE with its identity in @id. */
gboolean cr_own_file_create          (char        *tmpl,
                                      CrFileId    *id,
                                      GError     **error);

/* Gives the file @from the name @to, unless @to exists: then returns FALSE
 * with errno EEXIST and both stay as they were. */
gboolean cr_own_file_rename_noreplace (const char *from,
                                       const char *to);

/* Removes @path, and the journals SQLite keeps beside it, only while @path
 * is still the file @id names: another process's file of the same name is
 * left alone. */
void     cr_own_file_remove          (const char     *path,
                                      const CrFileId *id);

G_END_DECLS
