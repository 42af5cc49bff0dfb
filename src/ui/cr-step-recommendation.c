/* cr-step-recommendation.c: fit per option with its reasons; start with / aim for
 *
 * Everything shown comes from cr_recommend_workshop(), recomputed whenever
 * the context or a round changes (Undo included), so the page never keeps a
 * copy of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-recommendation"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cr-label.h"
#include "cr-recommend.h"
#include "cr-rounds-watch.h"
#include "cr-step-recommendation.h"

struct _CrStepRecommendation
{
  AdwBin      parent_instance;

  CrWorkshop *workshop;
  /* One "changed" after any burst of round (and context) changes. */
  CrRoundsWatch *watch;

  GtkBox     *content;
};

G_DEFINE_FINAL_TYPE (CrStepRecommendation, cr_step_recommendation, ADW_TYPE_BIN)


/* ---- Small pieces ---------------------------------------------------------- */

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GtkWidget *
make_weight_label (double weight)
{
  g_autofree char *text = cr_recommend_format_weight (weight);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, weight < 0 ? "error" : "success");
  return label;
}

static char *
reason_accessible (const CrReason *reason)
{
  g_autofree char *weight = cr_recommend_format_weight (reason->weight);

  if (reason->weight == 0)
    return g_strdup (reason->text);
  /* Translators: a reason and how much it moved the fit, e.g. "…, +2" */
  return g_strdup_printf (_("%s, %s"), reason->text, weight);
}

/* ---- Start with / aim for -------------------------------------------------- */

static GtkWidget *
build_pick_card (const char *caption,
                 const char *option_title,
                 const char *name,
                 GPtrArray  *reasons)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption_label = cr_label_new_wrapping (caption, "caption-heading");
  GtkWidget *title = cr_label_new_wrapping (option_title, "title-2");
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: e.g. "Start with: Projects and Programmes as Products" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s"), caption, option_title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_name (card, name);
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 18);
  gtk_widget_set_margin_end (inner, 18);

  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (inner), caption_label);
  gtk_widget_set_name (title, "option");
  set_accessible_label (title, spoken);
  gtk_box_append (GTK_BOX (inner), title);

  gtk_widget_set_margin_top (list, 6);
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = cr_label_new_wrapping (reason->text, NULL);
      g_autofree char *reason_spoken = reason_accessible (reason);

      gtk_widget_set_hexpand (text, TRUE);
      /* An explanation without a weight ("the long-term destination") has no badge. */
      if (reason->weight != 0)
        {
          GtkWidget *weight = make_weight_label (reason->weight);

          gtk_widget_set_valign (weight, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (line), weight);
        }
      gtk_box_append (GTK_BOX (line), text);
      set_accessible_label (text, reason_spoken);
      gtk_box_append (GTK_BOX (list), line);
    }

  gtk_box_append (GTK_BOX (inner), list);
  gtk_box_append (GTK_BOX (card), inner);
  return card;
}

/* ---- Fit per option ---------------------------------------------------------- */

static GtkWidget *
build_fit_group (const CrRecommendation *rec,
                 const CrFit            *fit,
                 double                  min,
                 double                  max)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* A level bar refuses a negative minimum: shift the scale to start at 0. */
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, max - min);
  GtkWidget *number;
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *fit_text = cr_recommend_format_weight (fit->fit);
  /* Translators: the fit of an option with the context, e.g. "Fit +4" */
  g_autofree char *fit_label = g_strdup_printf (_("Fit %s"), fit_text);
  /* Translators: a bar's accessible label, e.g. "People Experience as a Product: fit +4" */
  g_autofree char *spoken = g_strdup_printf (_("%s: fit %s"), fit->option->title, fit_text);
  /* Translators: the accessible name of the list of reasons behind an option's fit */
  g_autofree char *list_label = g_strdup_printf (_("Reasons for %s"), fit->option->title);
  const char *description = NULL;
  gboolean is_start = g_strcmp0 (rec->start_with, fit->option->id) == 0;
  gboolean is_aim = g_strcmp0 (rec->aim_for, fit->option->id) == 0;

  if (is_start && is_aim)
    description = _("Where to start, and what to aim for");
  else if (is_start)
    description = _("Where to start");
  else if (is_aim)
    description = _("What to aim for");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), fit->option->title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  /* No low/high colours: a low fit is shown by its number and reasons. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fit->fit, min, max) - min);
  gtk_widget_set_size_request (bar, 160, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  set_accessible_label (bar, spoken);
  gtk_box_append (GTK_BOX (suffix), bar);

  number = gtk_label_new (fit_label);
  gtk_widget_set_name (number, "fit");
  gtk_label_set_width_chars (GTK_LABEL (number), 7);
  gtk_label_set_xalign (GTK_LABEL (number), 1.0);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "heading");
  gtk_box_append (GTK_BOX (suffix), number);
  gtk_widget_set_valign (suffix, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  set_accessible_label (list, list_label);

  for (guint i = 0; i < fit->reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (fit->reasons, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *reason_spoken = reason_accessible (reason);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason->text);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_weight_label (reason->weight));
      set_accessible_label (row, reason_spoken);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (fit->reasons->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No context answer bears on this option"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

/* ---- The whole page ------------------------------------------------------------ */

