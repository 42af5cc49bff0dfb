/* cr-export.c: the summary of a workshop in Markdown, CSV, HTML, JSON or PDF
 *
 * The format table, the entry points and the export in a worker thread.
 * Markdown, HTML and PDF render one document model (cr-document.h) built
 * from the workshop, so the three show the same sections and the same
 * numbers; each format has a file of its own (cr-export-markdown.c,
 * cr-export-html.c, cr-export-csv.c, cr-export-pdf.c with the pages of
 * cr-report.c), and typed text is escaped for it by cr-export-escape.c.
 * JSON is the bundle (cr-bundle.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-compare.h"
#include "cr-export-private.h"
#include "cr-output.h"

G_DEFINE_QUARK (cr-export-error-quark, cr_export_error)

static const struct
{
  const char *name;
  const char *extension;
  gboolean    is_text;
} formats[] = {
  [CR_EXPORT_MARKDOWN] = { "md", "md", TRUE },
  [CR_EXPORT_CSV] = { "csv", "csv", TRUE },
  [CR_EXPORT_HTML] = { "html", "html", TRUE },
  [CR_EXPORT_JSON] = { "json", "json", TRUE },
  [CR_EXPORT_PDF] = { "pdf", "pdf", FALSE },
};

gboolean
cr_export_format_from_string (const char     *name,
                              CrExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        if (format != NULL)
          *format = (CrExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cr_export_format_to_string (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  return formats[format].name;
}

const char *
cr_export_format_extension (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  return formats[format].extension;
}

gboolean
cr_export_format_is_text (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, FALSE);

  return formats[format].is_text;
}

/* ------------------------------------------------------------------------
 * File names
 * ------------------------------------------------------------------------ */

static void
append_safe_name (GString    *out,
                  const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  gboolean pending_space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Bidi controls could make "gpj.exe" read as "exe.jpg"; other
       * invisible format characters (zero-width spaces, a byte order mark)
       * would make two names that look the same differ. */
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200E || c == 0x200F || c == 0x061C ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;

      /* Separators and characters other systems refuse become spaces, so
       * "A/B testing" stays two words. */
      if (strchr ("/\\:*?\"<>|", (int) c) != NULL || g_unichar_iscntrl (c) ||
          g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
}

/* Room for the extension, well under the 255 bytes most file systems allow. */
#define FILENAME_MAX_CHARS 100
#define FILENAME_MAX_BYTES 200

char *
cr_export_suggest_filename (CrWorkshop     *workshop,
                            CrExportFormat  format)
{
  g_autoptr(GString) org = g_string_new (NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  const char *start;
  const char *end;
  glong n_chars = 0;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  append_safe_name (org, cr_workshop_get_organisation (workshop));
  append_safe_name (title, cr_workshop_get_title (workshop));

  g_string_append (name, org->str);
  if (org->len > 0 && title->len > 0)
    g_string_append (name, " - ");
  g_string_append (name, title->str);

  /* A leading dot hides the file, a leading dash reads as an option. */
  start = name->str;
  while (*start == '.' || *start == '-' || *start == ' ')
    start++;

  /* Cut on a character boundary. */
  end = start;
  while (*end != '\0' && n_chars < FILENAME_MAX_CHARS)
    {
      const char *next = g_utf8_next_char (end);

      if (next - start > FILENAME_MAX_BYTES)
        break;
      end = next;
      n_chars++;
    }

  /* Windows drops trailing dots and spaces; do it here so names agree. */
  while (end > start && (end[-1] == '.' || end[-1] == ' '))
    end--;

  if (end == start)
    return g_strdup_printf ("workshop.%s", formats[format].extension);

  /* Windows keeps these names for devices, whatever the extension: a
   * report called "CON.pdf" could not be saved or copied there. */
  {
    static const char * const reserved[] = { "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
                                             "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
                                             "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
                                             "LPT7", "LPT8", "LPT9" };

    for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
      if ((gsize) (end - start) == strlen (reserved[i]) &&
          g_ascii_strncasecmp (start, reserved[i], end - start) == 0)
        return g_strdup_printf ("workshop %.*s.%s", (int) (end - start), start,
                                formats[format].extension);
  }

  return g_strdup_printf ("%.*s.%s", (int) (end - start), start,
                          formats[format].extension);
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

GBytes *
cr_export_to_bytes (CrWorkshop      *workshop,
                    CrExportFormat   format,
                    GError         **error)
{
  g_autoptr(CrDocument) doc = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case CR_EXPORT_JSON:
      {
        char *json = cr_bundle_export_string (workshop);

        return g_bytes_new_take (json, strlen (json));
      }

    case CR_EXPORT_CSV:
      return _cr_export_render_csv (workshop);

    case CR_EXPORT_MARKDOWN:
      doc = cr_document_new_workshop (workshop);
      return _cr_export_render_markdown (doc);

    case CR_EXPORT_HTML:
      doc = cr_document_new_workshop (workshop);
      return _cr_export_render_html (doc);

    case CR_EXPORT_PDF:
      {
        g_autoptr(CrReport) report = cr_report_new (workshop);

        return _cr_export_render_pdf (report, NULL, NULL, NULL, error);
      }

    default:
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   /* Translators: %d is a number that names no export format */
                   _("Unknown export format %d; use md, csv, html, json or pdf"), (int) format);
      return NULL;
    }
}

/* The library the workshop lives in, which no export may overwrite. */
static const char *
library_path_of (CrWorkshop *workshop)
{
  return cr_store_get_path (cr_workshop_get_store (workshop));
}

gboolean
cr_export_check_output (CrWorkshop  *workshop,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return cr_output_check (path, library_path_of (workshop), error);
}

gboolean
cr_export_to_file (CrWorkshop      *workshop,
                   CrExportFormat   format,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refused before the work of rendering, and checked again as it is written. */
  if (!cr_export_check_output (workshop, path, error))
    return FALSE;
  bytes = cr_export_to_bytes (workshop, format, error);
  if (bytes == NULL)
    return FALSE;

  return cr_output_write (path, library_path_of (workshop), bytes, error);
}

GBytes *
cr_export_comparison_to_bytes (const CrComparison  *comparison,
                               CrExportFormat       format,
                               GError             **error)
{
  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case CR_EXPORT_JSON:
      {
        g_autoptr(JsonNode) root = cr_comparison_to_json (comparison);
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        char *json;

        json_generator_set_root (generator, root);
        json_generator_set_pretty (generator, TRUE);
        json = json_generator_to_data (generator, NULL);
        return g_bytes_new_take (json, strlen (json));
      }

    case CR_EXPORT_MARKDOWN:
      {
        g_autoptr(CrDocument) doc = cr_document_new_comparison (comparison);

        return _cr_export_render_markdown (doc);
      }

    case CR_EXPORT_HTML:
      {
        g_autoptr(CrDocument) doc = cr_document_new_comparison (comparison);

        return _cr_export_render_html (doc);
      }

    case CR_EXPORT_PDF:
      {
        g_autoptr(CrReport) report = cr_report_new_comparison (comparison);

        return _cr_export_render_pdf (report, NULL, NULL, NULL, error);
      }

    case CR_EXPORT_CSV:
    default:
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   _("A comparison is written as md, html, json or pdf."));
      return NULL;
    }
}

