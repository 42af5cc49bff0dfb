/* cr-step-context.h: the context step of a workshop: a form built from the template's context fields, each explained in one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_CONTEXT (cr_step_context_get_type ())
G_DECLARE_FINAL_TYPE (CrStepContext, cr_step_context, CR, STEP_CONTEXT, CrStep)

GtkWidget *cr_step_context_new (CrWorkshop *workshop);

G_END_DECLS
