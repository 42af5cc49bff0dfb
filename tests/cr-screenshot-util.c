/* cr-screenshot-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-screenshot-util.h"

void
cr_screenshot_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
cr_screenshot_save_png (GtkWidget  *widget,
                        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A window waiting for its next layout (the step's timer changes a label
   * every second) draws nothing until that frame: try again after it. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        cr_screenshot_spin (50);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_printerr ("%s: nothing drawn for %s (%dx%d)\n", g_get_prgname (), path, width, height);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
