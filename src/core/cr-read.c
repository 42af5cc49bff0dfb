/* cr-read.c: reads a whole file or stream, but never more than a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-read"

#include "config.h"

#include "cr-read.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

/* Appends what @read_some gives until the end, or until @limit + 1 bytes. */
typedef gssize (*ReadSome) (gpointer   source,
                            guint8    *buffer,
                            gsize      size,
                            GError   **error);

static GBytes *
read_limited (ReadSome   read_some,
              gpointer   source,
              gsize      size_hint,
              gsize      limit,
              gboolean  *too_large,
              GError   **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new ((guint) MIN (size_hint, limit) + 1);
  gsize len = 0;

  *too_large = FALSE;
  while (TRUE)
    {
      gsize want = MIN ((gsize) CHUNK, limit + 1 - len);
      gssize got;

      g_byte_array_set_size (buffer, (guint) (len + want));
      got = read_some (source, buffer->data + len, want, error);
      if (got < 0)
        return NULL;
      if (got == 0)
        break;
      len += (gsize) got;
      if (len > limit)
        {
          *too_large = TRUE;
          return NULL;
        }
    }

  g_byte_array_set_size (buffer, (guint) len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
} StreamSource;

static gssize
read_stream (gpointer   source,
             guint8    *buffer,
             gsize      size,
             GError   **error)
{
  StreamSource *s = source;

  return g_input_stream_read (s->stream, buffer, size, s->cancellable, error);
}

GBytes *
cr_read_stream (GInputStream  *stream,
                gsize          limit,
                gboolean      *too_large,
                GCancellable  *cancellable,
                GError       **error)
{
  StreamSource source = { stream, cancellable };

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (too_large != NULL, NULL);
  g_return_val_if_fail (limit < G_MAXUINT, NULL);

  return read_limited (read_stream, &source, CHUNK, limit, too_large, error);
}

typedef struct
{
  int         fd;
  const char *path;
} FileSource;

static gssize
read_fd (gpointer   source,
         guint8    *buffer,
         gsize      size,
         GError   **error)
{
  FileSource *f = source;
  gssize got;

  do
    got = read (f->fd, buffer, size);
  while (got < 0 && errno == EINTR);

  if (got < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (f->path);

      /* GLib's own words, as g_file_get_contents() says them. */
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   g_dgettext ("glib20", "Failed to read from file “%s”: %s"),
                   display, g_strerror (saved_errno));
    }
  return got;
}

GBytes *
cr_read_file (const char  *path,
              gsize        limit,
              gboolean    *too_large,
              GError     **error)
{
  FileSource source = { -1, path };
  struct stat st;
  GBytes *bytes;
  gsize hint = CHUNK;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (too_large != NULL, NULL);
  g_return_val_if_fail (limit < G_MAXUINT, NULL);

  *too_large = FALSE;
  source.fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (source.fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   g_dgettext ("glib20", "Failed to open file “%s”: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  /* A regular file says its size: one too large is not read at all. */
  if (fstat (source.fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      if ((guint64) st.st_size > limit)
        {
          *too_large = TRUE;
          close (source.fd);
          return NULL;
        }
      hint = (gsize) st.st_size;
    }

  bytes = read_limited (read_fd, &source, hint, limit, too_large, error);
  close (source.fd);
  return bytes;
}
