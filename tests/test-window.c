/* test-window.c: the main window on a real display, with a real library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-library-row.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

/* Presents the window, waits for it to be on screen, then checks that
 * destroying it releases the last reference: a leak fails here. */
static CrWindow *
show (CrWindow *window)
{
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

static void
destroy_and_finalize (CrWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_null (gtk_application_get_windows (app));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_true (toplevel != G_OBJECT (window));
    }
  /* GTK and the application have let go: the test's reference is the last. */
  g_assert_finalize_object (window);
}

static AdwStatusPage *
visible_status_page (CrWindow *window)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (cr_test_ui_find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));

  g_assert_nonnull (page);
  return page;
}

static void
test_window_empty (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  CrWindow *window = show (cr_window_new (app, store, NULL));

  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "empty");
  g_assert_nonnull (adw_status_page_get_title (visible_status_page (window)));

  destroy_and_finalize (window);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
add_workshop (CrStore    *store,
              CrTemplate *template,
              const char *title,
              const char *organisation,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = cr_workshop_create (store, template, title, organisation,
                                                       "Sam Rivera", date, "People Experience",
                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (workshop);
}

static CrWorkshopPage *
workshop_page (CrWindow *window)
{
  CrWorkshopPage *page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));

  g_assert_nonnull (page);
  return page;
}

static void
test_window_list (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  /* Markup characters in typed text must be shown as they were typed. */
  const char *newer = "R&D <b>review</b>";
  const char *older = "Kick-off";
  CrWindow *window;
  GtkListBox *list_box;
  GtkListBoxRow *row;

  g_assert_no_error (error);
  /* Created newest date first, so "newest first" cannot be creation order. */
  add_workshop (store, template, newer, "Northwind Logistics", "2025-03-14");
  add_workshop (store, template, older, "Contoso", "2024-11-02");

  window = show (cr_window_new (app, store, NULL));
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  g_assert_null (cr_window_get_workshop (window));

  list_box = GTK_LIST_BOX (cr_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (list_box);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list_box)));

  row = gtk_list_box_get_row_at_index (list_box, 0);
  g_assert_true (CR_IS_LIBRARY_ROW (row));
  g_assert_cmpstr (cr_library_row_get_title (CR_LIBRARY_ROW (row)), ==, newer);

  row = gtk_list_box_get_row_at_index (list_box, 1);
  g_assert_cmpstr (cr_library_row_get_title (CR_LIBRARY_ROW (row)), ==, older);
  g_assert_null (gtk_list_box_get_row_at_index (list_box, 2));

  destroy_and_finalize (window);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Open a workshop, move through the agenda as a clicker would, undo a
 * change, go back to the library; a new window (the app started again)
 * comes back to the same workshop and step. */
