/* cr-vote.h: one vote, and the checks every vote passes before it is kept
 *
 * A vote's way through Crossroads:
 *
 *   recorded  cr_workshop_record_votes() (cr-workshop-rounds.c) takes one
 *             participant's ballot, or the show of hands, checks it with
 *             cr_votes_check() and cr_round_check_replacing(), and writes
 *             its rows (cr-workshop-rows.c) in one transaction, undoably.
 *             The ballot dialog (src/ui/cr-ballot-dialog.c, its draft in
 *             cr-ballot.c) and the phones (src/phones/cr-phone-host.c)
 *             both record through it. A bundle's votes pass the same
 *             cr_votes_check() and cr_votes_check_hands() in the importer
 *             (cr-bundle.c) and are written with _cr_store_insert_vote().
 *   held      CrRound (cr-round.h) keeps a round's votes in the order they
 *             were recorded: cr_round_get_votes().
 *   tallied   cr_tally_compute() (cr-tally.c) counts a round's votes per
 *             option (and criterion) into the CrTally that everything
 *             below shows.
 *   shown     the room view (src/ui/cr-room-view.c) and the results step
 *             (src/ui/cr-step-results.c) draw a tally as a CrChartSpec,
 *             cr_chart_spec_new_tally() (cr-chart.c); the phones' page
 *             gets it from src/phones/cr-phone-state.c.
 *   exported  cr_export_to_file() (cr-export.c): the summary's charts and
 *             tables come from each round's tally (collect_rounds() and
 *             build_rounds() in cr-document-build.c, behind
 *             cr_document_new_workshop()), the CSV has one row per vote
 *             (_cr_export_render_csv(), cr-export-csv.c);
 *             cr_bundle_export() (cr-bundle.c) carries the votes as
 *             recorded (write_workshop()) and each round's tally
 *             (write_results(), cr_tally_to_json()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* Checks one participant's (or the show of hands') votes for a question:
 * known options and criteria, one choice for "single", the budget for
 * "dots", the scale and no duplicates for "score". On failure *bad_index is
 * the offending vote (or n_votes when the set as a whole is wrong).
 * Errors are CR_STORE_ERROR_INVALID. */
gboolean     cr_votes_check (CrTemplate       *template,
                             const CrQuestion *question,
                             gboolean          show_of_hands,
                             const CrVote     *votes,
                             guint             n_votes,
                             guint            *bad_index,
                             GError          **error);

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

G_END_DECLS
