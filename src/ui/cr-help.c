/* cr-help.c: the user help, in the help viewer or, where there is none, as
 * one HTML page in the web browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-help"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cr-help.h"
#include "cr-sandbox.h"

#define PAGE_DIR "crossroads/help"

/* PAGE_DIR/crossroads-help-LANG.html in @data_dir, for the first of the
 * user's languages that has one (the list ends with "C", English). */
static char *
find_page_in (const char *data_dir)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("crossroads-help-%s.html", languages[i]);
      g_autofree char *path = g_build_filename (data_dir, PAGE_DIR, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

char *
cr_help_find_page (void)
{
  g_autofree char *installed = g_path_get_dirname (PKGDATADIR);
  const char * const *data_dirs = g_get_system_data_dirs ();
  char *page;

  /* Where this build installs it first, then where the desktop looks. */
  if ((page = find_page_in (installed)) != NULL)
    return page;
  for (guint i = 0; data_dirs[i] != NULL; i++)
    if ((page = find_page_in (data_dirs[i])) != NULL)
      return page;
  return NULL;
}

char *
cr_help_get_viewer_uri (void)
{
  g_autofree char *data_dir = g_path_get_dirname (PKGDATADIR);
  const char * const *languages = g_get_language_names ();

  /* The desktop's help viewer looks in the system's data folders. Installed
   * anywhere else (build-aux/run-app's prefix, /opt), a viewer already
   * running in the session would not find help:crossroads, whatever this
   * process's XDG_DATA_DIRS: it is given the index page itself. */
  if (g_str_equal (data_dir, "/usr/share") || g_str_equal (data_dir, "/usr/local/share"))
    return g_strdup (CR_HELP_URI);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *index = g_build_filename (data_dir, "help", languages[i], "crossroads",
                                                 "index.page", NULL);

      if (g_file_test (index, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (index, NULL, NULL);
    }
  return g_strdup (CR_HELP_URI);
}

CrHelpWay
cr_help_choose_at (const char  *flatpak_info,
                   char       **uri)
{
  g_return_val_if_fail (flatpak_info != NULL, CR_HELP_VIEWER);
  g_return_val_if_fail (uri != NULL, CR_HELP_VIEWER);

  /* The desktop's help viewer cannot see the help inside a Flatpak; the
   * browser the portal opens is given the one page, which needs nothing
   * from the internet. */
  if (cr_sandbox_is_flatpak_at (flatpak_info))
    {
      g_autofree char *page = cr_help_find_page ();

      if (page != NULL)
        {
          *uri = g_filename_to_uri (page, NULL, NULL);
          return CR_HELP_BROWSER;
        }
    }
  *uri = cr_help_get_viewer_uri ();
  return CR_HELP_VIEWER;
}

static GAppLaunchContext *
launch_context_for (GtkWindow *parent)
{
  if (parent == NULL)
    return NULL;
  return G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent))));
}

/* The message F1 leaves in @parent when the help could not be opened. */
static AdwMessageDialog *
failure_dialog_new (GtkWindow  *parent,
                    const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Help Could Not Be Opened"), body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
page_launched (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *body = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  g_message ("Could not open the help page in a browser: %s", error->message);
  page = cr_help_find_page ();
  body = g_strdup_printf (_("No web browser could open it either. The help is the file %s: "
                            "open it in any web browser."), page != NULL ? page : "");
  gtk_window_present (GTK_WINDOW (failure_dialog_new (parent, body)));
}

/* The one-page help in the browser; inside a Flatpak GIO asks the
 * OpenURI portal, which hands the file to the host's browser. */
static void
show_page_uri (GtkWindow  *parent,
               const char *uri)
{
  g_autoptr(GAppLaunchContext) context = launch_context_for (parent);

  g_app_info_launch_default_for_uri_async (uri, context, NULL, page_launched,
                                           parent != NULL ? g_object_ref (parent) : NULL);
}

static void
on_no_viewer_response (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  g_autofree char *page = NULL;

  if (!g_str_equal (response, "browser"))
    return;
  page = cr_help_find_page ();
  if (page != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (page, NULL, NULL);

      show_page_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri);
    }
}

/* Without a help viewer (Yelp) F1 would otherwise do nothing at all.
 * GIO's reason ("Operation not supported") means little to a facilitator:
 * it goes to the log, the message says what to do. */
static void
show_no_viewer (GtkWindow    *parent,
                const GError *error)
{
  g_autofree char *page = NULL;
  AdwMessageDialog *dialog;

  g_message ("Could not open the help in a help viewer: %s", error->message);
  page = cr_help_find_page ();
  if (page == NULL)
    {
      dialog = failure_dialog_new (parent, _("No help viewer is installed. Install Yelp, the GNOME help "
                                             "viewer, from your software centre, then press F1 again."));
    }
  else
    {
      dialog = failure_dialog_new (parent, _("No help viewer is installed. Read the help in your web "
                                             "browser instead, or install Yelp, the GNOME help viewer, "
                                             "from your software centre."));
      adw_message_dialog_add_response (dialog, "browser", _("Open in _Browser"));
      adw_message_dialog_set_response_appearance (dialog, "browser", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "browser");
      g_signal_connect (dialog, "response", G_CALLBACK (on_no_viewer_response), NULL);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
viewer_launched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_uris_finish (G_APP_INFO (object), result, &error))
    show_no_viewer (parent, error);
}

void
cr_help_show (GtkWindow *parent)
{
  g_autoptr(GAppLaunchContext) context = launch_context_for (parent);
  g_autoptr(GAppInfo) viewer = NULL;
  g_autofree char *uri = NULL;
  GList uris = { NULL, NULL, NULL };

  if (cr_help_choose_at (cr_sandbox_get_info_path (), &uri) == CR_HELP_BROWSER)
    {
      show_page_uri (parent, uri);
      return;
    }

  /* The viewer is the app that opens help: links, even for a file: URI of
   * the index (whose own type could open in a text editor). gtk_show_uri()
   * in GTK 4.8 drops a failure silently; this reports it. */
  viewer = g_app_info_get_default_for_uri_scheme ("help");
  if (viewer == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     "no application opens help: links");

      show_no_viewer (parent, error);
      return;
    }
  uris.data = uri;
  g_app_info_launch_uris_async (viewer, &uris, context, NULL, viewer_launched,
                                parent != NULL ? g_object_ref (parent) : NULL);
}

static gboolean
help_shortcut_activated (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  cr_help_show (GTK_WINDOW (widget));
  return TRUE;
}

void
cr_help_add_shortcut (GtkWindow *window)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F1, 0),
                                                          gtk_callback_action_new (help_shortcut_activated,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}
