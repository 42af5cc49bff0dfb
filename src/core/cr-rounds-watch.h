/* cr-rounds-watch.h: one signal when anything a round's results depend on changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_ROUNDS_WATCH (cr_rounds_watch_get_type ())
G_DECLARE_FINAL_TYPE (CrRoundsWatch, cr_rounds_watch, CR, ROUNDS_WATCH, GObject)

/* Emits "changed" once, from an idle at high priority, after any burst of
 * changes: a round opened or removed, votes recorded, a round revealed or
 * hidden again, or (when @with_context) a context answer changed. A change
 * arrives as several signals; views that rebuild on "changed" read the
 * workshop once it is consistent. */
CrRoundsWatch *cr_rounds_watch_new (CrWorkshop *workshop,
                                    gboolean    with_context);

G_END_DECLS
