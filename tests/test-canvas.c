/* test-canvas.c: the canvas step, driven on a real display
 *
 * Each test drives the real step in a window and checks the database
 * through a separate connection, then changes the workshop behind the
 * step's back to check that the step follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-note-row.h"
#include "cr-step-canvas.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

typedef struct
{
  CrStore    *store;
  CrWorkshop *workshop;
  GtkWindow  *window;
  GtkWidget  *canvas;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = cr_test_new_store ();
  fixture->workshop = cr_test_new_workshop (fixture->store, "people-product-models", "Operating model",
                                            "Acme", "Maria", "2025-03-14", "People Experience");

  fixture->canvas = g_object_ref_sink (cr_step_canvas_new (fixture->workshop));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1366, 768);
  gtk_window_set_child (fixture->window, fixture->canvas);
  gtk_window_present (fixture->window);
  cr_test_ui_wait_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  cr_test_ui_settle ();
  /* The canvas let go of the workshop's signals and of every row. */
  g_assert_finalize_object (g_steal_pointer (&fixture->canvas));
  g_assert_finalize_object (g_steal_pointer (&fixture->workshop));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

/* The workshop's notes as the database has them: "option/kind/text" lines
 * in id order, read through a connection of its own. */
static char *
db_notes (Fixture *fixture)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (cr_store_get_path (fixture->store), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT option, kind, text FROM notes "
                                           "WHERE workshop_id = ?1 ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, cr_workshop_get_id (fixture->workshop));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s/%s/%s\n",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
collect_labels (GtkWidget  *root,
                const char *css_class,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, css_class))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, out);
}

static GtkListBox *
lane (Fixture    *fixture,
      const char *option,
      const char *kind)
{
  g_autofree char *name = g_strdup_printf ("lane:%s:%s", option, kind);
  GtkWidget *found = cr_test_ui_find_named (fixture->canvas, name);

  if (found == NULL)
    g_error ("no lane '%s'", name);
  return GTK_LIST_BOX (found);
}

static GtkWidget *
add_row (Fixture    *fixture,
         const char *option,
         const char *kind)
{
  g_autofree char *name = g_strdup_printf ("add:%s:%s", option, kind);
  GtkWidget *found = cr_test_ui_find_named (fixture->canvas, name);

  if (found == NULL)
    g_error ("no add entry '%s'", name);
  return found;
}

/* The note rows of a lane, as "text|text|..." (the add entry is not a note). */
static char *
lane_texts (Fixture    *fixture,
            const char *option,
            const char *kind)
{
  GtkListBox *list = lane (fixture, option, kind);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (CR_IS_NOTE_ROW (row))
      {
        GtkLabel *label = GTK_LABEL (cr_test_ui_find (GTK_WIDGET (row), GTK_TYPE_LABEL));

        /* What the row shows is what the note says. */
        g_assert_cmpstr (gtk_label_get_text (label), ==,
                         cr_note_get_text (cr_note_row_get_note (CR_NOTE_ROW (row))));
        g_assert_false (gtk_label_get_use_markup (label));
        g_ptr_array_add (texts, (gpointer) gtk_label_get_text (label));
      }
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("|", (char **) texts->pdata);
}

