/* test-library-page.c: the library page on a real display, with a real library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-bundle.h"
#include "cr-library.h"
#include "cr-library-page.h"
#include "cr-library-row.h"
#include "cr-new-workshop-dialog.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop.h"

static GtkApplication *app;

/* ---- Helpers ------------------------------------------------------------- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The page's own stack, not one inside a menu's popover. */
static GtkStack *
find_page_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "empty") != NULL)
    return GTK_STACK (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_page_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwEntryRow *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_ENTRY_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkButton *
find_button_with_icon (GtkWidget  *root,
                       const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button_with_icon (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

static GtkListBox *
list_box_of (CrLibraryPage *page)
{
  GtkWidget *list_box = cr_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LIST_BOX);

  g_assert_nonnull (list_box);
  return GTK_LIST_BOX (list_box);
}

static guint
count_rows (CrLibraryPage *page)
{
  GtkListBox *list_box = list_box_of (page);
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;
  return n;
}

static const char *
row_title (CrLibraryPage *page,
           int            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box_of (page), index);

  g_assert_true (CR_IS_LIBRARY_ROW (row));
  return cr_library_row_get_title (CR_LIBRARY_ROW (row));
}

/* The group header above a row, or NULL inside a group. */
static const char *
row_header (CrLibraryPage *page,
            int            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box_of (page), index);
  GtkWidget *header = gtk_list_box_row_get_header (row);

  if (header == NULL)
    return NULL;
  g_assert_true (GTK_IS_LABEL (header));
  return gtk_label_get_text (GTK_LABEL (header));
}

static gint64
add_workshop (CrStore    *store,
              const char *template_id,
              const char *title,
              const char *organisation,
              const char *facilitator,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin (template_id, &error);
  g_autoptr(CrWorkshop) workshop = NULL;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, title, organisation, facilitator, date,
                                 "People Experience", &error);
  g_assert_no_error (error);
  return cr_workshop_get_id (workshop);
}

static gboolean
library_lists (CrStore *store,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = cr_library_list (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < infos->len; i++)
    if (cr_workshop_info_get_id (g_ptr_array_index (infos, i)) == id)
      return TRUE;
  return FALSE;
}

/* ---- A host window that records win.open-workshop ------------------------- */

typedef struct
{
  GtkWindow     *window;
  CrLibraryPage *page;
  gint64         opened;
  guint          n_opened;
} Host;

static void
open_workshop_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  Host *host = user_data;

  host->opened = g_variant_get_int64 (parameter);
  host->n_opened++;
}

static void
host_init (Host    *host,
           CrStore *store)
{
  static const GActionEntry entries[] = {
    { "open-workshop", open_workshop_activated, "x", NULL, NULL },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  memset (host, 0, sizeof *host);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), host);

  host->window = GTK_WINDOW (adw_application_window_new (app));
  gtk_window_set_default_size (host->window, 1024, 600);
  gtk_widget_insert_action_group (GTK_WIDGET (host->window), "win", G_ACTION_GROUP (group));
  host->page = CR_LIBRARY_PAGE (cr_library_page_new (store));
  g_object_ref (host->page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (host->window), GTK_WIDGET (host->page));

  g_object_ref (host->window);
  gtk_window_present (host->window);
  cr_test_ui_wait_until (is_mapped, host->window, "the window to be mapped");
}

static void
host_finish (Host *host)
{
  gtk_window_destroy (host->window);
  cr_test_ui_settle ();
  g_assert_finalize_object (host->window);
  /* The page lets go of its models and store with the window. */
  g_assert_finalize_object (host->page);
}

