/* cr-step-results.h: the results step of a workshop: tallies per round, current-vs-target gap, change between rounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_RESULTS (cr_step_results_get_type ())
G_DECLARE_FINAL_TYPE (CrStepResults, cr_step_results, CR, STEP_RESULTS, CrStep)

GtkWidget *cr_step_results_new (CrWorkshop *workshop);

G_END_DECLS
