/* cr-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-store.h"

G_BEGIN_DECLS

#define CR_TYPE_WINDOW (cr_window_get_type ())
G_DECLARE_FINAL_TYPE (CrWindow, cr_window, CR, WINDOW, AdwApplicationWindow)

/* @store may be NULL when the library could not be opened; @error then says why. */
CrWindow *cr_window_new (GtkApplication *application,
                         CrStore        *store,
                         const GError   *error);

/* What the window shows: "list", "empty" or "error". */
const char *cr_window_get_visible_page (CrWindow *self);

G_END_DECLS