/* ---- Tests --------------------------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  Host host;
  GtkStack *stack;
  AdwStatusPage *status;

  host_init (&host, store);
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "empty");

  stack = find_page_stack (GTK_WIDGET (host.page));
  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "io.github.crossroads.Crossroads-symbolic");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Workshops Yet");
  /* The empty page says what to do, and offers both ways to do it. */
  g_assert_nonnull (cr_test_ui_find_match (GTK_WIDGET (status), cr_test_ui_match_button_label, "_New Workshop"));
  g_assert_nonnull (cr_test_ui_find_match (GTK_WIDGET (status), cr_test_ui_match_button_label, "_Import Bundle…"));

  /* A first workshop leaves the empty state. */
  add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam", "2025-01-10");
  cr_library_page_reload (host.page);
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "list");
  g_assert_cmpuint (count_rows (host.page), ==, 1);

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_groups (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) ppm = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrTemplate) plv = cr_template_lookup_builtin ("product-led-vocabulary", NULL);
  g_autofree char *subtitle = NULL;
  GtkListBoxRow *row;
  Host host;

  add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam Rivera", "2024-01-10");
  /* Markup characters in typed text are shown as typed. */
  add_workshop (store, "people-product-models", "Strategy day", "Northwind", "Ana & <b>Lima</b>", "2025-03-14");
  add_workshop (store, "product-led-vocabulary", "Vocabulary", "Contoso", "", "2025-05-01");
  add_workshop (store, "people-product-models", "Pilot", "Northwind", "Ana Lima", "2024-06-01");
  /* Same client typed differently: one group. */
  add_workshop (store, "people-product-models", "Follow-up", "contoso ", "Sam Rivera", "2024-03-01");

  host_init (&host, store);
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "list");
  g_assert_cmpuint (count_rows (host.page), ==, 5);

  /* Contoso's newest (May 2025) is newer than Northwind's (March 2025). */
  g_assert_cmpstr (row_title (host.page, 0), ==, "Vocabulary");
  g_assert_cmpstr (row_title (host.page, 1), ==, "Follow-up");
  g_assert_cmpstr (row_title (host.page, 2), ==, "Kick-off");
  g_assert_cmpstr (row_title (host.page, 3), ==, "Strategy day");
  g_assert_cmpstr (row_title (host.page, 4), ==, "Pilot");
  g_assert_cmpstr (row_header (host.page, 0), ==, "Contoso");
  g_assert_null (row_header (host.page, 1));
  g_assert_null (row_header (host.page, 2));
  g_assert_cmpstr (row_header (host.page, 3), ==, "Northwind");
  g_assert_null (row_header (host.page, 4));

  /* date · template · facilitator, with an empty facilitator left out. */
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 3);
  subtitle = g_strdup_printf ("2025-03-14 · %s · Ana & <b>Lima</b>", cr_template_get_title (ppm));
  g_assert_cmpstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), ==, subtitle);
  g_clear_pointer (&subtitle, g_free);
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  subtitle = g_strdup_printf ("2025-05-01 · %s", cr_template_get_title (plv));
  g_assert_cmpstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), ==, subtitle);

  /* A newer Northwind workshop moves the whole group to the top. */
  add_workshop (store, "people-product-models", "Review", "Northwind", "Ana Lima", "2025-06-01");
  cr_library_page_reload (host.page);
  g_assert_cmpuint (count_rows (host.page), ==, 6);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Review");
  g_assert_cmpstr (row_title (host.page, 1), ==, "Strategy day");
  g_assert_cmpstr (row_title (host.page, 2), ==, "Pilot");
  g_assert_cmpstr (row_title (host.page, 3), ==, "Vocabulary");
  g_assert_cmpstr (row_header (host.page, 0), ==, "Northwind");
  g_assert_null (row_header (host.page, 1));
  g_assert_null (row_header (host.page, 2));
  g_assert_cmpstr (row_header (host.page, 3), ==, "Contoso");

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

typedef struct
{
  CrLibraryPage *page;
  guint          n_rows;
} RowCount;

static gboolean
has_row_count (gpointer data)
{
  RowCount *count = data;

  return count_rows (count->page) == count->n_rows;
}

static void
search_for (Host       *host,
            const char *text,
            guint       n_rows)
{
  GtkWidget *entry = cr_test_ui_find (GTK_WIDGET (host->page), GTK_TYPE_SEARCH_ENTRY);
  RowCount count = { host->page, n_rows };

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  cr_test_ui_wait_until (has_row_count, &count, "the search to filter the list");
}

