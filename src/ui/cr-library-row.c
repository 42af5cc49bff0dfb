/* cr-library-row.c: one workshop in the library list, laid out in
 * GtkInscriptions so a full library measures fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-library"

#include "config.h"

#include "cr-library-row.h"

/* Wide enough for a date and a few words before the text is cut short;
 * the row is as wide as the list anyway. */
#define MIN_CHARS 12
#define NAT_CHARS 48

struct _CrLibraryRow
{
  GtkListBoxRow   parent_instance;

  GtkBox         *header;
  GtkInscription *title;
  GtkInscription *subtitle;
};

G_DEFINE_FINAL_TYPE (CrLibraryRow, cr_library_row, GTK_TYPE_LIST_BOX_ROW)

static GtkInscription *
add_line (GtkBox     *box,
          const char *css_class)
{
  GtkWidget *line = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (line), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (line), MIN_CHARS);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (line), NAT_CHARS);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (line), 0.0);
  gtk_widget_add_css_class (line, css_class);
  gtk_box_append (box, line);
  return GTK_INSCRIPTION (line);
}

static void
cr_library_row_class_init (CrLibraryRowClass *klass)
{
}

/* The same nodes and style classes as AdwActionRow (row > box.header >
 * box.title > .title, .subtitle), so the Adwaita style sheet sets it alike. */
static void
cr_library_row_init (CrLibraryRow *self)
{
  GtkWidget *titles;

  gtk_widget_add_css_class (GTK_WIDGET (self), "cr-library-row");
  self->header = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_widget_add_css_class (GTK_WIDGET (self->header), "header");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->header));

  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (titles, "title");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (self->header, titles);
  self->title = add_line (GTK_BOX (titles), "title");
  self->subtitle = add_line (GTK_BOX (titles), "subtitle");
}

GtkWidget *
cr_library_row_new (const char *title,
                    const char *subtitle)
{
  CrLibraryRow *self = g_object_new (CR_TYPE_LIBRARY_ROW, NULL);

  /* Set as text, never as markup: titles are typed by people. */
  gtk_inscription_set_text (self->title, title);
  gtk_inscription_set_text (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL && subtitle[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  return GTK_WIDGET (self);
}

const char *
cr_library_row_get_title (CrLibraryRow *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ROW (self), NULL);

  return gtk_inscription_get_text (self->title);
}

const char *
cr_library_row_get_subtitle (CrLibraryRow *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ROW (self), NULL);

  return gtk_inscription_get_text (self->subtitle);
}

void
cr_library_row_add_suffix (CrLibraryRow *self,
                           GtkWidget    *widget)
{
  g_return_if_fail (CR_IS_LIBRARY_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (self->header, widget);
}
