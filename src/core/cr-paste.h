/* cr-paste.h: read a pasted list of participants
 *
 * One participant a line: "Name, Role", "Name – Role", "Name<TAB>Role" or a
 * bare name. Blank lines are skipped, list bullets ("- ", "* ", "• ", "1. ")
 * are dropped, and a line such as "3 seats", "+5" or "4" adds that many
 * anonymous seats. A line with a role but no name (", CFO") is an anonymous
 * seat with that role.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A seat count above this is not a seat count (a pasted year, a phone
 * number): such a line is read as a name, and the preview shows it. */
#define CR_PASTE_MAX_SEATS 200

typedef struct
{
  char *name;   /* NULL: an anonymous seat */
  char *role;   /* never NULL, may be empty */
} CrPasteEntry;

void       cr_paste_entry_free (CrPasteEntry *entry);

/* The entries of @text in order, as CrPasteEntry*. */
GPtrArray *cr_paste_parse      (const char   *text);

/* How many entries have a name and how many are anonymous seats. */
void       cr_paste_count      (GPtrArray    *entries,
                                guint        *n_named,
                                guint        *n_anonymous);

/* The preview a facilitator reads before adding: "4 participants, 2
 * anonymous seats", "1 participant", "No participants". */
char      *cr_paste_describe   (GPtrArray    *entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPasteEntry, cr_paste_entry_free)

G_END_DECLS
