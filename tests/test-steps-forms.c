/* test-steps-forms.c: the set-up, context and actions steps, driven on a real display
 *
 * Each test drives the real step in a window, then reads the database back
 * through a fresh workshop object, and changes the workshop behind the
 * step's back to check that the step follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-step-actions.h"
#include "cr-step-context.h"
#include "cr-step-setup.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static guint
count_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, (int) n) != NULL)
    n++;
  return n;
}

static GtkWidget *
row_part (GtkListBox *list_box,
          int         index,
          const char *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  g_assert_nonnull (row);
  return cr_test_ui_get_named (GTK_WIDGET (row), name);
}

/* Enter in an entry (GtkEntry has no activate_signal for gtk_widget_activate). */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (entry, "activate");
}

/* The text of an entry, or of a text view (an action's wrapping text). */
static const char *
text_of (GtkWidget *widget)
{
  static char *text;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  g_assert_true (GTK_IS_TEXT_VIEW (widget));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (text);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return text;
}

/* Sends a key press to the widget's own key controller, as a focused row
 * receives Delete. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static CrWorkshop *
new_workshop (CrStore    *store,
              CrTemplate *template)
{
  g_autoptr(GError) error = NULL;
  CrWorkshop *workshop = cr_workshop_create (store, template, "Operating model", "Northwind Logistics",
                                             "Sam Rivera", "2025-03-14", "People", &error);

  g_assert_no_error (error);
  return workshop;
}

/* The workshop as the database has it now. */
static CrWorkshop *
reload (CrWorkshop *workshop)
{
  g_autoptr(GError) error = NULL;
  CrWorkshop *fresh = cr_workshop_load (cr_workshop_get_store (workshop),
                                        cr_workshop_get_id (workshop), &error);

  g_assert_no_error (error);
  return fresh;
}

static CrParticipant *
participant_at (CrWorkshop *workshop,
                guint       index)
{
  CrParticipant *participant = g_list_model_get_item (cr_workshop_get_participants (workshop), index);

  g_assert_nonnull (participant);
  g_object_unref (participant);   /* the workshop keeps it */
  return participant;
}

static GtkWidget *
find_toplevel_named (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (toplevel), name) == 0)
        return toplevel;
    }
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* Set-up                                                                  */

