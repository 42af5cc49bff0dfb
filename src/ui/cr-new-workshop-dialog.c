/* cr-new-workshop-dialog.c: asks for a new workshop's details, or a re-run's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-library"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-help.h"
#include "cr-new-workshop-dialog.h"

struct _CrNewWorkshopDialog
{
  AdwWindow             parent_instance;

  CrStore              *store;
  /* Set for a re-run: the workshop whose client comes back. */
  CrWorkshop           *source;
  /* CrTemplates, parallel to the combo row's titles: the built-ins, then
   * the template files opened in this dialog. */
  GPtrArray            *templates;
  GtkStringList        *template_titles;
  GtkFileChooserNative *template_chooser;
  gboolean              syncing_calendar;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *create_button;
  AdwPreferencesGroup  *template_group;
  AdwComboRow          *template_row;
  GtkLabel             *template_description;
  AdwPreferencesGroup  *details_group;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *title_row;
  AdwEntryRow          *date_row;
  GtkMenuButton        *calendar_button;
  GtkPopover           *calendar_popover;
  GtkCalendar          *calendar;
  AdwEntryRow          *facilitator_row;
  AdwEntryRow          *function_row;
};

G_DEFINE_FINAL_TYPE (CrNewWorkshopDialog, cr_new_workshop_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text of an entry row without the spaces around it. */
static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
row_is_empty (AdwEntryRow *row)
{
  g_autofree char *text = row_text (row);

  return text[0] == '\0';
}

gboolean
cr_new_workshop_dialog_can_create (CrNewWorkshopDialog *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (CR_IS_NEW_WORKSHOP_DIALOG (self), FALSE);

  date = row_text (self->date_row);
  if (row_is_empty (self->title_row) || !cr_date_is_valid (date))
    return FALSE;
  /* A re-run keeps its client; only a new workshop needs one typed. */
  if (self->source == NULL && row_is_empty (self->organisation_row))
    return FALSE;
  return TRUE;
}

static void
update_state (CrNewWorkshopDialog *self)
{
  g_autofree char *date = row_text (self->date_row);

  if (date[0] != '\0' && !cr_date_is_valid (date))
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create",
                                 cr_new_workshop_dialog_can_create (self));
}

static CrTemplate *
selected_template (CrNewWorkshopDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->templates->len)
    return NULL;
  return g_ptr_array_index (self->templates, selected);
}

static void
show_error (CrNewWorkshopDialog *self,
            const char          *heading,
            const GError        *error)
{
  GtkWidget *dialog;

  /* This window is not inside the main window, so it says it itself. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GSettings *app_settings (const char *key);

static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrNewWorkshopDialog *self = CR_NEW_WORKSHOP_DIALOG (widget);
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;

  if (!cr_new_workshop_dialog_can_create (self))
    return;

  title = row_text (self->title_row);
  date = row_text (self->date_row);

  if (self->source != NULL)
    {
      workshop = cr_workshop_rerun (self->source, title, date, &error);
    }
  else
    {
      g_autofree char *organisation = row_text (self->organisation_row);
      g_autofree char *facilitator = row_text (self->facilitator_row);
      g_autofree char *function_name = row_text (self->function_row);
      g_autoptr(GSettings) settings = NULL;
      CrTemplate *template = selected_template (self);

      if (template != NULL)
        workshop = cr_workshop_create (self->store, template, title, organisation,
                                       facilitator, date, function_name, &error);
      /* The same facilitator runs the next workshop, most of the time. */
      if (workshop != NULL && facilitator[0] != '\0' && (settings = app_settings ("facilitator")) != NULL)
        g_settings_set_string (settings, "facilitator", facilitator);
    }

  if (workshop == NULL)
    {
      if (error != NULL)
        show_error (self, _("The Workshop Could Not Be Created"), error);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, workshop);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
function_name_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrNewWorkshopDialog *self = CR_NEW_WORKSHOP_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->function_row), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->function_row));
}

