/* cr-label.c: the wrapping labels the steps' paragraphs are written in,
 * which measure from a sane minimum width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-ui"

#include "config.h"

#include "cr-label.h"

/* Wraps at words, and inside a word too long for the line (a URL in a
 * note), starting at the left. */
void
cr_label_set_wrapping (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (label, CR_LABEL_MIN_CHARS);
  gtk_label_set_xalign (label, 0.0);
}

GtkWidget *
cr_label_new_wrapping (const char *text,
                       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  cr_label_set_wrapping (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}
