/* cr-room-screenshot.c: renders the room view, step by step, to PNG files
 *
 * Used by build-aux/take-room-screenshots to look at what the room sees at
 * a projector's sizes, in the light, dark and high-contrast styles
 * (high contrast comes from ADW_DEBUG_HIGH_CONTRAST=1 in the environment).
 * A step taller than the screen gives one file per screen (NN-step-2.png...).
 *
 *   cr-room-screenshot --database DB --workshop ID --size 1920x1080 [--dark] --output DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <adwaita.h>

#include "cr-room-view.h"
#include "cr-test-ui-util.h"
#include "cr-workshop.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *size = NULL;
  g_autofree char *output = NULL;
  gint64 workshop_id = 0;
  gboolean dark = FALSE;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Library", "FILE" },
    { "workshop", 0, 0, G_OPTION_ARG_INT64, &workshop_id, "Workshop to show", "ID" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Folder for the PNG files", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  GtkWidget *window, *view;
  int width = 1920, height = 1080;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL || output == NULL
      || workshop_id <= 0)
    {
      g_printerr ("cr-room-screenshot: %s\n", error ? error->message : "--database, --workshop and --output are needed");
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    {
      g_printerr ("cr-room-screenshot: --size is WIDTHxHEIGHT\n");
      return 2;
    }
  g_mkdir_with_parents (output, 0755);

  app = adw_application_new ("io.github.crossroads.Crossroads.RoomScreenshot", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/crossroads/Crossroads");
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  store = cr_store_open (database, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  workshop = cr_workshop_load (store, workshop_id, &error);
  if (workshop == NULL)
    g_error ("%s", error->message);

  /* What a projector shows: the view alone, the window's whole size. */
  window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  view = cr_room_view_new (workshop);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_spin (800);

  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (workshop, i);
      g_autofree char *name = g_strdup_printf ("%02u-%s.png", i + 1, step->id);
      g_autofree char *path = g_build_filename (output, name, NULL);

      cr_room_view_set_step_id (CR_ROOM_VIEW (view), step->id);
      /* The last step runs over, to show the clock's "over" colour too. */
      cr_room_view_set_time_left (CR_ROOM_VIEW (view),
                                  i + 1 == cr_workshop_get_n_steps (workshop) ? -125 : step->minutes * 60 - 185);
      cr_test_ui_spin (600);
      if (!cr_test_ui_save_png (view, path))
        g_error ("could not write %s", path);
      g_print ("%s\n", path);

      /* A step taller than the screen: every further screen Page Down
       * shows, so nothing below the first one goes unseen. */
      for (guint screen = 2; cr_room_view_scroll_screen (CR_ROOM_VIEW (view), 1); screen++)
        {
          g_autofree char *more = g_strdup_printf ("%02u-%s-%u.png", i + 1, step->id, screen);
          g_autofree char *more_path = g_build_filename (output, more, NULL);

          cr_test_ui_spin (400);
          if (!cr_test_ui_save_png (view, more_path))
            g_error ("could not write %s", more_path);
          g_print ("%s\n", more_path);
        }
    }

  {
    g_autofree char *path = g_build_filename (output, "99-blank.png", NULL);

    cr_room_view_set_blank (CR_ROOM_VIEW (view), TRUE);
    cr_test_ui_spin (300);
    if (!cr_test_ui_save_png (view, path))
      g_error ("could not write %s", path);
    g_print ("%s\n", path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (100);
  return 0;
}
