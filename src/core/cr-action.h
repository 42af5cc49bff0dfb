/* cr-action.h: an agreed next step with an owner, a due date and what became of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What became of an action, as the room says when it reviews it. */
typedef enum
{
  CR_ACTION_OPEN,
  CR_ACTION_DONE,
  CR_ACTION_DROPPED,
} CrActionStatus;

/* "open", "done", "dropped", as bundles and the database write them. */
const char *cr_action_status_to_string   (CrActionStatus  status);
gboolean    cr_action_status_from_string (const char     *text,
                                          CrActionStatus *status);
/* "Open", "Done", "Dropped", translated. */
const char *cr_action_status_get_label   (CrActionStatus  status);
/* Whether @outcome (valid UTF-8) is one line: no line feed, carriage
 * return, next line, line or paragraph separator, any of which Pango and
 * the reports would break the line at. */
gboolean    cr_action_outcome_is_one_line (const char    *outcome);

#define CR_TYPE_ACTION (cr_action_get_type ())
G_DECLARE_FINAL_TYPE (CrAction, cr_action, CR, ACTION, GObject)

gint64      cr_action_get_id    (CrAction *self);
const char *cr_action_get_text  (CrAction *self);
const char *cr_action_get_owner (CrAction *self);
/* YYYY-MM-DD or NULL. */
const char *cr_action_get_due   (CrAction *self);
CrActionStatus cr_action_get_status  (CrAction *self);
/* One line on what came of it; "" when nothing was said. */
const char    *cr_action_get_outcome (CrAction *self);
/* What became of it, in one line: "Done · Two pilots ran", or the status
 * alone when no outcome was said. */
char          *cr_action_describe_outcome (CrAction *self);

G_END_DECLS