static void
test_search (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  GtkSearchBar *search_bar;
  Host host;

  add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam Rivera", "2024-01-10");
  add_workshop (store, "people-product-models", "Strategy day", "Northwind", "Ana Lima", "2025-03-14");
  add_workshop (store, "people-product-models", "Pilot", "Northwind", "Ana Lima", "2024-06-01");
  add_workshop (store, "people-product-models", "Ärztekammer review", "Fabrikam", "Sam Rivera", "2023-02-01");

  host_init (&host, store);
  search_bar = GTK_SEARCH_BAR (cr_test_ui_find (GTK_WIDGET (host.page), GTK_TYPE_SEARCH_BAR));
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));

  /* Ctrl+F's action opens the search bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));

  /* Organisation, case-insensitive. */
  search_for (&host, "NORTH", 2);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Strategy day");
  g_assert_cmpstr (row_header (host.page, 0), ==, "Northwind");
  /* Facilitator. */
  search_for (&host, "sam", 2);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Kick-off");
  g_assert_cmpstr (row_title (host.page, 1), ==, "Ärztekammer review");
  /* Title, beyond ASCII. */
  search_for (&host, "ärzte", 1);
  g_assert_cmpstr (row_header (host.page, 0), ==, "Fabrikam");
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "list");

  search_for (&host, "zanzibar", 0);
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "no-results");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (gtk_stack_get_visible_child (find_page_stack (GTK_WIDGET (host.page))))),
                   ==, "system-search-symbolic");

  search_for (&host, "", 4);
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "list");

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The window's subtitle: how many workshops the library holds or shows. */
static const char *
header_count (CrLibraryPage *page)
{
  GtkWidget *title = cr_test_ui_find (GTK_WIDGET (page), ADW_TYPE_WINDOW_TITLE);

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

/* A consultant's library: 300 workshops for 40 clients, one of them Müller
 * Logistik; a few other workshops have a facilitator or a participant
 * named Müller or Muller. Returns the titles a search for "muller" finds. */
static GHashTable *
add_consultant_library (CrStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  GHashTable *mullers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  /* One transaction: 300 workshops, one sync. */
  g_assert_true (cr_store_begin (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      guint client = i % 40;
      g_autofree char *title = g_strdup_printf ("Workshop %03u", i);
      g_autofree char *organisation = client == 7 ? g_strdup ("Müller Logistik")
                                                  : g_strdup_printf ("Client %02u", client);
      const char *facilitator = i % 97 == 5 ? "Jana Müller" : "Sam Rivera";
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2018 + i % 8, 1 + i % 12, 1 + i % 28);
      g_autoptr(CrWorkshop) workshop = cr_workshop_create (store, template, title, organisation, facilitator,
                                                           date, "People Experience", &error);
      CrParticipant *participant;

      g_assert_no_error (error);
      participant = cr_workshop_add_participant (workshop, i % 61 == 11 ? "Lena Muller" : "Kemi Adeyemi",
                                                 "Head of People", &error);
      g_assert_no_error (error);
      g_assert_nonnull (participant);
      if (client == 7 || i % 97 == 5 || i % 61 == 11)
        g_hash_table_add (mullers, g_steal_pointer (&title));
    }
  g_assert_true (cr_store_commit (store, &error));
  g_assert_no_error (error);
  return mullers;
}

typedef struct
{
  CrLibraryPage *page;
  const char    *subtitle;
} Subtitle;

static gboolean
has_subtitle (gpointer data)
{
  Subtitle *wanted = data;

  return g_strcmp0 (header_count (wanted->page), wanted->subtitle) == 0;
}

/* Scrolls the list to its end, where the page adds the next rows. */
static gboolean
shows_all_rows (gpointer data)
{
  RowCount *count = data;
  GtkWidget *scrolled = cr_test_ui_find (GTK_WIDGET (count->page), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return count_rows (count->page) == count->n_rows;
}

static void
test_search_many_clients (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GHashTable) mullers = add_consultant_library (store);
  g_autofree char *expected = NULL;
  guint n_mullers = g_hash_table_size (mullers);
  Host host;

  host_init (&host, store);
  g_assert_cmpstr (header_count (host.page), ==, "300 workshops");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.search", NULL));

  /* Without its accent, in lowercase: Müller Logistik's workshops, and the
   * others where a Müller or a Muller took part, and nothing else. */
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_find (GTK_WIDGET (host.page), GTK_TYPE_SEARCH_ENTRY)), "muller");
  expected = g_strdup_printf ("%u of 300 workshops", n_mullers);
  cr_test_ui_wait_until (has_subtitle, &(Subtitle) { host.page, expected }, "the header to count what is found");
  /* The list shows a page of rows at a time: scrolled to its end, all. */
  cr_test_ui_wait_until (shows_all_rows, &(RowCount) { host.page, n_mullers }, "every match to be listed");
  for (guint i = 0; i < n_mullers; i++)
    g_assert_true (g_hash_table_contains (mullers, row_title (host.page, i)));
  g_assert_cmpstr (row_header (host.page, 0), !=, NULL);

  /* Every word, in any field. */
  search_for (&host, "LENA   client 11", 1);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Workshop 011");
  g_assert_cmpstr (header_count (host.page), ==, "1 of 300 workshops");

  /* Cleared: the whole library again (shown a page of rows at a time). */
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_find (GTK_WIDGET (host.page), GTK_TYPE_SEARCH_ENTRY)), "");
  cr_test_ui_wait_until (has_subtitle, &(Subtitle) { host.page, "300 workshops" },
                         "the header to count the whole library");

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static gboolean
has_opened (gpointer data)
{
  return ((Host *) data)->n_opened > 0;
}

