/* cr-screenshot.c: renders the real window, page by page, to PNG files
 *
 * Used by build-aux/take-screenshots to look at every step at the sizes and
 * styles a facilitator meets, and to make the AppStream screenshots.
 *
 *   cr-screenshot --database DB --workshop ID --size 1366x768 [--dark] --output DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cr-test-ui-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *size = NULL;
  g_autofree char *output = NULL;
  gint64 workshop_id = 0;
  gboolean dark = FALSE;
  int settle_ms = 2000;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Library", "FILE" },
    { "workshop", 0, 0, G_OPTION_ARG_INT64, &workshop_id, "Workshop to show", "ID" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Folder for the PNG files", "DIR" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Time each page gets to be drawn (ms)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CrStore) store = NULL;
  CrWindow *window;
  int width = 1366, height = 768;
  CrWorkshop *workshop;
  GtkWidget *page;
  g_autofree char *library_png = NULL;

  /* The pages in the language of the environment (LANGUAGE=de), as the app
   * shows them, from the catalogues installed under LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL || output == NULL)
    {
      g_printerr ("cr-screenshot: %s\n", error ? error->message : "--database and --output are needed");
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    {
      g_printerr ("cr-screenshot: --size is WIDTHxHEIGHT\n");
      return 2;
    }
  g_mkdir_with_parents (output, 0755);

  app = adw_application_new ("io.github.crossroads.Crossroads.Screenshot", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/crossroads/Crossroads");
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  /* Startup (which adw_init needs) happens on register. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  store = cr_store_open (database, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  window = cr_window_new (GTK_APPLICATION (app), store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_spin (800);

  library_png = g_build_filename (output, "00-library.png", NULL);
  if (!cr_test_ui_save_png (GTK_WIDGET (window), library_png))
    g_error ("could not write %s", library_png);
  g_print ("%s\n", library_png);

  if (workshop_id > 0)
    {
      if (!cr_window_open_workshop (window, workshop_id, &error))
        g_error ("%s", error->message);
      workshop = cr_window_get_workshop (window);
      page = gtk_widget_get_first_child (GTK_WIDGET (window));
      /* The workshop's agenda: a re-run's own steps too. */
      for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
        {
          const CrAgendaStep *step = cr_workshop_get_step (workshop, i);
          g_autofree char *name = g_strdup_printf ("%02u-%s.png", i + 1, step->id);
          g_autofree char *path = g_build_filename (output, name, NULL);
          GtkWidget *workshop_page = NULL;

          /* The workshop page is the only CrWorkshopPage in the window. */
          for (GtkWidget *w = page; w != NULL; )
            {
              if (CR_IS_WORKSHOP_PAGE (w))
                {
                  workshop_page = w;
                  break;
                }
              if (gtk_widget_get_first_child (w) != NULL)
                w = gtk_widget_get_first_child (w);
              else
                {
                  while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
                    w = gtk_widget_get_parent (w);
                  if (w != NULL)
                    w = gtk_widget_get_next_sibling (w);
                }
            }
          g_assert (workshop_page != NULL);
          cr_workshop_page_set_step_id (CR_WORKSHOP_PAGE (workshop_page), step->id);
          /* Long enough for the page's crossfade and the steps' idle rebuilds,
           * and for the canvas's first layout on a busy machine. */
          cr_test_ui_spin (settle_ms);
          if (!cr_test_ui_save_png (GTK_WIDGET (window), path))
            g_error ("could not write %s", path);
          g_print ("%s\n", path);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (100);
  return 0;
}
