/* cr-library-row.h: one workshop in the library: its title, a line under it
 * (date, template, facilitator) and widgets at its end
 *
 * It looks like an AdwActionRow but lays its text out in GtkInscriptions,
 * which take their size from the font rather than from the text: the list is
 * measured without shaping every title at every width it tries, which is
 * most of what the first frame cost with a full library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY_ROW (cr_library_row_get_type ())
G_DECLARE_FINAL_TYPE (CrLibraryRow, cr_library_row, CR, LIBRARY_ROW, GtkListBoxRow)

GtkWidget  *cr_library_row_new          (const char   *title,
                                         const char   *subtitle);
const char *cr_library_row_get_title    (CrLibraryRow *self);
const char *cr_library_row_get_subtitle (CrLibraryRow *self);
void        cr_library_row_add_suffix   (CrLibraryRow *self,
                                         GtkWidget    *widget);

G_END_DECLS
