/* cr-step-export.h: the export step of a workshop: the summary in every format, to a file chosen in the file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-export.h"
#include "cr-step.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP_EXPORT (cr_step_export_get_type ())
G_DECLARE_FINAL_TYPE (CrStepExport, cr_step_export, CR, STEP_EXPORT, CrStep)

GtkWidget *cr_step_export_new (CrWorkshop *workshop);

/* What the file chooser's answer runs: exports in a worker thread, with a
 * spinner on the format's row, then a toast that opens the file (or a
 * message saying what went wrong). */
void       cr_step_export_export_to_path (CrStepExport   *self,
                                          CrExportFormat  format,
                                          const char     *path);
/* TRUE while an export runs ("busy" property). */
gboolean   cr_step_export_get_busy       (CrStepExport   *self);
/* How far the PDF export has got, as its progress bar shows it; 0 when none runs. */
double     cr_step_export_get_pdf_progress (CrStepExport *self);
/* What the Print… button runs: a print operation whose pages are the PDF
 * report's, drawn by cr_report_draw_page(). */
GtkPrintOperation *cr_step_export_create_print_operation (CrStepExport *self);

G_END_DECLS
