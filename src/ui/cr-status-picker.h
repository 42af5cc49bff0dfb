/* cr-status-picker.h: what became of an action: open, done or dropped, and a one-line outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_STATUS_PICKER (cr_status_picker_get_type ())
G_DECLARE_FINAL_TYPE (CrStatusPicker, cr_status_picker, CR, STATUS_PICKER, GtkBox)

/* Shows @action's status and outcome, and saves each change through
 * cr_workshop_set_action_status (undoable); follows the action when it
 * changes elsewhere (undo, redo). */
GtkWidget *cr_status_picker_new (CrWorkshop *workshop,
                                 CrAction   *action);

G_END_DECLS