/* The agenda: the list box styled as a navigation sidebar. */
static GtkWidget *
find_sidebar (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_has_css_class (root, "navigation-sidebar"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Hands a key press to @widget's own key controllers, as GTK would when
 * it has the focus; events cannot be made up in a test. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static void
test_window_workshop (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  CrWindow *window;
  CrWorkshopPage *page;
  CrWorkshop *open;
  const char *first, *second;

  workshop = cr_workshop_create (store, template, "Q1 review", "Northwind", "Sam", "2025-03-14", "", &error);
  g_assert_no_error (error);
  first = cr_template_get_step (template, 0)->id;
  second = cr_template_get_step (template, 1)->id;

  window = show (cr_window_new (app, store, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x",
                                             cr_workshop_get_id (workshop)));
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  open = cr_window_get_workshop (window);
  g_assert_nonnull (open);
  g_assert_cmpint (cr_workshop_get_id (open), ==, cr_workshop_get_id (workshop));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Q1 review");

  page = workshop_page (window);
  g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, first);
  /* The keyboard starts on the current step of the agenda. */
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         find_sidebar (GTK_WIDGET (page))));

  /* Page Down from a clicker: the next step; moving on does not make the
   * first one done, with nobody in the room yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.next-step", NULL));
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, second);
  g_assert_false (cr_workshop_get_step_done (open, first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.previous-step", NULL));
  g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, first);
  g_assert_true (cr_workshop_page_set_step_id (page, second));

  /* Tab in the agenda leaves for the step without changing it, and
   * Shift+Tab for the header; a list box alone would walk the steps. */
  {
    GtkWidget *list = find_sidebar (GTK_WIDGET (page));
    GtkWidget *focus;

    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1)));
    g_assert_true (press_key (list, GDK_KEY_Tab, 0));
    cr_test_ui_spin (100);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_assert_false (gtk_widget_is_ancestor (focus, list));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
    g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, second);

    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1)));
    g_assert_true (press_key (list, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "win.show-library");
    g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, second);

    /* Page Down from inside a step takes the focus along to the next one. */
    g_assert_true (press_key (list, GDK_KEY_Tab, 0));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.next-step", NULL));
    /* Past the crossfade, when the step left behind is unmapped. */
    cr_test_ui_spin (600);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_get_mapped (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
    g_assert_false (gtk_widget_is_ancestor (focus, list));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.previous-step", NULL));
    cr_test_ui_spin (100);
  }

  /* Ctrl+Z in the shell undoes the last change made anywhere in the workshop. */
  g_assert_nonnull (cr_workshop_add_participant (open, "Ana", "CPO", &error));
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "participants"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.undo", NULL));
  cr_test_ui_spin (100);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "participants"), ==, 0);
  g_assert_false (cr_workshop_can_undo (open));

  destroy_and_finalize (window);

  /* As after a crash: the window opens where the facilitator was. */
  window = show (cr_window_new (app, store, NULL));
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  g_assert_cmpstr (cr_workshop_page_get_step_id (workshop_page (window)), ==, second);
  g_assert_false (cr_workshop_get_step_done (cr_window_get_workshop (window), first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  g_assert_null (cr_window_get_workshop (window));
  destroy_and_finalize (window);

  /* Having gone back to the library, the next start shows the library. */
  window = show (cr_window_new (app, store, NULL));
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  destroy_and_finalize (window);

  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The row of the agenda for a step, and what it shows. */
static GtkListBoxRow *
agenda_row (CrWorkshopPage *page,
            guint           index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_sidebar (GTK_WIDGET (page))), (int) index);

  g_assert_nonnull (row);
  return row;
}

static gboolean
agenda_row_done (CrWorkshopPage *page,
                 guint           index)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (agenda_row (page, index)), "status");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (status)), "done") == 0;
}

static GtkLabel *
agenda_row_minutes (CrWorkshopPage *page,
                    guint           index)
{
  return GTK_LABEL (g_object_get_data (G_OBJECT (agenda_row (page, index)), "minutes"));
}

/* Steps are done by their work or by the facilitator's mark, never by
 * moving past them; a step that ran over says so; a workshop reopened from
 * the library returns to its step, and the step's timer goes on from the
 * time already spent. */
