/* cr-test-input.c: real key presses and clicks for the UI tests, through XTest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "cr-test-input.h"
#include "cr-test-ui-util.h"

typedef struct
{
  GdkEventType type;
  guint        keycode;   /* 0: any */
  gboolean     seen;
} Watch;

static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          Watch                    *watch)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == watch->type &&
      (watch->keycode == 0 || gdk_key_event_get_keycode (event) == watch->keycode))
    watch->seen = TRUE;
  /* Only watching: the window's own handling goes on. */
  return FALSE;
}

static Display *
x_display (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("real input needs an X server (xvfb-run)");
  return gdk_x11_display_get_xdisplay (display);
}

static Window
x_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_nonnull (surface);
  return gdk_x11_surface_get_xid (surface);
}

/* Sends what @send does to the server, then runs the main loop until
 * @window has seen an event of @type (from the key @keycode, if not 0):
 * the events reach the window in order, so everything before it has been
 * handled too. */
static void
run_until_seen (GtkWidget    *window,
                GdkEventType  type,
                guint         keycode,
                const char   *what,
                void        (*send) (Display *dpy, gpointer data),
                gpointer      data)
{
  Display *dpy = x_display (window);
  Watch watch = { type, keycode, FALSE };
  GtkEventController *controller = gtk_event_controller_legacy_new ();
  guint timeout;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_event), &watch);
  gtk_widget_add_controller (window, controller);

  send (dpy, data);
  XSync (dpy, False);

  timeout = cr_test_ui_watchdog (20, what);
  while (!watch.seen)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  gtk_widget_remove_controller (window, controller);
  /* Whatever the event queued (a step built on first visit, a toast). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
cr_test_input_focus_window (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *dpy = x_display (GTK_WIDGET (window));
  guint timeout;

  gdk_x11_display_error_trap_push (display);
  XSetInputFocus (dpy, x_window (window), RevertToParent, CurrentTime);
  XSync (dpy, False);
  gdk_x11_display_error_trap_pop_ignored (display);

  timeout = cr_test_ui_watchdog (20, "the window to get the focus");
  while (!gtk_window_is_active (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* A widget that leaves the window with the focus on it or inside it keeps
 * the focus until the window's next frame, where GTK 4.8 moves it on
 * (after-paint): until then key events go to the widget that is gone, and
 * are lost. A person cannot press a key inside that frame; XTest can, on a
 * loaded machine. */
static void
wait_focus_settled (GtkWindow *window)
{
  guint timeout = 0;
  GtkWidget *focus;

  while ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
         gtk_widget_get_root (focus) != GTK_ROOT (window))
    {
      if (timeout == 0)
        timeout = cr_test_ui_watchdog (20, "the focus to leave a removed widget");
      g_main_context_iteration (NULL, TRUE);
    }
  if (timeout != 0)
    g_source_remove (timeout);
}

typedef struct
{
  KeyCode keys[4];
  guint   n_keys;
} Keystroke;

/* Down in order and up in reverse, at once: a key held while the window
 * works would repeat. */
static void
send_keys (Display  *dpy,
           gpointer  data)
{
  Keystroke *press = data;

  for (guint i = 0; i < press->n_keys; i++)
    XTestFakeKeyEvent (dpy, press->keys[i], True, CurrentTime);
  for (guint i = press->n_keys; i > 0; i--)
    XTestFakeKeyEvent (dpy, press->keys[i - 1], False, CurrentTime);
}

static KeyCode
keycode (Display *dpy,
         KeySym   keysym)
{
  KeyCode code = XKeysymToKeycode (dpy, keysym);

  if (code == 0)
    g_error ("the X server's keyboard has no key for %s", XKeysymToString (keysym));
  return code;
}

void
cr_test_input_press_key (GtkWindow  *window,
                         const char *accelerator)
{
  cr_test_input_press_key_to (window, GTK_WIDGET (window), accelerator);
}

void
cr_test_input_press_key_to (GtkWindow  *window,
                            GtkWidget  *receiver,
                            const char *accelerator)
{
  Display *dpy = x_display (GTK_WIDGET (window));
  Keystroke press = { { 0 }, 0 };
  g_autofree char *what = g_strdup_printf ("the window to receive the key %s", accelerator);
  GdkModifierType mods;
  guint keyval;

  if (!gtk_accelerator_parse (accelerator, &keyval, &mods))
    g_error ("not an accelerator: %s", accelerator);

  cr_test_input_focus_window (window);
  wait_focus_settled (window);
  if (mods & GDK_CONTROL_MASK)
    press.keys[press.n_keys++] = keycode (dpy, XK_Control_L);
  if (mods & GDK_SHIFT_MASK)
    press.keys[press.n_keys++] = keycode (dpy, XK_Shift_L);
  if (mods & GDK_ALT_MASK)
    press.keys[press.n_keys++] = keycode (dpy, XK_Alt_L);
  /* GDK's keyvals are X keysyms. */
  press.keys[press.n_keys++] = keycode (dpy, keyval);

  /* Not the release: it may find the window changed by the press (full
   * screen no more) and go elsewhere. */
  run_until_seen (receiver, GDK_KEY_PRESS, press.keys[press.n_keys - 1], what, send_keys, &press);
  /* The releases are in the queue by now: handled while the window is
   * there, none is left for a window that goes. */
  XSync (dpy, False);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  int x, y;
} Point;

static void
send_click (Display  *dpy,
            gpointer  data)
{
  Point *point = data;

  XTestFakeMotionEvent (dpy, -1, point->x, point->y, CurrentTime);
  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
}

void
cr_test_input_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *what = g_strdup_printf ("the window to receive the click on a %s", G_OBJECT_TYPE_NAME (widget));
  Display *dpy = x_display (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                 gtk_widget_get_height (widget) / 2.f);
  graphene_point_t in_native;
  double dx, dy;
  Window child;
  Point point;

  g_assert_true (gtk_widget_get_mapped (widget));
  /* A window just shown may still be settling (its agenda unfolding once
   * it has its full width): aim once the widget stays where it is. */
  for (guint settled = 0, tries = 0; settled < 3 && tries < 200; tries++)
    {
      graphene_point_t before;
      gint64 end = g_get_monotonic_time () + 50 * 1000;

      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &before));
      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &in_native));
      settled = graphene_point_equal (&before, &in_native) ? settled + 1 : 0;
    }
  /* The surface may start before the widget (a shadow drawn by the app). */
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (dpy),
                         (int) (in_native.x + dx), (int) (in_native.y + dy),
                         &point.x, &point.y, &child);

  cr_test_input_focus_window (window);
  run_until_seen (GTK_WIDGET (window), GDK_BUTTON_RELEASE, 0, what, send_click, &point);
}
