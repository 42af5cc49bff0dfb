/* cr-step-results.c: what the revealed rounds add up to
 *
 * The page is rebuilt from the core (cr-tally, cr-gap) whenever a round is
 * opened, voted, revealed or undone: at workshop sizes that is cheap, and it
 * means the page can never show stale numbers. A round that is not revealed
 * shows no number at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-results"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cr-chart-area.h"
#include "cr-chart.h"
#include "cr-gap.h"
#include "cr-label.h"
#include "cr-step-results.h"
#include "cr-tally.h"

struct _CrStepResults
{
  CrStep parent_instance;
};

G_DEFINE_FINAL_TYPE (CrStepResults, cr_step_results, CR_TYPE_STEP)


/* ---- Small pieces ---------------------------------------------------------- */

/* A titled part of the page: a question, or the gap. Question prompts are
 * the page's headings, a step above each round's own heading. */
static GtkWidget *
make_section (const char *title,
              const char *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_box_append (GTK_BOX (header), cr_label_new_wrapping (title, "title-4"));
  if (description != NULL)
    gtk_box_append (GTK_BOX (header), cr_label_new_wrapping (description, "dim-label"));
  gtk_box_append (GTK_BOX (box), header);
  return box;
}

static char *
format_count (CrMethod method,
              double   count)
{
  long n = lround (count);

  if (method == CR_METHOD_DOTS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld dot", "%ld dots", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld vote", "%ld votes", n), n);
}

static const char *
method_description (const CrQuestion *question,
                    char            **owned)
{
  switch (question->method)
    {
    case CR_METHOD_SINGLE:
      return _("One choice each: votes and their share of all votes.");

    case CR_METHOD_DOTS:
      *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%d dot each: dots and their share of all dots.",
                                             "%d dots each: dots and their share of all dots.",
                                             question->budget),
                                question->budget);
      return *owned;

    case CR_METHOD_SCORE:
      *owned = question->criteria->len > 0
        /* Translators: %d and %d are the ends of the score scale */
        ? g_strdup_printf (_("Scores from %d to %d: the mean ± spread of each criterion, and the weighted overall."),
                           question->scale_min, question->scale_max)
        /* Translators: %d and %d are the ends of the score scale */
        : g_strdup_printf (_("Scores from %d to %d: the mean ± spread of opinion."),
                           question->scale_min, question->scale_max);
      return *owned;

    default:
      g_assert_not_reached ();
    }
}

/* ---- One revealed round ------------------------------------------------------ */

static char *
round_summary (const CrTally *tally)
{
  g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u participant",
                                                          "%u participants",
                                                          tally->n_participants),
                                             tally->n_participants);
  g_autofree char *total = NULL;

  /* Only complete ballots are "participants" who voted; a partial one is
   * said apart, since its votes are in the numbers all the same. */
  if (tally->n_partial > 0)
    {
      g_autofree char *whole = g_steal_pointer (&people);

      people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %s is e.g. "4 participants"; %u a number of ballots */
                                             "%s, %u incomplete ballot",
                                             "%s, %u incomplete ballots",
                                             tally->n_partial),
                                whole, tally->n_partial);
    }

  if (tally->question->method == CR_METHOD_SCORE)
    /* Translators: e.g. "Round 2 · 5 participants" */
    return g_strdup_printf (_("Round %u · %s"), tally->round_number, people);

  total = format_count (tally->question->method, tally->total);
  if (tally->n_hands > 0 && tally->n_participants + tally->n_partial == 0)
    /* Translators: e.g. "Round 2 · 5 votes by show of hands" */
    return g_strdup_printf (_("Round %u · %s by show of hands"), tally->round_number, total);
  if (tally->n_hands > 0)
    {
      long hands = lround (tally->n_hands);
      g_autofree char *counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%ld by show of hands",
                                                               "%ld by show of hands",
                                                               hands),
                                                  hands);

      /* Translators: e.g. "Round 1 · 4 participants · 7 votes, 3 by show of hands" */
      return g_strdup_printf (_("Round %u · %s · %s, %s"), tally->round_number, people, total, counted);
    }

  /* Translators: e.g. "Round 1 · 5 participants · 5 votes" */
  return g_strdup_printf (_("Round %u · %s · %s"), tally->round_number, people, total);
}

