/* cr-room-window.c: the projected screen, full screen on a second monitor
 *
 * The facilitator keeps working in the main window; this window shows only
 * the room view, so it has no header bar, no controls and a title that
 * says nothing about the workshop's results. While it is open, the
 * console's Page Up / Page Down page through a long step on the projector
 * before they move the step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-room"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-room-window.h"

struct _CrRoomWindow
{
  AdwWindow           parent_instance;

  CrRoomView         *view;
  GtkWidget          *page;           /* weak */
  /* On the console's window while this one is open: weak pointers. */
  GtkWidget          *console;
  GtkEventController *console_keys;
};

G_DEFINE_FINAL_TYPE (CrRoomWindow, cr_room_window, ADW_TYPE_WINDOW)

static void
forget_console (CrRoomWindow *self)
{
  if (self->console != NULL && self->console_keys != NULL)
    gtk_widget_remove_controller (self->console, self->console_keys);
  g_clear_weak_pointer (&self->console_keys);
  g_clear_weak_pointer (&self->console);
}

static void
cr_room_window_dispose (GObject *object)
{
  forget_console (CR_ROOM_WINDOW (object));
  g_clear_weak_pointer (&CR_ROOM_WINDOW (object)->page);

  G_OBJECT_CLASS (cr_room_window_parent_class)->dispose (object);
}

/* A clicker's key goes to the window that has the focus, often the
 * facilitator's: there too, Page Down first shows the rest of a step that
 * is taller than the projector's screen. FALSE lets the console move the
 * step as it always does. */
static gboolean
on_console_page_down (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  return cr_room_view_scroll_screen (CR_ROOM_WINDOW (user_data)->view, 1);
}

static gboolean
on_console_page_up (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  return cr_room_view_scroll_screen (CR_ROOM_WINDOW (user_data)->view, -1);
}

/* On the console's window itself, in the capture phase: before the
 * console's own Page Up / Page Down, which sit on its page below. */
static void
watch_console_keys (CrRoomWindow *self,
                    GtkWidget    *console)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "cr-room-window-console-keys");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                          gtk_callback_action_new (on_console_page_down, self, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                          gtk_callback_action_new (on_console_page_up, self, NULL)));
  gtk_widget_add_controller (console, controller);
  g_set_weak_pointer (&self->console, console);
  g_set_weak_pointer (&self->console_keys, controller);
}

/* The clicker's keys reach the room view wherever the focus is; the
 * workshop's own keys (Ctrl+Z and the rest) go on to the facilitator's page,
 * since after F5 this window has the keyboard. */
static gboolean
forward_to_page (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrRoomWindow *self = CR_ROOM_WINDOW (widget);

  if (self->page == NULL)
    return FALSE;
  return gtk_widget_activate_action (self->page, g_variant_get_string (args, NULL), NULL);
}

static void
cr_room_window_class_init (CrRoomWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_room_window_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.undo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, forward_to_page, "s", "workshop.redo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.toggle-timer");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.mark-done");
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
  g_set_weak_pointer (&self->page, GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->view));
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))))
    watch_console_keys (self, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
  return self;
}

CrRoomView *
cr_room_window_get_view (CrRoomWindow *self)
{
  g_return_val_if_fail (CR_IS_ROOM_WINDOW (self), NULL);
  return self->view;
}

int
cr_room_window_choose_monitor (const GdkRectangle *monitors,
                               guint               n_monitors,
                               int                 console)
{
  g_return_val_if_fail (monitors != NULL || n_monitors == 0, -1);

  if (n_monitors < 2)
    return -1;
  /* Not placed yet: the built-in screen is listed before the ones plugged
   * in, so the room gets the last. */
  if (console < 0 || (guint) console >= n_monitors)
    return (int) n_monitors - 1;

  for (guint i = 0; i < n_monitors; i++)
    {
      /* A projector that mirrors the console's screen shows the same
       * pixels: a full-screen room there would hide the console. */
      if ((int) i != console && !gdk_rectangle_intersect (&monitors[i], &monitors[console], NULL))
        return (int) i;
    }
  return -1;
}

GdkMonitor *
cr_room_window_find_monitor (GtkWindow *window)
{
  GdkDisplay *display;
  GdkSurface *surface;
  GdkMonitor *current = NULL;
  GListModel *monitors;
  g_autofree GdkRectangle *geometries = NULL;
  int console = -1, chosen;
  guint n;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  display = gtk_widget_get_display (GTK_WIDGET (window));
  monitors = gdk_display_get_monitors (display);
  n = g_list_model_get_n_items (monitors);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface != NULL)
    current = gdk_display_get_monitor_at_surface (display, surface);

  geometries = g_new0 (GdkRectangle, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      gdk_monitor_get_geometry (monitor, &geometries[i]);
      if (monitor == current)
        console = (int) i;
    }

  chosen = cr_room_window_choose_monitor (geometries, n, console);
  if (chosen < 0)
    return NULL;
  {
    /* The display's list keeps it alive. */
    g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, (guint) chosen);

    return monitor;
  }
}
