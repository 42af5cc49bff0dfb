/* cr-vote.c: the checks every vote passes before it is kept, and the counts
 * of ballots and choices they rest on (the map of a vote's way is in
 * cr-vote.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-vote.h"
#include "cr-store.h"

gboolean
cr_votes_check (CrTemplate        *template,
                const CrQuestion  *question,
                gboolean           show_of_hands,
                const CrVote      *votes,
                guint              n_votes,
                guint             *bad_index,
                GError           **error)
{
  gboolean has_criteria;
  gint64 dots = 0;
  guint dummy;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (bad_index == NULL)
    bad_index = &dummy;
  *bad_index = n_votes;

  has_criteria = question->method == CR_METHOD_SCORE &&
                 question->criteria != NULL && question->criteria->len > 0;

  if (show_of_hands && question->method == CR_METHOD_SCORE)
    return cr_store_set_invalid (error,
                                 /* Translators: %s is a question id */
                                 _("question '%s' is scored per participant; a show of hands cannot record scores"),
                                 question->id);

  for (guint i = 0; i < n_votes; i++)
    {
      const CrVote *vote = &votes[i];

      *bad_index = i;

      if (vote->option == NULL || cr_template_find_option (template, vote->option) == NULL)
        return cr_store_set_invalid (error,
                                     /* Translators: first %s is an option id, second a template id */
                                     _("'%s' is not an option of template '%s'"),
                                     vote->option ? vote->option : "", cr_template_get_id (template));

      if (has_criteria)
        {
          if (vote->criterion == NULL)
            return cr_store_set_invalid (error,
                                         /* Translators: %s is a question id */
                                         _("question '%s' is scored per criterion; the vote names none"),
                                         question->id);
          if (cr_question_find_criterion (question, vote->criterion) == NULL)
            return cr_store_set_invalid (error,
                                         /* Translators: first %s is a criterion id, second a question id */
                                         _("'%s' is not a criterion of question '%s'"),
                                         vote->criterion, question->id);
        }
      else if (vote->criterion != NULL)
        return cr_store_set_invalid (error,
                                     /* Translators: %s is a question id */
                                     _("question '%s' has no criteria; the vote must not name one"),
                                     question->id);

      switch (question->method)
        {
        case CR_METHOD_SINGLE:
          if (show_of_hands ? vote->value < 0 : vote->value != 1)
            return cr_store_set_invalid (error, "%s", show_of_hands
                                         ? _("a count of hands cannot be negative")
                                         : _("a single-choice vote has the value 1"));
          break;

        case CR_METHOD_DOTS:
          if (vote->value < (show_of_hands ? 0 : 1))
            return cr_store_set_invalid (error, "%s", show_of_hands
                                         ? _("a count of hands cannot be negative")
                                         : _("a participant places at least one dot on an option"));
          dots += vote->value;
          break;

        case CR_METHOD_SCORE:
          if (vote->value < question->scale_min || vote->value > question->scale_max)
            return cr_store_set_invalid (error,
                                         /* Translators: %d are numbers: the score given and the scale */
                                         _("the score %d is outside the scale %d to %d"),
                                         vote->value, question->scale_min, question->scale_max);
          break;

        default:
          g_assert_not_reached ();
        }

      /* Nobody chooses the same thing twice: one entry per option (and criterion). */
      if (question->method != CR_METHOD_DOTS || show_of_hands)
        for (guint j = 0; j < i; j++)
          if (votes[j].option == vote->option || g_strcmp0 (votes[j].option, vote->option) == 0)
            if (g_strcmp0 (votes[j].criterion, vote->criterion) == 0)
              {
                if (question->method == CR_METHOD_SCORE)
                  return cr_store_set_invalid (error,
                                               /* Translators: first %s an option id, second a criterion id or "-" */
                                               _("a second score for option '%s' and criterion '%s' from the same participant"),
                                               vote->option, vote->criterion ? vote->criterion : "-");
                return cr_store_set_invalid (error,
                                             /* Translators: %s is an option id */
                                             _("option '%s' appears twice"), vote->option);
              }

      if (question->method == CR_METHOD_SINGLE && !show_of_hands && i > 0)
        return cr_store_set_invalid (error, "%s",
                                     _("more than one vote from the same participant in a single-choice round"));
    }

  if (question->method == CR_METHOD_DOTS && !show_of_hands && dots > question->budget)
    {
      *bad_index = n_votes;
      return cr_store_set_invalid (error,
                                   /* Translators: %d are numbers of dots */
                                   _("the participant's dots add up to %d, over the budget of %d"),
                                   (int) dots, question->budget);
    }

  return TRUE;
}

