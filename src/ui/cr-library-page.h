/* cr-library-page.h: the library of workshops, grouped by organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-store.h"

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY_PAGE (cr_library_page_get_type ())
G_DECLARE_FINAL_TYPE (CrLibraryPage, cr_library_page, CR, LIBRARY_PAGE, AdwBin)

/* Opens a workshop by activating "win.open-workshop" with its id (int64). */
GtkWidget  *cr_library_page_new    (CrStore       *store);
/* Reads the store again (after an import, a new workshop, a deletion). */
void        cr_library_page_reload (CrLibraryPage *self);
void        cr_library_page_refresh_series (CrLibraryPage *self,
                                            gint64         id);
/* Imports a bundle, as the file chooser's answer does: a workshop the
 * library has already (the same workshop.id) asks first whether to
 * replace it or keep both. */
void        cr_library_page_import (CrLibraryPage *self,
                                    GFile         *file);
/* "list", "empty" or "no-results" (a search that matches nothing). */
const char *cr_library_page_get_visible_page (CrLibraryPage *self);

G_END_DECLS
