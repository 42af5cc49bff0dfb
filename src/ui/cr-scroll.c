/* cr-scroll.c: bringing a widget into sight in the scrolled window around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-scroll.h"

/* The change of @adjustment that shows the span @start, @start + @size
 * (in the scrolled window's coordinates, 0 at the top of what shows). */
static void
show_span (GtkAdjustment *adjustment,
           double         start,
           double         size)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  if (start < 0 || size > page_size)
    gtk_adjustment_set_value (adjustment, value + start);
  else if (start + size > page_size)
    gtk_adjustment_set_value (adjustment, value + start + size - page_size);
}

void
cr_scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled;
  graphene_rect_t bounds;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return;
  show_span (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
             bounds.origin.y, bounds.size.height);
  show_span (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
             bounds.origin.x, bounds.size.width);
}

static gboolean
scroll_focus (gpointer user_data)
{
  GtkWidget *page = g_weak_ref_get (user_data);
  GtkRoot *root = page != NULL ? gtk_widget_get_root (page) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, page) && gtk_widget_get_mapped (focus))
    cr_scroll_into_view (focus);
  g_clear_object (&page);
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer weak_ref)
{
  g_weak_ref_clear (weak_ref);
  g_free (weak_ref);
}

void
cr_scroll_focus_into_view (GtkWidget *page)
{
  GWeakRef *weak_ref = g_new0 (GWeakRef, 1);

  g_return_if_fail (GTK_IS_WIDGET (page));

  g_weak_ref_init (weak_ref, page);
  /* An idle runs after the frame clock's layout, which has a higher
   * priority. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_focus, weak_ref, free_weak_ref);
}