/* The round once, as its chart: each share against 100 % with its count
 * and base, or each mean with its spread; the numbers are in the chart and
 * in its description, not repeated in a list beside it. */
static void
add_revealed_round (GtkBox        *box,
                    CrRound       *round,
                    const CrTally *tally)
{
  g_autofree char *summary = round_summary (tally);
  /* Translators: the accessible name of a round's chart; %s is e.g. "Round 1 · 5 participants" */
  g_autofree char *chart_label = g_strdup_printf (_("Chart: %s"), summary);

  gtk_box_append (box, cr_label_new_wrapping (summary, "heading"));
  gtk_box_append (box, cr_chart_area_new (cr_chart_spec_new_tally (cr_tally_compute (tally->template, round)),
                                  chart_label));
}

static void
add_change (GtkBox        *box,
            CrRound       *before_round,
            const CrTally *before,
            CrRound       *after_round,
            const CrTally *after)
{
  /* Translators: a heading; %u and %u are round numbers */
  g_autofree char *heading = g_strdup_printf (_("Change from Round %u to Round %u"),
                                              before->round_number, after->round_number);
  /* Translators: the accessible name of a chart; %s is e.g. "Change from Round 1 to Round 2" */
  g_autofree char *chart_label = g_strdup_printf (_("Chart: %s"), heading);

  gtk_box_append (box, cr_label_new_wrapping (heading, "heading"));
  gtk_box_append (box, cr_chart_area_new (cr_chart_spec_new_change (cr_tally_compute (before->template, before_round),
                                                             cr_tally_compute (after->template, after_round)),
                                  chart_label));
}

/* ---- Per question ------------------------------------------------------------ */

/* The question's rounds in number order. */
static GPtrArray *
question_rounds (CrStepResults    *self,
                 const CrQuestion *question)
{
  GListModel *rounds = cr_workshop_get_rounds (cr_step_get_workshop (CR_STEP (self)));
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      guint j;

      if (g_strcmp0 (cr_round_get_question (round), question->id) != 0)
        continue;

      for (j = 0; j < mine->len; j++)
        if (cr_round_get_number (g_ptr_array_index (mine, j)) > cr_round_get_number (round))
          break;
      g_ptr_array_insert (mine, j, g_object_ref (round));
    }

  return mine;
}

static void
add_question (CrStepResults    *self,
              const CrQuestion *question,
              GPtrArray        *rounds)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));
  g_autoptr(CrTally) previous = NULL;
  CrRound *previous_round = NULL;
  g_autofree char *owned = NULL;
  GtkWidget *box = make_section (question->prompt, method_description (question, &owned));

  for (guint i = 0; i < rounds->len; i++)
    {
      CrRound *round = g_ptr_array_index (rounds, i);
      g_autoptr(CrTally) tally = NULL;

      if (!cr_round_get_revealed (round))
        {
          /* Translators: %u is a round number; no result of it is shown yet */
          g_autofree char *text = g_strdup_printf (_("Round %u is still open — results appear after Reveal"),
                                                   cr_round_get_number (round));
          GtkWidget *label = cr_label_new_wrapping (text, "dim-label");

          gtk_widget_set_name (label, "open-round");
          gtk_box_append (GTK_BOX (box), label);
          continue;
        }

      tally = cr_tally_compute (template, round);
      add_revealed_round (GTK_BOX (box), round, tally);
      /* Consecutive revealed rounds: an open round in between changes nothing. */
      if (previous != NULL)
        add_change (GTK_BOX (box), previous_round, previous, round, tally);
      g_clear_pointer (&previous, cr_tally_free);
      previous = g_steal_pointer (&tally);
      previous_round = round;
    }

  gtk_box_append (cr_step_get_content (CR_STEP (self)), box);
}

