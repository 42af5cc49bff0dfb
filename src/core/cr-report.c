/* cr-report.c: the client report, a document (cr-document.h) laid out on pages
 *
 * The PDF export (cr-export-pdf.c) and the print dialog draw these same pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-report.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cr-chart.h"
#include "cr-document.h"
#include "cr-export-escape.h"

/* ------------------------------------------------------------------------
 * Laying the document out on pages
 *
 * Pages are drawn into recording surfaces first, so the footer can say
 * "Page 3 of 7"; then they are replayed, as vectors and text, onto the
 * printer's surface. The PDF export lays the document out a second time,
 * straight onto the PDF's surface, with structure tags (headings,
 * paragraphs, lists, tables, figures) for screen readers: cairo 1.16 cannot
 * replay a recording that holds tags (it crashes), and a tag around a
 * replayed page would mark a whole page as one element.
 * ------------------------------------------------------------------------ */

/* A4 in points, when the locale does not say otherwise. */
#define PDF_A4_WIDTH   595.0
#define PDF_A4_HEIGHT  842.0
#define PDF_MARGIN     56.0
#define PDF_TOP        56.0
/* The page's size is the report's: these read it from the Pdf at hand. */
#define PDF_BOTTOM     (pdf->page_height - 64.0)
#define PDF_FOOTER     (pdf->page_height - 40.0)
#define PDF_CONTENT    (pdf->page_width - 2 * PDF_MARGIN)
#define PDF_FONT       "Cantarell, Sans"
#define PDF_BODY_SIZE  10.0
#define PDF_CELL_PAD   4.0
#define PDF_BULLET     14.0

typedef struct { double r, g, b; } PdfColor;

static const PdfColor pdf_text = { 0.14, 0.12, 0.19 };
static const PdfColor pdf_accent = { 0.10, 0.37, 0.71 };
static const PdfColor pdf_muted = { 0.37, 0.36, 0.39 };
static const PdfColor pdf_rule = { 0.75, 0.75, 0.74 };
static const PdfColor pdf_head_fill = { 0.96, 0.96, 0.96 };

typedef struct
{
  PangoLayoutLine *line;
  double           top;
  double           bottom;
  double           baseline;
  double           x;
} PdfLine;

typedef struct
{
  GPtrArray   *layouts;   /* PangoLayout*, stacked */
  GArray      *lines;     /* PdfLine, in the cell's coordinates */
  guint        next;      /* first line not drawn yet */
  double       x;         /* the cell's box */
  double       width;
  const char  *tag;       /* its structure tag ("TD"), or NULL */
} PdfCell;

typedef struct
{
  double          pad;
  gboolean        grid;
  const PdfColor *fill;   /* NULL: none */
  const PdfColor *color;
  /* Move the whole block to the next page when it would fit there whole. */
  gboolean        keep;
  /* The structure tag of each slice of the block (a paragraph, a row), or NULL. */
  const char     *tag;
} PdfStyle;

/* A structure tag the drawing is inside; begun in the PDF only when
 * content is drawn in it, so no element is left empty at the foot of a page.
 * What a page break does to it: pdf_tag_spans_pages(). */
typedef struct
{
  const char *name;
  gboolean    begun;
} PdfTag;

typedef struct
{
  PangoContext *context;
  double        page_width;
  double        page_height;
  GPtrArray    *pages;     /* cairo_surface_t*, recording */
  cairo_t      *cr;        /* the current page */
  double        y;
  double        page_start; /* y where content starts on this page */
  /* A table being drawn, whose header row repeats on each new page. */
  const CrBlock *table;
  const double *widths;
  /* Drawing straight onto the PDF's surface, with structure tags
   * (cr_report_write_tagged): NULL while laying out into recordings. */
  cairo_t      *target;
  GArray       *tags;       /* PdfTag, outermost first ("Document") */
  const CrDocument *doc;    /* for the footers */
  guint         n_drawn;    /* pages begun on the target */
  guint         n_pages;    /* as the first layout counted them */
  /* Drawing page furniture (pdf_furniture_begin()): no structure tags. */
  guint         furniture;
  /* cairo marks furniture as an artifact (pdf_cairo_marks_artifacts()). */
  gboolean      artifacts;
} Pdf;

static void pdf_table_row (Pdf *pdf, const CrBlock *table, const double *widths,
                           GPtrArray *cells, gboolean header);
static void pdf_footer (Pdf *pdf, cairo_t *cr, const CrDocument *doc,
                        guint page, guint n_pages);

/* Structure tags. Only the tagged layout keeps them (pdf->tags); the
 * recordings and the measuring never hold one. */

/* Enters @name (NULL: nothing); it is begun with the first content in it. */
static void
pdf_tag_push (Pdf        *pdf,
              const char *name)
{
  PdfTag tag = { name, FALSE };

  if (pdf->tags != NULL && name != NULL && pdf->furniture == 0)
    g_array_append_val (pdf->tags, tag);
}

/* Whether the element @name goes on across a page break: the document, a
 * table and a list hold elements, never content of their own, so the page's
 * footer drawn while they are open is in none of them, and a table cut by a
 * page is one table whose rows go on. What holds content (a paragraph, a
 * cell) or a row or item of cells ends with the page and a new one begins
 * on the next: cairo 1.16 would carry an open content element's marked
 * content over the footer. */
static gboolean
pdf_tag_spans_pages (const char *name)
{
  return g_str_equal (name, "Document") || g_str_equal (name, "Table") || g_str_equal (name, "L");
}

/* Content follows: every tag entered and not yet begun on this page begins. */
static void
pdf_tags_begin (Pdf *pdf)
{
  if (pdf->furniture > 0)
    return;
  for (guint i = 0; pdf->tags != NULL && i < pdf->tags->len; i++)
    {
      PdfTag *tag = &g_array_index (pdf->tags, PdfTag, i);

      if (!tag->begun)
        cairo_tag_begin (pdf->cr, tag->name, NULL);
      tag->begun = TRUE;
    }
}

/* Enters @name where content is drawn at once: a cell, a heading. */
static void
pdf_tag_begin (Pdf        *pdf,
               const char *name)
{
  pdf_tag_push (pdf, name);
  if (name != NULL)
    pdf_tags_begin (pdf);
}

/* Leaves @name, the innermost tag entered. */
static void
pdf_tag_end (Pdf        *pdf,
             const char *name)
{
  PdfTag *tag;

  if (pdf->tags == NULL || name == NULL || pdf->furniture > 0)
    return;
  g_return_if_fail (pdf->tags->len > 0);
  tag = &g_array_index (pdf->tags, PdfTag, pdf->tags->len - 1);
  g_return_if_fail (g_str_equal (tag->name, name));
  if (tag->begun)
    cairo_tag_end (pdf->cr, tag->name);
  g_array_set_size (pdf->tags, pdf->tags->len - 1);
}

/* Content in @tag, for pdf_cairo_marks_artifacts(). */
static void
pdf_probe_fill (cairo_t    *cr,
                const char *tag)
{
  cairo_tag_begin (cr, tag, NULL);
  cairo_rectangle (cr, 0, 0, 1, 1);
  cairo_fill (cr);
  cairo_tag_end (cr, tag);
}

