/* cr-library-order.h: how the library lists workshops: grouped by
 * organisation, the group with the newest workshop first, and what a
 * search finds. The library page shows this order; tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cr-library.h"

G_BEGIN_DECLS

/* Each organisation's rank, from the library's newest-first listing. */
typedef struct _CrLibraryGroups CrLibraryGroups;

CrLibraryGroups *cr_library_groups_new     (void);
void             cr_library_groups_free    (CrLibraryGroups *groups);
/* Ranks the organisations of @library (a CrLibrary or any list of
 * CrWorkshopInfo, newest first); TRUE when a group ranked before now ranks
 * differently, so that whole groups must move. */
gboolean         cr_library_groups_update  (CrLibraryGroups *groups,
                                            GListModel      *library);
/* 0 for the group of the newest workshop. */
guint            cr_library_groups_rank    (CrLibraryGroups *groups,
                                            CrWorkshopInfo  *info);
/* Negative when @a is listed before @b: by group, then newest first. */
int              cr_library_groups_compare (CrLibraryGroups *groups,
                                            CrWorkshopInfo  *a,
                                            CrWorkshopInfo  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrLibraryGroups, cr_library_groups_free)

/* What a search asks for, as the library compares it: @text stripped, its
 * accents dropped and case-folded, one space between its words; NULL when
 * nothing is left (everything shows). */
char    *cr_library_search_fold    (const char     *text);
/* Whether each word of @search (as cr_library_search_fold() made it; NULL
 * matches everything) is in one of @info's title, organisation,
 * facilitator, participants' names and roles, or date as shown. */
gboolean cr_library_search_matches (const char     *search,
                                    CrWorkshopInfo *info);

typedef enum {
  CR_LIBRARY_SEARCH_DIFFERENT,
  /* Everything the new search finds, the old one found. */
  CR_LIBRARY_SEARCH_NARROWER,
  /* Everything the old search found, the new one finds. */
  CR_LIBRARY_SEARCH_WIDER,
} CrLibrarySearchChange;

/* How going from search @from to search @to (folded, NULL for none)
 * changes what is found, so a filter re-checks only what it must. */
CrLibrarySearchChange cr_library_search_change (const char *from,
                                                const char *to);

G_END_DECLS
