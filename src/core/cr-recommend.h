/* cr-recommend.h: the template's rules and the room's votes, weighed into a recommendation
 *
 * Two things are weighed and kept apart by name: the fit with your context
 * (the template's rules applied to the context answers) and the room's own
 * judgment (where it says it is today, where it wants to be, and its fit
 * scores). Each counts with the weight its template gives it, and every
 * reason carries the weight it added, so a facilitator can show why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-tally.h"
#include "cr-template.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

typedef enum
{
  CR_REASON_RULE,         /* a context rule, in a CrFit's reasons */
  CR_REASON_CONTEXT,      /* the fit with your context, weighed */
  CR_REASON_ROOM,         /* one of the room's votes, weighed */
  CR_REASON_DESTINATION,  /* the pull of the last stage */
  CR_REASON_NOTE,         /* an explanation that weighs nothing */
} CrReasonKind;

typedef struct
{
  char         *text;      /* the rule's reason, or an explanation of a weight */
  char         *context;   /* CR_REASON_RULE: the context field id behind it, or NULL */
  double        weight;    /* how much it moved the fit, or the choice */
  CrReasonKind  kind;
  const char   *question;  /* CR_REASON_ROOM: the question id, else NULL */
} CrReason;

typedef struct
{
  const CrOption *option;
  double          fit;        /* the fit with your context: sum of the matched rules' weights */
  GPtrArray      *reasons;    /* CrReason* (rules), strongest first */
  /* fit over the largest |fit| of any option, -1 .. 1; 0 when no rule bears */
  double          context_strength;
  /* what start_with (ordered) or points_to (unordered) is chosen on: the
   * context weight times context_strength plus each room vote's weight
   * times its strength */
  double          score;
} CrFit;

typedef enum
{
  CR_BASIS_CONTEXT,           /* no round of the room's questions revealed yet */
  CR_BASIS_CONTEXT_AND_ROOM,
  CR_BASIS_ROOM,              /* rounds revealed, but no context answered */
} CrBasis;

/* What one of the room's questions said, as the recommendation counts it. */
typedef struct
{
  const CrQuestion *question;
  CrRoomMeaning     means;
  double            weight;     /* the template's weight for it */
  guint             round;      /* the number of the revealed round counted */
  gboolean          scores;     /* values are mean scores on the question's scale */
  double           *values;     /* per option: share 0..1, or mean score (NAN: unscored) */
  double           *strengths;  /* per option, 0..1: the share, or the place on the scale */
  int               top;        /* the option the room put highest, -1 on a tie or nothing */
} CrRoomJudgment;

/* Where the context and the room point to different options. */
typedef struct
{
  CrRoomMeaning   means;
  const CrOption *context_option;
  const CrOption *room_option;
  char           *text;
} CrDisagreement;

typedef struct
{
  GPtrArray  *fits;           /* CrFit*, template option order */
  GPtrArray  *rules;          /* const CrRule* that matched the context, template order */
  CrBasis     basis;
  gboolean    context_answered; /* any context field has an answer */
  GPtrArray  *room;           /* CrRoomJudgment*: the room's votes that counted */
  /* Ordered templates only, else NULL: option ids. */
  const char *start_with;
  const char *aim_for;
  GPtrArray  *start_reasons;  /* CrReason*; empty for unordered templates */
  GPtrArray  *aim_reasons;    /* CrReason* */
  /* Unordered templates only, else NULL: the option the context and the
   * room together point to, when anything points anywhere. */
  const char *points_to;
  GPtrArray  *points_reasons; /* CrReason* */
  GPtrArray  *disagreements;  /* CrDisagreement* */
  CrTemplate *template;       /* keeps the option ids above alive */
} CrRecommendation;

/* @context: field id -> CrContextValue* (see cr-workshop.h).
 * @tallies: (nullable): CrTally* of any rounds; of each question the
 * template's recommendation names, the latest revealed one counts. */
CrRecommendation *cr_recommend          (CrTemplate       *template,
                                         GHashTable       *context,
                                         GPtrArray        *tallies);
/* The same for a workshop: its template, its context, and the latest
 * revealed round of each question the recommendation weighs. */
CrRecommendation *cr_recommend_workshop  (CrWorkshop       *workshop);
void              cr_recommendation_free (CrRecommendation *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRecommendation, cr_recommendation_free)

const CrFit      *cr_recommendation_find_fit (const CrRecommendation *rec,
                                              const char             *option_id);
/* The room's judgment of a given meaning, or NULL when none counted. */
const CrRoomJudgment *cr_recommendation_find_room (const CrRecommendation *rec,
                                                   CrRoomMeaning           means);

/* What @rec rests on, in one sentence: the window, the room view and the
 * reports all say it with these words, so they never disagree. */
const char       *cr_recommend_describe_basis   (const CrRecommendation *rec);
/* Said where the rules that matched the context are listed, when none did:
 * that none matched, or that the context is not filled in. NULL when some
 * rule matched. */
const char       *cr_recommend_describe_no_rules (const CrRecommendation *rec);

/* What each part weighs in @template, in words: "Weights: fit with your
 * context 2, where the room is today 1.5, the room's fit scores 2, where it
 * wants to be 2 (on the aim)." */
char             *cr_recommend_describe_weights (CrTemplate *template);

/* "+7", "−2", "+1.5": a weight as every view shows it. */
char             *cr_recommend_format_weight (double weight);

/* The "recommendation" entry of the JSON export's "results". */
JsonNode         *cr_recommendation_to_json (const CrRecommendation *rec);

G_END_DECLS
