/* test-room-monitor.c: the room's screen when there are two
 *
 * /room-monitor/choose/...: which monitor the room window takes, on plain
 * geometries (no display). /room-monitor/fullscreen: on a real X server
 * with two monitors (tests/run-with-two-monitors), F5 opens the room window
 * full screen on the monitor the console is not on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-room-window.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop.h"

/* ---- The choice, without a display ---------------------------------------- */

static void
test_choose_one_screen (void)
{
  GdkRectangle laptop[] = { { 0, 0, 1366, 768 } };

  g_assert_cmpint (cr_room_window_choose_monitor (NULL, 0, -1), ==, -1);
  g_assert_cmpint (cr_room_window_choose_monitor (laptop, 1, 0), ==, -1);
  g_assert_cmpint (cr_room_window_choose_monitor (laptop, 1, -1), ==, -1);
}

static void
test_choose_other (void)
{
  GdkRectangle two[] = { { 0, 0, 1366, 768 }, { 1366, 0, 1280, 720 } };
  GdkRectangle three[] = { { 0, 0, 1920, 1080 }, { 1920, 0, 1280, 720 }, { -1280, 0, 1280, 1024 } };

  /* The screen the console is not on, whichever side it is. */
  g_assert_cmpint (cr_room_window_choose_monitor (two, 2, 0), ==, 1);
  g_assert_cmpint (cr_room_window_choose_monitor (two, 2, 1), ==, 0);
  g_assert_cmpint (cr_room_window_choose_monitor (three, 3, 0), ==, 1);
  g_assert_cmpint (cr_room_window_choose_monitor (three, 3, 1), ==, 0);
  g_assert_cmpint (cr_room_window_choose_monitor (three, 3, 2), ==, 0);
}

/* A console not placed yet: the screen plugged in last. */
static void
test_choose_console_unknown (void)
{
  GdkRectangle two[] = { { 0, 0, 1366, 768 }, { 1366, 0, 1280, 720 } };

  g_assert_cmpint (cr_room_window_choose_monitor (two, 2, -1), ==, 1);
  g_assert_cmpint (cr_room_window_choose_monitor (two, 2, 7), ==, 1);
}

/* A projector mirroring the laptop is the same screen: a full-screen room
 * there would cover the console, so the room shares it (present mode). */
static void
test_choose_mirrored (void)
{
  GdkRectangle mirrored[] = { { 0, 0, 1366, 768 }, { 0, 0, 1024, 768 } };
  GdkRectangle mirrored_and_third[] = { { 0, 0, 1366, 768 }, { 0, 0, 1366, 768 }, { 1366, 0, 1920, 1080 } };

  g_assert_cmpint (cr_room_window_choose_monitor (mirrored, 2, 0), ==, -1);
  g_assert_cmpint (cr_room_window_choose_monitor (mirrored, 2, 1), ==, -1);
  g_assert_cmpint (cr_room_window_choose_monitor (mirrored_and_third, 3, 0), ==, 2);
}

/* ---- On two real monitors ---------------------------------------------------- */

static GtkApplication *app;

static CrRoomWindow *
find_room_window (void)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CR_IS_ROOM_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GdkMonitor *
monitor_of (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_nonnull (surface);
  return gdk_display_get_monitor_at_surface (gtk_widget_get_display (window), surface);
}

static void
test_fullscreen (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr(GdkMonitor) laptop = NULL;
  g_autoptr(GdkMonitor) projector = NULL;
  GdkRectangle geometry;
  CrRoomWindow *room = NULL;
  CrWindow *window;
  gint64 end;

  g_assert_no_error (error);
  g_test_message ("GDK sees %u monitors", g_list_model_get_n_items (monitors));
  g_assert_cmpuint (g_list_model_get_n_items (monitors), ==, 2);
  laptop = g_list_model_get_item (monitors, 0);
  projector = g_list_model_get_item (monitors, 1);
  gdk_monitor_get_geometry (projector, &geometry);
  g_assert_cmpint (geometry.x, ==, 1368);
  g_assert_cmpint (geometry.width, ==, 1280);
  g_assert_cmpint (geometry.height, ==, 720);

  workshop = cr_workshop_create (store, template, "People model review", "Northwind", "Sam Rivera",
                                 "2026-11-23", "People", &error);
  g_assert_no_error (error);
  window = cr_window_new (app, store, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_spin (300);
  g_assert_true (cr_window_open_workshop (window, cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);
  g_assert_true (monitor_of (GTK_WIDGET (window)) == laptop);
  g_assert_true (cr_room_window_find_monitor (GTK_WINDOW (window)) == projector);

  /* F5: a window of its own, full screen on the projector; the console
   * stays as it was on the laptop. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-room", NULL));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      room = find_room_window ();
      if (room != NULL && gtk_widget_get_mapped (GTK_WIDGET (room)) && gtk_window_is_fullscreen (GTK_WINDOW (room))
          && monitor_of (GTK_WIDGET (room)) == projector)
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_nonnull (room);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (room)));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (room)));
  g_assert_true (monitor_of (GTK_WIDGET (room)) == projector);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_true (monitor_of (GTK_WIDGET (window)) == laptop);
  /* What it shows: the console's step, at the projector's size. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (room)) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (room));

    g_test_message ("room window: full screen on the monitor at %d,%d (%dx%d); surface %dx%d, window %dx%d",
                    geometry.x, geometry.y, geometry.width, geometry.height,
                    gdk_surface_get_width (surface), gdk_surface_get_height (surface),
                    gtk_widget_get_width (GTK_WIDGET (room)), gtk_widget_get_height (GTK_WIDGET (room)));
  }
  g_assert_cmpstr (cr_room_view_get_step_id (cr_room_window_get_view (room)), ==,
                   cr_template_get_step (template, 0)->id);

  /* F5 again puts it away. */
  g_object_add_weak_pointer (G_OBJECT (room), (gpointer *) &room);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-room", NULL));
  cr_test_ui_spin (300);
  g_assert_null (room);

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (200);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GIO_MODULE_DIR", "/nonexistent/crossroads-test-gio-modules", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crossroads-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/room-monitor/choose/one-screen", test_choose_one_screen);
  g_test_add_func ("/room-monitor/choose/other", test_choose_other);
  g_test_add_func ("/room-monitor/choose/console-unknown", test_choose_console_unknown);
  g_test_add_func ("/room-monitor/choose/mirrored", test_choose_mirrored);

  /* The window test needs the display tests/run-with-two-monitors makes. */
  if (g_getenv ("DISPLAY") != NULL && gtk_init_check ())
    {
      adw_init ();
      app = g_object_new (ADW_TYPE_APPLICATION,
                          "application-id", "io.github.crossroads.Crossroads.Test",
                          "flags", G_APPLICATION_NON_UNIQUE,
                          "resource-base-path", "/io/github/crossroads/Crossroads",
                          NULL);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      g_test_add_func ("/room-monitor/fullscreen", test_fullscreen);
    }

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