/* Whether this cairo marks content as an artifact: page furniture (the
 * footers, rules, backgrounds, a table's header repeated on a new page)
 * that is no part of the document's structure, as PDF/UA asks. cairo 1.16
 * cannot: its list of tag names (cairo-tag-stack.c) has no "Artifact", and
 * it writes marked content only for a structure element with no elements
 * in it ("/P << /MCID 3 >> BDC"), so nothing it writes says "/Artifact
 * BMC"; a document with such a tag fails (CAIRO_STATUS_TAG_ERROR) when the
 * page is shown. Later cairo (1.18) takes the tag and writes "/Artifact
 * BMC ... EMC". So cairo itself is asked, once, on a PDF that is thrown
 * away, nested as the report nests it. Without: the furniture is drawn
 * outside every element that holds content (pdf_tag_spans_pages()), which
 * keeps it out of the structure and what a screen reader reads, but it is
 * not marked as an artifact. */
static gboolean
pdf_cairo_marks_artifacts (void)
{
  static gsize answered = 0;
  static gboolean marks = FALSE;

  if (g_once_init_enter (&answered))
    {
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 10, 10);
      cairo_t *cr = cairo_create (surface);

      cairo_tag_begin (cr, "Document", NULL);
      pdf_probe_fill (cr, "Artifact");
      cairo_tag_begin (cr, "Table", NULL);
      cairo_tag_begin (cr, "TR", NULL);
      pdf_probe_fill (cr, "Artifact");
      pdf_probe_fill (cr, "TD");
      cairo_tag_end (cr, "TR");
      cairo_tag_end (cr, "Table");
      cairo_tag_end (cr, "Document");
      cairo_show_page (cr);
      marks = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      marks = marks && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
      cairo_surface_destroy (surface);
      g_once_init_leave (&answered, 1);
    }
  return marks;
}

/* Page furniture follows, until pdf_furniture_end(): no structure tag
 * begins in it, and it is an artifact where cairo can say so. */
static void
pdf_furniture_begin (Pdf *pdf)
{
  if (pdf->furniture++ > 0 || !pdf->artifacts)
    return;
  /* An artifact before the document's first element would make cairo
   * take the document for a loose structure rather than a tagged one. */
  if (pdf->tags->len > 0 && !g_array_index (pdf->tags, PdfTag, 0).begun)
    {
      cairo_tag_begin (pdf->cr, g_array_index (pdf->tags, PdfTag, 0).name, NULL);
      g_array_index (pdf->tags, PdfTag, 0).begun = TRUE;
    }
  cairo_tag_begin (pdf->cr, "Artifact", NULL);
}

static void
pdf_furniture_end (Pdf *pdf)
{
  g_return_if_fail (pdf->furniture > 0);
  if (--pdf->furniture == 0 && pdf->artifacts)
    cairo_tag_end (pdf->cr, "Artifact");
}

/* Ends the page on the PDF's surface. What holds content ends with it and
 * begins again with the next content; the document, a table and a list go
 * on (pdf_tag_spans_pages()): a table cut by the page is one table, under
 * its header repeated as furniture. The footer between belongs to no
 * element. @last ends the document too. */
static void
pdf_finish_page (Pdf      *pdf,
                 gboolean  last)
{
  guint furniture = pdf->furniture;
  guint spanning = 0;

  /* Furniture cut by the page (a header row taller than a page) ends with it. */
  if (furniture > 0 && pdf->artifacts)
    cairo_tag_end (pdf->cr, "Artifact");
  pdf->furniture = 0;
  while (spanning < pdf->tags->len &&
         pdf_tag_spans_pages (g_array_index (pdf->tags, PdfTag, spanning).name))
    spanning++;
  for (guint i = pdf->tags->len; i > spanning; i--)
    {
      PdfTag *tag = &g_array_index (pdf->tags, PdfTag, i - 1);

      if (tag->begun)
        cairo_tag_end (pdf->cr, tag->name);
      tag->begun = FALSE;
    }
  cairo_restore (pdf->cr);
  /* The cover carries no page number. */
  if (pdf->n_drawn > 1)
    {
      PdfTag *document = &g_array_index (pdf->tags, PdfTag, 0);

      if (!document->begun)
        cairo_tag_begin (pdf->cr, document->name, NULL);
      document->begun = TRUE;
      pdf_furniture_begin (pdf);
      pdf_footer (pdf, pdf->cr, pdf->doc, pdf->n_drawn, pdf->n_pages);
      pdf_furniture_end (pdf);
    }
  if (last)
    {
      /* A table or list still open ends before the document. */
      for (guint i = pdf->tags->len; i > 1; i--)
        pdf_tag_end (pdf, g_array_index (pdf->tags, PdfTag, i - 1).name);
      pdf_tag_end (pdf, "Document");
    }
  cairo_show_page (pdf->cr);
  pdf->furniture = furniture;
  if (furniture > 0 && pdf->artifacts)
    cairo_tag_begin (pdf->cr, "Artifact", NULL);
}

static void
pdf_new_page (Pdf *pdf)
{
  if (pdf->target != NULL)
    {
      if (pdf->n_drawn > 0)
        pdf_finish_page (pdf, FALSE);
      g_clear_pointer (&pdf->cr, cairo_destroy);
      pdf->cr = cairo_reference (pdf->target);
      /* Each page starts from the same state, as a recording's does. */
      cairo_save (pdf->cr);
      pdf->n_drawn++;
    }
  else
    {
      cairo_rectangle_t extents = { 0, 0, pdf->page_width, pdf->page_height };
      cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

      g_clear_pointer (&pdf->cr, cairo_destroy);
      g_ptr_array_add (pdf->pages, page);
      pdf->cr = cairo_create (page);
    }
  pdf->y = PDF_TOP;
  pdf->page_start = PDF_TOP;

  if (pdf->table != NULL)
    {
      const CrBlock *table = pdf->table;

      /* No repeat inside the repeat: a header taller than a page splits.
       * Repeated, the header is furniture: the table goes on as one
       * (pdf_tag_spans_pages()) with its one header row, so a screen
       * reader reads the rows on as rows of the same table, each cell
       * under its column's header, and does not read the header again
       * as if it were a row. */
      pdf->table = NULL;
      pdf_furniture_begin (pdf);
      pdf_table_row (pdf, table, pdf->widths, table->header, TRUE);
      pdf_furniture_end (pdf);
      pdf->table = table;
      pdf->page_start = pdf->y;
    }
}

/* Typed text flattened for Pango, with the byte ranges to set in bold. */
static void
pdf_flatten (GPtrArray *rich,
             GString   *text,
             GArray    *bold_ranges)
{
  for (guint i = 0; i < rich->len; i++)
    {
      const CrSpan *span = g_ptr_array_index (rich, i);
      gsize start = text->len;

      if (span->flags & CR_SPAN_BREAK)
        g_string_append_c (text, '\n');
      else if (span->flags & CR_SPAN_TYPED)
        {
          g_autofree char *clean = cr_export_clean_typed_text (span->text);

          g_string_append (text, clean);
        }
      else
        g_string_append (text, span->text);

      if ((span->flags & CR_SPAN_BOLD) && text->len > start)
        {
          gsize range[2] = { start, text->len };

          g_array_append_vals (bold_ranges, range, 2);
        }
    }
}