static void
test_open (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  gint64 older, newer;
  GtkListBoxRow *row;
  Host host;

  older = add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam", "2024-01-10");
  newer = add_workshop (store, "people-product-models", "Review", "Contoso", "Sam", "2025-01-10");

  host_init (&host, store);

  /* Enter on the second row (the older workshop). */
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (row, "activate");
  cr_test_ui_wait_until (has_opened, &host, "win.open-workshop");
  g_assert_cmpint (host.opened, ==, older);
  g_assert_cmpuint (host.n_opened, ==, 1);

  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  host.n_opened = 0;
  g_signal_emit_by_name (list_box_of (host.page), "row-activated", row);
  cr_test_ui_wait_until (has_opened, &host, "win.open-workshop");
  g_assert_cmpint (host.opened, ==, newer);

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

typedef struct
{
  CrStore *store;
  gint64   id;
  gboolean listed;
} Listed;

static gboolean
is_listed (gpointer data)
{
  Listed *listed = data;

  return library_lists (listed->store, listed->id) == listed->listed;
}

static gboolean
is_purged (gpointer data)
{
  Listed *listed = data;

  return cr_test_count_rows (cr_store_get_path (listed->store), "workshops") == 1;
}

/* Runs what the Delete key does on a row, through the row's own shortcut. */
static gboolean
press_delete_on_row (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autoptr(GtkShortcutTrigger) delete_key = gtk_keyval_trigger_new (GDK_KEY_Delete, 0);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), delete_key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, row,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Deleting needs the real window: the Undo toast lives there. */
static void
test_delete_undo (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  const char *path = cr_store_get_path (store);
  CrLibraryPage *page;
  CrWindow *window;
  GtkButton *undo;
  GtkWidget *toast_widget;
  GtkButton *dismiss;
  gint64 keep, gone;
  Listed listed;

  keep = add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam", "2024-01-10");
  gone = add_workshop (store, "people-product-models", "Strategy <day> & co", "Northwind", "Ana", "2025-01-10");

  window = g_object_ref (cr_window_new (app, store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_until (is_mapped, window, "the window to be mapped");
  page = CR_LIBRARY_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_LIBRARY_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpuint (count_rows (page), ==, 2);

  /* Delete on the row: the row goes, the workshop is in the trash, not yet gone. */
  g_assert_cmpstr (row_title (page, 0), ==, "Strategy <day> & co");
  g_assert_true (press_delete_on_row (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box_of (page), 0))));
  g_assert_cmpuint (count_rows (page), ==, 1);
  g_assert_cmpstr (row_title (page, 0), ==, "Kick-off");
  g_assert_false (library_lists (store, gone));
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 2);

  /* Undo on the toast brings it back. */
  cr_test_ui_settle ();
  undo = GTK_BUTTON (cr_test_ui_find_match (GTK_WIDGET (window), cr_test_ui_match_button_label, "_Undo"));
  g_assert_nonnull (undo);
  gtk_widget_activate (GTK_WIDGET (undo));
  listed = (Listed) { store, gone, TRUE };
  cr_test_ui_wait_until (is_listed, &listed, "the workshop to be restored");
  g_assert_cmpuint (count_rows (page), ==, 2);
  g_assert_cmpstr (row_title (page, 0), ==, "Strategy <day> & co");

  /* Delete again and let the toast go: now it is deleted for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "library.delete", "x", gone));
  g_assert_cmpuint (count_rows (page), ==, 1);
  cr_test_ui_settle ();
  undo = GTK_BUTTON (cr_test_ui_find_match (GTK_WIDGET (window), cr_test_ui_match_button_label, "_Undo"));
  g_assert_nonnull (undo);
  toast_widget = gtk_widget_get_parent (GTK_WIDGET (undo));
  dismiss = find_button_with_icon (toast_widget, "window-close-symbolic");
  g_assert_nonnull (dismiss);
  gtk_widget_activate (GTK_WIDGET (dismiss));
  cr_test_ui_wait_until (is_purged, &listed, "the trash to be purged");
  g_assert_false (library_lists (store, gone));
  g_assert_true (library_lists (store, keep));

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_settle ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static gboolean
dialog_is_open (gpointer data)
{
  return find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG) != NULL;
}

static gboolean
dialog_is_closed (gpointer data)
{
  return find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG) == NULL;
}

static void
set_row (CrNewWorkshopDialog *dialog,
         const char          *title,
         const char          *text)
{
  AdwEntryRow *row = find_entry_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_new_workshop (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  CrNewWorkshopDialog *dialog;
  GtkWidget *create;
  AdwComboRow *template_row;
  Host host;

  host_init (&host, store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.new", NULL));
  cr_test_ui_wait_until (dialog_is_open, NULL, "the new-workshop dialog");
  dialog = find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == host.window);

  create = cr_test_ui_find_match (GTK_WIDGET (dialog), cr_test_ui_match_button_label, "C_reate");
  g_assert_nonnull (create);
  /* Today's date is filled in, but nothing else yet. */
  g_assert_false (cr_new_workshop_dialog_can_create (dialog));
  g_assert_false (gtk_widget_get_sensitive (create));

  template_row = ADW_COMBO_ROW (cr_test_ui_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (template_row)), ==, 2);
  /* The schema's default template comes first. */
  g_assert_cmpuint (adw_combo_row_get_selected (template_row), ==, 0);
  adw_combo_row_set_selected (template_row, 1);

  set_row (dialog, "Organisation", "Fabrikam");
  set_row (dialog, "Title", "Where do we stand?");
  set_row (dialog, "Facilitator", "Sam Rivera");
  set_row (dialog, "Name of the People Function", "People Ops");
  g_assert_true (gtk_widget_get_sensitive (create));

  /* Not a real date: Create stays insensitive. */
  set_row (dialog, "Date (YYYY-MM-DD)", "2025-02-30");
  g_assert_false (cr_new_workshop_dialog_can_create (dialog));
  g_assert_false (gtk_widget_get_sensitive (create));
  set_row (dialog, "Date (YYYY-MM-DD)", "25-02-01");
  g_assert_false (gtk_widget_get_sensitive (create));
  set_row (dialog, "Date (YYYY-MM-DD)", "2025-02-28");
  g_assert_true (gtk_widget_get_sensitive (create));
  /* An organisation of spaces is no organisation. */
  set_row (dialog, "Organisation", "   ");
  g_assert_false (gtk_widget_get_sensitive (create));
  set_row (dialog, "Organisation", " Fabrikam ");

  gtk_widget_activate (create);
  cr_test_ui_wait_until (has_opened, &host, "win.open-workshop");
  cr_test_ui_wait_until (dialog_is_closed, NULL, "the dialog to close");

  /* The new workshop is in the database with what was typed, and on the page. */
  workshop = cr_workshop_load (store, host.opened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_title (workshop), ==, "Where do we stand?");
  g_assert_cmpstr (cr_workshop_get_organisation (workshop), ==, "Fabrikam");
  g_assert_cmpstr (cr_workshop_get_facilitator (workshop), ==, "Sam Rivera");
  g_assert_cmpstr (cr_workshop_get_date (workshop), ==, "2025-02-28");
  g_assert_cmpstr (cr_workshop_get_function_name (workshop), ==, "People Ops");
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (workshop)), ==, "product-led-vocabulary");
  g_assert_cmpstr (cr_library_page_get_visible_page (host.page), ==, "list");
  g_assert_cmpuint (count_rows (host.page), ==, 1);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Where do we stand?");

  /* The next workshop offers the same facilitator, and keeps what is typed. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.crossroads.Crossroads");
    g_autofree char *facilitator = g_settings_get_string (settings, "facilitator");

    g_assert_cmpstr (facilitator, ==, "Sam Rivera");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.new", NULL));
    cr_test_ui_wait_until (dialog_is_open, NULL, "the new-workshop dialog");
    dialog = find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "Facilitator"))),
                     ==, "Sam Rivera");
    gtk_window_destroy (GTK_WINDOW (dialog));
    cr_test_ui_wait_until (dialog_is_closed, NULL, "the dialog to close");
    g_settings_reset (settings, "facilitator");
  }

  host_finish (&host);
  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A template file of one's own: a broken one is refused with its place in
 * the file and changes nothing; a valid one without a budget gets the
 * preferred budget, which the workshop keeps when the preference changes. */