static CrNoteRow *
row_of (Fixture *fixture,
        CrNote  *note)
{
  const char *options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
  const char *kinds[] = { "strength", "risk", "question" };

  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        GtkListBox *list = lane (fixture, options[o], kinds[k]);
        GtkListBoxRow *row;

        for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
          if (CR_IS_NOTE_ROW (row) && cr_note_row_get_note (CR_NOTE_ROW (row)) == note)
            return CR_NOTE_ROW (row);
      }
  return NULL;
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gboolean
focus_is_in (Fixture   *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Types into an add entry and presses Enter in it, the way a user does. */
static void
type_and_enter (GtkWidget  *entry_row,
                const char *text)
{
  GtkWidget *text_widget = cr_test_ui_find (entry_row, GTK_TYPE_TEXT);

  g_assert_nonnull (text_widget);
  gtk_widget_grab_focus (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (text_widget, "activate");
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static void
test_columns (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  guint n_lane_titles = 0;

  collect_labels (fixture->canvas, "title-2", titles);
  g_assert_cmpuint (titles->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Productised HR as a Service");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "Projects and Programmes as Products");
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "People Experience as a Product");

  collect_labels (fixture->canvas, "heading", headings);
  for (guint i = 0; i < headings->len; i++)
    if (g_str_equal (g_ptr_array_index (headings, i), "Strengths we see") ||
        g_str_equal (g_ptr_array_index (headings, i), "Risks we see") ||
        g_str_equal (g_ptr_array_index (headings, i), "Questions"))
      n_lane_titles++;
  g_assert_cmpuint (n_lane_titles, ==, 9);

  /* At 1366 px the three columns sit side by side, none cut off. */
  for (guint i = 0; i < 3; i++)
    {
      const char *options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
      GtkWidget *list = GTK_WIDGET (lane (fixture, options[i], "strength"));
      graphene_point_t point;

      g_assert_true (gtk_widget_get_mapped (list));
      g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (fixture->window),
                                               &GRAPHENE_POINT_INIT (gtk_widget_get_width (list), 0),
                                               &point));
      g_assert_cmpfloat (point.x, <=, 1366);
    }
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *entry = add_row (fixture, "projects-as-products", "risk");
  g_autofree char *notes = NULL;
  g_autofree char *texts = NULL;

  type_and_enter (entry, "  Who decides what comes first?  ");
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "projects-as-products/risk/Who decides what comes first?\n");
  texts = lane_texts (fixture, "projects-as-products", "risk");
  g_assert_cmpstr (texts, ==, "Who decides what comes first?");

  /* Cleared and still focused, ready for the next note. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (focus_is_in (fixture, entry));

  type_and_enter (entry, "<b>Portfolio</b> & silos");
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "projects-as-products", "risk");
  g_assert_cmpstr (texts, ==, "Who decides what comes first?|<b>Portfolio</b> & silos");
  g_assert_true (focus_is_in (fixture, entry));

  /* Nothing typed: nothing added. */
  type_and_enter (entry, "   ");
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "projects-as-products/risk/Who decides what comes first?\n"
                   "projects-as-products/risk/<b>Portfolio</b> & silos\n");

  /* Each lane adds its own kind to its own option. */
  type_and_enter (add_row (fixture, "px-as-a-product", "question"), "Who runs payroll?");
  type_and_enter (add_row (fixture, "hr-as-a-service", "strength"), "Services we know");
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "projects-as-products/risk/Who decides what comes first?\n"
                   "projects-as-products/risk/<b>Portfolio</b> & silos\n"
                   "px-as-a-product/question/Who runs payroll?\n"
                   "hr-as-a-service/strength/Services we know\n");
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrNote *note = cr_workshop_add_note (fixture->workshop, "hr-as-a-service", CR_NOTE_RISK,
                                       "Agile theatre", 0, &error);
  CrNoteRow *row;
  GtkWidget *entry;
  g_autofree char *notes = NULL;
  g_autofree char *texts = NULL;

  g_assert_no_error (error);
  row = row_of (fixture, note);
  g_assert_nonnull (row);

  /* Activating the row (Enter, or a click) edits it in place. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (cr_note_row_get_editing (row));
  entry = cr_test_ui_find (GTK_WIDGET (row), GTK_TYPE_ENTRY);
  g_assert_true (focus_is_in (fixture, entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Agile theatre");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Agile theatre on waterfall plans");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (cr_note_row_get_editing (row));
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (row)));
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "hr-as-a-service/risk/Agile theatre on waterfall plans\n");
  texts = lane_texts (fixture, "hr-as-a-service", "risk");
  g_assert_cmpstr (texts, ==, "Agile theatre on waterfall plans");

  /* Escape puts the text back and saves nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "canvas.edit", NULL));
  g_assert_true (cr_note_row_get_editing (row));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Something else entirely");
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.cancel", NULL));
  g_assert_false (cr_note_row_get_editing (row));
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "hr-as-a-service/risk/Agile theatre on waterfall plans\n");
  g_assert_cmpstr (cr_note_get_text (note), ==, "Agile theatre on waterfall plans");

  /* Leaving the entry keeps what was typed. */
  gtk_widget_activate (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Agile theatre");
  gtk_widget_grab_focus (add_row (fixture, "hr-as-a-service", "risk"));
  cr_test_ui_spin (50);
  g_assert_false (cr_note_row_get_editing (row));
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "hr-as-a-service/risk/Agile theatre\n");

  /* One edit, one undo step. */
  g_assert_true (cr_workshop_undo (fixture->workshop, &error));
  g_assert_no_error (error);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "hr-as-a-service", "risk");
  g_assert_cmpstr (texts, ==, "Agile theatre on waterfall plans");
}

