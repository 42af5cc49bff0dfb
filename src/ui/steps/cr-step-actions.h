/* cr-step-actions.h: the actions step of a workshop: agreed actions with owner and due date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_ACTIONS (cr_step_actions_get_type ())
G_DECLARE_FINAL_TYPE (CrStepActions, cr_step_actions, CR, STEP_ACTIONS, CrStep)

GtkWidget *cr_step_actions_new (CrWorkshop *workshop);

G_END_DECLS
