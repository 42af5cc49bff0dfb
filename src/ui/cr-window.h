/* cr-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-store.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_WINDOW (cr_window_get_type ())
G_DECLARE_FINAL_TYPE (CrWindow, cr_window, CR, WINDOW, AdwApplicationWindow)

/* @store may be NULL when the library could not be opened; @error then says why. */
CrWindow *cr_window_new (GtkApplication *application,
                         CrStore        *store,
                         const GError   *error);

/* What the window shows: "list", "empty" or "error" for the library,
 * "workshop" when a workshop is open. */
const char *cr_window_get_visible_page (CrWindow *self);

/* Opens a workshop of the window's library on its last step (or the first). */
gboolean    cr_window_open_workshop    (CrWindow    *self,
                                        gint64       workshop_id,
                                        GError     **error);
/* The open workshop, or NULL on the library. */
CrWorkshop *cr_window_get_workshop     (CrWindow    *self);
CrStore    *cr_window_get_store        (CrWindow    *self);

/* Votes from phones for the open workshop (the action win.phones): on,
 * the window serves the room's phones on the question of the current vote
 * step; off, closing the workshop or quitting stops it. */
gboolean    cr_window_get_phones_on    (CrWindow    *self);
void        cr_window_set_phones_on    (CrWindow    *self,
                                        gboolean     on);

G_END_DECLS
