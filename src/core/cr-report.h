/* cr-report.h: the client report, the PDF's pages, for the PDF export and for printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cr-compare.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

/* Called with the fraction done, 0 to 1, in the main context that started
 * the export. */
typedef void (*CrExportProgress) (double   fraction,
                                  gpointer user_data);

/* A snapshot of the workshop laid out as a report: a cover, the context,
 * the canvas with the room's notes, every round with its chart (revealed
 * rounds only), the change between rounds, today against the target, the
 * recommendation with its reasons and the actions. Build it on the
 * workshop's thread; paginate it and draw its pages on one thread, any
 * one (it takes that thread's Pango font map). */
typedef struct _CrReport CrReport;

CrReport   *cr_report_new            (CrWorkshop         *workshop);
/* What moved between two workshops (cr-compare.h), as a report. */
CrReport   *cr_report_new_comparison (const CrComparison *comparison);
void        cr_report_free           (CrReport           *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrReport, cr_report_free)

/* The report's title as its cover shows it (shortened, as its texts are). */
const char *cr_report_get_title      (CrReport           *report);

/* Lays the report out on pages of @width × @height points (paper size, with
 * the report's own margins); returns the number of pages. */
guint       cr_report_paginate       (CrReport           *report,
                                      double              width,
                                      double              height,
                                      CrExportProgress    progress,
                                      gpointer            progress_data,
                                      GCancellable       *cancellable);
guint       cr_report_get_n_pages    (CrReport           *report);
void        cr_report_get_page_size  (CrReport           *report,
                                      double             *width,
                                      double             *height);
/* Draws page @page_nr (from 0) with its top left corner at @cr's origin,
 * in points: the PDF export and the print dialog call this same function. */
void        cr_report_draw_page      (CrReport           *report,
                                      cairo_t            *cr,
                                      guint               page_nr);
/* Writes every page onto @cr, a PDF surface's, from the first to the last
 * (cairo_show_page() after each), with structure tags a screen reader
 * follows: the document, its headings, paragraphs, lists, tables and
 * figures. Lays the report out again, straight onto the surface, as
 * cr_report_paginate() (called first) did: cairo cannot replay tags from
 * the pages it recorded. Returns the number of pages written. */
guint       cr_report_write_tagged   (CrReport           *report,
                                      cairo_t            *cr,
                                      CrExportProgress    progress,
                                      gpointer            progress_data,
                                      GCancellable       *cancellable);
/* The locale's paper (LC_PAPER): US Letter where it is the custom, else A4;
 * in points. */
void        cr_report_get_paper_size (double             *width,
                                      double             *height);

G_END_DECLS