/* Plain text with attributes, never markup: typed text cannot inject. */
static PangoLayout *
pdf_layout_new (Pdf            *pdf,
                const char     *text,
                gsize           length,
                GArray         *bold_ranges,
                gsize           offset,
                double          size,
                gboolean        bold,
                gboolean        italic,
                double          width,
                PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  PangoFontDescription *font = pango_font_description_from_string (PDF_FONT);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);

  for (guint i = 0; bold_ranges != NULL && i + 1 < bold_ranges->len; i += 2)
    {
      gsize start = MAX (g_array_index (bold_ranges, gsize, i), offset);
      gsize end = MIN (g_array_index (bold_ranges, gsize, i + 1), offset + length);

      if (start < end)
        {
          PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

          attr->start_index = (guint) (start - offset);
          attr->end_index = (guint) (end - offset);
          pango_attr_list_insert (attrs, attr);
        }
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, (int) length);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);

  pango_attr_list_unref (attrs);
  pango_font_description_free (font);
  return layout;
}

/* For short text: one layout. */
static PangoLayout *
pdf_layout (Pdf            *pdf,
            GPtrArray      *rich,
            double          size,
            gboolean        bold,
            gboolean        italic,
            double          width,
            PangoAlignment  alignment)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) bold_ranges = g_array_new (FALSE, FALSE, sizeof (gsize));

  pdf_flatten (rich, text, bold_ranges);
  return pdf_layout_new (pdf, text->str, text->len, bold_ranges, 0,
                         size, bold, italic, width, alignment);
}

/* Pango measures a paragraph in 32-bit units and gets lost past a few
 * hundred thousand characters, so long text is laid out in pieces, cut at
 * a space where there is one near, else between two characters. */
#define PDF_CHUNK 16384

static GPtrArray *
pdf_layouts (Pdf            *pdf,
             GPtrArray      *rich,
             double          size,
             gboolean        bold,
             gboolean        italic,
             double          width,
             PangoAlignment  alignment)
{
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) bold_ranges = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize pos = 0;

  pdf_flatten (rich, text, bold_ranges);
  do
    {
      gsize cut = text->len;

      if (text->len - pos > PDF_CHUNK)
        {
          cut = pos + PDF_CHUNK;
          while (cut > pos && (text->str[cut] & 0xC0) == 0x80)
            cut--;
          for (gsize back = cut; back > cut - 256 && back > pos; back--)
            if (text->str[back - 1] == ' ' || text->str[back - 1] == '\n')
              {
                cut = back;
                break;
              }
        }

      g_ptr_array_add (layouts, pdf_layout_new (pdf, text->str + pos, cut - pos, bold_ranges, pos,
                                                size, bold, italic, width, alignment));
      pos = cut;
    }
  while (pos < text->len);

  return layouts;
}

