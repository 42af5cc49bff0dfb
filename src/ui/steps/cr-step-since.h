/* cr-step-since.h: a re-run's step "Since Last Time": what moved since the workshop it re-runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_SINCE (cr_step_since_get_type ())
G_DECLARE_FINAL_TYPE (CrStepSince, cr_step_since, CR, STEP_SINCE, CrStep)

GtkWidget *cr_step_since_new (CrWorkshop *workshop);

G_END_DECLS