static void
test_template_file (void)
{
  static const char doc[] =
    "{ \"format\": \"crossroads-template\", \"version\": 1, \"id\": \"two-ways\","
    "  \"title\": \"Two ways\","
    "  \"options\": [ { \"id\": \"a\", \"title\": \"A\", \"summary\": \"First.\" },"
    "                 { \"id\": \"b\", \"title\": \"B\", \"summary\": \"Second.\" } ],"
    "  \"questions\": [ { \"id\": \"wish\", \"prompt\": \"Where?\", \"method\": \"dots\" } ] }";
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.crossroads.Crossroads");
  g_autoptr(GError) error = NULL;
  g_autofree char *good_path = cr_test_tmp_path ("two-ways.json");
  g_autofree char *bad_path = cr_test_source_path ("templates", "budget-zero.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  CrNewWorkshopDialog *dialog;
  AdwComboRow *template_row;
  Host host;

  g_file_set_contents (good_path, doc, -1, &error);
  g_assert_no_error (error);
  g_settings_set_int (settings, "dots-budget", 6);

  host_init (&host, store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.new", NULL));
  cr_test_ui_wait_until (dialog_is_open, NULL, "the new-workshop dialog");
  dialog = find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG);
  template_row = ADW_COMBO_ROW (cr_test_ui_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));

  g_assert_false (cr_new_workshop_dialog_add_template_file (dialog, bad, &error));
  g_assert_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, bad_path));
  g_assert_nonnull (strstr (error->message, "questions[1].budget: 0 is out of range"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (template_row)), ==, 2);

  g_assert_true (cr_new_workshop_dialog_add_template_file (dialog, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (template_row)), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (template_row), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (template_row)), 2),
                   ==, "Two ways (two-ways.json)");

  set_row (dialog, "Organisation", "Fabrikam");
  set_row (dialog, "Title", "Our own way");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  cr_test_ui_wait_until (has_opened, &host, "win.open-workshop");
  cr_test_ui_wait_until (dialog_is_closed, NULL, "the dialog to close");

  /* The library names the workshop's own template by its title. */
  cr_library_page_reload (host.page);
  {
    const char *subtitle = NULL;

    for (guint i = 0; i < count_rows (host.page); i++)
      if (g_strcmp0 (row_title (host.page, i), "Our own way") == 0)
        subtitle = cr_library_row_get_subtitle (CR_LIBRARY_ROW (gtk_list_box_get_row_at_index (list_box_of (host.page), (int) i)));
    g_assert_nonnull (subtitle);
    g_assert_nonnull (strstr (subtitle, "Two ways"));
    g_assert_null (strstr (subtitle, "two-ways"));
  }

  /* The preference changes afterwards; the workshop keeps its six dots. */
  g_settings_set_int (settings, "dots-budget", 2);
  workshop = cr_workshop_load (store, host.opened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (workshop)), ==, "two-ways");
  g_assert_cmpint (cr_template_get_question (cr_workshop_get_template (workshop), 0)->budget, ==, 6);

  host_finish (&host);
  g_settings_reset (settings, "dots-budget");
  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Each item of a menu, as shown: its label and the key beside it. */