/* Enter moves on to the next field; in the last one it creates. */
static void
on_entry_activated (CrNewWorkshopDialog *self,
                    AdwEntryRow         *row)
{
  AdwEntryRow *order[] = {
    self->organisation_row, self->title_row, self->date_row,
    self->facilitator_row, self->function_row,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] == row)
      break;

  for (i = i + 1; i < G_N_ELEMENTS (order); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (order[i])))
      {
        gtk_widget_grab_focus (GTK_WIDGET (order[i]));
        return;
      }

  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.create", NULL);
}

static void
on_calendar_shown (CrNewWorkshopDialog *self)
{
  g_autofree char *date = row_text (self->date_row);
  g_autoptr(GDateTime) when = NULL;

  if (cr_date_is_valid (date))
    {
      g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
      when = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (when == NULL)
    when = g_date_time_new_now_local ();

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  self->syncing_calendar = FALSE;
}

static void
on_day_selected (CrNewWorkshopDialog *self,
                 GtkCalendar         *calendar)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (self->syncing_calendar)
    return;

  when = gtk_calendar_get_date (calendar);
  date = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_popover_popdown (self->calendar_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

/* The app's settings, or NULL without an installed schema (a test, an
 * uninstalled build): then the built-in defaults apply rather than a crash. */
static GSettings *
app_settings (const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new (APP_ID);
}

static void
fill_templates (CrNewWorkshopDialog *self)
{
  g_autoptr(GSettings) settings = app_settings ("default-template");
  g_autofree char *preferred = NULL;
  const char * const *ids = cr_template_builtin_ids ();
  guint selected = 0;

  if (settings != NULL)
    preferred = g_settings_get_string (settings, "default-template");

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[i], NULL);

      if (template == NULL)
        continue;
      if (g_strcmp0 (ids[i], preferred) == 0)
        selected = self->templates->len;
      g_ptr_array_add (self->templates, g_steal_pointer (&template));
      gtk_string_list_append (self->template_titles,
                              cr_template_get_title (g_ptr_array_index (self->templates,
                                                                        self->templates->len - 1)));
    }

  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (self->template_titles));
  adw_combo_row_set_selected (self->template_row, selected);
}

static void
on_template_selected (CrNewWorkshopDialog *self)
{
  CrTemplate *template = selected_template (self);

  gtk_label_set_text (self->template_description,
                      template ? cr_template_get_description (template) : "");
}

gboolean
cr_new_workshop_dialog_add_template_file (CrNewWorkshopDialog  *self,
                                          GFile                *file,
                                          GError              **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  int budget = 3;

  g_return_val_if_fail (CR_IS_NEW_WORKSHOP_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only files on this computer can be opened as templates"));
      return FALSE;
    }

  /* The preferred budget only fills in what the template leaves out. */
  if ((settings = app_settings ("dots-budget")) != NULL)
    budget = g_settings_get_int (settings, "dots-budget");
  if ((template = cr_template_new_from_file_with_budget (path, budget, error)) == NULL)
    {
      g_autofree char *display = g_file_get_parse_name (file);

      /* Translators: %s is a file name, then the problem in the template */
      g_prefix_error (error, _("%s: "), display);
      return FALSE;
    }

  basename = g_file_get_basename (file);
  /* Translators: a template in the list; the template's title, then its file name */
  title = g_strdup_printf (_("%s (%s)"), cr_template_get_title (template), basename);
  g_ptr_array_add (self->templates, g_steal_pointer (&template));
  gtk_string_list_append (self->template_titles, title);
  adw_combo_row_set_selected (self->template_row, self->templates->len - 1);
  return TRUE;
}

static void
on_template_chooser_response (CrNewWorkshopDialog *self,
                              int                  response,
                              GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->template_chooser);

  if (file != NULL && !cr_new_workshop_dialog_add_template_file (self, file, &error))
    show_error (self, _("The Template Could Not Be Opened"), error);
}

static void
open_template_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrNewWorkshopDialog *self = CR_NEW_WORKSHOP_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->template_chooser != NULL)
    return;

  self->template_chooser = gtk_file_chooser_native_new (_("Open Template"),
                                                        GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Crossroads templates (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->template_chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->template_chooser), TRUE);
  g_signal_connect_object (self->template_chooser, "response",
                           G_CALLBACK (on_template_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->template_chooser));
}

