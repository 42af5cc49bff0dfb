/* cr-step-vote.h: a voting step for one question: rounds, votes, reveal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_VOTE (cr_step_vote_get_type ())
G_DECLARE_FINAL_TYPE (CrStepVote, cr_step_vote, CR, STEP_VOTE, CrStep)

GtkWidget *cr_step_vote_new (CrWorkshop *workshop,
                             const char *question_id);

G_END_DECLS