static void
pdf_cell_init (PdfCell   *cell,
               GPtrArray *layouts,
               double     x,
               double     width)
{
  double offset = 0;

  cell->layouts = layouts;
  cell->lines = g_array_new (FALSE, FALSE, sizeof (PdfLine));
  cell->next = 0;
  cell->x = x;
  cell->width = width;
  cell->tag = NULL;

  for (guint i = 0; i < layouts->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      int height;

      do
        {
          PangoRectangle logical;
          PdfLine line;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          line.line = pango_layout_iter_get_line_readonly (iter);
          line.top = offset + (double) logical.y / PANGO_SCALE;
          line.bottom = offset + (double) (logical.y + logical.height) / PANGO_SCALE;
          line.baseline = offset + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          line.x = (double) logical.x / PANGO_SCALE;
          g_array_append_val (cell->lines, line);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      pango_layout_get_size (layout, NULL, &height);
      offset += (double) height / PANGO_SCALE;
    }
}

static GPtrArray *
single_layout (PangoLayout *layout)
{
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (layouts, layout);
  return layouts;
}

static void
pdf_cell_clear (PdfCell *cell)
{
  g_clear_pointer (&cell->lines, g_array_unref);
  g_clear_pointer (&cell->layouts, g_ptr_array_unref);
}

static double
pdf_cell_remaining (const PdfCell *cell)
{
  const PdfLine *first;
  const PdfLine *last;

  if (cell->next >= cell->lines->len)
    return 0;
  first = &g_array_index (cell->lines, PdfLine, cell->next);
  last = &g_array_index (cell->lines, PdfLine, cell->lines->len - 1);
  return last->bottom - first->top;
}

/* Draws a row of cells side by side, line by line, continuing on as many
 * new pages as it takes: nothing is ever clipped. */
static void
pdf_flow (Pdf            *pdf,
          PdfCell        *cells,
          guint           n_cells,
          const PdfStyle *style)
{
  for (;;)
    {
      double avail = PDF_BOTTOM - pdf->y - 2 * style->pad;
      gboolean fresh = pdf->y <= pdf->page_start + 0.01;
      double remaining = 0;
      double slice = 0;
      gboolean more = FALSE;
      gboolean starved = FALSE;
      g_autofree guint *ends = g_new0 (guint, n_cells);

      for (guint i = 0; i < n_cells; i++)
        remaining = MAX (remaining, pdf_cell_remaining (&cells[i]));

      if (remaining > avail && !fresh && style->keep)
        {
          pdf_new_page (pdf);
          continue;
        }

      for (guint i = 0; i < n_cells; i++)
        {
          PdfCell *cell = &cells[i];
          guint k = cell->next;
          double offset;

          if (k >= cell->lines->len)
            {
              ends[i] = k;
              continue;
            }
          offset = g_array_index (cell->lines, PdfLine, k).top;
          while (k < cell->lines->len &&
                 g_array_index (cell->lines, PdfLine, k).bottom - offset <= avail)
            k++;
          if (k == cell->next)
            {
              /* Not even one line fits: a new page, unless this is one. */
              if (!fresh)
                starved = TRUE;
              else
                k++;
            }
          ends[i] = k;
          if (k > cell->next)
            slice = MAX (slice, g_array_index (cell->lines, PdfLine, k - 1).bottom - offset);
        }

      if (starved)
        {
          pdf_new_page (pdf);
          continue;
        }

      pdf_tag_begin (pdf, style->tag);
      if (style->fill != NULL)
        {
          pdf_furniture_begin (pdf);
          cairo_set_source_rgb (pdf->cr, style->fill->r, style->fill->g, style->fill->b);
          cairo_rectangle (pdf->cr, cells[0].x, pdf->y,
                           cells[n_cells - 1].x + cells[n_cells - 1].width - cells[0].x,
                           slice + 2 * style->pad);
          cairo_fill (pdf->cr);
          pdf_furniture_end (pdf);
        }

      cairo_set_source_rgb (pdf->cr, style->color->r, style->color->g, style->color->b);
      for (guint i = 0; i < n_cells; i++)
        {
          PdfCell *cell = &cells[i];
          double offset;

          /* A cell with nothing left is still there, empty: a table's
           * columns keep their places for a screen reader. */
          pdf_tag_begin (pdf, cell->tag);
          if (cell->next >= ends[i])
            {
              pdf_tag_end (pdf, cell->tag);
              continue;
            }
          offset = g_array_index (cell->lines, PdfLine, cell->next).top;
          /* Every line of the slice inside the one element. cairo writes
           * a ligature ("fi") or the space a line breaks at as a /Span
           * with /ActualText nested in the element's marked content;
           * poppler's structure text (pdfinfo -struct-text, 22.12) ends
           * the element's text at that span's EMC, so it shows a wrapped
           * paragraph up to its first such span only. The PDF is right
           * (ISO 32000-1 14.6: marked content nests). */
          for (guint k = cell->next; k < ends[i]; k++)
            {
              const PdfLine *line = &g_array_index (cell->lines, PdfLine, k);

              cairo_move_to (pdf->cr, cell->x + style->pad + line->x,
                             pdf->y + style->pad + line->baseline - offset);
              pango_cairo_show_layout_line (pdf->cr, line->line);
            }
          pdf_tag_end (pdf, cell->tag);
          cell->next = ends[i];
          more |= cell->next < cell->lines->len;
        }

      if (style->grid)
        {
          pdf_furniture_begin (pdf);
          cairo_set_source_rgb (pdf->cr, pdf_rule.r, pdf_rule.g, pdf_rule.b);
          cairo_set_line_width (pdf->cr, 0.5);
          for (guint i = 0; i < n_cells; i++)
            cairo_rectangle (pdf->cr, cells[i].x, pdf->y, cells[i].width, slice + 2 * style->pad);
          cairo_stroke (pdf->cr);
          pdf_furniture_end (pdf);
        }
      pdf_tag_end (pdf, style->tag);

      pdf->y += slice + 2 * style->pad;
      if (!more)
        break;
      pdf_new_page (pdf);
    }
}

/* @keep: moved whole to the next page when it would fit there whole, so a
 * bullet or a short paragraph is never split across two pages. @tag: its
 * structure ("P", "H2"); a bullet is a list item ("LI") whatever it says. */
static void
pdf_text_block (Pdf            *pdf,
                const char     *tag,
                GPtrArray      *rich,
                double          size,
                gboolean        bold,
                gboolean        italic,
                const PdfColor *color,
                double          indent,
                gboolean        bullet,
                gboolean        keep)
{
  const PdfStyle style = {
    .pad = 0, .grid = FALSE, .fill = NULL, .color = color, .keep = keep, .tag = bullet ? "LI" : tag,
  };
  PdfCell cells[2];
  guint n = 0;
  double x = PDF_MARGIN + indent;

  if (bullet)
    {
      g_autoptr(GPtrArray) dot = cr_rich_plain ("•");

      pdf_cell_init (&cells[n++],
                     single_layout (pdf_layout (pdf, dot, size, FALSE, FALSE, PDF_BULLET, PANGO_ALIGN_LEFT)),
                     x, PDF_BULLET);
      cells[n - 1].tag = "Lbl";
      x += PDF_BULLET;
    }
  pdf_cell_init (&cells[n], pdf_layouts (pdf, rich, size, bold, italic, PDF_MARGIN + PDF_CONTENT - x,
                                         PANGO_ALIGN_LEFT),
                 x, PDF_MARGIN + PDF_CONTENT - x);
  if (bullet)
    cells[n].tag = "LBody";
  n++;

  pdf_flow (pdf, cells, n, &style);
  for (guint i = 0; i < n; i++)
    pdf_cell_clear (&cells[i]);
}

static void
pdf_heading (Pdf           *pdf,
             const CrBlock *block)
{
  static const double sizes[] = { 22.0, 15.0, 12.0 };
  static const char * const tags[] = { "H1", "H2", "H3" };
  guint level = CLAMP (block->level, 1, 3);
  double before = level == 1 ? 0 : (level == 2 ? 16.0 : 10.0);

  /* What follows it is kept with it by the pagination (pdf_keep_with_next). */
  if (pdf->y > pdf->page_start + 0.01)
    pdf->y += before;

  pdf_text_block (pdf, tags[level - 1], block->text, sizes[level - 1], TRUE, FALSE,
                  level == 2 ? &pdf_accent : &pdf_text, 0, FALSE, TRUE);

  if (level == 2)
    {
      pdf_furniture_begin (pdf);
      cairo_set_source_rgb (pdf->cr, pdf_rule.r, pdf_rule.g, pdf_rule.b);
      cairo_set_line_width (pdf->cr, 0.75);
      cairo_move_to (pdf->cr, PDF_MARGIN, pdf->y + 2.0);
      cairo_line_to (pdf->cr, PDF_MARGIN + PDF_CONTENT, pdf->y + 2.0);
      cairo_stroke (pdf->cr);
      pdf_furniture_end (pdf);
    }
  pdf->y += level == 1 ? 10.0 : 6.0;
}

/* The width of @rich on one line, and of its widest word. */
static void
pdf_measure (Pdf       *pdf,
             GPtrArray *rich,
             gboolean   bold,
             double    *natural,
             double    *word)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  gsize length = 0;

  for (guint i = 0; i < rich->len; i++)
    length += strlen (((CrSpan *) g_ptr_array_index (rich, i))->text);
  /* Long text wraps anyway; do not shape a megabyte to learn that. */
  if (length > 400)
    {
      *natural = PDF_CONTENT;
      *word = 60.0;
      return;
    }

  layout = pdf_layout (pdf, rich, PDF_BODY_SIZE - 1, bold, FALSE, -1, PANGO_ALIGN_LEFT);
  pango_layout_get_extents (layout, NULL, &logical);
  *natural = (double) logical.width / PANGO_SCALE + 2 * PDF_CELL_PAD + 1.0;

  /* Wrapping at every space leaves the widest word as the width. */
  pango_layout_set_width (layout, 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_get_extents (layout, NULL, &logical);
  *word = (double) logical.width / PANGO_SCALE + 2 * PDF_CELL_PAD + 1.0;
}

/* Every column gets its natural width when the page allows; otherwise each
 * shrinks towards a minimum (numbers never wrap, words rarely do) in
 * proportion to the room it could give up. */
static double *
pdf_column_widths (Pdf           *pdf,
                   const CrBlock *table)
{
  guint n = table->header->len;
  g_autofree double *natural = g_new0 (double, n);
  g_autofree double *minimum = g_new0 (double, n);
  double *widths = g_new0 (double, n);
  double sum_natural = 0, sum_minimum = 0;
  guint n_text = 0;

  for (guint c = 0; c < n; c++)
    {
      gboolean numeric = cr_table_is_right_aligned (table, c) != 0;
      double nat, word;

      pdf_measure (pdf, g_ptr_array_index (table->header, c), TRUE, &nat, &word);
      /* Over a column of numbers the header wraps at its spaces, so the
       * numbers do not take the room the text beside them needs. */
      natural[c] = numeric ? word : nat;
      minimum[c] = word;
      for (guint r = 0; r < table->items->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (table->items, r);

          if (c >= row->len)
            continue;
          pdf_measure (pdf, g_ptr_array_index (row, c), FALSE, &nat, &word);
          natural[c] = MAX (natural[c], nat);
          minimum[c] = MAX (minimum[c], numeric ? nat : word);
        }
      if (!numeric)
        {
          minimum[c] = MIN (minimum[c], 120.0);
          n_text++;
        }
      natural[c] = MIN (natural[c], PDF_CONTENT);
      minimum[c] = MIN (minimum[c], natural[c]);
      sum_natural += natural[c];
      sum_minimum += minimum[c];
    }

  if (sum_natural <= PDF_CONTENT)
    {
      /* Full width: the spare room goes to the text columns. */
      double spare = PDF_CONTENT - sum_natural;

      for (guint c = 0; c < n; c++)
        widths[c] = natural[c];
      for (guint c = 0; c < n; c++)
        if (n_text == 0 || !cr_table_is_right_aligned (table, c))
          widths[c] += spare / (n_text > 0 ? n_text : n);
    }
  else if (sum_minimum < PDF_CONTENT)
    {
      double k = (PDF_CONTENT - sum_minimum) / (sum_natural - sum_minimum);

      for (guint c = 0; c < n; c++)
        widths[c] = minimum[c] + (natural[c] - minimum[c]) * k;
    }
  else
    {
      for (guint c = 0; c < n; c++)
        widths[c] = PDF_CONTENT * minimum[c] / sum_minimum;
    }

  return widths;
}

static void
pdf_table_row (Pdf           *pdf,
               const CrBlock *table,
               const double  *widths,
               GPtrArray     *cells,
               gboolean       header)
{
  const PdfStyle style = {
    .pad = PDF_CELL_PAD, .grid = TRUE, .fill = header ? &pdf_head_fill : NULL,
    .color = &pdf_text, .keep = TRUE, .tag = "TR",
  };
  guint n = table->header->len;
  g_autofree PdfCell *row = g_new0 (PdfCell, n);
  g_autoptr(GPtrArray) empty = cr_rich_plain ("");
  double x = PDF_MARGIN;

  for (guint c = 0; c < n; c++)
    {
      GPtrArray *rich = c < cells->len ? g_ptr_array_index (cells, c) : empty;
      PangoAlignment alignment = cr_table_is_right_aligned (table, c) ? PANGO_ALIGN_RIGHT
                                                                     : PANGO_ALIGN_LEFT;

      pdf_cell_init (&row[c],
                     pdf_layouts (pdf, rich, PDF_BODY_SIZE - 1, header, FALSE,
                                  widths[c] - 2 * PDF_CELL_PAD, alignment),
                     x, widths[c]);
      row[c].tag = header ? "TH" : "TD";
      x += widths[c];
    }

  pdf_flow (pdf, row, n, &style);
  for (guint c = 0; c < n; c++)
    pdf_cell_clear (&row[c]);
}

static void
pdf_table (Pdf           *pdf,
           const CrBlock *table)
{
  g_autofree double *widths = pdf_column_widths (pdf, table);

  pdf->y += 4.0;
  /* A header alone at the foot of a page helps nobody. */
  if (pdf->y > pdf->page_start + 0.01 && pdf->y + 60.0 > PDF_BOTTOM)
    pdf_new_page (pdf);

  pdf_tag_push (pdf, "Table");
  pdf_table_row (pdf, table, widths, table->header, TRUE);
  pdf->table = table;
  pdf->widths = widths;
  for (guint r = 0; r < table->items->len; r++)
    pdf_table_row (pdf, table, widths, g_ptr_array_index (table->items, r), FALSE);
  pdf->table = NULL;
  pdf->widths = NULL;
  pdf_tag_end (pdf, "Table");
  pdf->y += 10.0;
}

/* The running footer: page furniture, drawn between pdf_furniture_begin()
 * and _end(), so it is in no element of the structure, and marked as an
 * artifact where cairo can; cairo 1.16 cannot (pdf_cairo_marks_artifacts()
 * says why), and there it stays out of the structure and what a screen
 * reader reads from it, unmarked. */
static void
pdf_footer (Pdf              *pdf,
            cairo_t          *cr,
            const CrDocument *doc,
            guint             page,
            guint             n_pages)
{
  g_autoptr(GPtrArray) left = cr_rich_new ();
  g_autoptr(GPtrArray) right = NULL;
  g_autoptr(PangoLayout) left_layout = NULL;
  g_autoptr(PangoLayout) right_layout = NULL;
  g_autofree char *title = NULL;
  g_autofree char *organisation = NULL;
  int right_width;

  /* One line each: line breaks in typed text become spaces here. */
  title = g_strdelimit (g_strdup (doc->title != NULL ? doc->title : ""), "\r\n", ' ');
  organisation = g_strdelimit (g_strdup (doc->organisation != NULL ? doc->organisation : ""), "\r\n", ' ');
  if (*organisation != '\0')
    {
      cr_rich_add (left, CR_SPAN_TYPED, organisation);
      cr_rich_add (left, 0, " — ");
    }
  cr_rich_add (left, CR_SPAN_TYPED, title);

  /* Translators: the page number in the footer of a PDF export */
  right = cr_rich_plain_take (g_strdup_printf (_("Page %u of %u"), page, n_pages));
  right_layout = pdf_layout (pdf, right, 8.0, FALSE, FALSE, -1, PANGO_ALIGN_LEFT);
  pango_layout_get_size (right_layout, &right_width, NULL);

  left_layout = pdf_layout (pdf, left, 8.0, FALSE, FALSE,
                            PDF_CONTENT - (double) right_width / PANGO_SCALE - 24.0,
                            PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (left_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (left_layout, -1);

  cairo_set_source_rgb (cr, pdf_rule.r, pdf_rule.g, pdf_rule.b);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, PDF_MARGIN, PDF_FOOTER - 6.0);
  cairo_line_to (cr, PDF_MARGIN + PDF_CONTENT, PDF_FOOTER - 6.0);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, pdf_muted.r, pdf_muted.g, pdf_muted.b);
  cairo_move_to (cr, PDF_MARGIN, PDF_FOOTER);
  pango_cairo_show_layout (cr, left_layout);
  cairo_move_to (cr, PDF_MARGIN + PDF_CONTENT - (double) right_width / PANGO_SCALE, PDF_FOOTER);
  pango_cairo_show_layout (cr, right_layout);
}

typedef struct
{
  const char *label;
  char       *value;
  gboolean    typed;
} CoverField;

/* A page of its own: the client's name large, then who ran what, when. */
static void
pdf_cover (Pdf              *pdf,
           const CrDocument *doc)
{
  g_autoptr(GPtrArray) kicker = cr_rich_plain (_("Workshop report"));
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) organisation = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *people = NULL;
  CoverField fields[5] = { { 0 } };
  guint n_fields = 0;
  double band = pdf->page_height * 0.36;
  double y;

  title = doc->title != NULL && *doc->title != '\0' ? cr_rich_typed (doc->title)
                                                     : cr_rich_plain (_("Workshop summary"));
  if (doc->organisation != NULL && *doc->organisation != '\0')
    organisation = cr_rich_typed (doc->organisation);

  /* Dates are stored as YYYY-MM-DD; the cover says them in the reader's words. */
  if (doc->date != NULL)
    {
      g_autofree char *iso = g_strconcat (doc->date, "T00:00:00Z", NULL);

      when = g_date_time_new_from_iso8601 (iso, NULL);
    }
  /* Translators: the date on a report's cover, as strftime: e.g. "14 May 2024" */
  date = when != NULL ? g_date_time_format (when, _("%e %B %Y")) : g_strdup (doc->date);
  if (date != NULL)
    g_strstrip (date);

  fields[n_fields++] = (CoverField) { _("Date"), g_strdup (date), FALSE };
  if (doc->facilitator != NULL && *doc->facilitator != '\0')
    fields[n_fields++] = (CoverField) { _("Facilitator"), g_strdup (doc->facilitator), TRUE };
  if (doc->function_name != NULL && *doc->function_name != '\0')
    fields[n_fields++] = (CoverField) { _("Name of the function"), g_strdup (doc->function_name), TRUE };
  fields[n_fields++] = (CoverField) { _("Template"), g_strdup (doc->template_title), TRUE };
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants",
                                         doc->n_participants),
                            doc->n_participants);
  fields[n_fields++] = (CoverField) { _("Participants"), g_steal_pointer (&people), FALSE };

  /* A band of the accent colour carries the title. */
  pdf_furniture_begin (pdf);
  cairo_set_source_rgb (pdf->cr, pdf_accent.r, pdf_accent.g, pdf_accent.b);
  cairo_rectangle (pdf->cr, 0, 0, pdf->page_width, band);
  cairo_fill (pdf->cr);
  pdf_furniture_end (pdf);

  {
    g_autoptr(PangoLayout) k = pdf_layout (pdf, kicker, 11.0, TRUE, FALSE, PDF_CONTENT, PANGO_ALIGN_LEFT);
    g_autoptr(PangoLayout) t = pdf_layout (pdf, title, 30.0, TRUE, FALSE, PDF_CONTENT, PANGO_ALIGN_LEFT);
    g_autoptr(PangoLayout) o = organisation != NULL
      ? pdf_layout (pdf, organisation, 18.0, FALSE, FALSE, PDF_CONTENT, PANGO_ALIGN_LEFT) : NULL;
    int k_h, t_h, o_h = 0;

    /* A title of any length stays on the cover: it ends with an ellipsis. */
    pango_layout_set_ellipsize (t, PANGO_ELLIPSIZE_END);
    pango_layout_set_height (t, -3);
    if (o != NULL)
      {
        pango_layout_set_ellipsize (o, PANGO_ELLIPSIZE_END);
        pango_layout_set_height (o, -2);
        pango_layout_get_size (o, NULL, &o_h);
      }
    pango_layout_get_size (k, NULL, &k_h);
    pango_layout_get_size (t, NULL, &t_h);

    /* From the foot of the band upwards: organisation, title, kicker. */
    y = band - 36.0 - (double) o_h / PANGO_SCALE;
    cairo_set_source_rgb (pdf->cr, 1, 1, 1);
    if (o != NULL)
      {
        pdf_tag_begin (pdf, "P");
        cairo_move_to (pdf->cr, PDF_MARGIN, y);
        pango_cairo_show_layout (pdf->cr, o);
        pdf_tag_end (pdf, "P");
        y -= 8.0;
      }
    y -= (double) t_h / PANGO_SCALE;
    pdf_tag_begin (pdf, "H1");
    cairo_move_to (pdf->cr, PDF_MARGIN, y);
    pango_cairo_show_layout (pdf->cr, t);
    pdf_tag_end (pdf, "H1");
    y -= 10.0 + (double) k_h / PANGO_SCALE;
    pdf_tag_begin (pdf, "P");
    cairo_move_to (pdf->cr, PDF_MARGIN, MAX (y, PDF_TOP));
    pango_cairo_show_layout (pdf->cr, k);
    pdf_tag_end (pdf, "P");
  }

  /* Label and value, two columns, under the band. */
  y = band + 48.0;
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GPtrArray) label = cr_rich_plain (fields[i].label);
      g_autoptr(GPtrArray) value = fields[i].typed ? cr_rich_typed (fields[i].value) : cr_rich_plain (fields[i].value);
      g_autoptr(PangoLayout) l = pdf_layout (pdf, label, 10.0, FALSE, FALSE, 140.0, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) v = pdf_layout (pdf, value, 13.0, FALSE, FALSE, PDF_CONTENT - 150.0,
                                             PANGO_ALIGN_LEFT);
      int v_h;

      pango_layout_set_ellipsize (v, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (v, -2);
      pango_layout_get_size (v, NULL, &v_h);
      /* A label and its value read as one line. */
      pdf_tag_begin (pdf, "P");
      cairo_set_source_rgb (pdf->cr, pdf_muted.r, pdf_muted.g, pdf_muted.b);
      cairo_move_to (pdf->cr, PDF_MARGIN, y + 2.5);
      pango_cairo_show_layout (pdf->cr, l);
      cairo_set_source_rgb (pdf->cr, pdf_text.r, pdf_text.g, pdf_text.b);
      cairo_move_to (pdf->cr, PDF_MARGIN + 150.0, y);
      pango_cairo_show_layout (pdf->cr, v);
      pdf_tag_end (pdf, "P");
      y += MAX ((double) v_h / PANGO_SCALE, 16.0) + 12.0;
      g_free (fields[i].value);
    }

  {
    g_autoptr(GPtrArray) made = cr_rich_plain_take (g_strdup_printf ("Crossroads %s", PACKAGE_VERSION));
    g_autoptr(PangoLayout) m = pdf_layout (pdf, made, 8.0, FALSE, FALSE, PDF_CONTENT, PANGO_ALIGN_LEFT);

    pdf_tag_begin (pdf, "P");
    cairo_set_source_rgb (pdf->cr, pdf_muted.r, pdf_muted.g, pdf_muted.b);
    cairo_move_to (pdf->cr, PDF_MARGIN, PDF_FOOTER);
    pango_cairo_show_layout (pdf->cr, m);
    pdf_tag_end (pdf, "P");
  }
}

