/* cr-bench-library.c: listing and searching a library
 *
 *   cr-bench-library FILE SEARCH N
 *
 * Under a display: N times each, the core listing (cr_library_list), the
 * library page built and drawn in a window, a search for SEARCH until the
 * narrowed list is drawn, and clearing it until the whole list is drawn
 * again. Prints "<what> US" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bench"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "cr-library.h"
#include "cr-library-page.h"
#include "cr-store.h"

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* Spins the main loop until the window has drawn a frame. */
static void
wait_for_frame (GtkWidget *window)
{
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
die (const char   *doing,
     const GError *error)
{
  g_printerr ("cr-bench-library: %s: %s\n", doing, error ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n;

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000, &n, NULL))
    {
      g_printerr ("usage: cr-bench-library FILE SEARCH N\n");
      return 2;
    }

  adw_init ();
  store = cr_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the library", error);

  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      gint64 start = g_get_monotonic_time ();

      items = cr_library_list (store, &error);
      if (items == NULL)
        die ("listing", error);
      printf ("list %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
    }

  for (guint64 i = 0; i < n; i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *page;
      GtkSearchEntry *entry;
      GdkFrameClock *clock;
      gint64 start;

      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
      gtk_widget_realize (window);
      clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

      start = g_get_monotonic_time ();
      page = cr_library_page_new (store);
      gtk_window_set_child (GTK_WINDOW (window), page);
      painted = FALSE;
      gtk_window_present (GTK_WINDOW (window));
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      printf ("page %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);

      entry = GTK_SEARCH_ENTRY (find_widget (page, GTK_TYPE_SEARCH_ENTRY));
      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (entry), argv[2]);
      /* Not the entry's typing delay: the work that follows it. */
      g_signal_emit_by_name (entry, "search-changed");
      wait_for_frame (window);
      printf ("search %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);

      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      g_signal_emit_by_name (entry, "search-changed");
      wait_for_frame (window);
      printf ("clear %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  return 0;
}
