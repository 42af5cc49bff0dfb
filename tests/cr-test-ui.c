/* cr-test-ui.c: what the UI tests share: the application, waiting, finding widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <adwaita.h>

#ifdef __has_feature
#  if __has_feature (address_sanitizer)
#    define CR_TEST_ASAN 1
#  endif
#endif
#ifdef __SANITIZE_ADDRESS__
#  define CR_TEST_ASAN 1
#endif
#ifdef CR_TEST_ASAN
#  include <sanitizer/lsan_interface.h>
#endif

#include "cr-test-ui.h"
#include "cr-test-util.h"

GtkApplication *
cr_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  /* Registering the application looks for a session bus; point it at none,
   * so the test neither needs one nor starts one through autolaunch. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/crossroads-test-bus", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "io.github.crossroads.Crossroads.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/crossroads/Crossroads",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

void
cr_test_ui_ignore_leaks (void)
{
#ifdef CR_TEST_ASAN
  __lsan_disable ();
#endif
}

void
cr_test_ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  /* A loaded machine may let the time pass without a turn of the loop:
   * what fell due meanwhile runs now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Gives up instead of hanging the test run when the display never answers. */
static gboolean
on_timeout (gpointer user_data)
{
  g_error ("timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

void
cr_test_ui_wait_mapped (GtkWidget *widget)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout, (gpointer) "a widget to be mapped");

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

void
cr_test_ui_wait_until (CrTestUiCondition  condition,
                       gpointer           data,
                       const char        *what)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

GtkWidget *
cr_test_ui_find (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cr_test_ui_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cr_test_ui_find_named (GtkWidget  *root,
                       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cr_test_ui_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkLabel *
cr_test_ui_find_label (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = cr_test_ui_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_label (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
cr_test_ui_text_of (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      ((action != NULL && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0) ||
       (label != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cr_test_ui_wait_button (GtkWidget  *root,
                        const char *action,
                        const char *label)
{
  /* A window just shown is laid out over a few frames, its agenda folded
   * until it has its full width. */
  guint timeout = g_timeout_add_seconds (20, on_timeout, (gpointer) "a button to be shown");
  GtkWidget *button;

  while ((button = find_button (root, action, label)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return button;
}

static void
on_clicked (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

void
cr_test_ui_activate_button (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong handler;
  guint timeout;

  /* The click may take the button away (a toast's, a dialog's). */
  g_object_ref (button);
  handler = g_signal_connect (button, "clicked", G_CALLBACK (on_clicked), &clicked);
  g_assert_true (gtk_widget_activate (button));
  timeout = g_timeout_add_seconds (20, on_timeout, (gpointer) "an activated button to be clicked");
  while (!clicked)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (button, handler);
  g_object_unref (button);
}

void
cr_test_ui_hide_help_viewer (void)
{
  g_autofree char *config = cr_test_make_tmpdir ();
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *built = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "help",
                                             "crossroads-help-C.html", NULL);
  g_autofree char *data_dir = cr_test_make_tmpdir ();
  g_autofree char *help_dir = g_build_filename (data_dir, "crossroads", "help", NULL);
  g_autofree char *copy = g_build_filename (help_dir, "crossroads-help-C.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *data_dirs = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Removed Associations]\n"
                                      "x-scheme-handler/help=yelp.desktop;\n", -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_assert_true (g_file_get_contents (built, &contents, &len, NULL));
  g_assert_cmpint (g_mkdir_with_parents (help_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  data_dirs = g_strdup_printf ("%s:%s", data_dir,
                               g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS") : "/usr/local/share:/usr/share");
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
}

AdwMessageDialog *
cr_test_ui_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}
