/* cr-step-context.c: the organisation's context, one row per template field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-context"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cr-step-context.h"
#include "cr-widget-util.h"

/* Spin buttons save once the value has rested, so holding an arrow key is
 * one change and one undo entry, not fifty. */
#define SPIN_SAVE_DELAY_MS 500
/* A scale is a row of buttons, one a point, up to 0 to 10; a template may
 * give it up to 2,001 points, which no row holds: then it is a spin button. */
#define SCALE_BUTTONS_MAX 11

typedef struct
{
  CrStepContext        *step;        /* unowned: the step owns the field */
  const CrContextField *field;       /* owned by the template */
  GtkWidget            *row;
  GtkWidget            *spin;        /* number */
  GtkWidget            *combo;       /* choice: the AdwComboRow itself */
  GPtrArray            *toggles;     /* scale: GtkToggleButton*, min..max */
  GtkWidget            *entry;       /* text: the AdwEntryRow itself */
  GtkWidget            *clear;
  guint                 save_source;
  gboolean              refreshing;
  gboolean              show_empty;  /* number: unanswered, shown blank */
} Field;

struct _CrStepContext
{
  CrStep      parent_instance;

  GPtrArray  *fields;   /* Field* */
};

G_DEFINE_FINAL_TYPE (CrStepContext, cr_step_context, CR_TYPE_STEP)

static void
field_free (Field *field)
{
  g_clear_handle_id (&field->save_source, g_source_remove);
  g_clear_pointer (&field->toggles, g_ptr_array_unref);
  g_free (field);
}

static void
save (Field                *field,
      const CrContextValue *value)
{
  g_autoptr(GError) error = NULL;
  const CrContextValue *old = cr_workshop_get_context (cr_step_get_workshop (CR_STEP (field->step)), field->field->id);

  /* Unchanged answers are not written: no empty undo entries. */
  if (old == NULL && value == NULL)
    return;
  if (old != NULL && value != NULL && old->is_number == value->is_number &&
      (old->is_number ? old->number == value->number : g_strcmp0 (old->text, value->text) == 0))
    return;

  if (!cr_workshop_set_context (cr_step_get_workshop (CR_STEP (field->step)), field->field->id, value, &error))
    cr_widget_show_error (GTK_WIDGET (field->step), error);
}

/* ---------------------------------------------------------------------- */
/* Refresh from the workshop                                               */

static void
refresh_field (Field *field)
{
  const CrContextValue *value = cr_workshop_get_context (cr_step_get_workshop (CR_STEP (field->step)), field->field->id);

  field->refreshing = TRUE;
  switch (field->field->kind)
    {
    case CR_CONTEXT_SCALE:
      if (field->toggles != NULL)
        {
          for (guint i = 0; i < field->toggles->len; i++)
            {
              int point = field->field->scale_min + (int) i;

              gtk_toggle_button_set_active (g_ptr_array_index (field->toggles, i),
                                            value != NULL && value->is_number && value->number == point);
            }
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CR_CONTEXT_NUMBER:
      g_clear_handle_id (&field->save_source, g_source_remove);
      field->show_empty = (value == NULL);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->spin), value ? value->number : 0);
      if (value == NULL)
        gtk_editable_set_text (GTK_EDITABLE (field->spin), "");
      else
        {
          g_autofree char *text = g_strdup_printf ("%.0f", value->number);
          gtk_editable_set_text (GTK_EDITABLE (field->spin), text);
        }
      break;

    case CR_CONTEXT_CHOICE:
      {
        guint selected = 0;

        for (guint i = 0; value != NULL && !value->is_number && i < field->field->choices->len; i++)
          {
            const CrChoice *choice = g_ptr_array_index (field->field->choices, i);

            if (g_strcmp0 (choice->id, value->text) == 0)
              selected = i + 1;
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->combo), selected);
      }
      break;

    case CR_CONTEXT_TEXT:
      {
        const char *text = (value != NULL && !value->is_number) ? value->text : "";

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->entry)), text) != 0)
          gtk_editable_set_text (GTK_EDITABLE (field->entry), text);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  if (field->clear != NULL)
    gtk_widget_set_visible (field->clear, value != NULL);
  field->refreshing = FALSE;
}

