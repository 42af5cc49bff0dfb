/* cr-export.h: the summary of a workshop in Markdown, CSV, HTML, JSON or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cr-compare.h"
#include "cr-workshop.h"
/* The parts a caller may use on their own: the report's pages (and
 * CrExportProgress), and the escaping of typed text. */
#include "cr-export-escape.h"
#include "cr-report.h"

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

/* A safe file name from a workshop title: no separators, no control or
 * bidi-override characters, never empty. */
char       *cr_export_suggest_filename (CrWorkshop     *workshop,
                                        CrExportFormat  format);

G_END_DECLS