static void
test_setup_details (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  g_autoptr(CrWorkshop) fresh = NULL;
  GtkWidget *step = cr_step_setup_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkWidget *title = cr_test_ui_get_named (step, "title");
  GtkWidget *date = cr_test_ui_get_named (step, "date");
  GtkWidget *function = cr_test_ui_get_named (step, "function-name");

  g_assert_cmpstr (text_of (title), ==, "Operating model");
  g_assert_cmpstr (text_of (date), ==, "2025-03-14");

  /* A field saved on apply; the others stay as the workshop has them. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Where People goes next");
  gtk_editable_set_text (GTK_EDITABLE (function), "People Experience (unapplied)");
  g_signal_emit_by_name (title, "apply");
  fresh = reload (workshop);
  g_assert_cmpstr (cr_workshop_get_title (fresh), ==, "Where People goes next");
  g_assert_cmpstr (cr_workshop_get_function_name (fresh), ==, "People");
  g_clear_object (&fresh);

  /* Not a real date: marked, and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2025-02-30");
  g_signal_emit_by_name (date, "apply");
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  fresh = reload (workshop);
  g_assert_cmpstr (cr_workshop_get_date (fresh), ==, "2025-03-14");
  g_clear_object (&fresh);

  gtk_editable_set_text (GTK_EDITABLE (date), " 2025-04-01 ");
  g_signal_emit_by_name (date, "apply");
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  fresh = reload (workshop);
  g_assert_cmpstr (cr_workshop_get_date (fresh), ==, "2025-04-01");
  g_clear_object (&fresh);

  /* A change made elsewhere (undo, another view) shows in the rows. */
  g_assert_true (cr_workshop_set_details (workshop, "Kick-off", "Contoso", "Sam Rivera",
                                          "2025-05-02", "HR", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (title), ==, "Kick-off");
  g_assert_cmpstr (text_of (cr_test_ui_get_named (step, "organisation")), ==, "Contoso");
  g_assert_cmpstr (text_of (date), ==, "2025-05-02");
  g_assert_cmpstr (text_of (function), ==, "HR");

  /* And so does Undo. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (title), ==, "Where People goes next");
  g_assert_cmpstr (text_of (date), ==, "2025-04-01");

  cr_test_ui_destroy_window (window, step);
}

/* A large room: the rows past the first screens are built as the list is
 * scrolled, and someone added is shown at once all the same. */
static void
test_setup_many_participants (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  GtkWidget *step;
  GtkWindow *window;
  GtkListBox *list;
  GtkAdjustment *adjustment;
  guint shown, timeout;

  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);

      g_assert_nonnull (cr_workshop_add_participant (workshop, name, "", &error));
      g_assert_no_error (error);
    }

  step = cr_step_setup_new (workshop);
  window = cr_test_ui_show_in_window (step);
  cr_test_ui_spin (100);
  list = GTK_LIST_BOX (cr_test_ui_get_named (step, "participants"));
  shown = count_rows (list);
  g_assert_cmpuint (shown, >=, 10);
  g_assert_cmpuint (shown, <, 120);
  g_assert_cmpstr (text_of (row_part (list, 0, "name")), ==, "Person 1");

  /* Added while most rows are not built: it is the last row, on screen. */
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_get_named (step, "add-name")), "Zoe Late");
  press_enter (cr_test_ui_get_named (step, "add-name"));
  g_assert_cmpuint (count_rows (list), ==, 121);
  g_assert_cmpstr (text_of (row_part (list, 120, "name")), ==, "Zoe Late");
  g_assert_cmpstr (text_of (row_part (list, 119, "name")), ==, "Person 120");

  /* Scrolling to the end, again and again, builds nothing twice. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (list),
                                                                                                 GTK_TYPE_SCROLLED_WINDOW)));
  timeout = cr_test_ui_watchdog (30, "the scrolled list to be complete");
  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      cr_test_ui_spin (50);
    }
  g_source_remove (timeout);
  g_assert_cmpuint (count_rows (list), ==, 121);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);

      g_assert_cmpstr (text_of (row_part (list, (int) i, "name")), ==, name);
    }

  cr_test_ui_destroy_window (window, step);
}

static void
test_setup_participants (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  g_autoptr(CrWorkshop) fresh = NULL;
  GtkWidget *step = cr_step_setup_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkListBox *list = GTK_LIST_BOX (cr_test_ui_get_named (step, "participants"));
  GtkWidget *add_name = cr_test_ui_get_named (step, "add-name");
  GtkWidget *add_role = cr_test_ui_get_named (step, "add-role");
  AdwPreferencesGroup *group;
  const char *db = cr_store_get_path (store);
  CrParticipant *participant;

  g_assert_cmpuint (count_rows (list), ==, 0);
  group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP));

  /* A named participant, by Enter in the name entry. */
  gtk_editable_set_text (GTK_EDITABLE (add_name), "Ana Lima");
  gtk_editable_set_text (GTK_EDITABLE (add_role), "Chief People Officer");
  press_enter (add_name);
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 1);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_cmpstr (text_of (row_part (list, 0, "name")), ==, "Ana Lima");
  g_assert_cmpstr (text_of (row_part (list, 0, "role")), ==, "Chief People Officer");
  g_assert_cmpstr (text_of (add_name), ==, "");
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "1 participant");

  /* An anonymous seat: the name stays empty, the seat name is the placeholder. */
  gtk_widget_activate (cr_test_ui_get_named (step, "add-seat"));
  cr_test_ui_spin (400);
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 2);
  g_assert_cmpstr (text_of (row_part (list, 1, "name")), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (row_part (list, 1, "name"))), ==, "Seat 2");

  /* Paste a list: the preview counts before anything is added. */
  gtk_widget_activate (cr_test_ui_get_named (step, "paste"));
  cr_test_ui_spin (400);
  {
    GtkWidget *dialog = find_toplevel_named ("paste-dialog");
    GtkTextView *view;

    g_assert_nonnull (dialog);
    view = GTK_TEXT_VIEW (cr_test_ui_get_named (dialog, "paste-text"));
    g_assert_false (gtk_widget_get_sensitive (cr_test_ui_get_named (dialog, "paste-add")));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                              "Ben Okafor, CFO\n\nChen Wei – CTO\nDana Ruiz\tCOO\nEve\n2 seats\n", -1);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cr_test_ui_get_named (dialog, "paste-preview"))), ==,
                     "4 participants, 2 anonymous seats");
    g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 2);
    gtk_widget_activate (cr_test_ui_get_named (dialog, "paste-add"));
    cr_test_ui_spin (400);
    g_assert_null (find_toplevel_named ("paste-dialog"));
  }
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 8);
  g_assert_cmpuint (count_rows (list), ==, 8);
  g_assert_cmpstr (text_of (row_part (list, 3, "name")), ==, "Chen Wei");
  g_assert_cmpstr (text_of (row_part (list, 3, "role")), ==, "CTO");
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "8 participants, 3 of them anonymous");
  fresh = reload (workshop);
  g_assert_cmpstr (cr_participant_get_name (participant_at (fresh, 4)), ==, "Dana Ruiz");
  g_assert_cmpstr (cr_participant_get_role (participant_at (fresh, 4)), ==, "COO");
  g_assert_null (cr_participant_get_name (participant_at (fresh, 7)));
  g_clear_object (&fresh);

  /* Rename inline: Enter saves; giving a seat a name makes it a person. */
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 0, "name")), "Ana Lima-Costa");
  press_enter (row_part (list, 0, "name"));
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 1, "name")), "Farid");
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 1, "role")), "Board member");
  press_enter (row_part (list, 1, "role"));
  fresh = reload (workshop);
  g_assert_cmpstr (cr_participant_get_name (participant_at (fresh, 0)), ==, "Ana Lima-Costa");
  g_assert_cmpstr (cr_participant_get_name (participant_at (fresh, 1)), ==, "Farid");
  g_assert_cmpstr (cr_participant_get_role (participant_at (fresh, 1)), ==, "Board member");
  g_clear_object (&fresh);
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "8 participants, 2 of them anonymous");

  /* Remove with the button, then with Delete on a focused row. */
  gtk_widget_activate (row_part (list, 2, "remove"));
  cr_test_ui_spin (400);
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 7);
  g_assert_cmpstr (text_of (row_part (list, 2, "name")), ==, "Chen Wei");
  g_assert_true (press_key (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2)), GDK_KEY_Delete));
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 6);
  g_assert_cmpstr (text_of (row_part (list, 2, "name")), ==, "Dana Ruiz");
  /* Another key on a row does nothing. */
  g_assert_false (press_key (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2)), GDK_KEY_a));
  g_assert_cmpint (cr_test_count_rows (db, "participants"), ==, 6);

  /* Changes made elsewhere show up. */
  participant = cr_workshop_add_participant (workshop, "Gita Rao", "CEO", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 7);
  g_assert_cmpstr (text_of (row_part (list, 6, "name")), ==, "Gita Rao");
  g_assert_true (cr_workshop_update_participant (workshop, participant, "Gita Rao", "Chief Executive", &error));
  g_assert_cmpstr (text_of (row_part (list, 6, "role")), ==, "Chief Executive");
  g_assert_true (cr_workshop_remove_participant (workshop, participant_at (workshop, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 6);
  g_assert_cmpstr (text_of (row_part (list, 0, "name")), ==, "Farid");
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "6 participants, 2 of them anonymous");

  /* Undo brings the removed participant back into the list. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 7);
  {
    gboolean found = FALSE;

    for (int i = 0; i < 7; i++)
      found |= g_str_equal (text_of (row_part (list, i, "name")), "Ana Lima-Costa");
    g_assert_true (found);
  }
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "7 participants, 2 of them anonymous");

  cr_test_ui_destroy_window (window, step);
}

/* ---------------------------------------------------------------------- */
/* Context                                                                 */

static double
context_number (CrWorkshop *workshop,
                const char *id)
{
  g_autoptr(CrWorkshop) fresh = reload (workshop);
  const CrContextValue *value = cr_workshop_get_context (fresh, id);

  g_assert_nonnull (value);
  g_assert_true (value->is_number);
  return value->number;
}

static char *
context_text (CrWorkshop *workshop,
              const char *id)
{
  g_autoptr(CrWorkshop) fresh = reload (workshop);
  const CrContextValue *value = cr_workshop_get_context (fresh, id);

  if (value == NULL)
    return NULL;
  g_assert_false (value->is_number);
  return g_strdup (value->text);
}

static gboolean
context_is_set (CrWorkshop *workshop,
                const char *id)
{
  g_autoptr(CrWorkshop) fresh = reload (workshop);

  return cr_workshop_get_context (fresh, id) != NULL;
}

static GtkToggleButton *
scale_point (GtkWidget *step,
             const char *id,
             guint       index)
{
  GtkWidget *linked = cr_test_ui_get_named (step, id);
  GtkWidget *child = gtk_widget_get_first_child (linked);

  for (guint i = 0; i < index && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (child));
  return GTK_TOGGLE_BUTTON (child);
}

static void
test_context_kinds (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(CrTemplate) template = cr_template_new_from_file (path, &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autofree char *text = NULL;
  GtkWidget *step, *size, *stage, *name, *size_row;
  GtkWindow *window;
  const char *db;

  g_assert_no_error (error);
  workshop = new_workshop (store, template);
  db = cr_store_get_path (store);
  step = cr_step_context_new (workshop);
  window = cr_test_ui_show_in_window (step);
  size = cr_test_ui_get_named (step, "size");
  stage = cr_test_ui_get_named (step, "stage");
  name = cr_test_ui_get_named (step, "name");

  /* Nothing answered: a blank number, "Not answered", no point pressed. */
  g_assert_cmpstr (text_of (size), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (stage)), ==, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_false (gtk_toggle_button_get_active (scale_point (step, "maturity", i)));

  /* Number: typed and Enter saves at once. */
  gtk_editable_set_text (GTK_EDITABLE (size), "1200");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (size)), "activate");
  g_assert_cmpfloat (context_number (workshop, "size"), ==, 1200);
  /* Stepped with the arrows: saved once it rests, as one change. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size), 1300);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size), 1400);
  g_assert_cmpfloat (context_number (workshop, "size"), ==, 1200);
  cr_test_ui_spin (800);
  g_assert_cmpfloat (context_number (workshop, "size"), ==, 1400);
  g_assert_cmpint (cr_test_count_rows (db, "context_answers"), ==, 1);
  /* The clear button unsets it. */
  size_row = gtk_widget_get_ancestor (size, ADW_TYPE_ACTION_ROW);
  gtk_widget_activate (cr_test_ui_get_named (size_row, "clear"));
  cr_test_ui_spin (400);
  g_assert_false (context_is_set (workshop, "size"));
  g_assert_cmpstr (text_of (size), ==, "");

  /* Choice, and back to "Not answered". */
  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), 2);
  text = context_text (workshop, "stage");
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), 0);
  g_assert_false (context_is_set (workshop, "stage"));

  /* Scale: a point; pressing it again takes the answer back. */
  gtk_toggle_button_set_active (scale_point (step, "maturity", 3), TRUE);
  g_assert_cmpfloat (context_number (workshop, "maturity"), ==, 4);
  gtk_toggle_button_set_active (scale_point (step, "maturity", 1), TRUE);
  g_assert_cmpfloat (context_number (workshop, "maturity"), ==, 2);
  g_assert_false (gtk_toggle_button_get_active (scale_point (step, "maturity", 3)));
  gtk_toggle_button_set_active (scale_point (step, "maturity", 1), FALSE);
  g_assert_false (context_is_set (workshop, "maturity"));

  /* Text, saved on apply; empty unsets. */
  gtk_editable_set_text (GTK_EDITABLE (name), "  People Experience ");
  g_signal_emit_by_name (name, "apply");
  text = context_text (workshop, "name");
  g_assert_cmpstr (text, ==, "People Experience");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (text_of (name), ==, "People Experience");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_signal_emit_by_name (name, "apply");
  g_assert_false (context_is_set (workshop, "name"));

  /* Changes made elsewhere (undo, an import) show in the form. */
  {
    CrContextValue number = { TRUE, 85, NULL };
    CrContextValue choice = { FALSE, 0, (char *) "young" };
    CrContextValue scale = { TRUE, 5, NULL };
    CrContextValue words = { FALSE, 0, (char *) "HR" };

    g_assert_true (cr_workshop_set_context (workshop, "size", &number, &error));
    g_assert_true (cr_workshop_set_context (workshop, "stage", &choice, &error));
    g_assert_true (cr_workshop_set_context (workshop, "maturity", &scale, &error));
    g_assert_true (cr_workshop_set_context (workshop, "name", &words, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (text_of (size), ==, "85");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (stage)), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (scale_point (step, "maturity", 4)));
  g_assert_cmpstr (text_of (name), ==, "HR");
  g_assert_true (cr_workshop_set_context (workshop, "size", NULL, &error));
  g_assert_true (cr_workshop_set_context (workshop, "stage", NULL, &error));
  g_assert_cmpstr (text_of (size), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (stage)), ==, 0);
  /* Refreshing the form wrote nothing back. */
  g_assert_cmpint (cr_test_count_rows (db, "context_answers"), ==, 2);

  /* Undo puts the last answer back, and the form follows. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (stage)), ==, 1);
  g_assert_cmpint (cr_test_count_rows (db, "context_answers"), ==, 3);

  cr_test_ui_destroy_window (window, step);
}

/* A template may give a context scale up to 2,001 points: one button each
 * made the step some 60,000 pixels wide, and the window died of an X
 * BadAlloc as it was shown. Past a row of buttons, the scale is a spin
 * button held to its ends. */
