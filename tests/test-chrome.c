/* test-chrome.c: the application's actions, preferences, shortcuts window and export step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-application.h"
#include "cr-help.h"
#include "cr-preferences-window.h"
#include "cr-step-export.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop.h"

static CrApplication *app;

static AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_PREFERENCES_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static void
test_chrome_actions (void)
{
  const char *actions[] = { "about", "preferences", "help", "quit" };
  struct { const char *action; const char *accel; } accels[] = {
    { "app.preferences", "<Control>comma" },
    { "app.help", "F1" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), actions[i]);

      g_assert_nonnull (action);
      g_assert_true (g_action_get_enabled (action));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (app), accels[i].action);

      g_assert_true (strv_has (set, accels[i].accel));
    }
  g_assert_nonnull (cr_application_get_settings (app));
}

/* The key set before startup is what AdwStyleManager got at startup. */
static void
test_chrome_color_scheme_at_startup (void)
{
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_DARK);
}

static CrPreferencesWindow *
open_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  CrPreferencesWindow *window = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CR_IS_PREFERENCES_WINDOW (toplevel))
        window = CR_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (window);
  g_object_ref (window);
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

/* Compares a string setting, freeing what GSettings hands back. */
static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_chrome_preferences (void)
{
  GSettings *settings = cr_application_get_settings (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char * const *ids = cr_template_builtin_ids ();
  CrPreferencesWindow *window = open_preferences ();
  AdwComboRow *scheme_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (window), "_Style"));
  AdwComboRow *template_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (window), "Default _Template"));
  AdwPreferencesRow *budget_row = find_row (GTK_WIDGET (window), "_Dots per Participant");
  GtkSpinButton *budget_spin;
  GListModel *titles;

  g_assert_nonnull (scheme_row);
  g_assert_nonnull (template_row);
  g_assert_nonnull (budget_row);

  /* The window shows the stored value... */
  g_assert_cmpuint (adw_combo_row_get_selected (scheme_row), ==, 2);

  /* ...and a change in the row is stored and applied at once. */
  adw_combo_row_set_selected (scheme_row, 1);
  assert_setting (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  adw_combo_row_set_selected (scheme_row, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  adw_combo_row_set_selected (scheme_row, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  /* The templates by title, stored by id. */
  titles = adw_combo_row_get_model (template_row);
  g_assert_cmpuint (g_list_model_get_n_items (titles), ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[i], NULL);

      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (titles), i), ==,
                       cr_template_get_title (template));
    }
  g_assert_cmpstr (ids[adw_combo_row_get_selected (template_row)], ==, "people-product-models");
  adw_combo_row_set_selected (template_row, 1);
  assert_setting (settings, "default-template", ids[1]);
  g_settings_set_string (settings, "default-template", ids[0]);
  g_assert_cmpuint (adw_combo_row_get_selected (template_row), ==, 0);

  /* The budget, within the schema's range. */
  budget_spin = GTK_SPIN_BUTTON (cr_test_ui_find (GTK_WIDGET (budget_row), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (budget_spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (budget_spin), ==, 3);
  gtk_spin_button_set_value (budget_spin, 7);
  g_assert_cmpint (g_settings_get_int (settings, "dots-budget"), ==, 7);
  gtk_spin_button_set_value (budget_spin, 50);
  g_assert_cmpint (g_settings_get_int (settings, "dots-budget"), ==, 20);
  g_settings_reset (settings, "dots-budget");
  g_assert_cmpfloat (gtk_spin_button_get_value (budget_spin), ==, 3);

  cr_test_ui_close_window (GTK_WINDOW (window));

  /* Still applied with the window gone. */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* main() hid every help viewer: F1 says so instead of doing nothing, and
 * offers the one-page help (the build's, which main() put where installed
 * data is looked for) in the browser. */
static void
test_chrome_help_without_viewer (void)
{
  guint timeout = cr_test_ui_watchdog (20, "the help message");
  g_autofree char *page = cr_help_find_page ();
  g_autofree char *html = NULL;
  AdwMessageDialog *dialog;

  g_assert_nonnull (page);
  g_assert_true (g_str_has_suffix (page, "/crossroads/help/crossroads-help-C.html"));
  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  /* Every page of the help is in it. */
  g_assert_nonnull (strstr (html, "<div class=\"page\" id=\"index\">"));
  g_assert_nonnull (strstr (html, "<div class=\"page\" id=\"voting\">"));

  g_assert_null (g_app_info_get_default_for_uri_scheme ("help"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  while ((dialog = cr_test_ui_find_message_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Help Could Not Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Yelp"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "web browser"));
  g_assert_true (adw_message_dialog_has_response (dialog, "browser"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "browser");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (cr_test_ui_find_message_dialog ());
}

/* Inside a Flatpak the desktop's help viewer cannot see the app's help:
 * F1 chooses the one-page help, in the browser, when the sandbox's
 * /.flatpak-info is there, and the help viewer when it is not (this machine
 * has no viewer: F1 then offers the same page, as above). */
static void
test_chrome_help_in_sandbox (void)
{
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *info = g_build_filename (dir, ".flatpak-info", NULL);
  g_autofree char *page = cr_help_find_page ();
  g_autofree char *page_uri = NULL;
  g_autofree char *viewer_uri = cr_help_get_viewer_uri ();
  g_autofree char *uri = NULL;

  g_assert_nonnull (page);
  page_uri = g_filename_to_uri (page, NULL, NULL);

  g_assert_cmpint (cr_help_choose_at (info, &uri), ==, CR_HELP_VIEWER);
  g_assert_cmpstr (uri, ==, viewer_uri);
  g_assert_true (g_str_equal (uri, CR_HELP_URI) || g_str_has_suffix (uri, "/index.page"));
  g_clear_pointer (&uri, g_free);

  g_assert_true (g_file_set_contents (info, "[Application]\nname=" APP_ID "\n", -1, NULL));
  g_assert_cmpint (cr_help_choose_at (info, &uri), ==, CR_HELP_BROWSER);
  g_assert_cmpstr (uri, ==, page_uri);
  g_assert_true (g_str_has_suffix (uri, "/crossroads/help/crossroads-help-C.html"));
}

/* The tests draw with cairo and GTK is told so (GDK_DEBUG=gl-disable in
 * the ui environment): no GL driver is loaded, whose allocations at start
 * the sanitizer pass reported as leaks on a fresh machine. */
static void
test_chrome_no_gl (void)
{
  GtkWidget *window = g_object_ref (gtk_window_new ());
  g_autofree char *maps = NULL;

  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (window);
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "libEGL_mesa"));
  g_assert_null (strstr (maps, "libGLX_mesa"));
  g_assert_null (strstr (maps, "_dri.so"));
  cr_test_ui_close_window (GTK_WINDOW (window));
}

/* The group of the shortcuts window titled @title lists each of @keys
 * (a range such as "0...9" by its two ends). */
static void
assert_group_lists (GSList     *objects,
                    const char *title,
                    const char *keys[])
{
  GtkWidget *group = NULL;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_GROUP (l->data))
      {
        g_autofree char *group_title = NULL;

        g_object_get (l->data, "title", &group_title, NULL);
        if (g_strcmp0 (group_title, title) == 0)
          group = l->data;
      }
  if (group == NULL)
    g_error ("the shortcuts window has no group %s", title);
  for (guint k = 0; keys[k] != NULL; k++)
    {
      gboolean found = FALSE;

      for (GtkWidget *child = gtk_widget_get_first_child (group); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          g_autofree char *accelerator = NULL;
          g_auto(GStrv) parts = NULL;

          if (!GTK_IS_SHORTCUTS_SHORTCUT (child))
            continue;
          g_object_get (child, "accelerator", &accelerator, NULL);
          parts = g_strsplit_set (accelerator, " .", -1);
          found |= g_strv_contains ((const char * const *) parts, keys[k]);
        }
      if (!found)
        g_error ("the shortcuts window's group %s does not list the key %s", title, keys[k]);
    }
}

static void
test_chrome_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/crossroads/Crossroads/ui/cr-shortcuts-window.ui");
  GObject *window = gtk_builder_get_object (builder, "shortcuts_window");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  const char *app_actions[] = { "app.preferences", "app.help", "app.quit", "win.show-help-overlay" };

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));

  /* Every accelerator in the window parses, and has a title. */
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      /* Keys apart, and a range ("0...9") by its two ends. */
      parts = g_strsplit_set (accelerator, " .", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          if (parts[i][0] == '\0')
            continue;
          g_assert_true (gtk_accelerator_parse (parts[i], &key, &mods));
          g_assert_cmpuint (key, !=, 0);
          g_ptr_array_add (shown, gtk_accelerator_name (key, mods));
        }
    }
  g_assert_cmpuint (shown->len, >=, 16);

  /* A review found the ballot's keys missing: the number keys, the
   * arrows, + and -, Tab, and Enter for Save and Next. */
  {
    const char *score_keys[] = { "0", "9", "Up", "Down", "Left", "Right", "plus", "minus", "Tab", "Return", NULL };
    /* A keyboard-only walk found the keys of dots and choices, and the
     * results' charts as tab stops, still missing. */
    const char *dots_keys[] = { "0", "1", "9", "plus", "minus", "Return", NULL };
    const char *results_keys[] = { "Tab", "<shift>Tab", NULL };

    assert_group_lists (objects, "Scores by keyboard", score_keys);
    assert_group_lists (objects, "Choices and dots by keyboard", dots_keys);
    assert_group_lists (objects, "Results", results_keys);
  }

  /* The application's own accelerators are the ones the window lists. */
  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (app), app_actions[i]);
      guint key = 0;
      GdkModifierType mods = 0;
      g_autofree char *name = NULL;
      gboolean found = FALSE;

      g_assert_nonnull (set[0]);
      g_assert_true (gtk_accelerator_parse (set[0], &key, &mods));
      name = gtk_accelerator_name (key, mods);
      for (guint j = 0; j < shown->len; j++)
        found |= g_str_equal (name, g_ptr_array_index (shown, j));
      g_assert_true (found);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_shortcuts_windows (GtkWindow **found)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        {
          *found = toplevel;
          n++;
        }
    }
  return n;
}

