/* cr-window.c: the main window: the library, or one open workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-backup.h"
#include "cr-help.h"
#include "cr-library-page.h"
#include "cr-phone-server.h"
#include "cr-room-view.h"
#include "cr-room-window.h"
#include "cr-widget-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"

struct _CrWindow
{
  AdwApplicationWindow  parent_instance;

  CrStore              *store;
  CrWorkshop           *workshop;
  /* Every workshop opened in this run, by id: kept so that its undo and
   * redo history survive a trip to the library and back. */
  GHashTable           *opened;
  GSettings            *settings;     /* NULL when the schema is not installed */
  GtkWidget            *library_page;
  GtkWidget            *workshop_page;
  GtkFileChooserNative *chooser;
  /* Presenting to the room: a window on the second monitor, or this
   * window's own content switched to the room view. */
  GtkWidget            *room_window;
  GtkWidget            *focus_before_room;   /* weak */
  GtkWidget            *shortcuts_window;
  /* Votes from phones for the open workshop: made the first time phones
   * are turned on, dropped (and so stopped) with the workshop. */
  CrPhoneServer        *phones;

  /* Template widgets */
  GtkStack             *presenting_stack;
  AdwBin               *room_bin;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwBin               *library_bin;
  AdwBin               *workshop_bin;
  AdwStatusPage        *error_page;
  GtkRevealer          *read_only_revealer;
};

G_DEFINE_FINAL_TYPE (CrWindow, cr_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PHONES_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void stop_presenting (CrWindow     *self);
static void drop_phones     (CrWindow     *self);
static void show_error      (CrWindow     *self,
                             const GError *error);

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build without GSETTINGS_SCHEMA_DIR still runs; it just
   * does not remember the window's size and place. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static void
show_error_page (CrWindow     *self,
                 const GError *error)
{
  /* Set here rather than in the template, so no start that goes well loads it. */
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_description (self->error_page, error ? error->message : NULL);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static gboolean
start_backup_idle (gpointer data)
{
  cr_store_start_backup (CR_STORE (data));
  return G_SOURCE_REMOVE;
}

static void
set_store (CrWindow *self,
           CrStore  *store)
{
  g_autoptr(GError) error = NULL;

  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->opened);
  self->library_page = cr_library_page_new (store);
  adw_bin_set_child (self->library_bin, self->library_page);
  gtk_stack_set_visible_child_name (self->stack, "library");

  /* A library that cannot be changed is shown as it is, and says so: every
   * change is then refused with the store's message. */
  gtk_revealer_set_reveal_child (self->read_only_revealer, cr_store_is_read_only (store));
  if (cr_store_is_read_only (store))
    return;

  /* Trash left by a crash or a closed toast is deleted for good now. */
  if (!cr_workshop_purge_trash (store, &error))
    g_message ("Could not empty the trash: %s", error->message);

  /* Today's backup is made beside the room's work, once the window is on
   * screen, rather than by the day's first change (a vote) waiting for it. */
  g_idle_add_full (G_PRIORITY_LOW, start_backup_idle, g_object_ref (store), g_object_unref);
}

/* ---- Votes from phones ------------------------------------------------- */

/* Phones vote on the question of the vote step the facilitator is on, and
 * keep the last one while the agenda is elsewhere. */
static void
follow_vote_step (CrWindow *self)
{
  const char *step_id;
  int i;
  const CrAgendaStep *step;

  if (self->phones == NULL || self->workshop_page == NULL)
    return;
  step_id = cr_workshop_page_get_step_id (CR_WORKSHOP_PAGE (self->workshop_page));
  i = step_id != NULL ? cr_workshop_find_step (self->workshop, step_id) : -1;
  if (i < 0)
    return;
  step = cr_workshop_get_step (self->workshop, (guint) i);
  if (g_strcmp0 (step->page, "vote") == 0 && step->question != NULL)
    cr_phone_server_set_question (self->phones, step->question);
}

static void
notify_phones_on (CrWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "phones");

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (cr_window_get_phones_on (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES_ON]);
}

static void
on_phones_running (CrWindow *self)
{
  notify_phones_on (self);
}

static void
on_phones_change_state (GSimpleAction *action,
                        GVariant      *state,
                        CrWindow      *self)
{
  cr_window_set_phones_on (self, g_variant_get_boolean (state));
}