/* A chart never splits: it moves whole to the next page. */
static void
pdf_chart (Pdf           *pdf,
           const CrBlock *block)
{
  CrChartStyle style;
  double width = PDF_CONTENT;
  double height;

  cr_document_chart_style (&style);
  height = cr_block_chart_height (block, &style, width);
  pdf->y += 6.0;
  if (pdf->y > pdf->page_start + 0.01 && pdf->y + height > PDF_BOTTOM)
    pdf_new_page (pdf);

  pdf_tag_begin (pdf, "Figure");
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, PDF_MARGIN, pdf->y);
  cr_block_chart_draw (block, pdf->cr, &style, width, height);
  cairo_restore (pdf->cr);
  pdf_tag_end (pdf, "Figure");
  pdf->y += height + 10.0;
}

/* Draws one block of the document at pdf->y, on as many pages as it takes. */
static void
pdf_draw_block (Pdf           *pdf,
                const CrBlock *block)
{
  switch (block->kind)
    {
    case CR_BLOCK_HEADING:
      pdf_heading (pdf, block);
      break;

    case CR_BLOCK_PARAGRAPH:
      if (block->key)
        {
          /* The recommendation's conclusions, larger, with a bar of accent beside them. */
          double top;

          pdf->y += 4.0;
          top = pdf->y;
          pdf_text_block (pdf, "P", block->text, PDF_BODY_SIZE + 3, FALSE, FALSE, &pdf_text, 10.0, FALSE, TRUE);
          if (pdf->y > top)
            {
              pdf_furniture_begin (pdf);
              cairo_set_source_rgb (pdf->cr, pdf_accent.r, pdf_accent.g, pdf_accent.b);
              cairo_rectangle (pdf->cr, PDF_MARGIN, top, 3.0, pdf->y - top);
              cairo_fill (pdf->cr);
              pdf_furniture_end (pdf);
            }
          pdf->y += 6.0;
          break;
        }
      pdf_text_block (pdf, "P", block->text, PDF_BODY_SIZE, FALSE, block->muted,
                      block->muted ? &pdf_muted : &pdf_text, 0, FALSE, TRUE);
      pdf->y += 6.0;
      break;

    case CR_BLOCK_BULLETS:
      pdf_tag_push (pdf, "L");
      for (guint j = 0; j < block->items->len; j++)
        {
          pdf_text_block (pdf, NULL, g_ptr_array_index (block->items, j), PDF_BODY_SIZE,
                          FALSE, FALSE, &pdf_text, 6.0, TRUE, TRUE);
          pdf->y += 2.0;
        }
      pdf_tag_end (pdf, "L");
      pdf->y += 6.0;
      break;

    case CR_BLOCK_TABLE:
      pdf_table (pdf, block);
      break;

    case CR_BLOCK_CHART:
      pdf_chart (pdf, block);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* How tall @block is when drawn after other content: drawn once on a page
 * too tall to end, and measured. @first_item: only a list's first item. */
static double
pdf_block_height (Pdf           *pdf,
                  const CrBlock *block,
                  gboolean       first_item)
{
  Pdf scratch = { 0 };
  CrBlock one = *block;
  g_autoptr(GPtrArray) items = NULL;
  double top;

  if (first_item && block->kind == CR_BLOCK_BULLETS && block->items->len > 1)
    {
      items = g_ptr_array_new ();
      g_ptr_array_add (items, g_ptr_array_index (block->items, 0));
      one.items = items;
    }

  scratch.context = pdf->context;
  scratch.page_width = pdf->page_width;
  scratch.page_height = 1e6;
  scratch.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  pdf_new_page (&scratch);
  /* Not at the top of a page: spacing before a block counts. */
  scratch.page_start = 0;
  top = scratch.y;
  pdf_draw_block (&scratch, &one);
  g_clear_pointer (&scratch.cr, cairo_destroy);
  g_ptr_array_unref (scratch.pages);
  return scratch.y - top;
}

/* What must stay on one page from block @i on: a heading with what it
 * introduces, a chart with the table of its numbers, a paragraph with the
 * first item of the list it introduces (the whole list of reasons after a
 * conclusion). 0 when nothing has to. */
static double
pdf_group_height (Pdf              *pdf,
                  const CrDocument *doc,
                  guint             i,
                  guint             depth)
{
  const CrBlock *block = g_ptr_array_index (doc->blocks, i);
  const CrBlock *next = i + 1 < doc->blocks->len ? g_ptr_array_index (doc->blocks, i + 1) : NULL;

  if (next != NULL && next->cover)
    next = NULL;

  switch (block->kind)
    {
    case CR_BLOCK_HEADING:
      if (next == NULL || depth > 2)
        return pdf_block_height (pdf, block, FALSE);
      {
        double own = pdf_block_height (pdf, block, FALSE);
        double rest = pdf_group_height (pdf, doc, i + 1, depth + 1);

        /* What is longer than a page needs only its start with it. */
        if (rest <= 0 || own + rest > PDF_BOTTOM - PDF_TOP)
          rest = MIN (pdf_block_height (pdf, next, TRUE), 80.0);
        return own + rest;
      }

    case CR_BLOCK_CHART:
      if (next != NULL && next->kind == CR_BLOCK_TABLE)
        return pdf_block_height (pdf, block, FALSE) + pdf_block_height (pdf, next, FALSE);
      return pdf_block_height (pdf, block, FALSE);

    case CR_BLOCK_PARAGRAPH:
      if (next != NULL && next->kind == CR_BLOCK_BULLETS)
        return pdf_block_height (pdf, block, FALSE) + pdf_block_height (pdf, next, !block->key);
      if (next != NULL && next->kind == CR_BLOCK_CHART && depth > 0)
        return pdf_block_height (pdf, block, FALSE) + pdf_group_height (pdf, doc, i + 1, depth + 1);
      return pdf_block_height (pdf, block, FALSE);

    case CR_BLOCK_BULLETS:
    case CR_BLOCK_TABLE:
    default:
      return depth > 0 ? pdf_block_height (pdf, block, FALSE) : 0;
    }
}

/* Whether the section that block @i opens fits whole below pdf->y. */
static gboolean
pdf_section_fits (Pdf              *pdf,
                  const CrDocument *doc,
                  guint             i)
{
  double height = 0;

  for (guint j = i; j < doc->blocks->len; j++)
    {
      const CrBlock *block = g_ptr_array_index (doc->blocks, j);

      if (j > i && block->kind == CR_BLOCK_HEADING && block->level <= 2)
        break;
      if (block->cover)
        continue;
      height += pdf_block_height (pdf, block, FALSE);
      if (pdf->y + height > PDF_BOTTOM)
        return FALSE;
    }
  return TRUE;
}

/* Starts a new page before block @i when what belongs with it would not
 * fit below, and would on a page of its own. */
static void
pdf_keep_with_next (Pdf              *pdf,
                    const CrDocument *doc,
                    guint             i)
{
  double needed;

  if (pdf->y <= pdf->page_start + 0.01)
    return;
  needed = pdf_group_height (pdf, doc, i, 0);
  if (needed > 0 && pdf->y + needed > PDF_BOTTOM && needed <= PDF_BOTTOM - PDF_TOP)
    pdf_new_page (pdf);
}

struct _CrReport
{
  CrDocument *doc;
  Pdf         pdf;        /* pages as recording surfaces, once paginated */
};

/* The report is laid out whole before its first page is shown, and a
 * workshop may hold 64 MiB of text: each text it shows is cut to what a
 * reader can use, and once the report has shown a few dozen pages of typed
 * text, each further text to a line. A cut text ends with "…", and the
 * report says at its start that the rest is in the CSV and JSON exports,
 * which keep every character, as Markdown and HTML do. */
#define REPORT_TEXT_CHARS   2000    /* about half a page */
#define REPORT_TOTAL_CHARS  50000   /* about fifteen pages */
#define REPORT_LATE_CHARS   60      /* a line */

typedef struct
{
  gsize    shown;   /* typed characters shown so far */
  gboolean cut;
} Shortening;

/* @text cut at a character boundary to at most @max characters, at a space
 * near the end if there is one, and ended with "…"; NULL when it is short
 * enough. */
static char *
cut_text (const char *text,
          gsize       max)
{
  const char *end = text;
  const char *space = NULL;
  gsize n = 0;

  while (*end != '\0' && n < max)
    {
      if (*end == ' ' && n + 20 >= max)
        space = end;
      end = g_utf8_next_char (end);
      n++;
    }
  if (*end == '\0')
    return NULL;
  if (space != NULL && space > text)
    end = space;
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static void
shorten_text (char       **text,
              gsize        max,
              Shortening  *state)
{
  char *cut = *text != NULL ? cut_text (*text, max) : NULL;

  if (cut == NULL)
    {
      state->shown += *text != NULL ? g_utf8_strlen (*text, -1) : 0;
      return;
    }
  state->shown += max;
  state->cut = TRUE;
  g_free (*text);
  *text = cut;
}

static void
shorten_rich (GPtrArray  *rich,
              Shortening *state)
{
  for (guint i = 0; rich != NULL && i < rich->len; i++)
    {
      CrSpan *span = g_ptr_array_index (rich, i);

      if (span->flags & CR_SPAN_TYPED)
        shorten_text (&span->text,
                      state->shown < REPORT_TOTAL_CHARS ? REPORT_TEXT_CHARS : REPORT_LATE_CHARS,
                      state);
    }
}

static void
report_shorten (CrDocument *doc)
{
  Shortening state = { 0 };

  /* The cover and the footers show a few lines of these at most. */
  shorten_text (&doc->title, REPORT_LATE_CHARS * 5, &state);
  shorten_text (&doc->organisation, REPORT_LATE_CHARS * 5, &state);
  shorten_text (&doc->facilitator, REPORT_LATE_CHARS * 5, &state);
  shorten_text (&doc->function_name, REPORT_LATE_CHARS * 5, &state);
  shorten_text (&doc->template_title, REPORT_LATE_CHARS * 5, &state);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      CrBlock *block = g_ptr_array_index (doc->blocks, i);

      shorten_rich (block->text, &state);
      for (guint c = 0; block->header != NULL && c < block->header->len; c++)
        shorten_rich (g_ptr_array_index (block->header, c), &state);
      for (guint j = 0; block->items != NULL && j < block->items->len; j++)
        {
          GPtrArray *item = g_ptr_array_index (block->items, j);

          /* A table's rows are lists of cells, a list's items lists of spans. */
          if (block->kind == CR_BLOCK_TABLE)
            for (guint c = 0; c < item->len; c++)
              shorten_rich (g_ptr_array_index (item, c), &state);
          else
            shorten_rich (item, &state);
        }
    }

  if (state.cut)
    {
      CrBlock *aside = g_new0 (CrBlock, 1);

      aside->kind = CR_BLOCK_PARAGRAPH;
      aside->muted = TRUE;
      aside->text = cr_rich_plain (_("Some texts are too long for this report and end with “…”; the CSV and JSON exports have them whole."));
      g_ptr_array_insert (doc->blocks, 0, aside);
    }
}

static CrReport *
report_new_take_doc (CrDocument *doc)
{
  CrReport *report = g_new0 (CrReport, 1);

  report->doc = doc;
  report_shorten (report->doc);
  return report;
}

CrReport *
cr_report_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return report_new_take_doc (cr_document_new_workshop (workshop));
}

CrReport *
cr_report_new_comparison (const CrComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);

  return report_new_take_doc (cr_document_new_comparison (comparison));
}

