/* cr-step-recommendation.c: the recommendation, weighed, and the room's decision
 *
 * The recommendation comes from cr_recommend_workshop(), recomputed
 * whenever the context or a round changes (Undo included), so the page
 * never keeps a copy of its own: what it rests on, where the context and
 * the room disagree, where to start and what to aim for with each weighed
 * reason, and the fit with your context per option.
 *
 * The room's decision is a form of its own that is not rebuilt with the
 * recommendation, so typing the reasoning is never interrupted; it follows
 * the workshop's "decision-changed" (Undo included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-recommendation"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cr-label.h"
#include "cr-recommend.h"
#include "cr-step-recommendation.h"
#include "cr-widget-util.h"

struct _CrStepRecommendation
{
  CrStep      parent_instance;

  GtkBox     *advice;        /* rebuilt: basis, disagreements, picks */
  GtkBox     *fits;          /* rebuilt: the fit with your context */

  /* The decision form */
  GtkWidget  *use_button;
  AdwComboRow *start_row;
  AdwComboRow *aim_row;      /* NULL for options that are not stages */
  GtkTextView *rationale;
  GtkListBox *agreed_list;
  GtkWidget  *everyone_button;
  gboolean    syncing;       /* the form is being set from the workshop */
  char       *suggested_start;  /* the recommendation's, for "Use the Recommendation" */
  char       *suggested_aim;
};

G_DEFINE_FINAL_TYPE (CrStepRecommendation, cr_step_recommendation, CR_TYPE_STEP)


/* ---- Small pieces ---------------------------------------------------------- */

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

static GtkWidget *
card_new (const char *name)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_name (card, name);
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 18);
  gtk_widget_set_margin_end (inner, 18);
  gtk_box_append (GTK_BOX (card), inner);
  return card;
}

static GtkBox *
card_inner (GtkWidget *card)
{
  return GTK_BOX (gtk_widget_get_first_child (card));
}

/* ---- Start with / aim for -------------------------------------------------- */

static GtkWidget *
build_pick_card (const char *caption,
                 const char *option_title,
                 const char *name,
                 GPtrArray  *reasons)
{
  GtkWidget *card = card_new (name);
  GtkBox *inner = card_inner (card);
  GtkWidget *caption_label = cr_label_new_wrapping (caption, "caption-heading");
  GtkWidget *title = cr_label_new_wrapping (option_title, "title-2");
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: e.g. "Start with: Projects and Programmes as Products" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s"), caption, option_title);

  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (inner, caption_label);
  gtk_widget_set_name (title, "option");
  cr_widget_set_accessible_label (title, spoken);
  gtk_box_append (inner, title);

  gtk_widget_set_margin_top (list, 6);
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = cr_label_new_wrapping (reason->text, NULL);
      g_autofree char *reason_spoken = reason_accessible (reason);

      gtk_widget_set_hexpand (text, TRUE);
      /* An explanation that weighs nothing has no badge. */
      if (reason->kind != CR_REASON_NOTE)
        {
          GtkWidget *weight = make_weight_label (reason->weight);

          gtk_widget_set_valign (weight, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (line), weight);
        }
      gtk_box_append (GTK_BOX (line), text);
      cr_widget_set_accessible_label (text, reason_spoken);
      gtk_box_append (GTK_BOX (list), line);
    }

  gtk_box_append (inner, list);
  return card;
}

/* ---- What it rests on, and where the context and the room disagree -------- */

static void
add_basis (GtkBox                 *box,
           const CrRecommendation *rec)
{
  g_autofree char *weights = cr_recommend_describe_weights (rec->template);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *weights_label;
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (rec->basis == CR_BASIS_CONTEXT_AND_ROOM
                                                  ? "emblem-ok-symbolic"
                                                  : "dialog-information-symbolic");
  GtkWidget *label = cr_label_new_wrapping (cr_recommend_describe_basis (rec), NULL);

  gtk_widget_set_name (line, "basis");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), text);
  gtk_box_append (GTK_BOX (text), label);

  /* The weights live in the template: said, so nobody has to guess them. */
  weights_label = cr_label_new_wrapping (weights, NULL);
  gtk_widget_set_name (weights_label, "weights");
  gtk_box_append (GTK_BOX (text), weights_label);
  gtk_box_append (box, line);
}

