/* cr-ballot.h: what the voting step shows, computed from plain values
 *
 * The voting step never shows totals while a round is hidden; what it may
 * show (who has voted) and what a ballot being edited allows (dots left,
 * which "+" buttons work, whether it can be saved) is worked out here,
 * without GTK, so it can be tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cr-round.h"
#include "cr-template.h"

G_BEGIN_DECLS

/* ---- The round as the facilitator sees it ------------------------------- */

typedef struct
{
  gint64    participant_id;
  char     *display_name;
  /* A ballot was recorded, complete or not. */
  gboolean  voted;
  /* Every choice the question asks for was made: one choice, the whole
   * dots budget, or every score. */
  gboolean  complete;
  /* How much of the ballot was filled in: 1 of 1 choice, dots placed of
   * the budget, scores given of the cells. */
  guint     given;
  guint     expected;
} CrBallotSeat;

typedef struct
{
  const CrQuestion *question;
  gboolean          has_round;      /* FALSE: no round opened yet */
  guint             round_number;
  gboolean          revealed;
  /* Votes may be entered (the round is hidden); revealed rounds are read-only. */
  gboolean          editable;
  /* A count of hands fits the method (single and dots questions). */
  gboolean          allows_hands;
  gboolean          has_hands;      /* show-of-hands counts were entered */
  CrBallotSeat     *seats;          /* participants in the workshop's order */
  guint             n_seats;
  guint             n_voted;        /* seats whose ballot is complete */
  guint             n_partial;      /* seats whose ballot is not */
  /* The people who may raise a hand: hands count only those without a
   * ballot (cr_votes_check_hands()). */
  guint             n_without_ballot;
  /* Something to reveal: a participant's vote or a show of hands. */
  gboolean          can_reveal;
} CrBallotState;

/* @round may be NULL (no round yet); @participants holds CrParticipant. */
CrBallotState *cr_ballot_state_compute (CrTemplate       *template,
                                        const CrQuestion *question,
                                        CrRound          *round,
                                        GListModel       *participants);
void           cr_ballot_state_free    (CrBallotState    *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrBallotState, cr_ballot_state_free)

/* The next seat after @participant_id, in the workshop's order and
 * round the end, that has no ballot yet; 0 if there is none. */
gint64         cr_ballot_state_next_without_ballot (const CrBallotState *state,
                                                    gint64               participant_id);

/* ---- One ballot being edited -------------------------------------------- */

/* A participant's ballot (or, with participant id 0, the show of hands)
 * while the facilitator fills it in: one cell per option, or per option and
 * criterion for a score question with criteria. */
typedef struct _CrBallotDraft CrBallotDraft;

/* A participant's ballot starts empty, whatever they voted before: a
 * ballot is secret until Reveal, even to whoever holds the laptop next.
 * The show of hands, counted in front of the room, starts from the counts
 * already recorded in @round (@round may be NULL for an empty draft).
 * @n_participants is how many people the workshop has, for the rule that
 * hands count only the people without a ballot. */
CrBallotDraft *cr_ballot_draft_new   (CrTemplate       *template,
                                      const CrQuestion *question,
                                      CrRound          *round,
                                      guint             n_participants,
                                      gint64            participant_id);
void           cr_ballot_draft_free  (CrBallotDraft    *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrBallotDraft, cr_ballot_draft_free)

gint64         cr_ballot_draft_get_participant (const CrBallotDraft *draft);
gboolean       cr_ballot_draft_is_hands        (const CrBallotDraft *draft);
/* The participant had a ballot in the round: saving replaces it. */
gboolean       cr_ballot_draft_replaces        (const CrBallotDraft *draft);
/* Every choice the question asks for is made (see CrBallotSeat). */
gboolean       cr_ballot_draft_is_complete     (const CrBallotDraft *draft);

/* single: the chosen option index, or -1. */
int            cr_ballot_draft_get_choice  (const CrBallotDraft *draft);
void           cr_ballot_draft_set_choice  (CrBallotDraft       *draft,
                                            int                  option);

/* dots */
int            cr_ballot_draft_get_dots      (const CrBallotDraft *draft,
                                              guint                option);
int            cr_ballot_draft_get_dots_left (const CrBallotDraft *draft);
gboolean       cr_ballot_draft_can_add_dot   (const CrBallotDraft *draft,
                                              guint                option);
gboolean       cr_ballot_draft_can_remove_dot (const CrBallotDraft *draft,
                                               guint                option);
gboolean       cr_ballot_draft_add_dot       (CrBallotDraft       *draft,
                                              guint                option);
gboolean       cr_ballot_draft_remove_dot    (CrBallotDraft       *draft,
                                              guint                option);

/* score: @criterion is an index into the question's criteria (0 when it
 * has none). Unscored cells are left out of the votes. */
gboolean       cr_ballot_draft_get_score   (const CrBallotDraft *draft,
                                            guint                option,
                                            guint                criterion,
                                            int                 *value);
void           cr_ballot_draft_set_score   (CrBallotDraft       *draft,
                                            guint                option,
                                            guint                criterion,
                                            int                  value);
void           cr_ballot_draft_clear_score (CrBallotDraft       *draft,
                                            guint                option,
                                            guint                criterion);
guint          cr_ballot_draft_get_n_cells  (const CrBallotDraft *draft);
guint          cr_ballot_draft_get_n_scored (const CrBallotDraft *draft);

/* show of hands */
int            cr_ballot_draft_get_hands       (const CrBallotDraft *draft,
                                                guint                option);
void           cr_ballot_draft_set_hands       (CrBallotDraft       *draft,
                                                guint                option,
                                                int                  hands);
int            cr_ballot_draft_get_hands_total (const CrBallotDraft *draft);
/* The people without a ballot in the round, who may raise a hand: at most
 * this many hands on an option (and in all, for a single choice). */
guint          cr_ballot_draft_get_hands_people (const CrBallotDraft *draft);

/* The votes the draft stands for (CrVote, interned strings), ready for
 * cr_workshop_record_votes(); empty when nothing is filled in. */
GArray        *cr_ballot_draft_to_votes (const CrBallotDraft *draft);
/* Whether cr_votes_check() accepts the draft, and the round with it still
 * counts each person once (cr_votes_check_hands()). */
gboolean       cr_ballot_draft_check    (const CrBallotDraft *draft,
                                         GError             **error);

G_END_DECLS