/* ---- Current against target ---------------------------------------------------- */

/* The round each side comes from; the question itself is named once, in
 * its own section below. */
static char *
source_line (const char *side,
             guint       round)
{
  if (round == 0)
    /* Translators: e.g. "Target: no round revealed yet" */
    return g_strdup_printf (_("%s: no round revealed yet"), side);
  /* Translators: e.g. "Today: round 2" */
  return g_strdup_printf (_("%s: round %u"), side, round);
}

/* Today against the target, from the questions that say so; each of
 * those questions has its own section below. */
static void
add_gap (CrStepResults *self)
{
  g_autoptr(CrGap) gap = cr_gap_compute_workshop (cr_step_get_workshop (CR_STEP (self)));
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *today = NULL;
  g_autofree char *target = NULL;
  GtkWidget *section;

  if (gap->current_question == NULL || !cr_gap_has_data (gap))
    return;

  today = source_line (_("Today"), gap->current_round);
  target = source_line (_("Target"), gap->target_round);
  /* Translators: where today's and the target's values come from, e.g. "Today: round 2 · Target: round 1" */
  g_string_append_printf (description, _("%s · %s"), today, target);

  section = make_section (_("Today and the Target"), description->str);
  gtk_widget_set_name (section, "gap");
  gtk_box_append (GTK_BOX (section),
                  cr_chart_area_new (cr_chart_spec_new_gap (g_steal_pointer (&gap)),
                              _("Chart: today and the target, per option")));
  gtk_box_append (cr_step_get_content (CR_STEP (self)), section);
}

/* ---- The whole page ------------------------------------------------------------ */

static void
add_empty_state (CrStepResults *self,
                 gboolean       any_round)
{
  GtkWidget *status = adw_status_page_new ();

  gtk_widget_set_name (status, "empty");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-bullet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Results Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   any_round
                                   ? _("Results appear here once a round is revealed in a voting step. Votes stay hidden until then.")
                                   : _("Open a round in a voting step and reveal it; its results appear here."));
  gtk_box_append (cr_step_get_content (CR_STEP (self)), status);
}

static void
rebuild (CrStep *step)
{
  CrStepResults *self = CR_STEP_RESULTS (step);
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (step));
  gboolean any_round = FALSE;
  gboolean any_revealed = FALSE;
  g_autoptr(GPtrArray) per_question = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  cr_step_clear (step);

  for (guint q = 0; q < cr_template_get_n_questions (template); q++)
    {
      GPtrArray *rounds = question_rounds (self, cr_template_get_question (template, q));

      for (guint i = 0; i < rounds->len; i++)
        any_revealed |= cr_round_get_revealed (g_ptr_array_index (rounds, i));
      any_round |= rounds->len > 0;
      g_ptr_array_add (per_question, rounds);
    }

  if (!any_revealed)
    add_empty_state (self, any_round);
  else
    add_gap (self);

  for (guint q = 0; q < per_question->len; q++)
    {
      GPtrArray *rounds = g_ptr_array_index (per_question, q);

      if (rounds->len > 0)
        add_question (self, cr_template_get_question (template, q), rounds);
    }
}

static void
cr_step_results_constructed (GObject *object)
{
  G_OBJECT_CLASS (cr_step_results_parent_class)->constructed (object);

  cr_step_rebuild_on_rounds (CR_STEP (object), FALSE);
  cr_step_rebuild (CR_STEP (object));
}

static void
cr_step_results_class_init (CrStepResultsClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = cr_step_results_constructed;
  CR_STEP_CLASS (klass)->rebuild = rebuild;
  /* Charts read best a little narrower than the forms, and tighten late. */
  cr_step_class_set_page (CR_STEP_CLASS (klass), 1000, 700, 18, 24);
}

static void
cr_step_results_init (CrStepResults *self)
{
}

GtkWidget *
cr_step_results_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_RESULTS, "workshop", workshop, NULL);
}
