/* cr-step-since.c: a re-run's step "Since Last Time": what moved since the workshop it re-runs
 *
 * The comparison is cr-compare's, rebuilt whenever a round or the context
 * changes and each time the step is shown (last time's actions may have
 * been marked since): only revealed rounds count, on either side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-since"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cr-chart-area.h"
#include "cr-compare.h"
#include "cr-label.h"
#include "cr-step-since.h"
#include "cr-widget-util.h"

struct _CrStepSince
{
  CrStep     parent_instance;

  GPtrArray *watched;  /* CrAction*: last time's actions, whose marks we follow */
};

G_DEFINE_FINAL_TYPE (CrStepSince, cr_step_since, CR_TYPE_STEP)

static AdwPreferencesGroup *
add_group (CrStepSince *self,
           const char  *name,
           const char  *title,
           const char  *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (cr_step_get_content (CR_STEP (self)), group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row of typed text: its title and subtitle are never read as markup. */
static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  adw_preferences_group_add (group, cr_widget_plain_row_new (title, subtitle));
}

static void
build_context (CrStepSince        *self,
               const CrComparison *cmp)
{
  AdwPreferencesGroup *group = add_group (self, "since-context", _("Context"),
                                          cmp->context->len == 0 ? _("The context did not change.") : NULL);

  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);
      /* Translators: a context answer then and now, e.g. "Scale-up → Enterprise"; — is "not answered" */
      g_autofree char *move = g_strdup_printf (_("%s → %s"), cr_comparison_context_text (c, FALSE, "—"),
                                               cr_comparison_context_text (c, TRUE, "—"));

      add_row (group, c->label, move);
    }
}

static void
build_question (CrStepSince             *self,
                const CrComparison      *cmp,
                const CrCompareQuestion *q)
{
  AdwPreferencesGroup *group;
  g_autofree char *name = g_strdup_printf ("since-question-%s", q->question->id);
  g_autofree char *missing = cr_comparison_describe_missing (cmp, q);
  GtkWidget *list;

  group = add_group (self, name, q->question->prompt, missing);
  /* Voted on one side only: said once, with nothing to set side by side. */
  if (missing != NULL)
    return;
  adw_preferences_group_add (group, cr_chart_area_new (cr_chart_spec_new_change (cr_comparison_new_tally (cmp, q, FALSE),
                                                                                 cr_comparison_new_tally (cmp, q, TRUE)),
                                                       q->question->prompt));
  /* The figures under the chart, in a list of their own: a group puts
   * its rows before anything else. Set apart from the chart, as a list is
   * from its title, less than from the next group. */
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "since-figures");
  gtk_widget_set_margin_top (list, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint o = 0; o < q->n_options; o++)
    {
      g_autofree char *move = cr_comparison_option_move (q, o);

      gtk_list_box_append (GTK_LIST_BOX (list), cr_widget_plain_row_new (q->options[o].option->title, move));
    }
  adw_preferences_group_add (group, list);
}

static void
build_gap (CrStepSince        *self,
           const CrComparison *cmp)
{
  const CrGap *before = cmp->gap_before, *after = cmp->gap_after;
  g_autofree char *missing = cr_comparison_describe_gap_missing (cmp);
  AdwPreferencesGroup *group;

  if (before == NULL || after == NULL || after->current_question == NULL)
    return;
  group = add_group (self, "since-gap", _("Today and the target"), missing);
  if (missing != NULL)
    return;
  for (guint o = 0; o < after->n_options && o < before->n_options; o++)
    {
      g_autofree char *today = cr_comparison_gap_move (cmp, o, FALSE);
      g_autofree char *target = cr_comparison_gap_move (cmp, o, TRUE);
      /* Translators: an option's place today and in the target, each then → now */
      g_autofree char *line = g_strdup_printf (_("Today %s; target %s"), today, target);

      add_row (group, after->options[o].option->title, line);
    }
}

static void
add_pick_row (AdwPreferencesGroup *group,
              const char          *what,
              const CrComparison  *cmp,
              const char          *before_id,
              const char          *after_id)
{
  g_autofree char *move = NULL;

  if (g_strcmp0 (before_id, after_id) == 0)
    /* Translators: the recommendation's pick did not change, e.g. "Projects as Products, as last time" */
    move = g_strdup_printf (_("%s, as last time"), cr_comparison_option_title (cmp->after, after_id));
  else
    move = g_strdup_printf (_("%s → %s"), cr_comparison_option_title (cmp->before, before_id), cr_comparison_option_title (cmp->after, after_id));
  add_row (group, what, move);
}

static void
build_recommendation (CrStepSince        *self,
                      const CrComparison *cmp)
{
  AdwPreferencesGroup *group = add_group (self, "since-recommendation", _("Recommendation"), NULL);

  if (cr_comparison_has_start_and_aim (cmp))
    {
      add_pick_row (group, _("Start with"), cmp, cmp->rec_before->start_with, cmp->rec_after->start_with);
      add_pick_row (group, _("Aim for"), cmp, cmp->rec_before->aim_for, cmp->rec_after->aim_for);
    }
  if (cr_comparison_has_points_to (cmp))
    add_pick_row (group, _("Points to"), cmp, cmp->rec_before->points_to, cmp->rec_after->points_to);
  for (guint i = 0; i < cmp->reasons_new->len; i++)
    add_row (group, _("New:"), ((const CrRule *) g_ptr_array_index (cmp->reasons_new, i))->reason);
  for (guint i = 0; i < cmp->reasons_gone->len; i++)
    add_row (group, _("Gone:"), ((const CrRule *) g_ptr_array_index (cmp->reasons_gone, i))->reason);
}

