/* cr-step-export.c: the export step of a workshop: the summary in every format, to a file chosen in the file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export-step"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-step-export.h"
#include "cr-widget-util.h"

#define N_FORMATS (CR_EXPORT_PDF + 1)

typedef struct
{
  const char *title;
  const char *subtitle;
  const char *accessible_name;
  const char *filter_name;
  const char *mime_type;
} FormatInfo;

/* In the order of CrExportFormat; shown in the order of `shown`. */
static const FormatInfo formats[N_FORMATS] = {
  [CR_EXPORT_MARKDOWN] = {
    N_("Markdown summary"),
    N_("Context, notes, results, recommendation and actions as text for a wiki or an email"),
    N_("Export as Markdown summary"),
    N_("Markdown"),
    "text/markdown",
  },
  [CR_EXPORT_CSV] = {
    N_("Spreadsheet (CSV)"),
    N_("One line per vote, note and action, to sort and filter in a spreadsheet"),
    N_("Export as spreadsheet (CSV)"),
    N_("CSV spreadsheet"),
    "text/csv",
  },
  [CR_EXPORT_HTML] = {
    N_("Web page (HTML)"),
    N_("The summary as a page that any browser opens and prints"),
    N_("Export as web page (HTML)"),
    N_("Web page"),
    "text/html",
  },
  [CR_EXPORT_JSON] = {
    N_("Workshop bundle (JSON, to move it to another laptop)"),
    N_("The whole workshop, to import into Crossroads elsewhere; rounds not yet revealed travel without their votes"),
    N_("Export as workshop bundle (JSON)"),
    N_("Workshop bundle"),
    "application/json",
  },
  [CR_EXPORT_PDF] = {
    N_("PDF report"),
    N_("A report for the client: cover, context, the room’s notes, every revealed round with its chart, the recommendation and the actions"),
    N_("Export as PDF report"),
    N_("PDF document"),
    "application/pdf",
  },
};

/* The finished documents first, the bundle (a working file) last. */
static const CrExportFormat shown[N_FORMATS] = {
  CR_EXPORT_PDF, CR_EXPORT_MARKDOWN, CR_EXPORT_HTML, CR_EXPORT_CSV, CR_EXPORT_JSON,
};

struct _CrStepExport
{
  CrStep                parent_instance;

  GtkFileChooserNative *chooser;
  CrExportFormat        chooser_format;

  GtkWidget            *buttons[N_FORMATS];
  GtkWidget            *spinners[N_FORMATS];
  /* The PDF takes long enough on a large workshop to say how far it got. */
  GtkWidget            *pdf_progress;
  GtkWidget            *pdf_row;
  GtkWidget            *print_button;
  guint                 n_running;
};

G_DEFINE_FINAL_TYPE (CrStepExport, cr_step_export, CR_TYPE_STEP)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CrStepExport   *self;
  CrExportFormat  format;
  char           *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_free (data->path);
  g_free (data);
}

/* An export or an opening is not a change of the workshop, so it gets its own
 * heading rather than cr_widget_show_error()'s. */
static void
show_problem (CrStepExport *self,
              const char   *heading,
              const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      g_message ("%s: %s", heading, body);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_running (CrStepExport   *self,
             CrExportFormat  format,
             gboolean        running)
{
  gboolean was_busy = self->n_running > 0;

  if (format == CR_EXPORT_PDF)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->pdf_progress), 0.0);
      gtk_widget_set_visible (self->pdf_progress, running);
    }
  else
    {
      gtk_widget_set_visible (self->spinners[format], running);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinners[format]), running);
    }
  gtk_widget_set_sensitive (self->buttons[format], !running);

  self->n_running += running ? 1 : -1;
  if (was_busy != (self->n_running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
file_launched (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrStepExport) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *body = NULL;

      /* Translators: %s is the system's reason; the file itself was written */
      body = g_strdup_printf (_("The file was exported, but no app opened it: %s"), error->message);
      show_problem (self, _("The File Could Not Be Opened"), body);
    }
}

static void
on_open_clicked (AdwToast     *toast,
                 CrStepExport *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           file_launched, g_object_ref (self));
}

static void
on_export_progress (double   fraction,
                    gpointer user_data)
{
  CrStepExport *self = user_data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->pdf_progress), CLAMP (fraction, 0.0, 1.0));
}