static void
add_disagreements (GtkBox                 *box,
                   const CrRecommendation *rec)
{
  GtkWidget *card;
  GtkBox *inner;
  GtkWidget *heading;

  if (rec->disagreements->len == 0)
    return;

  card = card_new ("disagreements");
  inner = card_inner (card);
  gtk_widget_add_css_class (card, "disagreements");
  heading = cr_label_new_wrapping (_("Where your context and the room disagree"), "heading");
  gtk_box_append (inner, heading);
  for (guint i = 0; i < rec->disagreements->len; i++)
    {
      const CrDisagreement *d = g_ptr_array_index (rec->disagreements, i);

      gtk_box_append (inner, cr_label_new_wrapping (d->text, NULL));
    }
  gtk_box_append (inner, cr_label_new_wrapping (_("This is where the discussion belongs: what does the room see that the context does not, or the other way round?"),
                                                "dim-label"));
  gtk_box_append (box, card);
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
  cr_widget_set_accessible_label (bar, spoken);
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
  cr_widget_set_accessible_label (list, list_label);

  for (guint i = 0; i < fit->reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (fit->reasons, i);
      GtkWidget *row = cr_widget_plain_row_new (reason->text, NULL);
      g_autofree char *reason_spoken = reason_accessible (reason);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_weight_label (reason->weight));
      cr_widget_set_accessible_label (row, reason_spoken);
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

static void
build_fits (CrStepRecommendation   *self,
            const CrRecommendation *rec)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  double min = 0.0, max = 0.0;

  for (guint o = 0; o < rec->fits->len; o++)
    {
      const CrFit *fit = g_ptr_array_index (rec->fits, o);

      min = MIN (min, fit->fit);
      max = MAX (max, fit->fit);
    }
  if (max <= min)
    max = min + 1.0;

  gtk_box_append (GTK_BOX (header), cr_label_new_wrapping (_("Fit with Your Context"), "title-4"));
  gtk_box_append (GTK_BOX (header),
                  cr_label_new_wrapping (_("Each answer in the context moves the fit of the options it bears on. The weight beside each reason is how much. The room's own votes are a separate judgment, weighed above."),
                                         "dim-label"));
  gtk_box_append (self->fits, header);
  /* Template order: ordered templates list their stages first to last. */
  for (guint o = 0; o < rec->fits->len; o++)
    gtk_box_append (self->fits, build_fit_group (rec, g_ptr_array_index (rec->fits, o), min, max));
}

/* ---- The whole recommendation ------------------------------------------------ */

/* The workshop's own agenda: a template may leave its context step for
 * the workshop to add (cr-agenda.h). */
static const char *
context_step_id (CrWorkshop *workshop)
{
  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const CrAgendaStep *step = cr_workshop_get_step (workshop, i);

      if (g_strcmp0 (step->page, "context") == 0)
        return step->id;
    }
  return NULL;
}

static void
add_hint (CrStepRecommendation *self)
{
  const char *step_id = context_step_id (cr_step_get_workshop (CR_STEP (self)));
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

  gtk_box_append (self->advice, status);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
rebuild (CrStep *step)
{
  CrStepRecommendation *self = CR_STEP_RECOMMENDATION (step);
  g_autoptr(CrRecommendation) rec = NULL;
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));

  clear_box (self->advice);
  clear_box (self->fits);
  g_clear_pointer (&self->suggested_start, g_free);
  g_clear_pointer (&self->suggested_aim, g_free);

  rec = cr_recommend_workshop (cr_step_get_workshop (CR_STEP (self)));

  /* Nothing to weigh yet: the way to the context. */
  if (!rec->context_answered && rec->basis == CR_BASIS_CONTEXT)
    {
      add_hint (self);
      gtk_widget_set_sensitive (self->use_button, FALSE);
      return;
    }

  add_basis (self->advice, rec);
  add_disagreements (self->advice, rec);

  if (rec->start_with != NULL && rec->aim_for != NULL)
    {
      const CrOption *start = cr_template_find_option (template, rec->start_with);
      const CrOption *aim = cr_template_find_option (template, rec->aim_for);
      GtkWidget *picks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      gtk_box_set_homogeneous (GTK_BOX (picks), TRUE);
      gtk_box_append (GTK_BOX (picks),
                      build_pick_card (_("Start with"), start->title, "start", rec->start_reasons));
      gtk_box_append (GTK_BOX (picks),
                      build_pick_card (_("Aim for"), aim->title, "aim", rec->aim_reasons));
      gtk_box_append (self->advice, picks);
      self->suggested_start = g_strdup (rec->start_with);
      self->suggested_aim = g_strdup (rec->aim_for);
    }
  else if (rec->points_to != NULL)
    {
      const CrOption *option = cr_template_find_option (template, rec->points_to);

      gtk_box_append (self->advice,
                      build_pick_card (_("Points to"), option->title, "points-to", rec->points_reasons));
      self->suggested_start = g_strdup (rec->points_to);
    }

  gtk_widget_set_sensitive (self->use_button, self->suggested_start != NULL);
  build_fits (self, rec);
}