static void
on_context_changed (CrStepContext *self,
                    const char    *field_id,
                    CrWorkshop    *workshop)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field_id == NULL || g_strcmp0 (field->field->id, field_id) == 0)
        refresh_field (field);
    }
}

/* ---------------------------------------------------------------------- */
/* Number                                                                  */

static void
save_number (Field *field)
{
  g_autofree char *text = NULL;
  CrContextValue value = { TRUE, 0, NULL };

  g_clear_handle_id (&field->save_source, g_source_remove);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->spin))));
  if (text[0] == '\0')
    {
      save (field, NULL);
      return;
    }
  gtk_spin_button_update (GTK_SPIN_BUTTON (field->spin));
  value.number = gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->spin));
  save (field, &value);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  Field *field = user_data;

  field->save_source = 0;
  save_number (field);
  return G_SOURCE_REMOVE;
}

/* Unanswered shows as a blank box, not as a misleading 0. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                Field         *field)
{
  if (!field->show_empty)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       Field         *field)
{
  if (field->refreshing)
    return;
  if (field->show_empty)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", gtk_spin_button_get_value (spin));

      field->show_empty = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
    }
  g_clear_handle_id (&field->save_source, g_source_remove);
  field->save_source = g_timeout_add (SPIN_SAVE_DELAY_MS, on_save_timeout, field);
}

static void
on_spin_changed (GtkEditable *editable,
                 Field       *field)
{
  if (!field->refreshing && gtk_editable_get_text (editable)[0] != '\0')
    field->show_empty = FALSE;
}

static void
on_spin_activate (GtkText *text,
                  Field   *field)
{
  save_number (field);
}

static void
on_spin_leave (GtkEventControllerFocus *controller,
               Field                   *field)
{
  if (field->refreshing || !gtk_widget_get_realized (field->spin))
    return;
  save_number (field);
}

/* A number, or a scale too wide for its buttons, held to @min and @max. */
static GtkWidget *
create_number (Field  *field,
               double  min,
               double  max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  field->spin = gtk_spin_button_new_with_range (min, max, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (field->spin), 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (field->spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (field->spin), 9);
  gtk_widget_set_valign (field->spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (field->spin, field->field->id);
  cr_widget_set_accessible_label (field->spin, field->field->label);
  g_signal_connect (field->spin, "output", G_CALLBACK (on_spin_output), field);
  g_signal_connect (field->spin, "value-changed", G_CALLBACK (on_spin_value_changed), field);
  g_signal_connect (field->spin, "changed", G_CALLBACK (on_spin_changed), field);
  /* GTK 4.8's spin button has no "activate" of its own: Enter reaches its text. */
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (field->spin)), "activate",
                    G_CALLBACK (on_spin_activate), field);
  g_signal_connect (focus, "leave", G_CALLBACK (on_spin_leave), field);
  gtk_widget_add_controller (field->spin, focus);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->spin);
  return row;
}

/* ---------------------------------------------------------------------- */
/* Choice                                                                  */

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Field       *field)
{
  guint selected = adw_combo_row_get_selected (combo);
  const CrChoice *choice;
  CrContextValue value = { FALSE, 0, NULL };

  if (field->refreshing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == 0)
    {
      save (field, NULL);
      return;
    }
  choice = g_ptr_array_index (field->field->choices, selected - 1);
  value.text = choice->id;
  save (field, &value);
}

/* The popover lists choices in full, wrapped, where the default list
 * would cut "A lean team of generalists…" short; a tick marks the answer. */
static void
setup_choice_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *tick = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tick);
  gtk_list_item_set_child (item, box);
}

static void
update_choice_tick (GtkListItem *item,
                    GParamSpec  *pspec,
                    AdwComboRow *combo)
{
  GtkWidget *tick = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (tick, adw_combo_row_get_selected (combo) == gtk_list_item_get_position (item));
}

static void
bind_choice_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AdwComboRow              *combo)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (update_choice_tick),
                           item, G_CONNECT_SWAPPED);
  update_choice_tick (item, NULL, combo);
}

static void
unbind_choice_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *combo)
{
  g_signal_handlers_disconnect_by_func (combo, update_choice_tick, item);
}

