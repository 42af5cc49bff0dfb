/* cr-round.c: one numbered voting round of a question, and its votes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-round.h"
#include "cr-store.h"
#include "cr-workshop-private.h"

struct _CrRound
{
  GObject     parent_instance;

  gint64      id;
  const char *question;  /* interned */
  guint       number;
  gboolean    revealed;
  GArray     *votes;     /* CrVote */
};

G_DEFINE_FINAL_TYPE (CrRound, cr_round, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_QUESTION,
  PROP_NUMBER,
  PROP_REVEALED,
  PROP_N_VOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cr_round_finalize (GObject *object)
{
  CrRound *self = (CrRound *)object;

  g_clear_pointer (&self->votes, g_array_unref);

  G_OBJECT_CLASS (cr_round_parent_class)->finalize (object);
}

static void
cr_round_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CrRound *self = CR_ROUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;
    case PROP_N_VOTES:
      g_value_set_uint (value, self->votes->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_round_class_init (CrRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_round_finalize;
  object_class->get_property = cr_round_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VOTES] =
    g_param_spec_uint ("n-votes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_round_init (CrRound *self)
{
  self->votes = g_array_new (FALSE, FALSE, sizeof (CrVote));
}

CrRound *
_cr_round_new (gint64      id,
               const char *question_id,
               guint       number,
               gboolean    revealed)
{
  CrRound *self = g_object_new (CR_TYPE_ROUND, NULL);

  self->id = id;
  self->question = g_intern_string (question_id);
  self->number = number;
  self->revealed = !!revealed;
  return self;
}

void
_cr_round_set_revealed (CrRound  *self,
                        gboolean  revealed)
{
  g_return_if_fail (CR_IS_ROUND (self));

  revealed = !!revealed;
  if (self->revealed == revealed)
    return;
  self->revealed = revealed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

void
_cr_round_add_vote (CrRound      *self,
                    const CrVote *vote)
{
  CrVote copy = *vote;

  g_return_if_fail (CR_IS_ROUND (self));

  copy.option = g_intern_string (vote->option);
  copy.criterion = g_intern_string (vote->criterion);
  g_array_append_val (self->votes, copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VOTES]);
}

void
_cr_round_remove_votes (CrRound *self,
                        gint64   participant_id)
{
  guint before;

  g_return_if_fail (CR_IS_ROUND (self));

  before = self->votes->len;
  for (guint i = self->votes->len; i > 0; i--)
    if (g_array_index (self->votes, CrVote, i - 1).participant_id == participant_id)
      g_array_remove_index (self->votes, i - 1);
  if (before != self->votes->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VOTES]);
}

void
_cr_round_set_votes (CrRound      *self,
                     const CrVote *votes,
                     guint         n_votes)
{
  g_return_if_fail (CR_IS_ROUND (self));
  g_return_if_fail (votes != NULL || n_votes == 0);

  g_array_set_size (self->votes, 0);
  for (guint i = 0; i < n_votes; i++)
    {
      CrVote copy = votes[i];

      copy.option = g_intern_string (votes[i].option);
      copy.criterion = g_intern_string (votes[i].criterion);
      g_array_append_val (self->votes, copy);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VOTES]);
}

gint64
cr_round_get_id (CrRound *self)
{
  g_return_val_if_fail (CR_IS_ROUND (self), 0);
  return self->id;
}

const char *
cr_round_get_question (CrRound *self)
{
  g_return_val_if_fail (CR_IS_ROUND (self), NULL);
  return self->question;
}

guint
cr_round_get_number (CrRound *self)
{
  g_return_val_if_fail (CR_IS_ROUND (self), 0);
  return self->number;
}

gboolean
cr_round_get_revealed (CrRound *self)
{
  g_return_val_if_fail (CR_IS_ROUND (self), FALSE);
  return self->revealed;
}

const CrVote *
cr_round_get_votes (CrRound *self,
                    guint   *n_votes)
{
  g_return_val_if_fail (CR_IS_ROUND (self), NULL);
  g_return_val_if_fail (n_votes != NULL, NULL);

  *n_votes = self->votes->len;
  return (const CrVote *) self->votes->data;
}

gboolean
cr_round_check_replacing (CrRound          *self,
                          CrTemplate       *template,
                          const CrQuestion *question,
                          guint             n_participants,
                          gint64            participant_id,
                          const CrVote     *votes,
                          guint             n_votes,
                          GError          **error)
{
  g_autoptr(GArray) after = NULL;

  g_return_val_if_fail (CR_IS_ROUND (self), FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  after = g_array_new (FALSE, FALSE, sizeof (CrVote));
  for (guint i = 0; i < self->votes->len; i++)
    if (g_array_index (self->votes, CrVote, i).participant_id != participant_id)
      g_array_append_val (after, g_array_index (self->votes, CrVote, i));
  g_array_append_vals (after, votes, n_votes);

  if (participant_id == 0)
    return cr_votes_check_hands (template, question, n_participants,
                                 (const CrVote *) (gpointer) after->data, after->len, NULL, error);
  if (cr_votes_check_hands (template, question, n_participants,
                            (const CrVote *) (gpointer) after->data, after->len, NULL, NULL))
    return TRUE;
  g_set_error_literal (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                       _("Hands were counted for everyone without a ballot, so this ballot would count a person twice. Lower the count of hands first, then record this ballot."));
  return FALSE;
}
