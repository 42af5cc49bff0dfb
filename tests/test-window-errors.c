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
/* unshare () */
#define _GNU_SOURCE

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cr-library.h"
#include "cr-library-page.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-widget-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

static CrWindow *
show (CrWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  return window;
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
  cr_test_ui_spin (100);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "error");
  page = ADW_STATUS_PAGE (cr_test_ui_find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-warning-symbolic");
  g_assert_nonnull (find_button_with_action (GTK_WIDGET (page), "win.open-library"));
  g_assert_nonnull (find_button_with_action (GTK_WIDGET (page), "win.new-library"));
  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (50);
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
  cr_widget_show_error (GTK_WIDGET (window), error);
  cr_test_ui_spin (200);

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
  cr_test_ui_spin (50);
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
  cr_test_ui_spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==, ADW_RESPONSE_DESTRUCTIVE);
  list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (gtk_list_box_get_selected_row (list));

  adw_message_dialog_response (dialog, "restore");
  cr_test_ui_spin (300);
  g_assert_cmpint (cr_test_count_rows (path, "workshops"), ==, 0);
  /* The window opened the restored library afresh. */
  g_assert_true (cr_window_get_store (window) != store);
  /* The library it shows is the restored one, empty. */
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (50);
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Makes @dir read-only for this process: by its permissions, or, for root
 * whom they do not stop, by a read-only bind mount in a mount namespace of
 * the test's own. FALSE when neither can be had here. */
static gboolean
make_read_only (const char *dir,
                const char *path)
{
  if (geteuid () != 0)
    return g_chmod (path, 0444) == 0 && g_chmod (dir, 0555) == 0;
  return unshare (CLONE_NEWNS) == 0 &&
         mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
         mount (dir, dir, NULL, MS_BIND, NULL) == 0 &&
         mount (NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0;
}

static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GString *names = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_string_append_printf (names, "%s ", name);
  return g_string_free (names, FALSE);
}

/* A library that cannot be changed opens, with a notice that changes cannot
 * be saved; a change is refused with the store's message in a dialog, and
 * nothing is written beside the library. */
static void
test_read_only (void)
{
  g_autofree char *path = make_library ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *checksum_before = NULL, *checksum_after = NULL;
  g_autofree char *files_before = NULL, *files_after = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *banner;
  GtkWidget *label;
  GtkWidget *page;
  CrWindow *window;
  gint64 id;

  /* Closed by its only user: the library is one file. */
  files_before = list_dir (dir);
  checksum_before = checksum (path);
  if (!make_read_only (dir, path))
    {
      g_test_skip ("neither permissions nor a read-only bind mount can make a folder read-only here");
      return;
    }

  /* The window is opened as the application opens it. */
  store = cr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CR_STORE_ERROR, CR_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  store = cr_store_open_for_reading (path, &error);
  g_assert_no_error (error);
  g_assert_true (cr_store_is_read_only (store));
  items = cr_library_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  id = cr_workshop_info_get_id (g_ptr_array_index (items, 0));

  window = show (cr_window_new (app, store, NULL));
  cr_test_ui_spin (300);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  banner = find_with_class (GTK_WIDGET (window), "read-only-banner");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (banner))));
  label = cr_test_ui_find_mapped (banner, GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "changes cannot be saved"));

  /* Deleting the workshop from the library is refused, and says why. */
  g_assert_true (gtk_widget_activate_action (cr_test_ui_find_mapped (GTK_WIDGET (window), CR_TYPE_LIBRARY_PAGE),
                                             "library.delete", "x", id));
  cr_test_ui_spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be written (it is read-only)"));
  adw_message_dialog_response (dialog, "close");
  cr_test_ui_spin (100);

  /* Opened, the workshop shows; its steps can be gone through. */
  g_assert_true (cr_window_open_workshop (window, id, &error));
  g_assert_no_error (error);
  page = cr_test_ui_find_mapped (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, "workshop.next-step", NULL));
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  g_assert_true (gtk_widget_activate_action (page, "workshop.mark-done", NULL));
  cr_test_ui_spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (50);
  g_clear_object (&store);

  checksum_after = checksum (path);
  g_assert_cmpstr (checksum_after, ==, checksum_before);
  files_after = list_dir (dir);
  g_assert_cmpstr (files_after, ==, files_before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/window-errors/not-sqlite", test_not_sqlite);
  g_test_add_func ("/window-errors/newer", test_newer);
  g_test_add_func ("/window-errors/locked", test_locked);
  g_test_add_func ("/window-errors/restore-backup", test_restore_backup);
  g_test_add_func ("/window-errors/read-only", test_read_only);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
