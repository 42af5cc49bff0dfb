/* cr-own-file.c: files this process made, put in place without replacing
 * another's, removed only while still its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-store"
/* renameat2 */
#define _GNU_SOURCE

#include "config.h"

#include "cr-own-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
cr_own_file_create (char      *tmpl,
                    CrFileId  *id,
                    GError   **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (tmpl != NULL && id != NULL, FALSE);

  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: first %s is a file path, second the system's reason */
                   _("Could not create %s: %s"), tmpl, g_strerror (saved_errno));
      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmpl);
        }
      return FALSE;
    }
  close (fd);
  id->dev = st.st_dev;
  id->ino = st.st_ino;
  return TRUE;
}

gboolean
cr_own_file_rename_noreplace (const char *from,
                              const char *to)
{
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return FALSE;

  /* A file system without RENAME_NOREPLACE: a hard link is refused just as
   * atomically when the name is taken. */
  if (link (from, to) != 0)
    return FALSE;
  g_unlink (from);
  return TRUE;
}

void
cr_own_file_remove (const char     *path,
                    const CrFileId *id)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  struct stat st;

  g_return_if_fail (path != NULL && id != NULL);

  if (g_lstat (path, &st) != 0 || st.st_dev != id->dev || st.st_ino != id->ino)
    return;
  /* The companions carry the unique name too: no one else made them. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);

      g_unlink (companion);
    }
  g_unlink (path);
}
