/* cr-tally.h: what a round adds up to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-round.h"
#include "cr-template.h"

G_BEGIN_DECLS

typedef struct
{
  double mean;                /* NAN when nobody scored */
  double spread;              /* population standard deviation; NAN when n == 0 */
  guint  n;                   /* scores counted */
} CrScoreStat;

typedef struct
{
  const CrOption *option;
  /* single: votes (hands included); dots: dots placed */
  double          count;
  /* count / total of all options; 0 when nothing was cast */
  double          share;
  /* score: one per criterion in template order, or one when the question
   * has no criteria */
  CrScoreStat    *criteria;
  guint           n_criteria;
  /* score: weighted mean of the criterion means (criteria with scores only);
   * NAN when nobody scored this option */
  double          overall;
  /* score: population standard deviation of each voter's weighted overall */
  double          overall_spread;
} CrOptionTally;

typedef struct
{
  CrTemplate       *template;
  const CrQuestion *question;
  guint             round_number;
  gboolean          revealed;
  /* Participants who voted: whose ballot is complete (the whole dots
   * budget, every score). Partial ballots count in the numbers but not
   * here; they are n_partial. */
  guint             n_participants;
  guint             n_partial;
  double            n_hands;        /* show-of-hands counts entered */
  double            total;          /* single/dots: sum of counts */
  CrOptionTally    *options;        /* template option order */
  guint             n_options;
  /* What a change chart's legend calls this round (such as a workshop's
   * date, when two workshops are compared); NULL: "Round N". Owned. */
  char             *label;
} CrTally;

CrTally  *cr_tally_compute (CrTemplate *template,
                            CrRound    *round);
void      cr_tally_free    (CrTally    *tally);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrTally, cr_tally_free)

const CrOptionTally *cr_tally_find_option (const CrTally *tally,
                                           const char    *option_id);

/* The "results" entry of a round in the JSON export. */
JsonNode *cr_tally_to_json (const CrTally *tally);

/* Change from @before to @after (two rounds of one question), per option in
 * template order: single/dots the change of share (and of count), score the
 * change of the overall mean. */
typedef struct
{
  const CrOption *option;
  double          share_delta;
  double          count_delta;
  double          overall_delta;  /* NAN when either side has no score */
} CrTallyChange;

GArray   *cr_tally_compare (const CrTally *before,
                            const CrTally *after); /* CrTallyChange */

/* The "changes" entry of the JSON export's "results" between two rounds. */
JsonNode *cr_tally_compare_to_json (const CrTally *before,
                                    const CrTally *after);

/* Adds a number as the results write them: rounded to 4 decimals, a JSON
 * integer when integral, null for NaN. */
void      cr_tally_json_add_number (JsonBuilder   *builder,
                                    double         value);

G_END_DECLS
