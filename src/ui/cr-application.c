/* cr-application.c: the application: its start, its actions and settings
 * (the command line is cr-application-cli.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-app"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-application.h"
#include "cr-application-cli.h"
#include "cr-help.h"
#include "cr-preferences-window.h"
#include "cr-store.h"
#include "cr-window.h"

struct _CrApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  /* NULL when the schema is not installed (an uninstalled build run
   * without GSETTINGS_SCHEMA_DIR): the app then runs on its defaults. */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (CrApplication, cr_application, ADW_TYPE_APPLICATION)

static gboolean
cr_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  CrApplication *self = CR_APPLICATION (app);
  g_auto(GStrv) args = g_strdupv (*arguments);
  char *gui_argv[] = { (*arguments)[0], NULL };
  g_auto(GStrv) gui_args = NULL;
  g_autofree char *default_path = cr_store_default_path (NULL);
  g_autofree char *database_path = NULL;
  int status;

  status = cr_application_cli_run (&args, &database_path);
  if (status >= 0)
    {
      *exit_status = status;
      return TRUE;
    }
  /* The GUI: remember the library to open. */
  g_free (self->database_path);
  self->database_path = g_steal_pointer (&database_path);

  /* A library other than the default one gets its own instance, so two
   * libraries can be open side by side. */
  if (g_strcmp0 (self->database_path, default_path) != 0)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  gui_args = g_strdupv (gui_argv);
  g_strfreev (*arguments);
  *arguments = g_steal_pointer (&gui_args);
  return G_APPLICATION_CLASS (cr_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static void
cr_application_activate (GApplication *app)
{
  CrApplication *self = CR_APPLICATION (app);
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  g_autofree char *default_path = cr_store_default_path (&error);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->database_path == NULL)
    self->database_path = g_strdup (default_path);
  /* Only the default library's folder is ours to create. */
  if (self->database_path != NULL && g_strcmp0 (self->database_path, default_path) == 0)
    {
      g_autofree char *dir = g_path_get_dirname (self->database_path);
      g_mkdir_with_parents (dir, 0700);
    }

  /* A library that cannot be changed is still shown, read-only. */
  g_clear_error (&error);
  if (self->database_path != NULL)
    store = cr_store_open_for_reading (self->database_path, &error);
  else
    default_path = cr_store_default_path (&error);
  window = GTK_WINDOW (cr_window_new (GTK_APPLICATION (app), store, error));
  gtk_window_present (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Crossroads developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Crossroads"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Crossroads developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/crossroads/crossroads",
                         "issue-url", "https://github.com/crossroads/crossroads/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "documenters", developers,
                         /* Translators: put your names here, one per line,
                          * as "Name <email>" or "Name https://website" */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrApplication *self = CR_APPLICATION (user_data);
  GtkWidget *window;

  g_return_if_fail (self->settings != NULL);

  window = cr_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->settings);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  cr_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = NULL;

  /* Each window closes as its close button would, so it keeps what it holds
   * (the step's timer, the window's size): the process ends without
   * destroying what is still open. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (user_data));
}

static void
apply_color_scheme (CrApplication *self)
{
  static const AdwColorScheme schemes[] = {
    [0] = ADW_COLOR_SCHEME_DEFAULT,
    [1] = ADW_COLOR_SCHEME_FORCE_LIGHT,
    [2] = ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint value = (guint) g_settings_get_enum (self->settings, "color-scheme");

  /* DEFAULT lets the desktop's dark-style preference decide. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      value < G_N_ELEMENTS (schemes) ? schemes[value]
                                                                     : ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed (CrApplication *self,
                         const char    *key,
                         GSettings     *settings)
{
  apply_color_scheme (self);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema; a run from the build tree
   * without GSETTINGS_SCHEMA_DIR should still open the library. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; preferences are off for this run. "
                 "Run from the build tree with build-aux/run-app.", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
cr_application_startup (GApplication *app)
{
  CrApplication *self = CR_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "about", about_activated },
    { "preferences", preferences_activated },
    { "help", help_activated },
    { "quit", quit_activated },
  };
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  /* AdwApplication's startup loads the style sheets. The shortcuts window is
   * not gtk/help-overlay.ui, which every window would build at once: CrWindow
   * builds it on first use. */
  G_APPLICATION_CLASS (cr_application_parent_class)->startup (app);

  /* Every window carries the app's icon: an X11 window list or a desktop
   * that does not match the window to our desktop entry shows it. */
  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (on_color_scheme_changed), self, G_CONNECT_SWAPPED);
      apply_color_scheme (self);
    }
  else
    {
      GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (app), "preferences");

      g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), FALSE);
    }
}

static void
cr_application_finalize (GObject *object)
{
  CrApplication *self = (CrApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cr_application_parent_class)->finalize (object);
}

static void
cr_application_class_init (CrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cr_application_finalize;
  app_class->local_command_line = cr_application_local_command_line;
  app_class->startup = cr_application_startup;
  app_class->activate = cr_application_activate;
}

static void
cr_application_init (CrApplication *self)
{
}

CrApplication *
cr_application_new (void)
{
  return g_object_new (CR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/crossroads/Crossroads",
                       NULL);
}

const char *
cr_application_get_database_path (CrApplication *self)
{
  g_return_val_if_fail (CR_IS_APPLICATION (self), NULL);
  return self->database_path;
}

GSettings *
cr_application_get_settings (CrApplication *self)
{
  g_return_val_if_fail (CR_IS_APPLICATION (self), NULL);
  return self->settings;
}
