/* cr-export-pdf.c: the client report's pages (cr-report.h) written as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export-private.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "cr-export-escape.h"
#include "cr-report.h"

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The report's pages onto a PDF surface; progress from 0 to 1 over the
 * layout and then the writing. */
typedef struct
{
  CrExportProgress progress;
  gpointer         progress_data;
  double           from;
  double           span;
} ProgressSpan;

static void
progress_in_span (double   fraction,
                  gpointer user_data)
{
  ProgressSpan *span = user_data;

  if (span->progress != NULL)
    span->progress (span->from + span->span * fraction, span->progress_data);
}

GBytes *
_cr_export_render_pdf (CrReport         *report,
                       CrExportProgress  progress,
                       gpointer          progress_data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = cr_export_clean_typed_text (cr_report_get_title (report));
  ProgressSpan layout_span = { progress, progress_data, 0.0, 0.7 };
  ProgressSpan writing_span = { progress, progress_data, 0.7, 0.3 };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  cairo_t *cr;

  if (cr_report_get_n_pages (report) == 0)
    {
      cr_report_get_paper_size (&width, &height);
      cr_report_paginate (report, width, height, progress_in_span, &layout_span, cancellable);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  cr_report_get_page_size (report, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (pdf_write, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Crossroads " PACKAGE_VERSION);
  cr = cairo_create (surface);
  /* Tagged: a screen reader finds the headings, paragraphs and tables. */
  cr_report_write_tagged (report, cr, progress_in_span, &writing_span, cancellable);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   /* Translators: %s says what went wrong inside the drawing library */
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
