/* cr-bench-xwait.c: time any program until its window is mapped and painted
 *
 *   cr-bench-xwait COMMAND [ARGS...]
 *
 * For programs that cannot report their own first frame (GNOME Text
 * Editor): on an X server without a window manager (Xvfb), watches the root
 * window for the program's first top-level window to be mapped, then for the
 * first drawing into it (XDamage). Prints "mapped-us=... painted-us=..."
 * counted from just before the program was spawned, then kills it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Display *display;
  Window root, mapped = None;
  int damage_event, damage_error;
  gint64 start, mapped_at = 0, painted_at = 0;
  GPid pid;

  if (argc < 2)
    {
      g_printerr ("usage: cr-bench-xwait COMMAND [ARGS...]\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      g_printerr ("cr-bench-xwait: needs an X display with the DAMAGE extension\n");
      return 1;
    }
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv + 1, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("cr-bench-xwait: %s\n", error->message);
      return 1;
    }

  while (painted_at == 0)
    {
      XEvent event;

      XNextEvent (display, &event);
      if (event.type == MapNotify && mapped == None && !event.xmap.override_redirect &&
          event.xmap.event == root)
        {
          mapped_at = g_get_monotonic_time ();
          mapped = event.xmap.window;
          XDamageCreate (display, mapped, XDamageReportNonEmpty);
          XSync (display, False);
        }
      else if (event.type == damage_event + XDamageNotify &&
               ((XDamageNotifyEvent *) &event)->drawable == mapped)
        painted_at = g_get_monotonic_time ();
    }

  printf ("mapped-us=%" G_GINT64_FORMAT " painted-us=%" G_GINT64_FORMAT "\n",
          mapped_at - start, painted_at - start);
  fflush (stdout);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  XCloseDisplay (display);
  return 0;
}