/* ---- The room's decision ------------------------------------------------------- */

/* Position 0 is "Not decided"; options follow in template order. */
static guint
option_position (CrTemplate *template,
                 const char *option_id)
{
  int index = option_id != NULL ? cr_template_option_index (template, option_id) : -1;

  return index >= 0 ? (guint) index + 1 : 0;
}

static const char *
option_at (CrTemplate *template,
           guint       position)
{
  if (position == 0 || position == GTK_INVALID_LIST_POSITION ||
      position > cr_template_get_n_options (template))
    return NULL;
  return cr_template_get_option (template, position - 1)->id;
}

static char *
rationale_text (CrStepRecommendation *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The form as it stands, as a decision. */
static CrDecision *
decision_from_form (CrStepRecommendation *self)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));
  CrDecision *decision = cr_decision_new ();
  g_autofree char *text = rationale_text (self);

  decision->start_with = g_strdup (option_at (template, adw_combo_row_get_selected (self->start_row)));
  if (self->aim_row != NULL)
    decision->aim_for = g_strdup (option_at (template, adw_combo_row_get_selected (self->aim_row)));
  g_free (decision->rationale);
  decision->rationale = g_strdup (g_strstrip (text));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->agreed_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      CrParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");

      if (check != NULL && gtk_check_button_get_active (check))
        cr_decision_set_agreed (decision, cr_participant_get_id (participant), TRUE);
    }
  return decision;
}

static void
save_form (CrStepRecommendation *self)
{
  g_autoptr(CrDecision) decision = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;

  decision = decision_from_form (self);
  if (!cr_workshop_set_decision (cr_step_get_workshop (CR_STEP (self)), decision, &error))
    g_warning ("Could not record the decision: %s", error->message);
}

static void
on_choice_changed (CrStepRecommendation *self)
{
  save_form (self);
}

static void
on_agreed_toggled (CrStepRecommendation *self)
{
  save_form (self);
}

/* Typing is not saved letter by letter: leaving the field saves it, as
 * one change that Undo takes back whole. */
static void
on_rationale_leave (CrStepRecommendation *self)
{
  g_autofree char *text = rationale_text (self);
  const CrDecision *stored = cr_workshop_get_decision (cr_step_get_workshop (CR_STEP (self)));

  g_strstrip (text);
  if (g_strcmp0 (text, stored != NULL ? stored->rationale : "") != 0)
    save_form (self);
}

static void
use_recommendation (CrStepRecommendation *self)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));

  if (self->suggested_start == NULL)
    return;
  /* One change, not two: set both, then save once. */
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->start_row, option_position (template, self->suggested_start));
  if (self->aim_row != NULL)
    adw_combo_row_set_selected (self->aim_row, option_position (template, self->suggested_aim));
  self->syncing = FALSE;
  save_form (self);
}

static void
everyone_agreed (CrStepRecommendation *self)
{
  self->syncing = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->agreed_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
    }
  self->syncing = FALSE;
  save_form (self);
}

static void
rebuild_agreed (CrStepRecommendation *self)
{
  GListModel *participants = cr_workshop_get_participants (cr_step_get_workshop (CR_STEP (self)));
  const CrDecision *decision = cr_workshop_get_decision (cr_step_get_workshop (CR_STEP (self)));
  guint n = g_list_model_get_n_items (participants);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agreed_list))) != NULL)
    gtk_list_box_remove (self->agreed_list, child);

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *name = cr_participant_dup_display_name (p);
      GtkWidget *row = cr_widget_plain_row_new (name, cr_participant_get_role (p));
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   cr_decision_has_agreed (decision, cr_participant_get_id (p)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "participant", g_object_ref (p), g_object_unref);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_agreed_toggled), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->agreed_list, row);
    }
  self->syncing = FALSE;

  gtk_widget_set_sensitive (self->everyone_button, n > 0);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Add participants on the set-up step to record who agreed"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->agreed_list, row);
    }
}

