/* cr-step-recommendation.h: the recommendation step of a workshop: fit per option with its reasons; start with / aim for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_RECOMMENDATION (cr_step_recommendation_get_type ())
G_DECLARE_FINAL_TYPE (CrStepRecommendation, cr_step_recommendation, CR, STEP_RECOMMENDATION, CrStep)

GtkWidget *cr_step_recommendation_new (CrWorkshop *workshop);

G_END_DECLS
