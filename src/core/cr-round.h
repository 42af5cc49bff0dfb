/* cr-round.h: one numbered voting round of a question, and its votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cr-template.h"

G_BEGIN_DECLS

/* A vote. participant_id 0 is a show-of-hands count entered by the
 * facilitator, whose value is the number of hands. Strings are interned. */
typedef struct
{
  gint64      participant_id;
  const char *option;
  const char *criterion;     /* NULL unless the question has criteria */
  int         value;
} CrVote;

#define CR_TYPE_ROUND (cr_round_get_type ())
G_DECLARE_FINAL_TYPE (CrRound, cr_round, CR, ROUND, GObject)

gint64        cr_round_get_id       (CrRound *self);
const char   *cr_round_get_question (CrRound *self);
guint         cr_round_get_number   (CrRound *self);
gboolean      cr_round_get_revealed (CrRound *self);
/* The votes in the order they were recorded. */
const CrVote *cr_round_get_votes    (CrRound *self,
                                     guint   *n_votes);

/* ---- One count per person ----------------------------------------------- */

/* How many distinct participants cast a ballot among @votes (the show of
 * hands, participant 0, is not a ballot). */
guint         cr_votes_count_ballots (const CrVote *votes,
                                      guint         n_votes);

/* How many choices a complete ballot on @question makes: its one choice,
 * its whole dots budget, or a score for every option (and criterion). A
 * ballot with fewer is partial, and a partial ballot is not "voted". */
guint         cr_question_get_n_choices (CrTemplate       *template,
                                         const CrQuestion *question);

/* Per participant with a ballot among @votes (the show of hands left out),
 * the choices it makes: dots placed on a dots question, votes cast on the
 * others. Keys point at participant ids inside @votes; values are
 * GUINT_TO_POINTER counts. */
GHashTable   *cr_votes_count_choices (const CrQuestion *question,
                                      const CrVote     *votes,
                                      guint             n_votes);

/* Hands count only the people without a ballot: of @n_participants, those
 * with no ballot among @votes may each raise one hand per option (one vote
 * for "single", one dot for "dots"), and for "single" one hand in all.
 * Checks the show of hands among @votes against that, so a round's totals
 * never exceed what its people could give. On failure *bad_index is the
 * count that does not fit (n_votes when the counts as a whole do not).
 * Errors are CR_STORE_ERROR_INVALID. */
gboolean      cr_votes_check_hands   (CrTemplate       *template,
                                      const CrQuestion *question,
                                      guint             n_participants,
                                      const CrVote     *votes,
                                      guint             n_votes,
                                      guint            *bad_index,
                                      GError          **error);

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
