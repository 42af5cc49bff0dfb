/* cr-step-setup.h: the setup step of a workshop: participants, named or anonymous seats, roles; add several at once by pasting a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_SETUP (cr_step_setup_get_type ())
G_DECLARE_FINAL_TYPE (CrStepSetup, cr_step_setup, CR, STEP_SETUP, CrStep)

GtkWidget *cr_step_setup_new (CrWorkshop *workshop);

G_END_DECLS
