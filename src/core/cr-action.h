/* cr-action.h: an agreed next step with an owner and a due date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CR_TYPE_ACTION (cr_action_get_type ())
G_DECLARE_FINAL_TYPE (CrAction, cr_action, CR, ACTION, GObject)

gint64      cr_action_get_id    (CrAction *self);
const char *cr_action_get_text  (CrAction *self);
const char *cr_action_get_owner (CrAction *self);
/* YYYY-MM-DD or NULL. */
const char *cr_action_get_due   (CrAction *self);

G_END_DECLS