const char *
cr_report_get_title (CrReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->doc->title;
}

void
cr_report_free (CrReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->pdf.cr, cairo_destroy);
  g_clear_pointer (&report->pdf.pages, g_ptr_array_unref);
  g_clear_object (&report->pdf.context);
  g_clear_pointer (&report->doc, cr_document_free);
  g_free (report);
}

static void report_lay_out (Pdf *pdf, const CrDocument *doc, CrExportProgress progress,
                            gpointer progress_data, GCancellable *cancellable);

guint
cr_report_paginate (CrReport         *report,
                    double            width,
                    double            height,
                    CrExportProgress  progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable)
{
  Pdf *pdf;
  const CrDocument *doc;

  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (width >= 200 && height >= 300, 0);

  pdf = &report->pdf;
  doc = report->doc;

  /* From this thread's font map: the GUI's stays with the GUI's thread. */
  g_clear_object (&pdf->context);
  pdf->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    /* Unhinted metrics: the layout must not depend on a screen's grid. */
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (pdf->context, options);
    cairo_font_options_destroy (options);
  }
  pango_cairo_context_set_resolution (pdf->context, 72.0);
  /* At 72 units an inch, Pango's default rounding puts every glyph on a
   * whole point: spaces shrink (an 11 pt space to 2 pt) and words run
   * together, in print and for a PDF's text. */
  pango_context_set_round_glyph_positions (pdf->context, FALSE);
  g_clear_pointer (&pdf->pages, g_ptr_array_unref);
  pdf->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  pdf->page_width = width;
  pdf->page_height = height;
  pdf->table = NULL;
  pdf->widths = NULL;

  report_lay_out (pdf, doc, progress, progress_data, cancellable);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (progress != NULL)
    progress (1.0, progress_data);

  return pdf->pages->len;
}

