/* cr-round.h: one numbered voting round of a question, and its votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cr-template.h"
#include "cr-vote.h"

G_BEGIN_DECLS

#define CR_TYPE_ROUND (cr_round_get_type ())
G_DECLARE_FINAL_TYPE (CrRound, cr_round, CR, ROUND, GObject)

gint64        cr_round_get_id       (CrRound *self);
const char   *cr_round_get_question (CrRound *self);
guint         cr_round_get_number   (CrRound *self);
gboolean      cr_round_get_revealed (CrRound *self);
/* The votes in the order they were recorded. */
const CrVote *cr_round_get_votes    (CrRound *self,
                                     guint   *n_votes);

/* Whether @round, once @participant_id's votes are replaced by @votes, still
 * counts each person once among @n_participants (cr_votes_check_hands()).
 * A new ballot that a show of hands leaves no room for is refused with a
 * message that says to lower the hands first. */
gboolean      cr_round_check_replacing (CrRound          *self,
                                        CrTemplate       *template,
                                        const CrQuestion *question,
                                        guint             n_participants,
                                        gint64            participant_id,
                                        const CrVote     *votes,
                                        guint             n_votes,
                                        GError          **error);

G_END_DECLS