static void
assert_menu_reads_well (GtkWidget *popover)
{
  GType model_button = g_type_from_name ("GtkModelButton");
  guint n = 0;

  g_assert_true (model_button != G_TYPE_INVALID);
  for (GtkWidget *w = popover; w != NULL; )
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, model_button))
        {
          g_autofree char *text = NULL;
          g_autofree char *accel = NULL;
          g_autofree char *shown_key = NULL;
          g_autofree char *label = NULL;
          guint key;
          GdkModifierType mods;

          g_object_get (w, "text", &text, "accel", &accel, NULL);
          label = text != NULL ? g_strdelimit (g_strdup (text), "_", ' ') : g_strdup ("");
          g_strstrip (label);
          if (accel != NULL && gtk_accelerator_parse (accel, &key, &mods))
            shown_key = gtk_accelerator_get_label (key, mods);
          g_test_message ("menu item “%s”, key “%s”", label, shown_key ? shown_key : "");
          /* "Delete   Delete" says the same thing twice, and nothing of what goes. */
          g_assert_cmpstr (label, !=, shown_key);
          n++;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != popover && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == popover) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_row_menu (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  GtkListBoxRow *row;
  GtkWidget *button;
  GtkPopover *popover;
  Host host;

  add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam Rivera", "2024-01-10");
  host_init (&host, store);
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  button = cr_test_ui_find (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cr_test_ui_settle ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  assert_menu_reads_well (GTK_WIDGET (popover));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  host_finish (&host);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_rerun (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) source = NULL;
  g_autoptr(CrWorkshop) rerun = NULL;
  g_autoptr(GError) error = NULL;
  CrNewWorkshopDialog *dialog;
  AdwEntryRow *title_row;
  gint64 id;
  Host host;

  id = add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam", "2024-01-10");
  source = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  cr_workshop_add_participant (source, "Ana", "CPO", &error);
  g_assert_no_error (error);

  host_init (&host, store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.rerun", "x", id));
  cr_test_ui_wait_until (dialog_is_open, NULL, "the re-run dialog");
  dialog = find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG);

  title_row = find_entry_row (GTK_WIDGET (dialog), "Title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Kick-off (re-run)");
  /* The client is the same: it is not asked again. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (GTK_WIDGET (dialog), "Organisation"))));
  g_assert_true (cr_new_workshop_dialog_can_create (dialog));
  set_row (dialog, "Date (YYYY-MM-DD)", "2025-07-01");
  /* Enter in the last field creates. */
  g_signal_emit_by_name (find_entry_row (GTK_WIDGET (dialog), "Date (YYYY-MM-DD)"), "entry-activated");
  cr_test_ui_wait_until (has_opened, &host, "win.open-workshop");
  cr_test_ui_wait_until (dialog_is_closed, NULL, "the dialog to close");

  g_assert_cmpint (host.opened, !=, id);
  rerun = cr_workshop_load (store, host.opened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_title (rerun), ==, "Kick-off (re-run)");
  g_assert_cmpstr (cr_workshop_get_organisation (rerun), ==, "Contoso");
  g_assert_cmpstr (cr_workshop_get_date (rerun), ==, "2025-07-01");
  g_assert_cmpint (cr_workshop_get_rerun_of (rerun), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (rerun)), ==, 1);
  g_assert_cmpuint (count_rows (host.page), ==, 2);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Kick-off (re-run)");

  host_finish (&host);
  g_clear_object (&rerun);
  g_clear_object (&source);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static gboolean
message_dialog_is_open (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A bundle of a workshop the library has: the page asks, and replaces the
 * copy (same ID), keeps both, or leaves the library as it was. */
static void
test_import_existing (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_tmp_path ("kick-off.json");
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  const char *answers[] = { "cancel", "replace", "keep-both" };
  const guint rows_after[] = { 1, 1, 2 };
  gint64 id;
  Host host;

  id = add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam", "2024-01-10");
  workshop = cr_workshop_load (store, id, &error);
  g_assert_no_error (error);
  text = cr_bundle_export_string (workshop);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  file = g_file_new_for_path (path);
  g_assert_true (cr_workshop_set_details (workshop, "Kick-off, edited", "Contoso", "Sam", "2024-01-10", "", &error));

  host_init (&host, store);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      AdwMessageDialog *dialog;

      host.n_opened = 0;
      cr_library_page_import (host.page, file);
      cr_test_ui_wait_until (message_dialog_is_open, NULL, "the question");
      dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Workshop Is in the Library Already");
      adw_message_dialog_response (dialog, answers[i]);
      gtk_window_destroy (GTK_WINDOW (dialog));
      cr_test_ui_settle ();

      g_assert_cmpuint (count_rows (host.page), ==, rows_after[i]);
      if (i == 0)
        {
          g_assert_cmpuint (host.n_opened, ==, 0);
          g_assert_cmpstr (row_title (host.page, 0), ==, "Kick-off, edited");
        }
      else
        {
          g_assert_cmpuint (host.n_opened, ==, 1);
          /* Replaced, it keeps its ID; kept both, the import is another. */
          if (i == 1)
            g_assert_cmpint (host.opened, ==, id);
          else
            g_assert_cmpint (host.opened, !=, id);
          g_assert_cmpstr (row_title (host.page, 0), ==, "Kick-off");
        }
    }

  /* Another workshop (another organisation, another day) with the same
   * identifier: the page names it as such, and offers the same way out. */
  {
    g_autofree char *other_path = cr_test_tmp_path ("fabrikam.json");
    g_autoptr(GFile) other = g_file_new_for_path (other_path);
    GString *changed = g_string_new (text);
    AdwMessageDialog *dialog;

    g_assert_cmpuint (g_string_replace (changed, "\"Contoso\"", "\"Fabrikam\"", 0), ==, 1);
    g_assert_cmpuint (g_string_replace (changed, "\"2024-01-10\"", "\"2026-02-02\"", 0), ==, 1);
    g_assert_true (g_file_set_contents (other_path, changed->str, -1, &error));
    g_string_free (changed, TRUE);
    host.n_opened = 0;
    cr_library_page_import (host.page, other);
    cr_test_ui_wait_until (message_dialog_is_open, NULL, "the question");
    dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Another Workshop Has the Same Identifier");
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                     "workshop.id: another workshop in the library has the same identifier: ID "));
    adw_message_dialog_response (dialog, "keep-both");
    gtk_window_destroy (GTK_WINDOW (dialog));
    cr_test_ui_settle ();
    g_assert_cmpuint (count_rows (host.page), ==, 3);
    g_assert_cmpuint (host.n_opened, ==, 1);
  }

  host_finish (&host);
  g_clear_object (&workshop);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* An organisation's workshops as a series, newest first, each with its
 * date; a re-run says what moved since the one it re-runs, and a search
 * by the organisation finds the series. */
