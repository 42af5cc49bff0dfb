/* cr-step-canvas.h: the canvas step of a workshop: the options side by side with the room's notes in three lanes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_CANVAS (cr_step_canvas_get_type ())
G_DECLARE_FINAL_TYPE (CrStepCanvas, cr_step_canvas, CR, STEP_CANVAS, CrStep)

GtkWidget *cr_step_canvas_new           (CrWorkshop *workshop);
/* The width the canvas needs to show @n_options columns side by side. */
int        cr_step_canvas_get_min_width (guint       n_options);

G_END_DECLS