static void
on_phones_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    CrWindow      *self)
{
  cr_window_set_phones_on (self, !cr_window_get_phones_on (self));
}

/* Closing the workshop stops the server: the last reference goes. */
static void
drop_phones (CrWindow *self)
{
  if (self->phones == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->phones, self);
  cr_phone_server_stop (self->phones);
  if (self->workshop_page != NULL)
    cr_workshop_page_set_phone_server (CR_WORKSHOP_PAGE (self->workshop_page), NULL);
  g_clear_object (&self->phones);
  notify_phones_on (self);
}

gboolean
cr_window_get_phones_on (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), FALSE);
  return self->phones != NULL && cr_phone_server_get_running (self->phones);
}

void
cr_window_set_phones_on (CrWindow *self,
                         gboolean  on)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CR_IS_WINDOW (self));

  if (on == cr_window_get_phones_on (self))
    return;
  if (!on)
    {
      cr_phone_server_stop (self->phones);
      return;
    }
  if (self->workshop == NULL)
    return;

  if (self->phones == NULL)
    {
      self->phones = cr_phone_server_new (self->workshop);
      g_signal_connect_object (self->phones, "notify::running",
                               G_CALLBACK (on_phones_running), self, G_CONNECT_SWAPPED);
      cr_workshop_page_set_phone_server (CR_WORKSHOP_PAGE (self->workshop_page), self->phones);
    }
  follow_vote_step (self);
  if (cr_phone_server_start (self->phones, &error))
    return;

  /* No network phones could reach: the vote step says so and offers the
   * laptop's ballots; the room view's menu gets a toast that says the same. */
  if (g_error_matches (error, CR_PHONE_SERVER_ERROR, CR_PHONE_SERVER_ERROR_NO_NETWORK))
    cr_widget_add_toast (GTK_WIDGET (self->toast_overlay),
                         adw_toast_new (_("Phones cannot vote: this laptop is on no local network. Record the ballots on the laptop, or count hands.")));
  else
    show_error (self, error);
  /* The switch goes back off. */
  notify_phones_on (self);
}

