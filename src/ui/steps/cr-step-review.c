/* cr-step-review.c
 *
 * The marks are the re-run's own (cr_workshop_get_review): the room says
 * what became of each action, and the earlier workshop stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-review"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-label.h"
#include "cr-status-picker.h"
#include "cr-step-review.h"

struct _CrStepReview
{
  CrStep               parent_instance;

  AdwPreferencesGroup *group;
  GtkListBox          *list_box;
};

G_DEFINE_FINAL_TYPE (CrStepReview, cr_step_review, CR_TYPE_STEP)

/* "Ana · by 2025-06-30": who, and by when, as it was agreed. */
static char *
who_and_when (CrAction *action)
{
  const char *owner = cr_action_get_owner (action);
  const char *due = cr_action_get_due (action);

  if (owner[0] != '\0' && due != NULL)
    /* Translators: who does a first step, and by when, e.g. "Ana · by 2026-12-01" */
    return g_strdup_printf (_("%s · by %s"), owner, due);
  if (owner[0] != '\0')
    return g_strdup (owner);
  if (due != NULL)
    return g_strdup_printf (_("By %s"), due);
  return NULL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrStepReview *self = user_data;
  CrAction *action = CR_ACTION (item);
  g_autofree char *who = who_and_when (action);
  GtkWidget *row, *box, *text;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  text = cr_label_new_wrapping (cr_action_get_text (action), "heading");
  gtk_widget_set_name (text, "text");
  gtk_box_append (GTK_BOX (box), text);
  if (who != NULL)
    {
      GtkWidget *line = cr_label_new_wrapping (who, "dim-label");

      gtk_widget_set_name (line, "who");
      gtk_box_append (GTK_BOX (box), line);
    }
  gtk_box_append (GTK_BOX (box), cr_status_picker_new (cr_step_get_workshop (CR_STEP (self)), action));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cr_action_get_text (action), -1);
  return row;
}

/* Where last time's actions come from: the earlier workshop by name when
 * this library has it. */
static char *
describe_source (CrWorkshop *workshop)
{
  gint64 id = cr_workshop_get_rerun_of (workshop);
  g_autoptr(CrWorkshop) previous = NULL;

  if (id != 0)
    previous = cr_workshop_load (cr_workshop_get_store (workshop), id, NULL);
  if (previous != NULL)
    /* Translators: %s are the earlier workshop's title and date */
    return g_strdup_printf (_("Agreed at “%s” on %s. Mark each one with the room: done, dropped or still open, and what came of it."),
                            cr_workshop_get_title (previous), cr_workshop_get_date (previous));
  return g_strdup (_("Agreed at the previous workshop. Mark each one with the room: done, dropped or still open, and what came of it."));
}

static void
cr_step_review_dispose (GObject *object)
{
  CrStepReview *self = CR_STEP_REVIEW (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (cr_step_review_parent_class)->dispose (object);
}

static void
cr_step_review_constructed (GObject *object)
{
  CrStepReview *self = CR_STEP_REVIEW (object);
  CrWorkshop *workshop;
  GtkWidget *placeholder;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (cr_step_review_parent_class)->constructed (object);

  workshop = cr_step_get_workshop (CR_STEP (self));
  description = describe_source (workshop);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Last Time’s Actions"));
  adw_preferences_group_set_description (self->group, description);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list_box), "review");
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Last time’s actions"), -1);
  placeholder = cr_step_new_placeholder (_("The previous workshop agreed no actions: nothing to review."));
  gtk_widget_set_name (placeholder, "empty");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  gtk_list_box_bind_model (self->list_box, cr_workshop_get_review (workshop), create_row, self, NULL);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list_box));

  gtk_box_append (cr_step_get_content (CR_STEP (self)), GTK_WIDGET (self->group));
}

static void
cr_step_review_class_init (CrStepReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = cr_step_review_constructed;
  G_OBJECT_CLASS (klass)->dispose = cr_step_review_dispose;
}

static void
cr_step_review_init (CrStepReview *self)
{
}

GtkWidget *
cr_step_review_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_REVIEW, "workshop", workshop, NULL);
}
