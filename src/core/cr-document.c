/* cr-document.c: the document model behind the Markdown, HTML and PDF exports
 *
 * Blocks of rich text, appended in reading order; see cr-document.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-document.h"

static void
span_free (CrSpan *span)
{
  g_free (span->text);
  g_free (span);
}

GPtrArray *
cr_rich_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
}

void
cr_rich_add (GPtrArray  *rich,
             CrSpanFlags flags,
             const char *text)
{
  CrSpan *span = g_new0 (CrSpan, 1);

  span->text = g_strdup (text != NULL ? text : "");
  span->flags = flags;
  g_ptr_array_add (rich, span);
}

void
cr_rich_add_take (GPtrArray  *rich,
                  CrSpanFlags flags,
                  char       *text)
{
  cr_rich_add (rich, flags, text);
  g_free (text);
}

GPtrArray *
cr_rich_plain (const char *text)
{
  GPtrArray *rich = cr_rich_new ();

  cr_rich_add (rich, 0, text);
  return rich;
}

GPtrArray *
cr_rich_plain_take (char *text)
{
  GPtrArray *rich = cr_rich_plain (text);

  g_free (text);
  return rich;
}

GPtrArray *
cr_rich_typed (const char *text)
{
  GPtrArray *rich = cr_rich_new ();

  cr_rich_add (rich, CR_SPAN_TYPED, text);
  return rich;
}

/* "Label: value", the label ours and bold, the value typed. */
GPtrArray *
cr_rich_field (const char *label,
               const char *value,
               gboolean    value_typed)
{
  GPtrArray *rich = cr_rich_new ();

  cr_rich_add (rich, CR_SPAN_BOLD, label);
  cr_rich_add (rich, 0, " ");
  cr_rich_add (rich, value_typed ? CR_SPAN_TYPED : 0, value);
  return rich;
}

void
cr_block_free (CrBlock *block)
{
  g_clear_pointer (&block->text, g_ptr_array_unref);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->header, g_ptr_array_unref);
  g_clear_pointer (&block->tally, cr_tally_free);
  g_clear_pointer (&block->after, cr_tally_free);
  g_clear_pointer (&block->gap, cr_gap_free);
  g_free (block->description);
  g_free (block);
}

CrDocument *
cr_document_new (CrWorkshop *workshop,
                 const char *title)
{
  CrDocument *doc = g_new0 (CrDocument, 1);

  doc->title = g_strdup (title);
  doc->organisation = g_strdup (cr_workshop_get_organisation (workshop));
  doc->date = g_strdup (cr_workshop_get_date (workshop));
  doc->facilitator = g_strdup (cr_workshop_get_facilitator (workshop));
  doc->function_name = g_strdup (cr_workshop_get_function_name (workshop));
  doc->template_title = g_strdup (cr_template_get_title (cr_workshop_get_template (workshop)));
  doc->n_participants = g_list_model_get_n_items (cr_workshop_get_participants (workshop));
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_block_free);
  return doc;
}

