/* cr-compare.h: what moved between two workshops: context, votes, today against the target, recommendation, decision, actions
 *
 * One model of the comparison, used by the "Since last time" step, the room
 * view, the reports and `crossroads --compare`. By default the earlier
 * workshop is a re-run's predecessor, but any two compare: of two
 * organisations (the notes say so first), or of two templates (then only
 * the context and the recommendation are compared, and the notes say so).
 * Only revealed rounds count: a round still open in either workshop is
 * left out, and the notes say which.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-gap.h"
#include "cr-recommend.h"
#include "cr-tally.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* One context answer that differs. A field only one template asks is
 * listed too, with the other side not asked rather than not answered. */
typedef struct
{
  char                 *field_id;
  char                 *label;       /* the later template's, else the earlier's */
  const CrContextValue *before;      /* NULL: not answered (or not asked); owned by the workshop */
  const CrContextValue *after;
  char                 *before_text; /* as shown: a choice's label, a number; NULL when not answered */
  char                 *after_text;
  gboolean              asked_before; /* whether that side's template asks the field */
  gboolean              asked_after;
  char                 *not_asked;   /* what stands for the side not asked; NULL when both were */
} CrCompareContext;

typedef struct
{
  const CrOption *option;            /* the later template's */
  /* Shares 0..1 (single, dots) or the overall mean score; NAN when the
   * side has no revealed round or nobody scored the option. */
  double          before;
  double          after;
  double          delta;             /* after - before; NAN when either is */
  /* Score questions: the mean per criterion, in the question's order (one
   * value when it has no criteria). */
  double         *criteria_before;
  double         *criteria_after;
  guint           n_criteria;
} CrCompareOption;

/* One question, its latest revealed round on each side. */
typedef struct
{
  const CrQuestion *question;        /* the later template's */
  gboolean          scores;
  /* Both counted with the later workshop's template, so the change chart
   * can draw them; NULL on a side with no revealed round. */
  CrTally          *before;
  CrTally          *after;
  CrRound          *before_round;    /* the rounds counted, or NULL */
  CrRound          *after_round;
  CrCompareOption  *options;         /* template option order */
  guint             n_options;
} CrCompareQuestion;

typedef struct
{
  CrWorkshop        *before;
  CrWorkshop        *after;
  gboolean           same_organisation;
  gboolean           same_template;  /* same template id, options and questions */
  gboolean           rerun;          /* @after re-runs @before */
  /* What a reader must know first, in order: two organisations, two
   * templates, each round left out because it is still open. */
  GPtrArray         *notes;          /* char* */
  GPtrArray         *left_out;       /* CrRound* still open, on either side */
  GPtrArray         *context;        /* CrCompareContext*, answers that differ */
  GPtrArray         *questions;      /* CrCompareQuestion*; empty unless same_template */
  CrGap             *gap_before;     /* NULL unless same_template */
  CrGap             *gap_after;
  CrRecommendation  *rec_before;
  CrRecommendation  *rec_after;
  GPtrArray         *reasons_gone;   /* const CrRule*: matched then, not now */
  GPtrArray         *reasons_new;    /* const CrRule*: matched now, not then */
  /* The earlier workshop's actions: as the re-run reviewed them when
   * @after re-runs @before (actions_reviewed), else as @before has them. */
  GListModel        *actions;
  gboolean           actions_reviewed;
  char              *label_before;   /* see cr_comparison_side_label() */
  char              *label_after;
} CrComparison;

CrComparison *cr_comparison_new  (CrWorkshop         *before,
                                  CrWorkshop         *after);
void          cr_comparison_free (CrComparison       *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrComparison, cr_comparison_free)

/* The earlier workshop of @workshop's series in its library: the one it
 * re-runs, or NULL when it re-runs none, or that one is not there. */
CrWorkshop   *cr_comparison_find_previous (CrWorkshop   *workshop);

/* "today", "target", "fit" or NULL: what a question means to the
 * recommendation, for the words around its change. */
const char   *cr_comparison_question_means (const CrComparison *comparison,
                                            const CrQuestion   *question);