/* The shortcuts window is built when asked for, once, for its window. */
static void
test_chrome_shortcuts_window (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  CrWindow *window = cr_window_new (GTK_APPLICATION (app), store, NULL);
  GtkWindow *shortcuts = NULL;
  guint timeout;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (count_shortcuts_windows (&shortcuts), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (count_shortcuts_windows (&shortcuts), ==, 1);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  timeout = cr_test_ui_watchdog (60, "the shortcuts window to be mapped");
  while (!gtk_widget_get_mapped (GTK_WIDGET (shortcuts)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  /* Each page fits a laptop's 1366x768 screen, the tallest with them. */
  {
    int natural = 0;

    gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
    g_test_message ("the shortcuts window is %d px tall", natural);
    g_assert_cmpint (natural, <=, 768);
  }

  /* Closed and asked for again: the same window comes back. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (count_shortcuts_windows (&shortcuts), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (count_shortcuts_windows (&shortcuts), ==, 0);
}

static void
wait_until_idle (CrStepExport *step)
{
  guint timeout = cr_test_ui_watchdog (60, "the export to finish");

  while (cr_step_export_get_busy (step))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static CrWorkshop *
new_workshop (CrStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = cr_test_new_workshop (store, "people-product-models", "Spring off-site",
                                                         "Northwind Logistics", "Sam Rivera", "2025-03-14",
                                                         "People Experience");
  /* Owned by the workshop. */
  CrNote *note;
  CrAction *action;

  note = cr_workshop_add_note (workshop, "px-as-a-product", CR_NOTE_STRENGTH,
                               "Employees are treated as users", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  action = cr_workshop_add_action (workshop, "Map the employee journeys", "Ana", "2025-04-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  return g_steal_pointer (&workshop);
}

static void
test_chrome_export (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autofree char *dir = cr_test_make_tmpdir ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *step = cr_step_export_new (workshop);
  CrExportFormat all[] = { CR_EXPORT_MARKDOWN, CR_EXPORT_CSV, CR_EXPORT_HTML, CR_EXPORT_JSON, CR_EXPORT_PDF };
  AdwMessageDialog *dialog;
  const char *row_titles[] = {
    "Markdown summary", "Spreadsheet (CSV)", "Web page (HTML)",
    "Workshop bundle (JSON, to move it to another laptop)", "PDF report",
  };

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_set_child (GTK_WINDOW (window), step);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (step);

  for (guint i = 0; i < G_N_ELEMENTS (row_titles); i++)
    {
      AdwPreferencesRow *row = find_row (step, row_titles[i]);
      GtkButton *button;

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
      button = GTK_BUTTON (cr_test_ui_find (GTK_WIDGET (row), GTK_TYPE_BUTTON));
      g_assert_nonnull (button);
      g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), "Export as "));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *name = cr_export_suggest_filename (workshop, all[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      const char *data;
      gsize len;

      g_assert_true (g_str_has_suffix (name, cr_export_format_extension (all[i])));
      cr_step_export_export_to_path (CR_STEP_EXPORT (step), all[i], path);
      g_assert_true (cr_step_export_get_busy (CR_STEP_EXPORT (step)));
      g_assert_nonnull (cr_test_ui_find (step, GTK_TYPE_SPINNER));
      wait_until_idle (CR_STEP_EXPORT (step));

      bytes = cr_test_read_file (path);
      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &len);
      g_assert_cmpuint (len, >, 0);
      switch (all[i])
        {
        case CR_EXPORT_MARKDOWN:
          g_assert_nonnull (g_strstr_len (data, len, "Spring off-site"));
          g_assert_nonnull (g_strstr_len (data, len, "Map the employee journeys"));
          break;

        case CR_EXPORT_CSV:
          g_assert_nonnull (g_strstr_len (data, len, "record,question,round"));
          g_assert_nonnull (g_strstr_len (data, len, "Employees are treated as users"));
          break;

        case CR_EXPORT_HTML:
          g_assert_nonnull (g_strstr_len (data, len, "<html"));
          g_assert_nonnull (g_strstr_len (data, len, "Spring off-site"));
          break;

        case CR_EXPORT_JSON:
          {
            g_autoptr(JsonParser) parser = json_parser_new ();
            g_autoptr(GError) error = NULL;
            JsonObject *root;

            json_parser_load_from_data (parser, data, len, &error);
            g_assert_no_error (error);
            root = json_node_get_object (json_parser_get_root (parser));
            g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "crossroads-workshop");
            g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "workshop"), "title"),
                             ==, "Spring off-site");
          }
          break;

        case CR_EXPORT_PDF:
          g_assert_cmpuint (len, >, 5);
          g_assert_cmpmem (data, 5, "%PDF-", 5);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* A folder that does not exist: nothing written, the step ready again. */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "summary.md", NULL);

    cr_step_export_export_to_path (CR_STEP_EXPORT (step), CR_EXPORT_MARKDOWN, path);
    wait_until_idle (CR_STEP_EXPORT (step));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

    /* ...and the facilitator is told, in a dialog over the window. */
    dialog = cr_test_ui_find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Workshop Was Not Exported");
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  for (guint i = 0; i < G_N_ELEMENTS (row_titles); i++)
    {
      GtkWidget *button = cr_test_ui_find (GTK_WIDGET (find_row (step, row_titles[i])), GTK_TYPE_BUTTON);

      g_assert_true (gtk_widget_get_sensitive (button));
    }

  cr_test_ui_close_window (GTK_WINDOW (window));
}