/* The answer on the row itself: AdwComboRow's own label stops at twenty
 * characters, and "Procurement-led: buy and administer services" read
 * "Procurement-led: buy …" beside a row of empty space, even at 1366
 * pixels. Wrapped instead, and only where the row has no room. */
static void
setup_answer_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_list_item_set_child (item, label);
}

static void
bind_answer_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkWidget *
create_choice (Field *field)
{
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) answer_factory = gtk_signal_list_item_factory_new ();

  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  field->refreshing = TRUE;
  gtk_string_list_append (labels, _("Not answered"));
  for (guint i = 0; i < field->field->choices->len; i++)
    {
      const CrChoice *choice = g_ptr_array_index (field->field->choices, i);

      gtk_string_list_append (labels, choice->label);
    }
  field->combo = adw_combo_row_new ();
  gtk_widget_set_name (field->combo, field->field->id);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_item), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_item), field->combo);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_choice_item), field->combo);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (field->combo), list_factory);
  g_signal_connect (answer_factory, "setup", G_CALLBACK (setup_answer_item), NULL);
  g_signal_connect (answer_factory, "bind", G_CALLBACK (bind_answer_item), NULL);
  adw_combo_row_set_factory (ADW_COMBO_ROW (field->combo), answer_factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (field->combo), G_LIST_MODEL (labels));
  g_signal_connect (field->combo, "notify::selected", G_CALLBACK (on_combo_selected), field);
  field->refreshing = FALSE;
  return field->combo;
}

/* ---------------------------------------------------------------------- */
/* Scale                                                                   */

static void
on_toggle_toggled (GtkToggleButton *toggle,
                   Field           *field)
{
  int point = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "point"));
  const CrContextValue *old;
  CrContextValue value = { TRUE, point, NULL };

  if (field->refreshing)
    return;

  if (gtk_toggle_button_get_active (toggle))
    save (field, &value);
  else
    {
      /* Pressing the chosen point again takes the answer back. */
      old = cr_workshop_get_context (cr_step_get_workshop (CR_STEP (field->step)), field->field->id);
      if (old != NULL && old->is_number && old->number == point)
        save (field, NULL);
    }
  refresh_field (field);
}

static GtkWidget *
create_scale (Field *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  field->toggles = g_ptr_array_new ();
  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_name (linked, field->field->id);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (linked),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field->field->label,
                                  -1);

  if (field->field->min_label != NULL)
    {
      GtkWidget *label = gtk_label_new (field->field->min_label);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  for (int point = field->field->scale_min; point <= field->field->scale_max; point++)
    {
      g_autofree char *text = g_strdup_printf ("%d", point);
      g_autofree char *label = NULL;
      GtkWidget *toggle = gtk_toggle_button_new_with_label (text);

      /* Translators: accessible name of a point on a scale: "Team maturity: 3 of 5" */
      label = g_strdup_printf (_("%s: %d of %d"), field->field->label, point, field->field->scale_max);
      cr_widget_set_accessible_label (toggle, label);
      gtk_widget_set_tooltip_text (toggle, label);
      g_object_set_data (G_OBJECT (toggle), "point", GINT_TO_POINTER (point));
      g_signal_connect (toggle, "toggled", G_CALLBACK (on_toggle_toggled), field);
      gtk_box_append (GTK_BOX (linked), toggle);
      g_ptr_array_add (field->toggles, toggle);
    }
  gtk_box_append (GTK_BOX (box), linked);
  if (field->field->max_label != NULL)
    {
      GtkWidget *label = gtk_label_new (field->field->max_label);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

/* ---------------------------------------------------------------------- */
/* Text                                                                    */

static void
on_entry_apply (AdwEntryRow *entry,
                Field       *field)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  CrContextValue value = { FALSE, 0, text };

  save (field, text[0] != '\0' ? &value : NULL);
  refresh_field (field);
}

static GtkWidget *
create_text (Field *field)
{
  field->entry = adw_entry_row_new ();
  gtk_widget_set_name (field->entry, field->field->id);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (field->entry), TRUE);
  g_signal_connect (field->entry, "apply", G_CALLBACK (on_entry_apply), field);
  return field->entry;
}