gboolean
cr_window_open_workshop (CrWindow    *self,
                         gint64       workshop_id,
                         GError     **error)
{
  g_autoptr(CrWorkshop) workshop = NULL;

  g_return_val_if_fail (CR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  /* The copy opened before, unless the library has let go of it since
   * (deleted, or replaced by a restore or an import). */
  workshop = g_hash_table_lookup (self->opened, &workshop_id);
  if (workshop != NULL && cr_workshop_is_current (workshop))
    g_object_ref (workshop);
  else
    {
      workshop = cr_workshop_load (self->store, workshop_id, error);
      if (workshop == NULL)
        {
          g_hash_table_remove (self->opened, &workshop_id);
          return FALSE;
        }
      g_hash_table_insert (self->opened, g_memdup2 (&workshop_id, sizeof workshop_id),
                           g_object_ref (workshop));
    }

  stop_presenting (self);
  if (workshop != self->workshop)
    drop_phones (self);
  g_set_object (&self->workshop, workshop);
  self->workshop_page = cr_workshop_page_new (workshop);
  g_signal_connect_object (self->workshop_page, "notify::step-id",
                           G_CALLBACK (follow_vote_step), self, G_CONNECT_SWAPPED);
  cr_workshop_page_set_phone_server (CR_WORKSHOP_PAGE (self->workshop_page), self->phones);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-room", TRUE);
  adw_bin_set_child (self->workshop_bin, self->workshop_page);
  gtk_stack_set_visible_child_name (self->stack, "workshop");
  gtk_window_set_title (GTK_WINDOW (self), cr_workshop_get_title (workshop));

  /* The page opens on the step the workshop was left on; the settings only
   * say which workshop to reopen at the next start. */
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-workshop", workshop_id);
  cr_workshop_page_focus_agenda (CR_WORKSHOP_PAGE (self->workshop_page));
  return TRUE;
}

/* ---- Presenting to the room ------------------------------------------- */

static void
stop_presenting (CrWindow *self)
{
  if (self->room_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->room_window));
  g_clear_weak_pointer (&self->room_window);

  if (adw_bin_get_child (self->room_bin) != NULL)
    {
      gtk_stack_set_visible_child_name (self->presenting_stack, "window");
      /* The focus goes back where it was before F5, and leaves the room view
       * before it goes: GTK would otherwise keep it on the removed view
       * until the next frame, and keys sent to it reach nothing. */
      if (self->focus_before_room != NULL &&
          gtk_widget_get_root (self->focus_before_room) == GTK_ROOT (self) &&
          gtk_widget_get_mapped (self->focus_before_room))
        gtk_widget_grab_focus (self->focus_before_room);
      else if (self->workshop_page != NULL)
        cr_workshop_page_focus_agenda (CR_WORKSHOP_PAGE (self->workshop_page));
      else
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
      adw_bin_set_child (self->room_bin, NULL);
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  g_clear_weak_pointer (&self->focus_before_room);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-room", FALSE);
}

static void
present_room_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrWindow *self = CR_WINDOW (widget);
  GdkMonitor *monitor;
  GtkWidget *view;

  /* F5 again puts the room view away. */
  if (self->room_window != NULL || adw_bin_get_child (self->room_bin) != NULL)
    {
      stop_presenting (self);
      return;
    }
  if (self->workshop_page == NULL)
    return;

  monitor = cr_room_window_find_monitor (GTK_WINDOW (self));
  if (monitor != NULL)
    {
      CrRoomWindow *room = cr_room_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                               CR_WORKSHOP_PAGE (self->workshop_page));

      g_set_weak_pointer (&self->room_window, GTK_WIDGET (room));
      /* Its menu turns phones on and off as this window's does. */
      gtk_widget_insert_action_group (GTK_WIDGET (room), "win", G_ACTION_GROUP (self));
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (room), monitor);
      gtk_window_present (GTK_WINDOW (room));
      return;
    }

  /* One screen: this window becomes the room's until Escape. */
  g_set_weak_pointer (&self->focus_before_room, gtk_root_get_focus (GTK_ROOT (self)));
  view = cr_room_view_new (self->workshop);
  cr_room_view_follow_page (CR_ROOM_VIEW (view), CR_WORKSHOP_PAGE (self->workshop_page));
  adw_bin_set_child (self->room_bin, view);
  gtk_stack_set_visible_child_name (self->presenting_stack, "room");
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-room", TRUE);
}

static void
leave_room_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  stop_presenting (CR_WINDOW (widget));
}

static void
show_library (CrWindow *self)
{
  gint64 left;

  if (self->store == NULL)
    return;

  left = self->workshop != NULL ? cr_workshop_get_id (self->workshop) : 0;

  stop_presenting (self);

  gtk_stack_set_visible_child_name (self->stack, "library");
  adw_bin_set_child (self->workshop_bin, NULL);
  self->workshop_page = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-room", FALSE);
  drop_phones (self);
  g_clear_object (&self->workshop);
  gtk_window_set_title (GTK_WINDOW (self), _("Crossroads"));
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "last-workshop", 0);
  cr_library_page_reload (CR_LIBRARY_PAGE (self->library_page));
  cr_library_page_refresh_series (CR_LIBRARY_PAGE (self->library_page), left);
}

static void
open_workshop_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrWindow *self = CR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!cr_window_open_workshop (self, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
}

/* Built when first asked for, not with the window as GtkApplicationWindow
 * would for gtk/help-overlay.ui: it is a large tree nobody sees at start. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrWindow *self = CR_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/crossroads/Crossroads/ui/cr-shortcuts-window.ui");

      g_set_weak_pointer (&self->shortcuts_window,
                          GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_window")));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts_window), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->shortcuts_window), TRUE);
      cr_help_add_shortcut (GTK_WINDOW (self->shortcuts_window));
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts_window));
}

static void
show_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_library (CR_WINDOW (widget));
}

static void
on_library_chosen (CrWindow             *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  /* A library that cannot be changed is opened read-only, with the notice. */
  store = path ? cr_store_open_for_reading (path, &error) : NULL;
  if (store == NULL)
    {
      if (error == NULL)
        g_set_error (&error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND, _("The library must be a local file."));
      show_error_page (self, error);
      goto out;
    }

  show_library (self);
  set_store (self, store);

