/* cr-document.h: the document model behind the Markdown, HTML and PDF exports
 *
 * A document is a list of blocks (headings, paragraphs, lists, tables,
 * charts) made of spans of "rich" text: a GPtrArray of CrSpan. Every span
 * knows whether someone typed it; each format escapes typed text for itself.
 * cr-document-build.c builds a document from a workshop, cr-document-compare.c
 * from a comparison; cr-export-markdown.c, cr-export-html.c and cr-report.c
 * render it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cr-chart.h"
#include "cr-compare.h"
#include "cr-gap.h"
#include "cr-tally.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

typedef enum
{
  CR_SPAN_TYPED = 1 << 0,  /* typed by someone (or carried by a template): escaped */
  CR_SPAN_BOLD  = 1 << 1,
  CR_SPAN_BREAK = 1 << 2,  /* a line break inside a paragraph or cell */
} CrSpanFlags;

typedef struct
{
  char        *text;
  CrSpanFlags  flags;
} CrSpan;

typedef enum
{
  CR_BLOCK_HEADING,
  CR_BLOCK_PARAGRAPH,
  CR_BLOCK_BULLETS,
  CR_BLOCK_TABLE,
  CR_BLOCK_CHART,   /* PDF and HTML draw it with cr-chart; Markdown has the table */
} CrBlockKind;

typedef enum
{
  CR_BLOCK_CHART_TALLY,
  CR_BLOCK_CHART_CHANGE,
  CR_BLOCK_CHART_GAP,
} CrBlockChart;

typedef struct
{
  CrBlockKind   kind;
  guint         level;          /* heading: 1 to 3 */
  gboolean      muted;          /* paragraph: an aside, such as an open round */
  gboolean      key;            /* paragraph: a conclusion the PDF sets apart */
  GPtrArray    *text;           /* heading, paragraph: CrSpan* */
  GPtrArray    *items;          /* bullets: GPtrArray<CrSpan*>; table: rows of cells */
  GPtrArray    *header;         /* table: cells (GPtrArray<CrSpan*>) */
  guint32       right_aligned;  /* table: one bit per column */
  /* Part of the cover, which the PDF draws on a page of its own. */
  gboolean      cover;
  /* chart: revealed tallies only, so a chart cannot show a hidden round */
  CrBlockChart  chart;
  CrTally      *tally;          /* the round, or the earlier round of a change */
  CrTally      *after;
  CrGap        *gap;
  char         *description;    /* the chart in words */
} CrBlock;

typedef struct
{
  char      *title;
  char      *organisation;
  /* For the PDF's cover. */
  char      *date;
  char      *facilitator;
  char      *function_name;
  char      *template_title;
  guint      n_participants;
  GPtrArray *blocks;         /* CrBlock* */
} CrDocument;

/* ---- Building (cr-document-build.c, cr-document-compare.c) ---------------- */

/* The summary of @workshop: cover, decision, context, participants, options,
 * rounds, changes, gap, recommendation, review, since last time, actions. */
CrDocument *cr_document_new_workshop   (CrWorkshop         *workshop);
/* What moved between two workshops (cr-document-compare.c). */
CrDocument *cr_document_new_comparison (const CrComparison *cmp);

/* Wording the CSV shares with the document. */
const char *cr_document_option_title       (CrTemplate       *template,
                                            const char       *option_id);
char       *cr_document_participant_name   (CrWorkshop       *workshop,
                                            gint64            participant_id);
const char *cr_document_question_prompt    (const CrQuestion *question,
                                            CrRound          *round);
char       *cr_document_open_round_message (guint             number);

/* ---- The model (cr-document.c) ------------------------------------------- */

/* An empty document about @workshop (its cover's facts), titled @title. */
CrDocument *cr_document_new       (CrWorkshop   *workshop,
                                   const char   *title);
void        cr_document_free      (CrDocument   *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrDocument, cr_document_free)
void        cr_block_free         (CrBlock      *block);

/* Blocks appended to @doc; the document takes @text. */
void        cr_document_heading   (CrDocument   *doc,
                                   guint         level,
                                   GPtrArray    *text);
void        cr_document_paragraph (CrDocument   *doc,
                                   GPtrArray    *text);
void        cr_document_aside     (CrDocument   *doc,
                                   GPtrArray    *text);
CrBlock    *cr_document_bullets   (CrDocument   *doc);
void        cr_bullets_add        (CrBlock      *block,
                                   GPtrArray    *text);
/* Takes @tally and @after; NULL, unrevealed or not, they add nothing. */
void        cr_document_chart     (CrDocument   *doc,
                                   CrBlockChart  kind,
                                   CrTally      *tally,
                                   CrTally      *after,
                                   CrGap        *gap);
CrBlock    *cr_document_table     (CrDocument   *doc);
void        cr_table_column       (CrBlock      *table,
                                   const char   *label,
                                   gboolean      typed,
                                   gboolean      right_aligned);
/* A column headed by a text of ours with a typed part in it, right-aligned. */
void        cr_table_column_take  (CrBlock      *table,
                                   char         *label);
gboolean    cr_table_is_right_aligned (const CrBlock *table,
                                       guint          column);
/* A new row of @table: add its cells (rich texts) to it. */
GPtrArray  *cr_table_row          (CrBlock      *table);

/* Rich text: a GPtrArray of CrSpan. */
GPtrArray  *cr_rich_new           (void);
void        cr_rich_add           (GPtrArray    *rich,
                                   CrSpanFlags   flags,
                                   const char   *text);
void        cr_rich_add_take      (GPtrArray    *rich,
                                   CrSpanFlags   flags,
                                   char         *text);
GPtrArray  *cr_rich_plain         (const char   *text);
GPtrArray  *cr_rich_plain_take    (char         *text);
GPtrArray  *cr_rich_typed         (const char   *text);
/* "Label: value", the label ours and bold, the value typed. */
GPtrArray  *cr_rich_field         (const char   *label,
                                   const char   *value,
                                   gboolean      value_typed);

/* A chart block, drawn for the HTML (as SVG) and the PDF alike. */
double      cr_block_chart_height   (const CrBlock      *block,
                                     const CrChartStyle *style,
                                     double              width);
void        cr_block_chart_draw     (const CrBlock      *block,
                                     cairo_t            *cr,
                                     const CrChartStyle *style,
                                     double              width,
                                     double              height);
/* The exports' charts: light, on the page's white, a little smaller than body text. */
void        cr_document_chart_style (CrChartStyle       *style);

G_END_DECLS