static void
export_finished (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportData *data = user_data;
  CrStepExport *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  AdwToast *toast;

  set_running (self, data->format, FALSE);

  if (!cr_export_to_file_finish (CR_WORKSHOP (object), result, &error))
    {
      show_problem (self, _("The Workshop Was Not Exported"), error->message);
      export_data_free (data);
      return;
    }

  name = g_filename_display_basename (data->path);
  /* Translators: %s is the name of the file just written */
  toast = adw_toast_new_format (_("Exported “%s”"), name);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri",
                          g_filename_to_uri (data->path, NULL, NULL), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked), self, 0);
  cr_widget_add_toast (GTK_WIDGET (self), toast);

  export_data_free (data);
}

void
cr_step_export_export_to_path (CrStepExport   *self,
                               CrExportFormat  format,
                               const char     *path)
{
  g_autoptr(GError) error = NULL;
  ExportData *data;

  g_return_if_fail (CR_IS_STEP_EXPORT (self));
  g_return_if_fail (format < N_FORMATS);
  g_return_if_fail (path != NULL);

  /* The button is insensitive meanwhile; a second call would race the first
   * for the same kind of file. */
  if (!gtk_widget_get_sensitive (self->buttons[format]))
    return;

  /* The library itself, its backups, a folder, a read-only file: said at
   * once, before any work starts. */
  if (!cr_export_check_output (cr_step_get_workshop (CR_STEP (self)), path, &error))
    {
      show_problem (self, _("The Workshop Was Not Exported"), error->message);
      return;
    }

  set_running (self, format, TRUE);

  /* The step stays alive until the file is whole, even when the facilitator
   * moves on: an export once started is not abandoned half-written. */
  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->format = format;
  data->path = g_strdup (path);
  /* The workshop is read here, on this thread; only drawing and writing the
   * file happen in a worker, so the window keeps answering. */
  cr_export_to_file_with_progress_async (cr_step_get_workshop (CR_STEP (self)), format, path,
                                         on_export_progress, g_object_ref (self), g_object_unref,
                                         NULL, export_finished, data);
}

double
cr_step_export_get_pdf_progress (CrStepExport *self)
{
  g_return_val_if_fail (CR_IS_STEP_EXPORT (self), 0.0);

  if (!gtk_widget_get_visible (self->pdf_progress))
    return 0.0;
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (self->pdf_progress));
}

/* ---- Printing: the PDF report's own pages ----------------------------------- */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                CrReport          *report)
{
  /* The page setup chosen in the dialog; the report keeps its own margins. */
  guint n_pages = cr_report_paginate (report,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context),
                                      NULL, NULL, NULL);

  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CrReport          *report)
{
  cr_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CrStepExport            *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->print_button, TRUE);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_problem (self, _("The Report Was Not Printed"),
                    error != NULL ? error->message : _("The printing system gave no reason."));
    }
}

GtkPrintOperation *
cr_step_export_create_print_operation (CrStepExport *self)
{
  GtkPrintOperation *operation;
  g_autofree char *name = NULL;
  CrReport *report;

  g_return_val_if_fail (CR_IS_STEP_EXPORT (self), NULL);

  operation = gtk_print_operation_new ();
  /* The same report, laid out and drawn by the same functions as the PDF. */
  report = cr_report_new (cr_step_get_workshop (CR_STEP (self)));
  g_object_set_data_full (G_OBJECT (operation), "cr-report", report, (GDestroyNotify) cr_report_free);
  name = cr_export_suggest_filename (cr_step_get_workshop (CR_STEP (self)), CR_EXPORT_PDF);
  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - strlen (".pdf")] = '\0';
  gtk_print_operation_set_job_name (operation, name);
  /* Points, from the paper's corner: the report draws its own margins. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  return operation;
}

static void
on_print_clicked (GtkButton    *button,
                  CrStepExport *self)
{
  g_autoptr(GtkPrintOperation) operation = cr_step_export_create_print_operation (self);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  gtk_widget_set_sensitive (self->print_button, FALSE);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  /* Asynchronous dialogs answer in "done"; a synchronous one has answered already. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    on_print_done (operation, result, self);
}

gboolean
cr_step_export_get_busy (CrStepExport *self)
{
  g_return_val_if_fail (CR_IS_STEP_EXPORT (self), FALSE);
  return self->n_running > 0;
}

static void
on_chooser_response (CrStepExport         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The step keeps the chooser only while it is open. */
  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      show_problem (self, _("The Workshop Was Not Exported"),
                    _("The chosen place is not a folder on this computer; choose a local folder."));
      return;
    }

  cr_step_export_export_to_path (self, self->chooser_format, path);
}