/* ---------------------------------------------------------------------- */

static void
on_clear_clicked (GtkButton *button,
                  Field     *field)
{
  save (field, NULL);
  refresh_field (field);
}

static Field *
create_field (CrStepContext        *self,
              const CrContextField *context_field)
{
  Field *field = g_new0 (Field, 1);
  g_autofree char *clear_label = NULL;

  field->step = self;
  field->field = context_field;

  switch (context_field->kind)
    {
    case CR_CONTEXT_NUMBER: field->row = create_number (field, 0, 10000000); break;
    case CR_CONTEXT_CHOICE: field->row = create_choice (field); break;
    case CR_CONTEXT_SCALE:
      if (context_field->scale_max - context_field->scale_min + 1 > SCALE_BUTTONS_MAX)
        field->row = create_number (field, context_field->scale_min, context_field->scale_max);
      else
        field->row = create_scale (field);
      break;
    case CR_CONTEXT_TEXT:   field->row = create_text (field);   break;
    default:                g_assert_not_reached ();
    }

  /* Typed template text is shown as text, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), context_field->label);
  if (ADW_IS_ACTION_ROW (field->row) && context_field->help != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), context_field->help);
  else if (context_field->help != NULL)
    gtk_widget_set_tooltip_text (field->row, context_field->help);
  if (context_field->help != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, context_field->help,
                                    -1);

  /* A choice is cleared with "Not answered"; the others with this button. */
  if (context_field->kind != CR_CONTEXT_CHOICE)
    {
      field->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      gtk_widget_set_valign (field->clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (field->clear, "flat");
      gtk_widget_set_name (field->clear, "clear");
      /* Translators: %s is a context field, e.g. "Headcount" */
      clear_label = g_strdup_printf (_("Clear %s"), context_field->label);
      gtk_widget_set_tooltip_text (field->clear, clear_label);
      cr_widget_set_accessible_label (field->clear, clear_label);
      g_signal_connect (field->clear, "clicked", G_CALLBACK (on_clear_clicked), field);
      if (ADW_IS_ACTION_ROW (field->row))
        adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->clear);
      else
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->clear);
    }

  g_object_set_data (G_OBJECT (field->row), "field-id", context_field->id);
  return field;
}

static void
cr_step_context_dispose (GObject *object)
{
  CrStepContext *self = (CrStepContext *)object;

  if (cr_step_get_workshop (CR_STEP (self)) != NULL)
    g_signal_handlers_disconnect_by_data (cr_step_get_workshop (CR_STEP (self)), self);
  /* A pending spin save is written now rather than lost. */
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->save_source != 0)
        save_number (field);
    }

  G_OBJECT_CLASS (cr_step_context_parent_class)->dispose (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
}

static void
cr_step_context_constructed (GObject *object)
{
  CrStepContext *self = CR_STEP_CONTEXT (object);
  CrWorkshop *workshop;
  CrTemplate *template;
  GtkBox *box;
  GtkWidget *group;

  G_OBJECT_CLASS (cr_step_context_parent_class)->constructed (object);

  workshop = cr_step_get_workshop (CR_STEP (self));
  template = cr_workshop_get_template (workshop);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The Organisation"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the room says about where it stands. "
                                           "The recommendation weighs these answers; "
                                           "every change is saved as you make it."));
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      Field *field = create_field (self, cr_template_get_context (template, i));

      g_ptr_array_add (self->fields, field);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
      refresh_field (field);
    }

  box = cr_step_get_content (CR_STEP (self));
  gtk_box_append (box, group);

  if (cr_template_get_n_context (template) == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Context to Capture"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("This workshop's template asks no questions about the organisation."));
      gtk_widget_set_visible (group, FALSE);
      gtk_box_append (box, empty);
    }

  g_signal_connect_object (workshop, "context-changed", G_CALLBACK (on_context_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
cr_step_context_class_init (CrStepContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_step_context_constructed;
  object_class->dispose = cr_step_context_dispose;
}

static void
cr_step_context_init (CrStepContext *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

GtkWidget *
cr_step_context_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_CONTEXT, "workshop", workshop, NULL);
}
