/* cr-export.h: the summary of a workshop in Markdown, CSV, HTML, JSON or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cr-compare.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_EXPORT_ERROR (cr_export_error_quark ())

typedef enum
{
  CR_EXPORT_ERROR_FAILED,
} CrExportError;

typedef enum
{
  CR_EXPORT_MARKDOWN,
  CR_EXPORT_CSV,
  CR_EXPORT_HTML,
  CR_EXPORT_JSON,
  CR_EXPORT_PDF,
} CrExportFormat;

GQuark      cr_export_error_quark      (void);

/* "md", "csv", "html", "json", "pdf". */
gboolean    cr_export_format_from_string (const char     *name,
                                          CrExportFormat *format);
const char *cr_export_format_to_string   (CrExportFormat  format);
const char *cr_export_format_extension   (CrExportFormat  format);
gboolean    cr_export_format_is_text     (CrExportFormat  format);

GBytes     *cr_export_to_bytes (CrWorkshop     *workshop,
                                CrExportFormat  format,
                                GError        **error);
/* Whether an export of @workshop may be written to @path (see cr-output.h):
 * never over its own library, its journal files or its backups. */
gboolean    cr_export_check_output (CrWorkshop  *workshop,
                                    const char  *path,
                                    GError     **error);

/* Writes through cr_output_write(): a regular file appears whole or not at
 * all; a pipe or a device is written in place. Errors are CR_EXPORT_ERROR
 * (rendering) or CR_OUTPUT_ERROR (where, and writing). */
gboolean    cr_export_to_file  (CrWorkshop     *workshop,
                                CrExportFormat  format,
                                const char     *path,
                                GError        **error);

/* What moved between two workshops (cr-compare.h) as md, html, json or
 * pdf; csv is refused. The file is written as cr_export_to_file() writes. */
GBytes     *cr_export_comparison_to_bytes (const CrComparison  *comparison,
                                           CrExportFormat       format,
                                           GError             **error);
gboolean    cr_export_comparison_to_file  (const CrComparison  *comparison,
                                           CrExportFormat       format,
                                           const char          *path,
                                           GError             **error);

/* The same in a worker thread: the workshop is read on the calling thread,
 * then the PDF is drawn and the file written without blocking it. */
void        cr_export_to_file_async  (CrWorkshop          *workshop,
                                      CrExportFormat       format,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    cr_export_to_file_finish (CrWorkshop          *workshop,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Called with the fraction done, 0 to 1, in the main context that started
 * the export. */
typedef void (*CrExportProgress) (double   fraction,
                                  gpointer user_data);

/* cr_export_to_file_async() reporting its progress as it goes (the PDF's
 * layout and drawing are what take time). Finish with
 * cr_export_to_file_finish(). */
void        cr_export_to_file_with_progress_async (CrWorkshop          *workshop,
                                                   CrExportFormat       format,
                                                   const char          *path,
                                                   CrExportProgress     progress,
                                                   gpointer             progress_data,
                                                   GDestroyNotify       progress_notify,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* ---- The client report: the PDF's pages, for the PDF and for printing ---- */

/* A snapshot of the workshop laid out as a report: a cover, the context,
 * the canvas with the room's notes, every round with its chart (revealed
 * rounds only), the change between rounds, today against the target, the
 * recommendation with its reasons and the actions. Build it on the
 * workshop's thread; paginate it and draw its pages on one thread, any
 * one (it takes that thread's Pango font map). */
typedef struct _CrReport CrReport;

CrReport   *cr_report_new            (CrWorkshop       *workshop);
void        cr_report_free           (CrReport         *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrReport, cr_report_free)

/* Lays the report out on pages of @width × @height points (paper size, with
 * the report's own margins); returns the number of pages. */
guint       cr_report_paginate       (CrReport         *report,
                                      double            width,
                                      double            height,
                                      CrExportProgress  progress,
                                      gpointer          progress_data,
                                      GCancellable     *cancellable);
guint       cr_report_get_n_pages    (CrReport         *report);
void        cr_report_get_page_size  (CrReport         *report,
                                      double           *width,
                                      double           *height);
/* Draws page @page_nr (from 0) with its top left corner at @cr's origin,
 * in points: the PDF export and the print dialog call this same function. */
void        cr_report_draw_page      (CrReport         *report,
                                      cairo_t          *cr,
                                      guint             page_nr);
/* The locale's paper (LC_PAPER): US Letter where it is the custom, else A4;
 * in points. */
void        cr_report_get_paper_size (double           *width,
                                      double           *height);

/* Escaping, shared by the formats and tested on hostile strings. */
char       *cr_export_escape_markdown (const char *text);
char       *cr_export_escape_html     (const char *text);
/* One RFC 4180 field: quoted when needed, and a leading =, +, -, @, tab or
 * carriage return neutralised with a leading apostrophe. */
char       *cr_export_csv_field       (const char *text);
/* A safe file name from a workshop title: no separators, no control or
 * bidi-override characters, never empty. */
char       *cr_export_suggest_filename (CrWorkshop     *workshop,
                                        CrExportFormat  format);

G_END_DECLS
