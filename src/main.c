/* main.c: the entry point: the locale and translations, the benchmark's
 * first-frame report when asked, then the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cr-application.h"
#include "cr-help.h"

/* CROSSROADS_BENCH_FIRST_FRAME=1 (bench/run): the app reports when its first
 * frame has been drawn and quits, so start-up is measured by the app itself
 * and not by a guess from outside. It then says what the window shows and
 * which help page it would open, for the checks of an installed app
 * (tests/check-installed-app, build-aux/fresh-check). */
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

/* One line for each text shown, in the order of the widget tree. */
static void
print_shown_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      else if (GTK_IS_INSCRIPTION (child))
        text = gtk_inscription_get_text (GTK_INSCRIPTION (child));
      if (text != NULL && *text != '\0')
        printf ("shown %s\n", text);
      print_shown_text (child);
    }
}

/* The file the icon theme gives for the window's icon (what the window
 * list and the X11 window manager show), or "(none)". */
static void
print_icon_file (GtkWindow *window)
{
  const char *name = gtk_window_get_icon_name (window);
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (name == NULL)
    name = gtk_window_get_default_icon_name ();
  if (name != NULL &&
      gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))), name))
    {
      icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))),
                                         name, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
      file = gtk_icon_paintable_get_file (icon);
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  printf ("icon-name %s\nicon-file %s\n", name != NULL ? name : "(none)", path != NULL ? path : "(none)");
}

static void
on_first_frame_painted (GdkFrameClock *clock,
                        GtkWindow     *window)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *help_page = NULL;
  g_autofree char *help_uri = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, window);
  /* The monotonic clock is the one bench/run reads before it spawns us. */
  printf ("first-frame monotonic-us=%" G_GINT64_FORMAT " since-main-us=%" G_GINT64_FORMAT " rss-kb=%ld\n",
          now, now - main_started_us, read_rss_kb ());
  printf ("title %s\n", gtk_window_get_title (window));
  print_shown_text (GTK_WIDGET (window));
  help_page = cr_help_find_page ();
  help_uri = cr_help_get_viewer_uri ();
  printf ("help-uri %s\nhelp-page %s\n", help_uri, help_page != NULL ? help_page : "(none)");
  print_icon_file (window);
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
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added, NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realized (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), NULL);
}

/* A message in the locale's character set: as it is under UTF-8; under
 * C, POSIX or another narrow locale each character the locale cannot show
 * is spelt in ASCII ("x" for “x”, Zurich for Zürich), where GLib's own
 * printing would give "?x?". Exports written to standard output are bytes
 * of their format and do not pass through here. */
static void
print_in_locale (const char *message,
                 FILE       *stream)
{
  const char *charset = NULL;
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;

  if (g_get_charset (&charset))
    {
      fputs (message, stream);
      fflush (stream);
      return;
    }
  /* A file name on the command line may be any bytes. */
  valid = g_utf8_make_valid (message, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;
      g_autofree char *one = NULL;

      one = g_convert (p, len, charset, "UTF-8", NULL, NULL, NULL);
      if (one == NULL)
        {
          g_autofree char *utf8 = g_strndup (p, len);
          g_autofree char *ascii = g_str_to_ascii (utf8, NULL);

          g_string_append (out, ascii);
        }
      else
        g_string_append (out, one);
    }
  fputs (out->str, stream);
  fflush (stream);
}

static void
print_out (const char *message)
{
  print_in_locale (message, stdout);
}

static void
print_err (const char *message)
{
  print_in_locale (message, stderr);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrApplication) app = NULL;

  main_started_us = g_get_monotonic_time ();

  /* The command line answers before GTK would set the locale: without it,
   * its messages were untranslated and their quotes printed as "?". */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_print_handler (print_out);
  g_set_printerr_handler (print_err);

  app = cr_application_new ();
  if (g_strcmp0 (g_getenv ("CROSSROADS_BENCH_FIRST_FRAME"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
