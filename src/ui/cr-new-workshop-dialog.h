/* cr-new-workshop-dialog.h: asks for a new workshop's details, or a re-run's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-store.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_NEW_WORKSHOP_DIALOG (cr_new_workshop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrNewWorkshopDialog, cr_new_workshop_dialog, CR, NEW_WORKSHOP_DIALOG, AdwWindow)

/* A modal window that creates the workshop itself when the facilitator
 * presses Create, emits "created" (CrWorkshop *) and closes. */
CrNewWorkshopDialog *cr_new_workshop_dialog_new       (GtkWindow           *parent,
                                                       CrStore             *store);
/* The same for a re-run of @source: only the new title and date are asked. */
CrNewWorkshopDialog *cr_new_workshop_dialog_new_rerun (GtkWindow           *parent,
                                                       CrWorkshop          *source);

/* Whether the form is complete (title, organisation, a real date). */
gboolean             cr_new_workshop_dialog_can_create (CrNewWorkshopDialog *self);
gboolean             cr_new_workshop_dialog_add_template_file (CrNewWorkshopDialog  *self,
                                                               GFile                *file,
                                                               GError              **error);

G_END_DECLS