gboolean
cr_export_comparison_to_file (const CrComparison  *comparison,
                              CrExportFormat       format,
                              const char          *path,
                              GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (comparison != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cr_export_check_output (comparison->after, path, error))
    return FALSE;
  bytes = cr_export_comparison_to_bytes (comparison, format, error);
  if (bytes == NULL)
    return FALSE;
  return cr_output_write (path, library_path_of (comparison->after), bytes, error);
}

typedef struct
{
  char             *path;
  char             *library_path;
  CrReport         *report;  /* PDF: laid out and drawn in the thread */
  GBytes           *bytes;   /* other formats: rendered already */
  CrExportProgress  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_notify;
  double            reported;  /* the last fraction sent, to send each percent once */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job->library_path);
  g_clear_pointer (&job->report, cr_report_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->progress_notify != NULL)
    job->progress_notify (job->progress_data);
  g_free (job);
}

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressUpdate;

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->task);
  g_free (update);
}

static gboolean
progress_update_dispatch (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  ExportJob *job = g_task_get_task_data (update->task);

  if (!g_task_get_completed (update->task))
    job->progress (update->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: hands the fraction to the caller's main context. */
static void
export_thread_progress (double   fraction,
                        gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  ProgressUpdate *update;

  if (fraction < 1.0 && fraction - job->reported < 0.01)
    return;
  job->reported = fraction;

  update = g_new0 (ProgressUpdate, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              progress_update_dispatch, update,
                              (GDestroyNotify) progress_update_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (job->report != NULL)
    bytes = _cr_export_render_pdf (job->report,
                        job->progress != NULL ? export_thread_progress : NULL, task,
                        cancellable, &error);
  else
    bytes = g_bytes_ref (job->bytes);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    return;
  else if (!cr_output_write (job->path, job->library_path, bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cr_export_to_file_async (CrWorkshop          *workshop,
                         CrExportFormat       format,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  cr_export_to_file_with_progress_async (workshop, format, path, NULL, NULL, NULL,
                                         cancellable, callback, user_data);
}

void
cr_export_to_file_with_progress_async (CrWorkshop          *workshop,
                                       CrExportFormat       format,
                                       const char          *path,
                                       CrExportProgress     progress,
                                       gpointer             progress_data,
                                       GDestroyNotify       progress_notify,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (CR_IS_WORKSHOP (workshop));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (workshop, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_export_to_file_async);

  /* Only plain data crosses to the thread: the document model owns copies
   * of every string, and the workshop and its store stay on this thread. */
  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  job->library_path = g_strdup (library_path_of (workshop));
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_notify = progress_notify;
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);

  if (!cr_export_check_output (workshop, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (format == CR_EXPORT_PDF)
    job->report = cr_report_new (workshop);
  else if ((job->bytes = cr_export_to_bytes (workshop, format, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, export_thread);
}

gboolean
cr_export_to_file_finish (CrWorkshop    *workshop,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, workshop), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