/* The form follows the workshop: after a change here, an Undo, a reload. */
static void
sync_form (CrStepRecommendation *self)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));
  const CrDecision *decision = cr_workshop_get_decision (cr_step_get_workshop (CR_STEP (self)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale);
  g_autofree char *text = rationale_text (self);
  const char *rationale = decision != NULL ? decision->rationale : "";

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->start_row, option_position (template, decision ? decision->start_with : NULL));
  if (self->aim_row != NULL)
    adw_combo_row_set_selected (self->aim_row, option_position (template, decision ? decision->aim_for : NULL));
  /* Leave what is typed alone unless the stored text really differs. */
  if (g_strcmp0 (g_strstrip (text), rationale) != 0)
    gtk_text_buffer_set_text (buffer, rationale, -1);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->agreed_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      CrParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");

      if (check != NULL)
        gtk_check_button_set_active (check, cr_decision_has_agreed (decision, cr_participant_get_id (participant)));
    }
  self->syncing = FALSE;
}

/* AdwComboRow keeps its popover and list private: they are found by type. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list opens with the keyboard on the first item, "Not decided", not
 * on the chosen option: put it there. GTK 4.8 has no call to focus a given
 * item of a list; its items are the list's children, in order. */
static void
on_option_list_mapped (GtkWidget   *popover,
                       AdwComboRow *row)
{
  GtkWidget *list = find_descendant (popover, GTK_TYPE_LIST_VIEW);
  guint selected = adw_combo_row_get_selected (row);
  GtkWidget *item;
  guint i = 0;

  if (list == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  for (item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    if (gtk_widget_get_focusable (item) && i++ == selected)
      {
        gtk_widget_grab_focus (item);
        return;
      }
}

static AdwComboRow *
make_option_row (CrTemplate *template,
                 const char *title,
                 const char *name)
{
  GtkStringList *options = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GtkWidget *popover;

  gtk_string_list_append (options, _("Not decided"));
  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    gtk_string_list_append (options, cr_template_get_option (template, o)->title);
  adw_combo_row_set_model (row, G_LIST_MODEL (options));
  g_object_unref (options);
  /* The choice as the subtitle: a long option title is then read whole,
   * not cut at the row's end. */
  adw_combo_row_set_use_subtitle (row, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  /* The row's list is its popover, built with it. */
  popover = find_descendant (GTK_WIDGET (row), GTK_TYPE_POPOVER);
  if (popover != NULL)
    g_signal_connect_object (popover, "map", G_CALLBACK (on_option_list_mapped), row, G_CONNECT_AFTER);
  return row;
}

static GtkWidget *
build_decision (CrStepRecommendation *self)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));
  gboolean ordered = cr_template_is_ordered (template);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *choice = adw_preferences_group_new ();
  GtkWidget *reasoning = adw_preferences_group_new ();
  GtkWidget *agreed = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *text = gtk_text_view_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_name (box, "decision");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (choice), _("The Room's Decision"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (choice),
                                         _("What the room agreed. It may differ from the recommendation; the report leads with it."));
  self->use_button = gtk_button_new_with_mnemonic (_("_Use the Recommendation"));
  gtk_widget_set_name (self->use_button, "use-recommendation");
  gtk_widget_set_valign (self->use_button, GTK_ALIGN_END);
  g_signal_connect_object (self->use_button, "clicked", G_CALLBACK (use_recommendation), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (choice), self->use_button);

  self->start_row = make_option_row (template, ordered ? _("Start with") : _("Option chosen"), "decision-start");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (choice), GTK_WIDGET (self->start_row));
  g_signal_connect_object (self->start_row, "notify::selected", G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  if (ordered)
    {
      self->aim_row = make_option_row (template, _("Aim for"), "decision-aim");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (choice), GTK_WIDGET (self->aim_row));
      g_signal_connect_object (self->aim_row, "notify::selected", G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
    }
  gtk_box_append (GTK_BOX (box), choice);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (reasoning), _("Why"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (reasoning),
                                         _("The reasoning in a few lines, as the room would put it."));
  self->rationale = GTK_TEXT_VIEW (text);
  gtk_widget_set_name (text, "decision-rationale");
  gtk_text_view_set_wrap_mode (self->rationale, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->rationale, FALSE);
  gtk_text_view_set_top_margin (self->rationale, 12);
  gtk_text_view_set_bottom_margin (self->rationale, 12);
  gtk_text_view_set_left_margin (self->rationale, 12);
  gtk_text_view_set_right_margin (self->rationale, 12);
  gtk_widget_set_size_request (text, -1, 96);
  cr_widget_set_accessible_label (text, _("Why the room decided so"));
  gtk_widget_add_controller (text, focus);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_rationale_leave), self, G_CONNECT_SWAPPED);
  gtk_frame_set_child (GTK_FRAME (frame), text);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (reasoning), frame);
  gtk_box_append (GTK_BOX (box), reasoning);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (agreed), _("Who Agreed"));
  self->everyone_button = gtk_button_new_with_mnemonic (_("_Everyone"));
  gtk_widget_set_name (self->everyone_button, "everyone-agreed");
  gtk_widget_set_valign (self->everyone_button, GTK_ALIGN_END);
  g_signal_connect_object (self->everyone_button, "clicked", G_CALLBACK (everyone_agreed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (agreed), self->everyone_button);
  self->agreed_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->agreed_list), "decision-agreed");
  gtk_list_box_set_selection_mode (self->agreed_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->agreed_list), "boxed-list");
  cr_widget_set_accessible_label (GTK_WIDGET (self->agreed_list), _("Who agreed"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (agreed), GTK_WIDGET (self->agreed_list));
  gtk_box_append (GTK_BOX (box), agreed);

  return box;
}