static void
test_window_agenda_progress (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  CrWorkshop *open;
  CrWorkshopPage *page;
  CrWindow *window;
  GtkWidget *sidebar;
  GtkWidget *menu;
  gint64 left;

  workshop = cr_workshop_create (store, template, "Q2 review", "Northwind", "Sam", "2025-06-02", "", &error);
  g_assert_no_error (error);
  /* Context (25 min) took 34 minutes last time; the canvas 10 so far. */
  g_assert_true (cr_workshop_set_step_elapsed (workshop, "context", 34 * 60, &error));
  g_assert_true (cr_workshop_set_step_elapsed (workshop, "canvas", 600, &error));
  g_assert_no_error (error);

  window = show (cr_window_new (app, store, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x",
                                             cr_workshop_get_id (workshop)));
  cr_test_ui_spin (200);
  page = workshop_page (window);
  open = cr_window_get_workshop (window);
  sidebar = find_sidebar (GTK_WIDGET (page));

  /* Through the whole agenda with Page Down: nothing becomes done. */
  for (guint i = 0; i + 1 < cr_template_get_n_steps (template); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.next-step", NULL));
  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      g_assert_false (cr_workshop_get_step_done (open, cr_template_get_step (template, i)->id));
      g_assert_false (agenda_row_done (page, i));
    }

  /* The late step shows its time against its box, in the error colour. */
  g_assert_cmpstr (gtk_label_get_text (agenda_row_minutes (page, 1)), ==, "34 of 25 min");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (agenda_row_minutes (page, 1)), "error"));
  g_assert_cmpstr (gtk_label_get_text (agenda_row_minutes (page, 2)), ==, "45 min");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (agenda_row_minutes (page, 2)), "error"));

  /* Work makes a step done, in the agenda at once. */
  g_assert_nonnull (cr_workshop_add_participant (open, "Ana", "CPO", &error));
  g_assert_true (agenda_row_done (page, 0));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (agenda_row (page, 0))));

  /* The facilitator marks the canvas from the row's context menu (the
   * Menu key on the focused row), and unmarks it the same way. */
  gtk_widget_grab_focus (GTK_WIDGET (agenda_row (page, 2)));
  g_assert_true (press_key (sidebar, GDK_KEY_Menu, 0));
  cr_test_ui_spin (100);
  menu = cr_test_ui_find (sidebar, GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_activate_action (menu, "agenda.step-done", NULL));
  cr_test_ui_spin (100);
  g_assert_true (cr_workshop_get_step_marked (open, "canvas"));
  g_assert_true (agenda_row_done (page, 2));
  gtk_widget_grab_focus (GTK_WIDGET (agenda_row (page, 2)));
  g_assert_true (press_key (sidebar, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_activate_action (menu, "agenda.step-done", NULL));
  g_assert_false (cr_workshop_get_step_marked (open, "canvas"));
  g_assert_false (agenda_row_done (page, 2));
  g_assert_true (gtk_widget_activate_action (menu, "agenda.step-done", NULL));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* A step done by its work cannot be unmarked into not done. */
  gtk_widget_grab_focus (GTK_WIDGET (agenda_row (page, 0)));
  g_assert_true (press_key (sidebar, GDK_KEY_Menu, 0));
  gtk_widget_activate_action (menu, "agenda.step-done", NULL);
  g_assert_false (cr_workshop_get_step_marked (open, "setup"));
  g_assert_true (cr_workshop_get_step_done (open, "setup"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* On the canvas, the timer goes on from the ten minutes already spent. */
  g_assert_true (cr_workshop_page_set_step_id (page, "canvas"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.toggle-timer", NULL));
  left = cr_workshop_page_get_time_left (page);
  g_assert_cmpint (left, <=, 45 * 60 - 600);
  g_assert_cmpint (left, >, 45 * 60 - 600 - 60);

  /* To the library and back: the canvas again, its time and its mark kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-library", NULL));
  cr_test_ui_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x",
                                             cr_workshop_get_id (workshop)));
  cr_test_ui_spin (200);
  page = workshop_page (window);
  g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, "canvas");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.toggle-timer", NULL));
  g_assert_cmpint (cr_workshop_page_get_time_left (page), <=, left);
  g_assert_cmpint (cr_workshop_page_get_time_left (page), >, left - 60);
  g_assert_true (agenda_row_done (page, 2));
  g_assert_true (agenda_row_done (page, 0));
  g_assert_false (agenda_row_done (page, 1));
  g_assert_cmpstr (gtk_label_get_text (agenda_row_minutes (page, 1)), ==, "34 of 25 min");

  destroy_and_finalize (window);
  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_window_error (void)
{
  g_autofree char *path = cr_test_tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = NULL;
  CrWindow *window;
  AdwStatusPage *page;

  /* The error the application gets for a file that is not a library. */
  g_assert_true (g_file_set_contents (path, "hello", -1, NULL));
  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FOREIGN);

  window = show (cr_window_new (app, NULL, error));
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "error");
  page = visible_status_page (window);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  g_assert_nonnull (cr_test_ui_find_label (GTK_WIDGET (page), error->message));
  g_assert_null (cr_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW));

  destroy_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/window/empty", test_window_empty);
  g_test_add_func ("/window/list", test_window_list);
  g_test_add_func ("/window/workshop", test_window_workshop);
  g_test_add_func ("/window/error", test_window_error);
  g_test_add_func ("/window/agenda-progress", test_window_agenda_progress);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