void
cr_document_free (CrDocument *doc)
{
  g_free (doc->title);
  g_free (doc->organisation);
  g_free (doc->date);
  g_free (doc->facilitator);
  g_free (doc->function_name);
  g_free (doc->template_title);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

static CrBlock *
cr_document_add (CrDocument *doc,
                 CrBlockKind kind)
{
  CrBlock *block = g_new0 (CrBlock, 1);

  block->kind = kind;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
cr_document_heading (CrDocument *doc,
                     guint       level,
                     GPtrArray  *text)
{
  CrBlock *block = cr_document_add (doc, CR_BLOCK_HEADING);

  block->level = level;
  block->text = text;
}

void
cr_document_paragraph (CrDocument *doc,
                       GPtrArray  *text)
{
  cr_document_add (doc, CR_BLOCK_PARAGRAPH)->text = text;
}

void
cr_document_aside (CrDocument *doc,
                   GPtrArray  *text)
{
  CrBlock *block = cr_document_add (doc, CR_BLOCK_PARAGRAPH);

  block->text = text;
  block->muted = TRUE;
}

CrBlock *
cr_document_bullets (CrDocument *doc)
{
  CrBlock *block = cr_document_add (doc, CR_BLOCK_BULLETS);

  block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return block;
}

void
cr_bullets_add (CrBlock   *block,
                GPtrArray *text)
{
  g_ptr_array_add (block->items, text);
}

/* Takes @tally and @after; NULL, unrevealed or not, they add nothing. */
void
cr_document_chart (CrDocument  *doc,
                   CrBlockChart kind,
                   CrTally     *tally,
                   CrTally     *after,
                   CrGap       *gap)
{
  g_autoptr(CrTally) owned_tally = tally;
  g_autoptr(CrTally) owned_after = after;
  g_autoptr(CrGap) owned_gap = gap;
  g_autofree char *description = NULL;
  CrBlock *block;

  switch (kind)
    {
    case CR_BLOCK_CHART_TALLY:
      description = cr_chart_describe_tally (tally);
      break;
    case CR_BLOCK_CHART_CHANGE:
      description = cr_chart_describe_change (tally, after);
      break;
    case CR_BLOCK_CHART_GAP:
      description = cr_chart_describe_gap (gap);
      break;
    default:
      g_assert_not_reached ();
    }
  /* The chart functions describe only what they may draw. */
  if (description == NULL)
    return;

  block = cr_document_add (doc, CR_BLOCK_CHART);
  block->chart = kind;
  block->tally = g_steal_pointer (&owned_tally);
  block->after = g_steal_pointer (&owned_after);
  block->gap = g_steal_pointer (&owned_gap);
  block->description = g_steal_pointer (&description);
}

CrBlock *
cr_document_table (CrDocument *doc)
{
  CrBlock *block = cr_document_add (doc, CR_BLOCK_TABLE);

  block->header = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return block;
}

void
cr_table_column (CrBlock    *table,
                 const char *label,
                 gboolean    typed,
                 gboolean    right_aligned)
{
  /* Past 32 columns, the rest are simply left-aligned. */
  if (right_aligned && table->header->len < 32)
    table->right_aligned |= 1u << table->header->len;
  g_ptr_array_add (table->header, typed ? cr_rich_typed (label) : cr_rich_plain (label));
}

/* A column headed by a text of ours with a typed part in it, right-aligned. */
void
cr_table_column_take (CrBlock *table,
                      char    *label)
{
  cr_table_column (table, label, TRUE, TRUE);
  g_free (label);
}

gboolean
cr_table_is_right_aligned (const CrBlock *table,
                           guint          column)
{
  return column < 32 && (table->right_aligned & (1u << column)) != 0;
}

GPtrArray *
cr_table_row (CrBlock *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_ptr_array_add (table->items, row);
  return row;
}

/* ---- Charts, for the HTML as inline SVG and for the PDF ----------------- */

double
cr_block_chart_height (const CrBlock      *block,
                       const CrChartStyle *style,
                       double              width)
{
  switch (block->chart)
    {
    case CR_BLOCK_CHART_TALLY:
      return cr_chart_tally_height (block->tally, style, width);
    case CR_BLOCK_CHART_CHANGE:
      return cr_chart_change_height (block->tally, block->after, style, width);
    case CR_BLOCK_CHART_GAP:
      return cr_chart_gap_height (block->gap, style, width);
    default:
      g_assert_not_reached ();
    }
}

void
cr_block_chart_draw (const CrBlock      *block,
                     cairo_t            *cr,
                     const CrChartStyle *style,
                     double              width,
                     double              height)
{
  switch (block->chart)
    {
    case CR_BLOCK_CHART_TALLY:
      cr_chart_draw_tally (cr, block->tally, style, width, height);
      break;
    case CR_BLOCK_CHART_CHANGE:
      cr_chart_draw_change (cr, block->tally, block->after, style, width, height);
      break;
    case CR_BLOCK_CHART_GAP:
      cr_chart_draw_gap (cr, block->gap, style, width, height);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The report's charts: light, on the page's white, a little smaller than body text. */
void
cr_document_chart_style (CrChartStyle *style)
{
  cr_chart_style_init (style, CR_CHART_THEME_LIGHT, 0.9);
  style->background.alpha = 0;
}
