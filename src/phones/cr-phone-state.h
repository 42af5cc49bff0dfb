/* cr-phone-state.h: what one phone is told, as JSON
 *
 * The open round of the current question as the phone shows it (kind,
 * options, budget, scale, criteria) with that phone's own saved ballot;
 * "waiting" between rounds; after Reveal, when the facilitator allows it,
 * the round's result as the room sees it. Nothing of an open round's
 * tally is ever in it: the only votes a phone is told are its own.
 * The shapes are in src/phones/README.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-phone-room.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* The round phones see: the newest round of @question_id, or with NULL the
 * newest round of any question; NULL before any. */
CrRound    *cr_phone_state_find_round (CrWorkshop     *workshop,
                                       const char     *question_id);

/* The round's result as the room sees it, or NULL while it is not revealed. */
JsonNode   *cr_phone_state_result     (CrWorkshop     *workshop,
                                       CrRound        *round);

/* The state document for a phone holding @participant_id (0: no seat yet).
 * @result is cr_phone_state_result ()'s, computed once for every phone, or
 * NULL to leave it out. The seat's ballot is shown only with @own_ballot:
 * when this phone saved it, in this seat. */
char       *cr_phone_state_to_json    (CrWorkshop     *workshop,
                                       CrRound        *round,
                                       JsonNode       *result,
                                       gint64          participant_id,
                                       gboolean        own_ballot,
                                       gboolean        joining,
                                       guint64         version);

/* The seats a phone may claim: every participant, whether a phone holds
 * it, and whether a new anonymous seat may be added. */
char       *cr_phone_state_seats_json (CrWorkshop     *workshop,
                                       CrPhoneRoom    *room,
                                       CrPhoneSession *session,
                                       gboolean        can_add);

/* {"error": @code} with @detail as "message" when given. */
char       *cr_phone_state_error_json (const char     *code,
                                       const char     *detail);

G_END_DECLS
