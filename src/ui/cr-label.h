/* cr-label.h: the wrapping labels the steps' paragraphs are written in
 *
 * A wrapping GtkLabel without width-chars finds its minimum width by laying
 * its text out at no width at all, one character a line, and does it again
 * for every width the page is measured at. For the paragraphs of the canvas
 * that was nearly all of the time the step took to appear (10.8 G
 * instructions with a typical workshop, 2.6 G with a minimum). These labels
 * are at least CR_LABEL_MIN_CHARS wide and lay out from there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Narrower than any column text is shown in. */
#define CR_LABEL_MIN_CHARS 20

void       cr_label_set_wrapping (GtkLabel   *label);
GtkWidget *cr_label_new_wrapping (const char *text,
                                  const char *css_class);

G_END_DECLS
