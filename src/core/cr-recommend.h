/* cr-recommend.h: the template's rules applied to a workshop's context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-tally.h"
#include "cr-template.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

typedef struct
{
  char   *text;        /* the rule's reason, or an explanation of a vote */
  char   *context;     /* the context field id behind it, or NULL */
  double  weight;      /* how much it moved the fit */
} CrReason;

typedef struct
{
  const CrOption *option;
  double          fit;        /* sum of the weights of the rules that matched */
  GPtrArray      *reasons;    /* CrReason*, strongest first */
} CrFit;

typedef struct
{
  GPtrArray  *fits;          /* CrFit*, template option order */
  /* Ordered templates only, else NULL: option ids. */
  const char *start_with;
  const char *aim_for;
  GPtrArray  *start_reasons; /* CrReason*; empty for unordered templates */
  GPtrArray  *aim_reasons;   /* CrReason* */
  CrTemplate *template;      /* keeps the option ids above alive */
} CrRecommendation;

/* @context: field id -> CrContextValue* (see cr-workshop.h).
 * @target: the latest revealed tally of the aim question, or NULL. */
CrRecommendation *cr_recommend          (CrTemplate       *template,
                                         GHashTable       *context,
                                         const CrTally    *target);
/* The same for a workshop: its template, its context, and the latest
 * revealed round of the template's aim question as @target. */
CrRecommendation *cr_recommend_workshop  (CrWorkshop       *workshop);
void              cr_recommendation_free (CrRecommendation *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRecommendation, cr_recommendation_free)

const CrFit      *cr_recommendation_find_fit (const CrRecommendation *rec,
                                              const char             *option_id);

/* The "recommendation" entry of the JSON export's "results". */
JsonNode         *cr_recommendation_to_json (const CrRecommendation *rec);

G_END_DECLS