static void
test_series (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) ppm = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrWorkshop) after = cr_test_import_fixture (store, "series-after.json");
  g_autoptr(CrWorkshop) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GtkListBoxRow *row;
  Host host;

  add_workshop (store, "people-product-models", "Kick-off", "Contoso", "Sam Rivera", "2025-01-10");
  host_init (&host, store);
  /* The re-run alone: what it re-runs is on another laptop yet. */
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  g_assert_cmpstr (row_title (host.page, 0), ==, "Autumn 2025: what moved?");
  subtitle = g_strdup_printf ("2025-10-08 · %s · Sam Rivera", cr_template_get_title (ppm));
  g_assert_cmpstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), ==, subtitle);
  g_clear_pointer (&subtitle, g_free);

  /* Its predecessor imported: one series, newest first, and the re-run's
   * line says what moved most. */
  before = cr_test_import_fixture (store, "series-before.json");
  cr_library_page_reload (host.page);
  g_assert_cmpstr (row_header (host.page, 0), ==, "Northwind Logistics");
  g_assert_cmpstr (row_title (host.page, 0), ==, "Autumn 2025: what moved?");
  g_assert_cmpstr (row_title (host.page, 1), ==, "Spring 2025: where do we start?");
  g_assert_null (row_header (host.page, 1));
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  subtitle = g_strdup_printf ("2025-10-08 · %s · Sam Rivera · Since last time: Productised HR as a Service, today: −30 pts",
                              cr_template_get_title (ppm));
  g_assert_cmpstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), ==, subtitle);
  g_clear_pointer (&subtitle, g_free);
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 1);
  g_assert_null (strstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), "Since last time"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host.page), "library.search", NULL));
  search_for (&host, "northwind", 2);

  /* Back from the re-run, where its open round was revealed: a reload sees
   * the same title and date, and the line says what moves now. */
  g_assert_true (cr_workshop_reveal_round (after, cr_workshop_find_latest_round (after, "target", FALSE), &error));
  g_assert_no_error (error);
  cr_library_page_reload (host.page);
  cr_library_page_refresh_series (host.page, cr_workshop_get_id (after));
  row = gtk_list_box_get_row_at_index (list_box_of (host.page), 0);
  subtitle = g_strdup_printf ("2025-10-08 · %s · Sam Rivera · Since last time: Productised HR as a Service, target: +92 pts",
                              cr_template_get_title (ppm));
  g_assert_cmpstr (cr_library_row_get_subtitle (CR_LIBRARY_ROW (row)), ==, subtitle);

  host_finish (&host);
  g_clear_object (&before);
  g_clear_object (&after);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/library-page/empty", test_empty);
  g_test_add_func ("/library-page/groups", test_groups);
  g_test_add_func ("/library-page/search", test_search);
  g_test_add_func ("/library-page/search-many-clients", test_search_many_clients);
  g_test_add_func ("/library-page/series", test_series);
  g_test_add_func ("/library-page/open", test_open);
  g_test_add_func ("/library-page/delete-undo", test_delete_undo);
  g_test_add_func ("/library-page/new-workshop", test_new_workshop);
  g_test_add_func ("/library-page/template-file", test_template_file);
  g_test_add_func ("/library-page/rerun", test_rerun);
  g_test_add_func ("/library-page/import-existing", test_import_existing);
  g_test_add_func ("/library-page/row-menu", test_row_menu);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