/* ---- GObject ------------------------------------------------------------------- */

static void
cr_step_recommendation_unmap (GtkWidget *widget)
{
  CrStepRecommendation *self = CR_STEP_RECOMMENDATION (widget);

  /* Leaving the step while typing keeps what was typed. */
  if (cr_step_get_workshop (CR_STEP (self)) != NULL && self->rationale != NULL)
    on_rationale_leave (self);

  GTK_WIDGET_CLASS (cr_step_recommendation_parent_class)->unmap (widget);
}

static void
cr_step_recommendation_dispose (GObject *object)
{
  CrStepRecommendation *self = (CrStepRecommendation *)object;

  g_clear_pointer (&self->suggested_start, g_free);
  g_clear_pointer (&self->suggested_aim, g_free);

  G_OBJECT_CLASS (cr_step_recommendation_parent_class)->dispose (object);
}

static void
cr_step_recommendation_constructed (GObject *object)
{
  CrStepRecommendation *self = CR_STEP_RECOMMENDATION (object);
  CrWorkshop *workshop;
  GtkBox *content;

  G_OBJECT_CLASS (cr_step_recommendation_parent_class)->constructed (object);

  workshop = cr_step_get_workshop (CR_STEP (self));
  content = cr_step_get_content (CR_STEP (self));

  /* Advice first, then the decision it leads to, then the detail. */
  self->advice = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  self->fits = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (content, GTK_WIDGET (self->advice));
  gtk_box_append (content, build_decision (self));
  gtk_box_append (content, GTK_WIDGET (self->fits));

  /* The context moves the fits, and the room's revealed votes weigh in. */
  cr_step_rebuild_on_rounds (CR_STEP (self), TRUE);
  g_signal_connect_object (workshop, "decision-changed", G_CALLBACK (sync_form), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cr_workshop_get_participants (workshop), "items-changed",
                           G_CALLBACK (rebuild_agreed), self, G_CONNECT_SWAPPED);

  rebuild_agreed (self);
  sync_form (self);
  cr_step_rebuild (CR_STEP (self));
}

static void
cr_step_recommendation_class_init (CrStepRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cr_step_recommendation_constructed;
  object_class->dispose = cr_step_recommendation_dispose;
  widget_class->unmap = cr_step_recommendation_unmap;
  CR_STEP_CLASS (klass)->rebuild = rebuild;
  /* The same page as the results it follows from. */
  cr_step_class_set_page (CR_STEP_CLASS (klass), 1000, 700, 18, 24);
}

static void
cr_step_recommendation_init (CrStepRecommendation *self)
{
}

GtkWidget *
cr_step_recommendation_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_RECOMMENDATION, "workshop", workshop, NULL);
}
