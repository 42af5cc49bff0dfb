/* cr-limits.h: the largest workshop Crossroads accepts
 *
 * A workshop bundle or a typed field beyond these is refused with a message
 * that names the limit, so that a hostile file cannot exhaust memory or
 * hang the app. The same numbers are in help/C/data.page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters (not bytes) in any one text: a title, a name, a role, a note,
 * an action. Generous: a pasted document still fits, a hostile file does not. */
#define CR_LIMIT_TEXT_CHARS          2000000
/* Per workshop. */
#define CR_LIMIT_PARTICIPANTS        500
#define CR_LIMIT_NOTES               5000
#define CR_LIMIT_ROUNDS              200
#define CR_LIMIT_ACTIONS             1000
/* Per round: 500 participants scoring 12 options on a few criteria fit. */
#define CR_LIMIT_VOTES_PER_ROUND     50000
/* Per workshop, all rounds together: about five times the largest workshop the
 * benchmark runs (21,279 votes), and what bounds an import's memory. */
#define CR_LIMIT_VOTES               100000

G_END_DECLS
