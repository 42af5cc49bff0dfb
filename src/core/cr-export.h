/* cr-export.h: the summary of a workshop in Markdown, CSV, HTML, JSON or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_EXPORT_ERROR (cr_export_error_quark ())

typedef enum
{
  CR_EXPORT_ERROR_FAILED,
  CR_EXPORT_ERROR_WRITE,
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
/* Writes atomically: the file appears whole or not at all. */
gboolean    cr_export_to_file  (CrWorkshop     *workshop,
                                CrExportFormat  format,
                                const char     *path,
                                GError        **error);

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
