/* cr-read.h: reads a whole file or stream, but never more than a limit
 *
 * A FIFO, a device or standard input has no size to check first: reading
 * stops one byte past the limit whatever the input is, so /dev/zero or a
 * pipe that never ends costs the limit and no more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @stream to its end. When it gives more than @limit bytes, returns
 * NULL with *too_large set and no error. */
GBytes *cr_read_stream (GInputStream  *stream,
                        gsize          limit,
                        gboolean      *too_large,
                        GCancellable  *cancellable,
                        GError       **error);

/* The same for a path, with the errors g_file_get_contents() gives
 * (G_FILE_ERROR, in GLib's words). */
GBytes *cr_read_file   (const char    *path,
                        gsize          limit,
                        gboolean      *too_large,
                        GError       **error);

G_END_DECLS