guint
cr_report_write_tagged (CrReport         *report,
                        cairo_t          *cr,
                        CrExportProgress  progress,
                        gpointer          progress_data,
                        GCancellable     *cancellable)
{
  Pdf pdf = { 0 };

  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (cr_report_get_n_pages (report) > 0, 0);

  pdf.context = report->pdf.context;
  pdf.page_width = report->pdf.page_width;
  pdf.page_height = report->pdf.page_height;
  pdf.target = cr;
  pdf.tags = g_array_new (FALSE, FALSE, sizeof (PdfTag));
  pdf.doc = report->doc;
  pdf.n_pages = report->pdf.pages->len;
  pdf.artifacts = pdf_cairo_marks_artifacts ();

  pdf_tag_push (&pdf, "Document");
  report_lay_out (&pdf, report->doc, progress, progress_data, cancellable);
  if (pdf.n_drawn > 0)
    pdf_finish_page (&pdf, TRUE);
  g_clear_pointer (&pdf.cr, cairo_destroy);
  g_array_unref (pdf.tags);
  /* The same code on the same pages: the count the footers gave holds. */
  g_warn_if_fail (g_cancellable_is_cancelled (cancellable) || pdf.n_drawn == pdf.n_pages);
  if (progress != NULL)
    progress (1.0, progress_data);
  return pdf.n_drawn;
}