/* ---- One count per person ----------------------------------------------- */

guint
cr_votes_count_ballots (const CrVote *votes,
                        guint         n_votes)
{
  g_autoptr(GHashTable) voters = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (votes != NULL || n_votes == 0, 0);

  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id != 0)
      g_hash_table_add (voters, (gpointer) &votes[i].participant_id);
  return g_hash_table_size (voters);
}

guint
cr_question_get_n_choices (CrTemplate       *template,
                           const CrQuestion *question)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (template), 0);
  g_return_val_if_fail (question != NULL, 0);

  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      return 1;
    case CR_METHOD_DOTS:
      return question->budget;
    case CR_METHOD_SCORE:
      /* A question without criteria has one score per option. */
      return cr_template_get_n_options (template) *
             MAX (1, question->criteria != NULL ? question->criteria->len : 0);
    default:
      g_assert_not_reached ();
    }
}

GHashTable *
cr_votes_count_choices (const CrQuestion *question,
                        const CrVote     *votes,
                        guint             n_votes)
{
  GHashTable *given = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (question != NULL, given);
  g_return_val_if_fail (votes != NULL || n_votes == 0, given);

  for (guint i = 0; i < n_votes; i++)
    {
      const gint64 *id = &votes[i].participant_id;
      guint n;

      if (*id == 0)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (given, id));
      n += question->method == CR_METHOD_DOTS ? (guint) MAX (votes[i].value, 0) : 1;
      g_hash_table_insert (given, (gpointer) id, GUINT_TO_POINTER (n));
    }
  return given;
}

gboolean
cr_votes_check_hands (CrTemplate       *template,
                      const CrQuestion *question,
                      guint             n_participants,
                      const CrVote     *votes,
                      guint             n_votes,
                      guint            *bad_index,
                      GError          **error)
{
  guint n_ballots, people;
  gint64 hands = 0;
  guint dummy;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (bad_index == NULL)
    bad_index = &dummy;
  *bad_index = n_votes;

  n_ballots = cr_votes_count_ballots (votes, n_votes);
  people = n_participants > n_ballots ? n_participants - n_ballots : 0;

  for (guint i = 0; i < n_votes; i++)
    {
      const CrOption *option;
      const char *title;

      if (votes[i].participant_id != 0 || votes[i].value <= 0)
        continue;
      hands += votes[i].value;
      if ((guint) votes[i].value <= people)
        continue;

      *bad_index = i;
      option = cr_template_find_option (template, votes[i].option);
      title = option != NULL ? option->title : votes[i].option;
      if (people == 0)
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE,
                                  /* Translators: %d is a count of hands, %s an option's title */
                                  "%d hand for “%s”, but everyone has a ballot in this round; hands count only the people without a ballot.",
                                  "%d hands for “%s”, but everyone has a ballot in this round; hands count only the people without a ballot.",
                                  votes[i].value),
                     votes[i].value, title);
      else
        g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE,
                                  /* Translators: %d is a count of hands, %s an option's title, %u a number of people */
                                  "%d hands for “%s”, but only %u person has no ballot in this round; hands count only the people without a ballot.",
                                  "%d hands for “%s”, but only %u people have no ballot in this round; hands count only the people without a ballot.",
                                  people),
                     votes[i].value, title, people);
      return FALSE;
    }

  /* One hand each in a single choice; a hand per dot, up to the budget. */
  if (question->method == CR_METHOD_SINGLE && hands > people)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %d is a count of hands, %u a number of people */
                                "%d hands in all, but only %u person has no ballot in this round, with one vote.",
                                "%d hands in all, but only %u people have no ballot in this round, with one vote each.",
                                people),
                   (int) hands, people);
      return FALSE;
    }
  if (question->method == CR_METHOD_DOTS && hands > (gint64) people * question->budget)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %d are counts of hands and dots, %u a number of people */
                                "%d hands in all, but the %u person without a ballot has only %d dots.",
                                "%d hands in all, but the %u people without a ballot have only %d dots between them.",
                                people),
                   (int) hands, people, (int) (people * question->budget));
      return FALSE;
    }
  return TRUE;
}
