/* cr-step-vote.h: a voting step for one question: rounds, votes, reveal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_VOTE (cr_step_vote_get_type ())
G_DECLARE_FINAL_TYPE (CrStepVote, cr_step_vote, CR, STEP_VOTE, CrStep)

/* Properties:
 * - "workshop" (CrWorkshop, construct-only; from CrStep): the workshop voting.
 * - "question" (string, construct-only): the id of the template's question
 *   this step votes on; it must name a question of the workshop's template.
 * - "phone-server" (CrPhoneServer, read-write): the window's phone server,
 *   while phones are or were on.
 *
 * cr_step_vote_new() is g_object_new() with the first two. */
GtkWidget *cr_step_vote_new (CrWorkshop *workshop,
                             const char *question_id);

G_END_DECLS
