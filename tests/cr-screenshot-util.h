/* cr-screenshot-util.h: what the screenshot tools share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds, however little it has to do. */
void     cr_screenshot_spin     (guint       ms);

/* Renders @widget as it is drawn now into the PNG file @path. */
gboolean cr_screenshot_save_png (GtkWidget  *widget,
                                 const char *path);

G_END_DECLS
