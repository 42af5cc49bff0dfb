/* test-window-errors.c: the window on a library it cannot use
 *
 * A library from a newer Crossroads or one locked by another program opens
 * on the error page, which says why and offers to open another library or
 * start a new one; a change refused because the library became locked says
 * so in a dialog that offers the same ways out. The file stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop.h"

static GtkApplication *app;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static CrWindow *
show (CrWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkButton *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
checksum (const char *path)
{
  g_autoptr(GBytes) bytes = cr_test_read_file (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Opens the window as the application does after cr_store_open() failed,
 * and checks the error page. */
static void
assert_error_page (const char *path,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrStore) store = cr_store_open (path, &error);
  CrWindow *window;
  AdwStatusPage *page;

  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, path));

  window = show (cr_window_new (app, NULL, error));
  spin (100);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "error");
  page = ADW_STATUS_PAGE (find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-warning-symbolic");
  g_assert_nonnull (find_button_with_action (GTK_WIDGET (page), "win.open-library"));
  g_assert_nonnull (find_button_with_action (GTK_WIDGET (page), "win.new-library"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static char *
make_library (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;

  workshop = cr_workshop_create (store, template, "Q1 review", "Northwind", "Sam",
                                 "2025-03-14", "People", &error);
  g_assert_no_error (error);
  return g_strdup (cr_store_get_path (store));
}

static void
test_newer (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *before = NULL, *after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum (path);

  assert_error_page (path, "was written by a newer version of Crossroads");
  after = checksum (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_not_sqlite (void)
{
  g_autofree char *path = cr_test_tmp_path ("minutes.db");

  g_assert_true (g_file_set_contents (path, "Minutes of the meeting\n", -1, NULL));
  assert_error_page (path, "is not a Crossroads library");
}

static void
test_locked (void)
{
  g_autofree char *path = make_library ();
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", NULL);
  g_autoptr(CrWorkshop) refused = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  CrWindow *window;
  sqlite3 *db = NULL;

  /* Another program keeps the file to itself: the window cannot open it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE workshops SET title = title", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_error_page (path, "is in use by another program");
  sqlite3_close (db);

  /* Opened, then another program starts a change: the facilitator's change
   * is refused, and the dialog offers the same ways out. */
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  window = show (cr_window_new (app, store, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE workshops SET title = title", NULL, NULL, NULL), ==, SQLITE_OK);
  refused = cr_workshop_create (store, template, "Q2 review", "Northwind", "Sam",
                                "2025-06-14", "People", &error);
  g_assert_null (refused);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_BUSY);
  cr_window_show_error (GTK_WIDGET (window), error);
  spin (200);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
  g_assert_true (adw_message_dialog_has_response (dialog, "open-library"));
  g_assert_true (adw_message_dialog_has_response (dialog, "new-library"));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  adw_message_dialog_response (dialog, "close");
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Nothing of the refused change reached the library. */
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  return dialog;
}

/* The library menu's "Restore From a Backup…": the day's backup, chosen and
 * confirmed, replaces the library, and the window shows it. */
static void
test_restore_backup (void)
{
  g_autofree char *path = make_library ();
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkListBox *list;
  CrWindow *window;

  /* make_library()'s workshop was the day's first change: today's backup
   * holds the library before it, empty. */
  store = cr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 1);
  window = show (cr_window_new (app, store, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==, ADW_RESPONSE_DESTRUCTIVE);
  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (gtk_list_box_get_selected_row (list));

  adw_message_dialog_response (dialog, "restore");
  spin (300);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 0);
  /* The window opened the restored library afresh. */
  g_assert_true (cr_window_get_store (window) != store);
  /* The library it shows is the restored one, empty. */
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crossroads-test-bus", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "io.github.crossroads.Crossroads.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/crossroads/Crossroads",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-errors/not-sqlite", test_not_sqlite);
  g_test_add_func ("/window-errors/newer", test_newer);
  g_test_add_func ("/window-errors/locked", test_locked);
  g_test_add_func ("/window-errors/restore-backup", test_restore_backup);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