/* One line on what moved most, for the library: the largest change of a
 * share (such as "People Experience as a Product, target: +22 points"),
 * else a changed recommendation, else a changed context answer. */
char         *cr_comparison_summary       (const CrComparison *comparison);

/* A new tally of one side of @question, for a chart that takes its own:
 * labelled as the comparison labels its sides; NULL without a round. */
CrTally      *cr_comparison_new_tally     (const CrComparison      *comparison,
                                           const CrCompareQuestion *question,
                                           gboolean                 after);

/* What the comparison calls each side, in legends and tables: the
 * workshop's date, or its title when both have the same date. */
const char   *cr_comparison_side_label    (const CrComparison      *comparison,
                                           gboolean                 after);

/* Which picks the recommendation rows show: where to start and what to aim
 * for when either side's template orders its options, what it points to
 * when either side's does not; each side says its own, "—" for the other. */
gboolean      cr_comparison_has_start_and_aim (const CrComparison *comparison);
gboolean      cr_comparison_has_points_to     (const CrComparison *comparison);

/* A context answer of one side as every place shows it: its text, the
 * line that says that side was not asked the field ("Not asked this
 * time"), or @unanswered when it was asked and not answered. */
const char   *cr_comparison_context_text  (const CrCompareContext  *context,
                                           gboolean                 after,
                                           const char              *unanswered);

/* When @question has a revealed round on one side only, the one line
 * that says so instead of its figures ("Not voted on this time."; a round
 * still open there is said to be left out); NULL when both sides have one. */
char         *cr_comparison_describe_missing (const CrComparison      *comparison,
                                              const CrCompareQuestion *question);
/* The same for today against the target, when one side voted on neither. */
char         *cr_comparison_describe_gap_missing (const CrComparison *comparison);

/* Where nobody voted in the round of @after's side of @question (it has
 * a round, revealed with no vote): what stands for its figures, as the
 * change chart says it ("no votes on 2025-10-08"); NULL where somebody did,
 * or that side has no round. */
char         *cr_comparison_no_votes      (const CrCompareQuestion *question,
                                           gboolean                 after);
/* The same for today (@target FALSE) or the target of @after's gap; where
 * that side has no revealed round of it at all, "not voted on 2025-10-08"
 * (or "still open on …" for a round left out). */
char         *cr_comparison_gap_no_votes  (const CrComparison      *comparison,
                                           gboolean                 after,
                                           gboolean                 target);
/* Option @option's figure then and now and the change, in one line:
 * "50 % → 20 % · −30 pts", or as the change chart says it where nobody
 * voted on a side, "58 % → no votes on 2025-10-08" (no change then). */
char         *cr_comparison_option_move   (const CrCompareQuestion *question,
                                           guint                    option);
/* Option @option's place today (@target FALSE) or in the target, then
 * and now, by the same rule. */
char         *cr_comparison_gap_move      (const CrComparison      *comparison,
                                           guint                    option,
                                           gboolean                 target);

/* A side's figure and a change, as the change chart writes them wherever
 * the comparison is shown: a share in whole percent or a mean to one
 * decimal ("—" when unknown), a change in points or in score ("+22 pts",
 * "−0.5", "no change", "—"), with a real minus sign. */
char         *cr_comparison_format_value  (double      value,
                                           gboolean    scores);
char         *cr_comparison_format_change (double      before,
                                           double      after,
                                           gboolean    scores);

/* The title of option @option_id in @workshop's template, or "—" for
 * none (a recommendation that points nowhere). */
const char   *cr_comparison_option_title  (CrWorkshop *workshop,
                                           const char *option_id);

/* For the library: @workshop's "what moved" since the workshop it re-runs,
 * as cr_comparison_summary() says it; NULL when it re-runs none here. */
char         *cr_comparison_describe_rerun (CrWorkshop *workshop);

/* The whole comparison for scripts; its shape is in the README. */
JsonNode     *cr_comparison_to_json       (const CrComparison *comparison);

G_END_DECLS
