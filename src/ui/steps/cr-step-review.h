/* cr-step-review.h: a re-run's first step: what became of the actions agreed last time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_REVIEW (cr_step_review_get_type ())
G_DECLARE_FINAL_TYPE (CrStepReview, cr_step_review, CR, STEP_REVIEW, CrStep)

GtkWidget *cr_step_review_new (CrWorkshop *workshop);

G_END_DECLS
