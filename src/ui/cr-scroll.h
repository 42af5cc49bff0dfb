/* cr-scroll.h: bringing a widget into sight in the scrolled window around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scrolls the nearest scrolled window around @widget, as little as it
 * takes, so @widget shows whole (its top, when it is taller than the
 * window). Call it once the page is laid out. */
void cr_scroll_into_view       (GtkWidget *widget);

/* The same for the window's focus, after the next frame has laid out the
 * page: GtkViewport scrolls to a focus as it moves, with the layout it had
 * then, so a focus given to a page just shown, or pushed down by rows
 * added above it, can end up out of sight. */
void cr_scroll_focus_into_view (GtkWidget *page);

G_END_DECLS