static void
cr_new_workshop_dialog_dispose (GObject *object)
{
  CrNewWorkshopDialog *self = (CrNewWorkshopDialog *)object;

  if (self->template_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->template_chooser));
  g_clear_object (&self->template_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_NEW_WORKSHOP_DIALOG);
  g_clear_object (&self->source);
  g_clear_object (&self->template_titles);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cr_new_workshop_dialog_parent_class)->dispose (object);
}

static void
cr_new_workshop_dialog_finalize (GObject *object)
{
  CrNewWorkshopDialog *self = (CrNewWorkshopDialog *)object;

  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_new_workshop_dialog_parent_class)->finalize (object);
}

static void
cr_new_workshop_dialog_class_init (CrNewWorkshopDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_new_workshop_dialog_dispose;
  object_class->finalize = cr_new_workshop_dialog_finalize;

  /**
   * CrNewWorkshopDialog::created:
   * @workshop: the new workshop, already saved
   */
  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CR_TYPE_WORKSHOP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crossroads/Crossroads/ui/cr-new-workshop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, template_group);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, template_description);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, CrNewWorkshopDialog, function_row);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "dialog.function-name", "s", function_name_activated);
  gtk_widget_class_install_action (widget_class, "dialog.open-template", NULL, open_template_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "dialog.open-template", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cr_new_workshop_dialog_init (CrNewWorkshopDialog *self)
{
  AdwEntryRow *rows[5];
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  cr_help_add_shortcut (GTK_WINDOW (self));

  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
  self->template_titles = gtk_string_list_new (NULL);

  rows[0] = self->organisation_row;
  rows[1] = self->title_row;
  rows[2] = self->date_row;
  rows[3] = self->facilitator_row;
  rows[4] = self->function_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (update_state),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (on_entry_activated),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->calendar_popover, "show", G_CALLBACK (on_calendar_shown),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_row, "notify::selected", G_CALLBACK (on_template_selected),
                           self, G_CONNECT_SWAPPED);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  if ((settings = app_settings ("facilitator")) != NULL)
    {
      g_autofree char *facilitator = g_settings_get_string (settings, "facilitator");

      gtk_editable_set_text (GTK_EDITABLE (self->facilitator_row), facilitator);
    }
  update_state (self);
}

CrNewWorkshopDialog *
cr_new_workshop_dialog_new (GtkWindow *parent,
                            CrStore   *store)
{
  CrNewWorkshopDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CR_IS_STORE (store), NULL);

  self = g_object_new (CR_TYPE_NEW_WORKSHOP_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  fill_templates (self);
  on_template_selected (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->organisation_row));
  return self;
}

CrNewWorkshopDialog *
cr_new_workshop_dialog_new_rerun (GtkWindow  *parent,
                                  CrWorkshop *source)
{
  CrNewWorkshopDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CR_IS_WORKSHOP (source), NULL);

  self = g_object_new (CR_TYPE_NEW_WORKSHOP_DIALOG,
                       "transient-for", parent,
                       "title", _("Re-run Workshop"),
                       "default-height", 360,
                       NULL);
  self->store = g_object_ref (cr_workshop_get_store (source));
  self->source = g_object_ref (source);

  adw_window_title_set_title (self->window_title, _("Re-run Workshop"));
  adw_window_title_set_subtitle (self->window_title, cr_workshop_get_organisation (source));
  gtk_widget_set_visible (GTK_WIDGET (self->template_group), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.open-template", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->organisation_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->facilitator_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->function_row), FALSE);

  adw_preferences_group_set_description (self->details_group,
                                         _("A new workshop for the same client, carrying the context "
                                           "and participants of the earlier one. Notes, votes and "
                                           "actions start empty."));

  /* Translators: the suggested title of a re-run; %s is the earlier workshop's title */
  title = g_strdup_printf (_("%s (re-run)"), cr_workshop_get_title (source));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}