static void
test_context_wide_scale (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_source_path ("templates", "valid.json", NULL);
  g_autoptr(GBytes) bytes = cr_test_read_file (path);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GBytes) wide = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  GtkWidget *step, *maturity;
  GtkWindow *window;
  int minimum = 0;

  g_assert_cmpuint (g_string_replace (text, "\"min\": 1,\n      \"max\": 5,", "\"min\": -1000,\n      \"max\": 1000,", 1), ==, 1);
  wide = g_bytes_new (text->str, text->len);
  template = cr_template_new_from_bytes (wide, &error);
  g_assert_no_error (error);
  workshop = new_workshop (store, template);
  step = cr_step_context_new (workshop);
  window = cr_test_ui_show_in_window (step);

  gtk_widget_measure (step, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("narrowest: %d pixels", minimum);
  g_assert_cmpint (minimum, <=, 1024);
  maturity = cr_test_ui_get_named (step, "maturity");
  g_assert_true (GTK_IS_SPIN_BUTTON (maturity));
  g_assert_cmpstr (text_of (maturity), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (maturity), "-250");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (maturity)), "activate");
  g_assert_cmpfloat (context_number (workshop, "maturity"), ==, -250);
  /* Beyond its ends, it is held to them. */
  gtk_editable_set_text (GTK_EDITABLE (maturity), "5000");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (maturity)), "activate");
  g_assert_cmpfloat (context_number (workshop, "maturity"), ==, 1000);
  {
    CrContextValue scale = { TRUE, -1000, NULL };

    g_assert_true (cr_workshop_set_context (workshop, "maturity", &scale, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (text_of (maturity), ==, "-1000");

  cr_test_ui_destroy_window (window, step);
}

/* The built-in template's fields, each with its one-line help. */
static void
test_context_builtin (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  GtkWidget *step = cr_step_context_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkWidget *stage = cr_test_ui_get_named (step, "stage");
  GtkWidget *headcount_row = gtk_widget_get_ancestor (cr_test_ui_get_named (step, "headcount"), ADW_TYPE_ACTION_ROW);
  GListModel *labels = adw_combo_row_get_model (ADW_COMBO_ROW (stage));
  g_autofree char *text = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (headcount_row)), ==, "Headcount");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (headcount_row)), ==,
                   cr_template_find_context (template, "headcount")->help);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "Not answered");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 4), ==, "Enterprise");

  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), 4);
  text = context_text (workshop, "stage");
  g_assert_cmpstr (text, ==, "enterprise");

  cr_test_ui_destroy_window (window, step);
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                 */