/* The cover, then every block, on pages as pdf_new_page() makes them. */
static void
report_lay_out (Pdf              *pdf,
                const CrDocument *doc,
                CrExportProgress  progress,
                gpointer          progress_data,
                GCancellable     *cancellable)
{
  pdf_new_page (pdf);
  pdf_cover (pdf, doc);
  pdf_new_page (pdf);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const CrBlock *block = g_ptr_array_index (doc->blocks, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (progress != NULL)
        progress ((double) i / doc->blocks->len, progress_data);
      if (block->cover)
        continue;

      /* The big sections open a page when they start low on one (a client
       * reads the report by them), unless the whole section fits below:
       * then a page is not left nearly empty for it. */
      if (block->kind == CR_BLOCK_HEADING && block->level == 2 && i > 0 &&
          pdf->y > pdf->page_start + 0.01 &&
          pdf->y > PDF_BOTTOM - (PDF_BOTTOM - PDF_TOP) * 0.4 &&
          !pdf_section_fits (pdf, doc, i))
        pdf_new_page (pdf);
      pdf_keep_with_next (pdf, doc, i);
      pdf_draw_block (pdf, block);
    }
}

guint
cr_report_get_n_pages (CrReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->pdf.pages != NULL ? report->pdf.pages->len : 0;
}

void
cr_report_get_page_size (CrReport *report,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (report != NULL);

  if (width != NULL)
    *width = report->pdf.page_width;
  if (height != NULL)
    *height = report->pdf.page_height;
}

void
cr_report_draw_page (CrReport *report,
                     cairo_t  *cr,
                     guint     page_nr)
{
  Pdf *pdf;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_nr < cr_report_get_n_pages (report));

  pdf = &report->pdf;
  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (pdf->pages, page_nr), 0, 0);
  cairo_paint (cr);
  /* The cover carries no page number. */
  if (page_nr > 0)
    pdf_footer (pdf, cr, report->doc, page_nr + 1, pdf->pages->len);
  cairo_restore (cr);
}

void
cr_report_get_paper_size (double *width,
                          double *height)
{
  double w = PDF_A4_WIDTH, h = PDF_A4_HEIGHT;

#ifdef _NL_PAPER_WIDTH
  {
    /* glibc answers these two with an integer in millimetres in place of a string. */
    guint mm_width = (guint) GPOINTER_TO_UINT (nl_langinfo (_NL_PAPER_WIDTH));
    guint mm_height = (guint) GPOINTER_TO_UINT (nl_langinfo (_NL_PAPER_HEIGHT));

    if (mm_width == 216 && mm_height == 279)
      {
        /* US Letter */
        w = 612.0;
        h = 792.0;
      }
  }
#endif

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}