/* What a facilitator saw: Ctrl+Q in the middle of a step, and at the next
 * start the step's timer had lost the time since its last save (up to
 * half a minute), where the window's close button kept it. Quit closes the
 * windows as their close buttons do. */
static void
test_chrome_quit_keeps_timer (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = new_workshop (store);
  g_autoptr(CrWorkshop) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *step = cr_template_get_step (cr_workshop_get_template (workshop), 0)->id;
  GtkWidget *window = GTK_WIDGET (cr_window_new (GTK_APPLICATION (app), store, NULL));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (window);
  g_assert_true (cr_window_open_workshop (CR_WINDOW (window), cr_workshop_get_id (workshop), &error));
  g_assert_no_error (error);

  /* More than a second on the first step's timer, then Quit. */
  cr_test_ui_spin (1100);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  reloaded = cr_workshop_load (store, cr_workshop_get_id (workshop), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_workshop_get_step_elapsed (reloaded, step), >=, 1);
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crossroads-test-bus", TRUE);

  /* F1 takes the path of a desktop without Yelp and starts nothing. */
  cr_test_ui_hide_help_viewer ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Stored before the app starts, so startup must apply it. */
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "color-scheme", "dark");

  app = cr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/chrome/color-scheme-at-startup", test_chrome_color_scheme_at_startup);
  g_test_add_func ("/chrome/no-gl", test_chrome_no_gl);
  g_test_add_func ("/chrome/actions", test_chrome_actions);
  g_test_add_func ("/chrome/preferences", test_chrome_preferences);
  g_test_add_func ("/chrome/shortcuts", test_chrome_shortcuts);
  g_test_add_func ("/chrome/shortcuts-window", test_chrome_shortcuts_window);
  g_test_add_func ("/chrome/help-without-viewer", test_chrome_help_without_viewer);
  g_test_add_func ("/chrome/help-in-sandbox", test_chrome_help_in_sandbox);
  g_test_add_func ("/chrome/export", test_chrome_export);
  /* Last: it quits the application. */
  g_test_add_func ("/chrome/quit-keeps-timer", test_chrome_quit_keeps_timer);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
