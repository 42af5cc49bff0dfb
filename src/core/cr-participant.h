/* cr-participant.h: a person in the room, named or an anonymous seat
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CR_TYPE_PARTICIPANT (cr_participant_get_type ())
G_DECLARE_FINAL_TYPE (CrParticipant, cr_participant, CR, PARTICIPANT, GObject)

gint64      cr_participant_get_id      (CrParticipant *self);
const char *cr_participant_get_key     (CrParticipant *self);
/* NULL for an anonymous seat. */
const char *cr_participant_get_name    (CrParticipant *self);
const char *cr_participant_get_role    (CrParticipant *self);
/* The name, or "Seat N" for an anonymous seat; newly allocated. */
char       *cr_participant_dup_display_name (CrParticipant *self);

G_END_DECLS
