/* cr-bench-bare.c: the floor for any libadwaita app's start-up and memory
 *
 * An AdwApplicationWindow of Crossroads' size with a header bar and nothing
 * else. With CROSSROADS_BENCH_FIRST_FRAME=1 it reports its first frame the
 * way crossroads does (src/main.c) and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

static gint64 main_started_us;

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
on_first_frame_painted (GdkFrameClock *clock,
                        GtkWindow     *window)
{
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, window);
  printf ("first-frame monotonic-us=%" G_GINT64_FORMAT " since-main-us=%" G_GINT64_FORMAT " rss-kb=%ld\n",
          now, now - main_started_us, read_rss_kb ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_window_realized (GtkWidget *window)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame_painted), window, 0);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_box_append (GTK_BOX (box), header);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_strcmp0 (g_getenv ("CROSSROADS_BENCH_FIRST_FRAME"), "1") == 0)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  main_started_us = g_get_monotonic_time ();

  app = adw_application_new ("io.github.crossroads.BenchBare", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
