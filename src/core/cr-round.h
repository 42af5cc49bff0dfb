/* cr-round.h: one numbered voting round of a question, and its votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

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

G_END_DECLS
