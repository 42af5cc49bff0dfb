/* cr-gap.h: where the room says it is against where it wants to be, per option
 *
 * The gap compares the latest revealed round of a "current" question with
 * the latest revealed round of a "target" question of the same kind: shares
 * of votes or dots, or mean scores on one scale. When the template has a
 * further score question (such as "fit"), its overall mean and spread are
 * carried beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-tally.h"
#include "cr-template.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

typedef struct
{
  const CrOption *option;
  /* Shares (0..1) or mean scores; NAN when the question has no revealed
   * round or nobody scored the option. */
  double          current;
  double          target;
  /* Score questions: the spread of opinion (population standard deviation of
   * each voter's overall); NAN for shares. */
  double          current_spread;
  double          target_spread;
  /* target - current; NAN when either side is unknown. */
  double          gap;
  /* The fit question's weighted overall mean and its spread; NAN when the
   * template has no fit question or it has no revealed round. */
  double          fit;
  double          fit_spread;
} CrGapOption;

typedef struct
{
  CrTemplate       *template;
  /* The questions compared; both NULL when the template has no pair. */
  const CrQuestion *current_question;
  const CrQuestion *target_question;
  /* A further score question, or NULL. */
  const CrQuestion *fit_question;
  /* Number of the revealed round each side comes from; 0 when none. */
  guint             current_round;
  guint             target_round;
  guint             fit_round;
  /* TRUE: current and target are mean scores on current_question's scale;
   * FALSE: shares of votes or dots. */
  gboolean          scores;
  CrGapOption      *options;          /* template option order */
  guint             n_options;
} CrGap;

/* Which questions a template's gap compares. First what the template's
 * recommendation says they mean: its room votes for today and the target
 * (or its aim question as the target), and for the fit. Failing that,
 * ordered templates: the aim
 * question as target and the first single-choice question (else the first
 * question of the same kind) as current. Otherwise the first two questions of
 * one kind, in template order, such as "today" and "ambition" scores. The fit
 * question is the first remaining score question. Returns FALSE when no two
 * questions can be compared; *fit may still be set. */
gboolean  cr_gap_find_questions   (CrTemplate        *template,
                                   const CrQuestion **current,
                                   const CrQuestion **target,
                                   const CrQuestion **fit);

/* Whether the gap can set @a against @b: shares of votes or dots with
 * shares, scores with scores on the same scale. */
gboolean  cr_gap_questions_comparable (const CrQuestion *a,
                                       const CrQuestion *b);

/* @current, @target, @fit: tallies of the questions cr_gap_find_questions()
 * names, or NULL. A tally of a round not yet revealed counts as NULL, so a
 * hidden vote never shows through. */
CrGap    *cr_gap_compute          (CrTemplate        *template,
                                   const CrTally     *current,
                                   const CrTally     *target,
                                   const CrTally     *fit);
/* The same from a workshop's latest revealed rounds. */
CrGap    *cr_gap_compute_workshop (CrWorkshop        *workshop);
void      cr_gap_free             (CrGap             *gap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrGap, cr_gap_free)

/* TRUE when at least one side of the gap, or the fit, has a revealed round. */
gboolean  cr_gap_has_data         (const CrGap       *gap);

G_END_DECLS