out:
  g_clear_object (&self->chooser);
}

static void
choose_library (CrWindow             *self,
                GtkFileChooserAction  action)
{
  gboolean create = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (create ? _("Start a New Library") : _("Open a Library"),
                                               GTK_WINDOW (self), action,
                                               create ? _("_Create") : _("_Open"), _("_Cancel"));
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "crossroads.db");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_library_chosen), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_library (CR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
new_library_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_library (CR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* ---- A change that was refused or failed --------------------------------- */

static void
on_store_error_response (CrWindow   *self,
                         const char *response)
{
  if (g_str_equal (response, "open-library"))
    choose_library (self, GTK_FILE_CHOOSER_ACTION_OPEN);
  else if (g_str_equal (response, "new-library"))
    choose_library (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* The dialog every window shows (cr_widget_error_dialog_new()), and for a
 * library that went read-only, full or locked under the facilitator's
 * hands the way out it has when it cannot be opened at all. */
static void
show_error (CrWindow     *self,
            const GError *error)
{
  GtkWidget *dialog = cr_widget_error_dialog_new (GTK_WINDOW (self), error);

  if (error->domain == CR_STORE_ERROR &&
      (error->code == CR_STORE_ERROR_READ_ONLY ||
       error->code == CR_STORE_ERROR_FULL ||
       error->code == CR_STORE_ERROR_BUSY))
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "new-library", _("Start a _New Library…"),
                                        "open-library", _("_Open Another Library…"),
                                        NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_store_error_response),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What cr_widget_show_error() asks of the window from any of its widgets. */
static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  const char *domain;
  const char *message;
  int code;

  g_variant_get (parameter, "(&si&s)", &domain, &code, &message);
  error = g_error_new_literal (g_quark_from_string (domain), code, message);
  show_error (CR_WINDOW (widget), error);
}

/* ---- Restore from a backup ---------------------------------------------- */

static void
on_restore_response (CrWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "backups");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  g_autoptr(CrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *day = NULL;
  g_autofree char *message = NULL;
  const char *backup;

  if (!g_str_equal (response, "restore") || row == NULL || self->store == NULL)
    return;
  backup = g_object_get_data (G_OBJECT (row), "path");

  /* No open workshop may keep the content that is about to go. */
  show_library (self);
  path = g_strdup (cr_store_get_path (self->store));
  if (!cr_store_restore_backup (self->store, backup, NULL, &error))
    {
      show_error (self, error);
      return;
    }

  /* A backup may be of an older schema: opening the library again upgrades it. */
  store = cr_store_open (path, &error);
  if (store == NULL)
    {
      show_error_page (self, error);
      return;
    }
  set_store (self, store);

  day = cr_backup_get_day (backup);
  /* Translators: %s is a date, YYYY-MM-DD */
  message = g_strdup_printf (_("The library is back as it was on %s, before that day’s first change"), day);
  cr_widget_add_toast (GTK_WIDGET (self->toast_overlay), adw_toast_new (message));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrWindow *self = CR_WINDOW (widget);
  g_autoptr(GPtrArray) backups = NULL;
  GtkWidget *dialog;
  GtkWidget *list;

  if (self->store == NULL)
    return;

  backups = cr_backup_list (cr_store_get_path (self->store));
  if (backups->len == 0)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("No Backups Yet"),
                                       _("Crossroads copies the library before the first change of each day and keeps the last seven copies beside it. This library has none yet."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore From a Backup?"),
                                   _("The library goes back to how it was before the first change of the chosen day, and every later change is replaced. The library as it is now is kept as a backup of its own, so this can be taken back."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"), -1);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *backup = g_ptr_array_index (backups, i);
      g_autofree char *day = cr_backup_get_day (backup);
      g_autofree char *name = g_path_get_basename (backup);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (backup), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "backups", list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cr_window_close_request (GtkWindow *window)
{
  CrWindow *self = CR_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (cr_window_parent_class)->close_request (window);
}

/* Closing the window (or quitting) stops the phones at once, whoever
 * still holds a reference to the window. */
static void
cr_window_unrealize (GtkWidget *widget)
{
  drop_phones (CR_WINDOW (widget));

  GTK_WIDGET_CLASS (cr_window_parent_class)->unrealize (widget);
}

static void
cr_window_dispose (GObject *object)
{
  CrWindow *self = (CrWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->room_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->room_window));
  g_clear_weak_pointer (&self->room_window);
  g_clear_weak_pointer (&self->focus_before_room);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->shortcuts_window));
  g_clear_weak_pointer (&self->shortcuts_window);
  drop_phones (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_WINDOW);
  g_clear_object (&self->workshop);
  g_clear_pointer (&self->opened, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cr_window_parent_class)->dispose (object);
}

/* The workshop's own keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+T, Ctrl+D) sit on its
 * page; when the focus is outside it (on nothing, after a button that did
 * its work went away, or in the room view) they end here. */
static gboolean
forward_to_page (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrWindow *self = CR_WINDOW (widget);

  if (self->workshop_page == NULL)
    return FALSE;
  return gtk_widget_activate_action (self->workshop_page, g_variant_get_string (args, NULL), NULL);
}

static void
cr_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrWindow *self = CR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PHONES_ON:
      g_value_set_boolean (value, cr_window_get_phones_on (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CrWindow *self = CR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PHONES_ON:
      cr_window_set_phones_on (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_window_class_init (CrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cr_window_dispose;
  object_class->get_property = cr_window_get_property;
  object_class->set_property = cr_window_set_property;

  /* Whether phones in the room can vote now (win.phones). */
  properties[PROP_PHONES_ON] =
    g_param_spec_boolean ("phones-on", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = cr_window_close_request;
  widget_class->unrealize = cr_window_unrealize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrWindow, presenting_stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, room_bin);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, library_bin);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, workshop_bin);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, read_only_revealer);

  gtk_widget_class_install_action (widget_class, "win.open-workshop", "x", open_workshop_action);
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.open-library", NULL, open_library_action);
  gtk_widget_class_install_action (widget_class, "win.new-library", NULL, new_library_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(sis)", show_error_action);

  gtk_widget_class_install_action (widget_class, "win.present-room", NULL, present_room_action);
  gtk_widget_class_install_action (widget_class, "win.leave-room", NULL, leave_room_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "win.show-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present-room", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.undo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, forward_to_page, "s", "workshop.redo");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.toggle-timer");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, forward_to_page, "s", "workshop.mark-done");
}

static void
cr_window_init (CrWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->opened = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  /* Escape leaves the room view before anything else sees it: a toast on
   * screen would otherwise take the first press to close itself. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("win.leave-room")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* In the window's own action map rather than the class's, so that the
   * room window on a second screen can share it with its menu. Not a
   * GPropertyAction: that would hold the window, which holds it. */
  {
    g_autoptr(GSimpleAction) phones = g_simple_action_new_stateful ("phones", NULL, g_variant_new_boolean (FALSE));

    g_signal_connect (phones, "change-state", G_CALLBACK (on_phones_change_state), self);
    g_signal_connect (phones, "activate", G_CALLBACK (on_phones_activate), self);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (phones));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-room", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-room", FALSE);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

CrWindow *
cr_window_new (GtkApplication *application,
               CrStore        *store,
               const GError   *error)
{
  CrWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || CR_IS_STORE (store), NULL);

  self = g_object_new (CR_TYPE_WINDOW, "application", application, NULL);

  if (store == NULL)
    {
      show_error_page (self, error);
      return self;
    }

  set_store (self, store);

  /* Back where the facilitator was, even after the laptop died. */
  if (self->settings != NULL)
    {
      gint64 last = g_settings_get_int64 (self->settings, "last-workshop");
      g_autoptr(GError) local_error = NULL;

      if (last > 0 && !cr_window_open_workshop (self, last, &local_error))
        g_settings_set_int64 (self->settings, "last-workshop", 0);
    }

  return self;
}

const char *
cr_window_get_visible_page (CrWindow *self)
{
  const char *name;

  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);

  if (adw_bin_get_child (self->room_bin) != NULL)
    return "room";
  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "library") == 0)
    return cr_library_page_get_visible_page (CR_LIBRARY_PAGE (self->library_page));
  return name;
}

CrWorkshop *
cr_window_get_workshop (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);
  return self->workshop;
}

CrStore *
cr_window_get_store (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);
  return self->store;
}