static void
test_actions (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  g_autoptr(CrWorkshop) fresh = NULL;
  GtkWidget *step = cr_step_actions_new (workshop);
  GtkWindow *window = cr_test_ui_show_in_window (step);
  GtkListBox *list = GTK_LIST_BOX (cr_test_ui_get_named (step, "actions"));
  GtkWidget *add_text = cr_test_ui_get_named (step, "add-text");
  GtkWidget *add_owner = cr_test_ui_get_named (step, "add-owner");
  GtkWidget *add_due = cr_test_ui_get_named (step, "add-due");
  GtkWidget *empty = cr_test_ui_get_named (step, "empty");
  const char *db = cr_store_get_path (store);
  CrAction *action;

  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (empty)), ==,
                   "No actions yet. Agree the first steps with the room: what, who, by when.");

  /* A due date that is not a date: marked, nothing added. */
  gtk_editable_set_text (GTK_EDITABLE (add_text), "Map the five most-used People services");
  gtk_editable_set_text (GTK_EDITABLE (add_owner), "Ana");
  gtk_editable_set_text (GTK_EDITABLE (add_due), "2025-13-01");
  press_enter (add_text);
  g_assert_true (gtk_widget_has_css_class (add_due, "error"));
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (add_due), "2025-04-30");
  press_enter (add_due);
  g_assert_false (gtk_widget_has_css_class (add_due, "error"));
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 1);
  g_assert_cmpstr (text_of (add_text), ==, "");

  /* Without a due date, with the Add button. */
  gtk_editable_set_text (GTK_EDITABLE (add_text), "Pick a pilot people product");
  gtk_editable_set_text (GTK_EDITABLE (add_owner), "Ben");
  gtk_widget_activate (cr_test_ui_get_named (step, "add-action"));
  cr_test_ui_spin (400);
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 2);
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_assert_false (gtk_widget_get_mapped (empty));
  g_assert_cmpstr (text_of (row_part (list, 1, "text")), ==, "Pick a pilot people product");
  g_assert_cmpstr (text_of (row_part (list, 1, "due")), ==, "");

  /* No text: nothing added. */
  press_enter (add_text);
  g_assert_true (gtk_widget_has_css_class (add_text, "error"));
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 2);

  /* Edit inline. */
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 1, "owner")), "Chen");
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 1, "due")), "2025-06-15");
  press_enter (row_part (list, 1, "due"));
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 0, "due")), "soon");
  press_enter (row_part (list, 0, "due"));
  g_assert_true (gtk_widget_has_css_class (row_part (list, 0, "due"), "error"));
  fresh = reload (workshop);
  action = g_list_model_get_item (cr_workshop_get_actions (fresh), 1);
  g_assert_cmpstr (cr_action_get_owner (action), ==, "Chen");
  g_assert_cmpstr (cr_action_get_due (action), ==, "2025-06-15");
  g_object_unref (action);
  action = g_list_model_get_item (cr_workshop_get_actions (fresh), 0);
  g_assert_cmpstr (cr_action_get_due (action), ==, "2025-04-30");
  g_object_unref (action);
  g_clear_object (&fresh);

  /* Changes made elsewhere show up, and clear a half-typed date. */
  action = g_list_model_get_item (cr_workshop_get_actions (workshop), 0);
  g_assert_true (cr_workshop_update_action (workshop, action, "Map the People services",
                                            "Ana", "2025-05-02", &error));
  g_assert_no_error (error);
  g_object_unref (action);
  g_assert_cmpstr (text_of (row_part (list, 0, "text")), ==, "Map the People services");
  g_assert_cmpstr (text_of (row_part (list, 0, "due")), ==, "2025-05-02");
  g_assert_false (gtk_widget_has_css_class (row_part (list, 0, "due"), "error"));
  g_assert_nonnull (cr_workshop_add_action (workshop, "Share the summary", "Sam", NULL, &error));
  g_assert_cmpuint (count_rows (list), ==, 3);
  g_assert_cmpstr (text_of (row_part (list, 2, "owner")), ==, "Sam");

  /* Remove with Delete on a focused row, then with the button. */
  g_assert_true (press_key (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), GDK_KEY_Delete));
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 2);
  g_assert_cmpstr (text_of (row_part (list, 0, "owner")), ==, "Chen");
  gtk_widget_activate (row_part (list, 1, "remove"));
  gtk_widget_activate (row_part (list, 0, "remove"));
  cr_test_ui_spin (400);
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 0);
  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_true (gtk_widget_get_mapped (empty));

  /* Undo brings the last one back. */
  g_assert_true (cr_workshop_undo (workshop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_cmpint (cr_test_count_rows (db, "actions"), ==, 1);
  cr_test_ui_spin (100);
  g_assert_false (gtk_widget_get_mapped (empty));

  cr_test_ui_destroy_window (window, step);
}

/* The popover a menu button shows, opened. */
static GtkWidget *
open_picker (GtkWidget *button)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cr_test_ui_spin (100);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static void
pick_day (GtkWidget *button,
          int        year,
          int        month,
          int        day)
{
  GtkWidget *popover = open_picker (button);
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  g_assert_true (GTK_IS_CALENDAR (calendar));
  gtk_calendar_select_day (calendar, date);
  g_signal_emit_by_name (calendar, "day-selected");
  cr_test_ui_spin (100);
  g_assert_false (gtk_widget_get_visible (popover));
}

/* A due date from a calendar, an owner from the room, and a message that
 * says what a due date takes. */
static void
test_actions_pickers (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = new_workshop (store, template);
  g_autoptr(CrWorkshop) fresh = NULL;
  g_autoptr(CrAction) saved = NULL;
  GtkWidget *step, *message, *popover, *owners;
  GtkWindow *window;
  GtkListBox *list;
  GtkListBoxRow *row;
  CrAction *action;

  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ana Lima", "CPO", &error));
  g_assert_nonnull (cr_workshop_add_participant (workshop, NULL, NULL, &error));
  g_assert_nonnull (cr_workshop_add_participant (workshop, "Ben Okafor", "CFO", &error));
  action = cr_workshop_add_action (workshop, "Map the People services", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);

  step = cr_step_actions_new (workshop);
  window = cr_test_ui_show_in_window (step);
  list = GTK_LIST_BOX (cr_test_ui_get_named (step, "actions"));

  /* Free text that is not a date: marked, said why, nothing saved. */
  message = row_part (list, 0, "due-message");
  g_assert_false (gtk_widget_get_visible (message));
  gtk_editable_set_text (GTK_EDITABLE (row_part (list, 0, "due")), "next Friday");
  press_enter (row_part (list, 0, "due"));
  g_assert_true (gtk_widget_has_css_class (row_part (list, 0, "due"), "error"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "“next Friday” is not a date"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "2025-06-30"));
  g_assert_null (cr_action_get_due (action));

  /* The calendar puts the date in, in the format the field takes, and saves it. */
  pick_day (row_part (list, 0, "due-picker"), 2025, 7, 4);
  g_assert_cmpstr (text_of (row_part (list, 0, "due")), ==, "2025-07-04");
  g_assert_false (gtk_widget_has_css_class (row_part (list, 0, "due"), "error"));
  g_assert_false (gtk_widget_get_visible (row_part (list, 0, "due-message")));

  /* The owner from the named participants (an anonymous seat owns nothing). */
  popover = open_picker (row_part (list, 0, "owner-picker"));
  owners = cr_test_ui_get_named (popover, "owners");
  g_assert_cmpuint (count_rows (GTK_LIST_BOX (owners)), ==, 2);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (owners), 1);
  g_signal_emit_by_name (owners, "row-activated", row);
  cr_test_ui_spin (100);
  g_assert_cmpstr (text_of (row_part (list, 0, "owner")), ==, "Ben Okafor");

  fresh = reload (workshop);
  saved = g_list_model_get_item (cr_workshop_get_actions (fresh), 0);
  g_assert_cmpstr (cr_action_get_due (saved), ==, "2025-07-04");
  g_assert_cmpstr (cr_action_get_owner (saved), ==, "Ben Okafor");

  /* In the new action's row, picking fills the fields; Enter adds it. */
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_get_named (step, "add-text")), "Share the summary");
  pick_day (cr_test_ui_get_named (step, "add-due-picker"), 2025, 7, 11);
  g_assert_cmpstr (text_of (cr_test_ui_get_named (step, "add-due")), ==, "2025-07-11");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_get_named (step, "add-due")), "11/07/2025");
  press_enter (cr_test_ui_get_named (step, "add-text"));
  g_assert_true (gtk_widget_get_visible (cr_test_ui_get_named (step, "add-due-message")));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 1);
  pick_day (cr_test_ui_get_named (step, "add-due-picker"), 2025, 7, 11);
  press_enter (cr_test_ui_get_named (step, "add-text"));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "actions"), ==, 2);
  g_assert_false (gtk_widget_get_visible (cr_test_ui_get_named (step, "add-due-message")));

  cr_test_ui_destroy_window (window, step);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/steps-forms/setup/details", test_setup_details);
  g_test_add_func ("/steps-forms/setup/participants", test_setup_participants);
  g_test_add_func ("/steps-forms/setup/many-participants", test_setup_many_participants);
  g_test_add_func ("/steps-forms/context/kinds", test_context_kinds);
  g_test_add_func ("/steps-forms/context/builtin", test_context_builtin);
  g_test_add_func ("/steps-forms/context/wide-scale", test_context_wide_scale);
  g_test_add_func ("/steps-forms/actions", test_actions);
  g_test_add_func ("/steps-forms/actions/pickers", test_actions_pickers);

  return g_test_run ();
}
