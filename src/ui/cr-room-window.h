/* cr-room-window.h: the projected screen, full screen on a second monitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-room-view.h"
#include "cr-workshop-page.h"

G_BEGIN_DECLS

#define CR_TYPE_ROOM_WINDOW (cr_room_window_get_type ())
G_DECLARE_FINAL_TYPE (CrRoomWindow, cr_room_window, CR, ROOM_WINDOW, AdwWindow)

/* A window showing what the room sees of @page's workshop, following its
 * current step. Escape closes it. */
CrRoomWindow *cr_room_window_new      (GtkApplication *application,
                                       CrWorkshopPage *page);
CrRoomView   *cr_room_window_get_view (CrRoomWindow   *self);

/* The monitor for the room: one that @window is not on, or NULL when there
 * is only one screen (or the others mirror it). */
GdkMonitor   *cr_room_window_find_monitor (GtkWindow  *window);

/* The choice behind it, on plain geometries (no display needed): the index
 * of the monitor for the room among @n_monitors, or -1 when the room has to
 * share the console's screen. @console is the index of the monitor the
 * console is on, -1 when that is not known yet. */
int           cr_room_window_choose_monitor (const GdkRectangle *monitors,
                                             guint               n_monitors,
                                             int                 console);

G_END_DECLS