static gboolean
has_context_answers (CrWorkshop *workshop)
{
  GHashTable *context = cr_workshop_get_context_table (workshop);
  GHashTableIter iter;
  const CrContextValue *value;

  if (context == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, context);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&value))
    {
      if (value == NULL)
        continue;
      if (value->is_number ? !isnan (value->number) : (value->text != NULL && value->text[0] != '\0'))
        return TRUE;
    }
  return FALSE;
}

static const char *
context_step_id (CrTemplate *template)
{
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const CrAgendaStep *step = cr_template_get_step (template, i);

      if (g_strcmp0 (step->page, "context") == 0)
        return step->id;
    }
  return NULL;
}

static void
add_hint (CrStepRecommendation *self)
{
  CrTemplate *template = cr_workshop_get_template (self->workshop);
  const char *step_id = context_step_id (template);
  GtkWidget *status = adw_status_page_new ();

  gtk_widget_set_name (status, "hint");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-question-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status),
                             _("Answer the context questions to get a recommendation"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("The fit of each option, and where to start, follow from the organisation's context."));

  if (step_id != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Go to Context"));

      gtk_widget_set_name (button, "go-to-context");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workshop.go-to-step");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (step_id));
      adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
    }

  gtk_box_append (self->content, status);
}

static void
rebuild (CrStepRecommendation *self)
{
  g_autoptr(CrRecommendation) rec = NULL;
  GtkWidget *child;
  GtkWidget *fits;
  GtkWidget *header;
  double min = 0.0, max = 0.0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  if (!has_context_answers (self->workshop))
    {
      add_hint (self);
      return;
    }

  rec = cr_recommend_workshop (self->workshop);

  if (rec->start_with != NULL && rec->aim_for != NULL)
    {
      CrTemplate *template = cr_workshop_get_template (self->workshop);
      const CrOption *start = cr_template_find_option (template, rec->start_with);
      const CrOption *aim = cr_template_find_option (template, rec->aim_for);
      GtkWidget *picks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      gtk_box_set_homogeneous (GTK_BOX (picks), TRUE);
      gtk_box_append (GTK_BOX (picks),
                      build_pick_card (_("Start with"), start->title, "start", rec->start_reasons));
      gtk_box_append (GTK_BOX (picks),
                      build_pick_card (_("Aim for"), aim->title, "aim", rec->aim_reasons));
      gtk_box_append (self->content, picks);
    }

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      min = MIN (min, fit->fit);
      max = MAX (max, fit->fit);
    }
  if (max <= min)
    max = min + 1.0;

  fits = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_box_append (GTK_BOX (header), cr_label_new_wrapping (_("Fit with Your Context"), "title-4"));
  gtk_box_append (GTK_BOX (header),
                  cr_label_new_wrapping (_("Each answer in the context moves the fit of the options it bears on. The weight beside each reason is how much."),
                              "dim-label"));
  gtk_box_append (GTK_BOX (fits), header);
  /* Template order: ordered templates list their stages first to last. */
  for (guint o = 0; o < rec->fits->len; o++)
    gtk_box_append (GTK_BOX (fits), build_fit_group (rec, g_ptr_array_index (rec->fits, o), min, max));
  gtk_box_append (self->content, fits);
}

static void
cr_step_recommendation_dispose (GObject *object)
{
  CrStepRecommendation *self = (CrStepRecommendation *)object;

  g_clear_object (&self->watch);
  g_clear_object (&self->workshop);

  G_OBJECT_CLASS (cr_step_recommendation_parent_class)->dispose (object);
}

static void
cr_step_recommendation_class_init (CrStepRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_step_recommendation_dispose;
}

static void
cr_step_recommendation_init (CrStepRecommendation *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 700);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
  self->content = GTK_BOX (content);
}

GtkWidget *
cr_step_recommendation_new (CrWorkshop *workshop)
{
  CrStepRecommendation *self;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  self = g_object_new (CR_TYPE_STEP_RECOMMENDATION, NULL);
  self->workshop = g_object_ref (workshop);

  /* The context moves the fits, and the aim question's vote steers the aim. */
  self->watch = cr_rounds_watch_new (workshop, TRUE);
  g_signal_connect_object (self->watch, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}