static gboolean
has_binding (GtkWidget  *widget,
             const char *trigger,
             const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrNote *note = cr_workshop_add_note (fixture->workshop, "hr-as-a-service", CR_NOTE_STRENGTH,
                                       "Known services", 0, &error);
  CrNoteRow *row;
  g_autofree char *notes = NULL;
  g_autofree char *texts = NULL;

  g_assert_no_error (error);
  cr_workshop_add_note (fixture->workshop, "projects-as-products", CR_NOTE_STRENGTH,
                        "Discovery first", 0, &error);
  g_assert_no_error (error);
  row = row_of (fixture, note);
  gtk_widget_grab_focus (GTK_WIDGET (row));

  g_assert_true (has_binding (GTK_WIDGET (row), "<Alt>Left", "canvas.move-left"));
  g_assert_true (has_binding (GTK_WIDGET (row), "<Alt>Right", "canvas.move-right"));
  g_assert_true (has_binding (GTK_WIDGET (row), "<Alt>Up", "canvas.move-up"));
  g_assert_true (has_binding (GTK_WIDGET (row), "<Alt>Down", "canvas.move-down"));
  g_assert_true (has_binding (GTK_WIDGET (row), "Delete", "canvas.delete"));

  /* Alt+Right: the next option, same lane, after the notes already there;
   * the same row, still focused, so the facilitator can keep moving it. */
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.move-right", NULL));
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "projects-as-products/strength/Known services\n"
                   "projects-as-products/strength/Discovery first\n");
  texts = lane_texts (fixture, "projects-as-products", "strength");
  g_assert_cmpstr (texts, ==, "Known services|Discovery first");
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "hr-as-a-service", "strength");
  g_assert_cmpstr (texts, ==, "");
  g_assert_true (row_of (fixture, note) == row);
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (row)));

  /* Alt+Down twice: risks, then questions; a third has nowhere to go. */
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.move-down", NULL));
  g_assert_cmpint (cr_note_get_kind (note), ==, CR_NOTE_RISK);
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.move-down", NULL));
  g_assert_cmpint (cr_note_get_kind (note), ==, CR_NOTE_QUESTION);
  gtk_widget_activate_action (focus_of (fixture), "canvas.move-down", NULL);
  g_assert_cmpint (cr_note_get_kind (note), ==, CR_NOTE_QUESTION);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "projects-as-products", "question");
  g_assert_cmpstr (texts, ==, "Known services");
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (row)));

  /* Alt+Up and Alt+Left. */
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.move-up", NULL));
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.move-left", NULL));
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "hr-as-a-service/risk/Known services\n"
                   "projects-as-products/strength/Discovery first\n");
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (row)));

  /* Alt+Left at the first option has nowhere to go either. */
  gtk_widget_activate_action (focus_of (fixture), "canvas.move-left", NULL);
  g_assert_cmpstr (cr_note_get_option (note), ==, "hr-as-a-service");

  /* The row's "Move to" menu: any option and lane at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "canvas.move-to", "(si)",
                                             "px-as-a-product", (int) CR_NOTE_QUESTION));
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "px-as-a-product", "question");
  g_assert_cmpstr (texts, ==, "Known services");
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "px-as-a-product/question/Known services\n"
                   "projects-as-products/strength/Discovery first\n");

  /* Each move is one undo step. */
  g_assert_true (cr_workshop_undo (fixture->workshop, &error));
  g_assert_no_error (error);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "hr-as-a-service", "risk");
  g_assert_cmpstr (texts, ==, "Known services");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrNote *first, *second;
  CrNoteRow *row;
  GtkWidget *button;
  g_autofree char *notes = NULL;
  g_autofree char *texts = NULL;

  first = cr_workshop_add_note (fixture->workshop, "px-as-a-product", CR_NOTE_RISK,
                                "Day-to-day HR eats the time", 0, &error);
  g_assert_no_error (error);
  second = cr_workshop_add_note (fixture->workshop, "px-as-a-product", CR_NOTE_RISK,
                                 "Needs a different profile", 0, &error);
  g_assert_no_error (error);

  /* The Delete key's action; focus goes to the neighbour that took its place. */
  row = row_of (fixture, first);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "canvas.delete", NULL));
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "px-as-a-product/risk/Needs a different profile\n");
  texts = lane_texts (fixture, "px-as-a-product", "risk");
  g_assert_cmpstr (texts, ==, "Needs a different profile");
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (row_of (fixture, second))));

  /* The row's delete button. */
  row = row_of (fixture, second);
  button = cr_test_ui_find_named (GTK_WIDGET (row), "delete");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  cr_test_ui_spin (400);
  g_clear_pointer (&notes, g_free);
  notes = db_notes (fixture);
  g_assert_cmpstr (notes, ==, "");
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "px-as-a-product", "risk");
  g_assert_cmpstr (texts, ==, "");

  /* Undo brings the note back, in its lane. */
  g_assert_true (cr_workshop_undo (fixture->workshop, &error));
  g_assert_no_error (error);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "px-as-a-product", "risk");
  g_assert_cmpstr (texts, ==, "Needs a different profile");
}