static void
on_export_clicked (GtkButton    *button,
                   CrStepExport *self)
{
  CrExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "format"));
  const FormatInfo *info = &formats[format];
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", cr_export_format_extension (format));
  g_autofree char *name = cr_export_suggest_filename (cr_step_get_workshop (CR_STEP (self)), format);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_(info->accessible_name),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  self->chooser_format = format;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  gtk_file_filter_set_name (filter, _(info->filter_name));
  gtk_file_filter_add_mime_type (filter, info->mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
create_row (CrStepExport   *self,
            CrExportFormat  format)
{
  const FormatInfo *info = &formats[format];
  GtkWidget *row = cr_widget_plain_row_new (_(info->title), _(info->subtitle));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *spinner = gtk_spinner_new ();

  /* Five buttons read the same; each says its format to a screen reader. */
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _(info->accessible_name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->accessible_name),
                                  -1);
  g_object_set_data (G_OBJECT (button), "format", GUINT_TO_POINTER (format));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_export_clicked), self, 0);

  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Exporting"),
                                  -1);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  if (format == CR_EXPORT_PDF)
    {
      self->pdf_row = row;
      self->pdf_progress = gtk_progress_bar_new ();
      gtk_widget_set_name (self->pdf_progress, "pdf-progress");
      gtk_widget_set_visible (self->pdf_progress, FALSE);
      gtk_widget_set_valign (self->pdf_progress, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (self->pdf_progress, 120, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pdf_progress),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing the PDF report"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->pdf_progress);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  self->buttons[format] = button;
  self->spinners[format] = spinner;
  return row;
}

static GtkWidget *
create_print_group (CrStepExport *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Print"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Print the report"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The same pages as the PDF report, on paper"));

  self->print_button = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_set_name (self->print_button, "print");
  gtk_widget_set_valign (self->print_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->print_button, _("Print the report"));
  g_signal_connect_object (self->print_button, "clicked", G_CALLBACK (on_print_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->print_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->print_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

static void
build (CrStepExport *self)
{
  GtkWidget *clamp = GTK_WIDGET (cr_step_get_clamp (CR_STEP (self)));
  GtkWidget *box = GTK_WIDGET (cr_step_get_content (CR_STEP (self)));
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Formats"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each file is the workshop as it is now. No file holds "
                                           "the votes of a round that is not revealed yet."));
  for (guint i = 0; i < N_FORMATS; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (self, shown[i]));
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), create_print_group (self));

  /* Narrower than the other forms, and its 800 pixels are the rows' own:
   * the margins are outside the clamp, not inside it. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  gtk_widget_set_margin_top (box, 0);
  gtk_widget_set_margin_bottom (box, 0);
  gtk_widget_set_margin_start (box, 0);
  gtk_widget_set_margin_end (box, 0);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
}

/* A re-run's report carries the comparison with last time once the
 * workshop it re-runs is in the library (it may be imported meanwhile). */
static void
update_pdf_subtitle (CrStepExport *self)
{
  CrWorkshop *workshop = cr_step_get_workshop (CR_STEP (self));

  if (workshop == NULL || cr_workshop_get_rerun_of (workshop) == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pdf_row), _(formats[CR_EXPORT_PDF].subtitle));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pdf_row),
                                 _("A report for the client: cover, context, the room’s notes, every revealed round "
                                   "with its chart, the recommendation and the actions, then last time’s actions and "
                                   "what moved since the last workshop"));
}

static void
cr_step_export_constructed (GObject *object)
{
  CrStepExport *self = CR_STEP_EXPORT (object);

  G_OBJECT_CLASS (cr_step_export_parent_class)->constructed (object);

  build (self);
  update_pdf_subtitle (self);
  g_signal_connect (self, "map", G_CALLBACK (update_pdf_subtitle), NULL);
}

static void
cr_step_export_dispose (GObject *object)
{
  CrStepExport *self = (CrStepExport *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (cr_step_export_parent_class)->dispose (object);
}

static void
cr_step_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrStepExport *self = CR_STEP_EXPORT (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_running > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_step_export_class_init (CrStepExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_step_export_constructed;
  object_class->dispose = cr_step_export_dispose;
  object_class->get_property = cr_step_export_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_step_export_init (CrStepExport *self)
{
}

GtkWidget *
cr_step_export_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_EXPORT, "workshop", workshop, NULL);
}