static void
build_actions (CrStepSince        *self,
               const CrComparison *cmp)
{
  guint counts[CR_ACTION_DROPPED + 1] = { 0 };
  guint n = g_list_model_get_n_items (cmp->actions);
  g_autofree char *line = NULL;
  AdwPreferencesGroup *group;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (cmp->actions, i);

      counts[cr_action_get_status (action)]++;
    }
  if (n == 0)
    line = g_strdup (_("The earlier workshop agreed no actions."));
  else
    line = g_strdup_printf (_("%u done, %u dropped, %u still open."),
                            counts[CR_ACTION_DONE], counts[CR_ACTION_DROPPED], counts[CR_ACTION_OPEN]);
  group = add_group (self, "since-actions", _("Last Time’s Actions"), line);
  /* Each with what became of it, as the room view shows them. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (cmp->actions, i);
      g_autofree char *outcome = cr_action_describe_outcome (action);

      add_row (group, cr_action_get_text (action), outcome);
    }
}

static void
rebuild (CrStep *step)
{
  CrStepSince *self = CR_STEP_SINCE (step);
  CrWorkshop *workshop = cr_step_get_workshop (step);
  g_autoptr(CrWorkshop) previous = cr_comparison_find_previous (workshop);
  g_autoptr(CrComparison) cmp = NULL;
  g_autofree char *compared = NULL;
  AdwPreferencesGroup *intro;

  cr_step_clear (step);

  if (previous == NULL)
    {
      add_group (self, "since-missing", _("Since Last Time"),
                 _("The workshop this one re-runs is not in this library: import its bundle to see what moved."));
      return;
    }

  cmp = cr_comparison_new (previous, workshop);
  /* Translators: the two workshops compared, each by title and date, e.g. "Spring (2025-03-12) → Autumn (2025-10-08)" */
  compared = g_strdup_printf (_("%s (%s) → %s (%s)"), cr_workshop_get_title (previous), cr_workshop_get_date (previous),
                              cr_workshop_get_title (workshop), cr_workshop_get_date (workshop));
  intro = add_group (self, "since-intro", _("Since Last Time"), compared);
  /* What to know first: rounds left out because they are still open. */
  for (guint i = 0; i < cmp->notes->len; i++)
    {
      GtkWidget *note = cr_label_new_wrapping (g_ptr_array_index (cmp->notes, i), "warning");

      gtk_widget_set_name (note, "since-note");
      adw_preferences_group_add (intro, note);
    }

  build_context (self, cmp);
  for (guint i = 0; i < cmp->questions->len; i++)
    build_question (self, cmp, g_ptr_array_index (cmp->questions, i));
  build_gap (self, cmp);
  build_recommendation (self, cmp);
  build_actions (self, cmp);
}

static void
unwatch_review (CrStepSince *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* A mark made or undone while the step is shown (Ctrl+Z from here) shows
 * at once: each of last time's actions is followed, as the room view does. */
static void
watch_review (CrStepSince *self)
{
  GListModel *review = cr_workshop_get_review (cr_step_get_workshop (CR_STEP (self)));

  unwatch_review (self);
  for (guint i = 0; i < g_list_model_get_n_items (review); i++)
    {
      CrAction *action = g_list_model_get_item (review, i);

      g_signal_connect_swapped (action, "notify::status", G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (action, "notify::outcome", G_CALLBACK (rebuild), self);
      g_ptr_array_add (self->watched, action);
    }
}

static void
on_review_changed (CrStepSince *self)
{
  watch_review (self);
  cr_step_rebuild (CR_STEP (self));
}

static void
cr_step_since_dispose (GObject *object)
{
  CrStepSince *self = CR_STEP_SINCE (object);

  if (self->watched != NULL)
    unwatch_review (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_step_since_parent_class)->dispose (object);
}

static void
cr_step_since_constructed (GObject *object)
{
  CrStepSince *self = CR_STEP_SINCE (object);

  G_OBJECT_CLASS (cr_step_since_parent_class)->constructed (object);

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  watch_review (self);
  g_signal_connect_object (cr_workshop_get_review (cr_step_get_workshop (CR_STEP (self))), "items-changed",
                           G_CALLBACK (on_review_changed), self, G_CONNECT_SWAPPED);
  cr_step_rebuild_on_rounds (CR_STEP (self), TRUE);
  /* Last time's actions are marked on another step. */
  g_signal_connect (self, "map", G_CALLBACK (rebuild), NULL);
  cr_step_rebuild (CR_STEP (self));
}

static void
cr_step_since_class_init (CrStepSinceClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = cr_step_since_constructed;
  G_OBJECT_CLASS (klass)->dispose = cr_step_since_dispose;
  CR_STEP_CLASS (klass)->rebuild = rebuild;
  /* The same page as the results it compares. */
  cr_step_class_set_page (CR_STEP_CLASS (klass), 1000, 700, 18, 24);
}

static void
cr_step_since_init (CrStepSince *self)
{
}

GtkWidget *
cr_step_since_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_SINCE, "workshop", workshop, NULL);
}