static void
test_follows_workshop (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = add_row (fixture, "hr-as-a-service", "question");
  CrNote *editing_note, *note;
  CrNoteRow *editing_row;
  GtkWidget *editing_entry;
  g_autofree char *texts = NULL;

  /* Focus is in one lane's entry while notes change elsewhere. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Half-typed");

  note = cr_workshop_add_note (fixture->workshop, "hr-as-a-service", CR_NOTE_QUESTION,
                               "Added elsewhere", 0, &error);
  g_assert_no_error (error);
  texts = lane_texts (fixture, "hr-as-a-service", "question");
  g_assert_cmpstr (texts, ==, "Added elsewhere");
  g_assert_true (focus_is_in (fixture, entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Half-typed");

  g_assert_true (cr_workshop_update_note (fixture->workshop, note, "hr-as-a-service",
                                          CR_NOTE_QUESTION, "Changed elsewhere", &error));
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "hr-as-a-service", "question");
  g_assert_cmpstr (texts, ==, "Changed elsewhere");

  g_assert_true (cr_workshop_update_note (fixture->workshop, note, "projects-as-products",
                                          CR_NOTE_STRENGTH, "Moved elsewhere", &error));
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "hr-as-a-service", "question");
  g_assert_cmpstr (texts, ==, "");
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "projects-as-products", "strength");
  g_assert_cmpstr (texts, ==, "Moved elsewhere");

  /* A row being edited keeps its focus and its typing while others change. */
  editing_note = cr_workshop_add_note (fixture->workshop, "projects-as-products", CR_NOTE_STRENGTH,
                                       "Being edited", 0, &error);
  g_assert_no_error (error);
  editing_row = row_of (fixture, editing_note);
  cr_note_row_start_editing (editing_row);
  editing_entry = cr_test_ui_find (GTK_WIDGET (editing_row), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (editing_entry), "Being edited, more");

  g_assert_true (cr_workshop_remove_note (fixture->workshop, note, &error));
  g_assert_no_error (error);
  cr_workshop_add_note (fixture->workshop, "projects-as-products", CR_NOTE_STRENGTH,
                        "Another one", 0, &error);
  g_assert_no_error (error);
  cr_test_ui_spin (50);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "projects-as-products", "strength");
  g_assert_cmpstr (texts, ==, "Being edited|Another one");
  g_assert_true (row_of (fixture, editing_note) == editing_row);
  g_assert_true (cr_note_row_get_editing (editing_row));
  g_assert_true (focus_is_in (fixture, editing_entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editing_entry)), ==, "Being edited, more");

  /* Undone from elsewhere (the window's Ctrl+Z): the added note goes away. */
  g_assert_true (cr_workshop_undo (fixture->workshop, &error));
  g_assert_no_error (error);
  g_clear_pointer (&texts, g_free);
  texts = lane_texts (fixture, "projects-as-products", "strength");
  g_assert_cmpstr (texts, ==, "Being edited");
  g_assert_true (focus_is_in (fixture, editing_entry));

  /* A workshop reloaded from the database shows the same notes. */
  {
    g_autoptr(CrWorkshop) loaded = cr_workshop_load (fixture->store,
                                                     cr_workshop_get_id (fixture->workshop), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_notes (loaded)), ==,
                      g_list_model_get_n_items (cr_workshop_get_notes (fixture->workshop)));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/canvas/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/canvas/add", Fixture, NULL, fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/canvas/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/canvas/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/canvas/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/canvas/follows-workshop", Fixture, NULL, fixture_set_up, test_follows_workshop,
              fixture_tear_down);

  return g_test_run ();
}
