/* cr-room-window.c: the projected screen, full screen on a second monitor
 *
 * The facilitator keeps working in the main window; this window shows only
 * the room view, so it has no header bar, no controls and a title that
 * says nothing about the workshop's results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-room"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-room-window.h"

struct _CrRoomWindow
{
  AdwWindow   parent_instance;

  CrRoomView *view;
};

G_DEFINE_FINAL_TYPE (CrRoomWindow, cr_room_window, ADW_TYPE_WINDOW)

static void
cr_room_window_class_init (CrRoomWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.close", NULL);
}

static void
cr_room_window_init (CrRoomWindow *self)
{
  /* Fixed: a title is read out and shown in task switchers, so it must
   * never carry a result. */
  gtk_window_set_title (GTK_WINDOW (self), _("Crossroads: Room View"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
}

CrRoomWindow *
cr_room_window_new (GtkApplication *application,
                    CrWorkshopPage *page)
{
  CrRoomWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CR_IS_WORKSHOP_PAGE (page), NULL);

  self = g_object_new (CR_TYPE_ROOM_WINDOW, "application", application, NULL);
  self->view = CR_ROOM_VIEW (cr_room_view_new (cr_workshop_page_get_workshop (page)));
  cr_room_view_follow_page (self->view, page);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->view));
  return self;
}

CrRoomView *
cr_room_window_get_view (CrRoomWindow *self)
{
  g_return_val_if_fail (CR_IS_ROOM_WINDOW (self), NULL);
  return self->view;
}

GdkMonitor *
cr_room_window_find_monitor (GtkWindow *window)
{
  GdkDisplay *display;
  GdkSurface *surface;
  GdkMonitor *current = NULL;
  GListModel *monitors;
  guint n;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  display = gtk_widget_get_display (GTK_WIDGET (window));
  monitors = gdk_display_get_monitors (display);
  n = g_list_model_get_n_items (monitors);
  if (n < 2)
    return NULL;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface != NULL)
    current = gdk_display_get_monitor_at_surface (display, surface);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != current)
        return monitor;   /* the display's list keeps it alive */
    }
  return NULL;
}
