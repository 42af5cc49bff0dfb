/* cr-export-private.h: what cr-export.c shares with its formats, cr-export-*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-document.h"
#include "cr-export.h"

G_BEGIN_DECLS

GBytes *_cr_export_render_markdown (CrDocument        *doc);
GBytes *_cr_export_render_html     (CrDocument        *doc);
/* The CSV is one row a vote, note or action: it reads the workshop itself. */
GBytes *_cr_export_render_csv      (CrWorkshop        *workshop);
/* Paginates @report first if it has no pages yet; progress from 0 to 1 over
 * the layout and then the writing. */
GBytes *_cr_export_render_pdf      (CrReport          *report,
                                    CrExportProgress   progress,
                                    gpointer           progress_data,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
