/* cr-step-export.h: the export step of a workshop: the summary in every format, to a file chosen in the file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_EXPORT (cr_step_export_get_type ())
G_DECLARE_FINAL_TYPE (CrStepExport, cr_step_export, CR, STEP_EXPORT, AdwBin)

GtkWidget *cr_step_export_new (CrWorkshop *workshop);

G_END_DECLS
