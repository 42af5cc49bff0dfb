/* cr-test-ui-util.c: what the UI tests and the screenshot tools share: the
 * application, waiting, finding widgets, saving what a widget draws
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

#include "cr-test-ui-util.h"
#include "cr-test-util.h"

/* The two checks gtk_tooltip_show_tooltip() trips, one after the other. */
static gboolean
is_tooltip_critical (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message)
{
  if (!(log_level & G_LOG_LEVEL_CRITICAL))
    return FALSE;
  return (g_strcmp0 (log_domain, "Gdk") == 0
          && g_strcmp0 (message, "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)' failed") == 0)
         || (g_strcmp0 (log_domain, "Gtk") == 0
             && g_strcmp0 (message, "_gtk_widget_find_at_coords: assertion 'GDK_IS_SURFACE (surface)' failed") == 0);
}

static gboolean
tooltip_critical_is_fatal (const char     *log_domain,
                           GLogLevelFlags  log_level,
                           const char     *message,
                           gpointer        user_data)
{
  return !is_tooltip_critical (log_domain, log_level, message);
}

static void
log_gtk (const char     *log_domain,
         GLogLevelFlags  log_level,
         const char     *message,
         gpointer        user_data)
{
  if (is_tooltip_critical (log_domain, log_level, message))
    g_test_message ("GTK 4.8's tooltip asked a closed window for the pointer (ignored)");
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

void
cr_test_ui_ignore_tooltip_critical (void)
{
  g_log_set_handler ("Gdk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, log_gtk, NULL);
  g_log_set_handler ("Gtk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, log_gtk, NULL);
  g_test_log_set_fatal_handler (tooltip_critical_is_fatal, NULL);
}

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

void
cr_test_ui_settle (void)
{
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

guint
cr_test_ui_watchdog (guint       seconds,
                     const char *what)
{
  return g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, seconds, on_timeout, g_strdup (what), g_free);
}

void
cr_test_ui_wait_mapped (GtkWidget *widget)
{
  guint timeout = cr_test_ui_watchdog (20, "a widget to be mapped");

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
cr_test_ui_wait_until (CrTestUiCondition  condition,
                       gpointer           data,
                       const char        *what)
{
  guint timeout = cr_test_ui_watchdog (20, what);
  guint tick = g_timeout_add (50, on_tick, NULL);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_source_remove (timeout);
}

CrWindow *
cr_test_ui_open_window (GtkApplication *app,
                        CrStore        *store,
                        gint64          workshop_id)
{
  CrWindow *window = g_object_ref (cr_window_new (app, store, NULL));

  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workshop", "x", workshop_id));
  cr_test_ui_spin (100);
  return window;
}

void
cr_test_ui_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  cr_test_ui_settle ();
  g_assert_finalize_object (window);
}

GtkWindow *
cr_test_ui_show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  guint timeout;

  gtk_window_set_default_size (window, 1024, 700);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  timeout = cr_test_ui_watchdog (20, "the window to be mapped");
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return window;
}

void
cr_test_ui_destroy_window (GtkWindow *window,
                           GtkWidget *child)
{
  g_object_ref (child);
  gtk_window_destroy (window);
  cr_test_ui_settle ();
  g_assert_finalize_object (child);
}

GtkWidget *
cr_test_ui_find (GtkWidget *root,
                 GType      type)
{
  return cr_test_ui_find_match (root, cr_test_ui_match_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
cr_test_ui_find_match (GtkWidget     *root,
                       CrTestUiMatch  match,
                       gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cr_test_ui_find_match (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cr_test_ui_need (GtkWidget     *root,
                 CrTestUiMatch  match,
                 gconstpointer  data)
{
  GtkWidget *found = cr_test_ui_find_match (root, match, data);

  if (found == NULL)
    g_error ("no widget matching '%s'", (const char *) data);
  return found;
}

gboolean
cr_test_ui_match_row_title (GtkWidget     *widget,
                            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
cr_test_ui_match_group_title (GtkWidget     *widget,
                              gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

gboolean
cr_test_ui_match_button_label (GtkWidget     *widget,
                               gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
cr_test_ui_match_tooltip (GtkWidget     *widget,
                          gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

gboolean
cr_test_ui_match_label_text (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

gboolean
cr_test_ui_match_type (GtkWidget     *widget,
                       gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
match_mapped_type (GtkWidget     *widget,
                   gconstpointer  type)
{
  return cr_test_ui_match_type (widget, type) && gtk_widget_get_mapped (widget);
}

GtkWidget *
cr_test_ui_find_mapped (GtkWidget *root,
                        GType      type)
{
  return cr_test_ui_find_match (root, match_mapped_type, GSIZE_TO_POINTER (type));
}

gboolean
cr_test_ui_match_name (GtkWidget     *widget,
                       gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
cr_test_ui_find_named (GtkWidget  *root,
                       const char *name)
{
  return cr_test_ui_find_match (root, cr_test_ui_match_name, name);
}

GtkWidget *
cr_test_ui_get_named (GtkWidget  *root,
                      const char *name)
{
  GtkWidget *found = cr_test_ui_find_named (root, name);

  if (found == NULL)
    g_error ("no widget named '%s'", name);
  return found;
}

GtkLabel *
cr_test_ui_find_label (GtkWidget  *root,
                       const char *text)
{
  return GTK_LABEL (cr_test_ui_find_match (root, cr_test_ui_match_label_text, text));
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

/* A mapped button that activates action or shows label. */
typedef struct
{
  const char *action;
  const char *label;
} WantedButton;

static gboolean
match_button (GtkWidget     *widget,
              gconstpointer  data)
{
  const WantedButton *wanted = data;

  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         ((wanted->action != NULL &&
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), wanted->action) == 0) ||
          (wanted->label != NULL && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), wanted->label) == 0));
}

GtkWidget *
cr_test_ui_wait_button (GtkWidget  *root,
                        const char *action,
                        const char *label)
{
  /* A window just shown is laid out over a few frames, its agenda folded
   * until it has its full width. */
  WantedButton wanted = { action, label };
  guint timeout = cr_test_ui_watchdog (20, "a button to be shown");
  GtkWidget *button;

  while ((button = cr_test_ui_find_match (root, match_button, &wanted)) == NULL)
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
  timeout = cr_test_ui_watchdog (20, "an activated button to be clicked");
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

gboolean
cr_test_ui_save_png (GtkWidget  *widget,
                     const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A window waiting for its next layout (the step's timer changes a label
   * every second) draws nothing until that frame: try again after it. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        cr_test_ui_spin (50);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_printerr ("%s: nothing drawn for %s (%dx%d)\n", g_get_prgname (), path, width, height);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
