/* cr-export-markdown.c: a document (cr-document.h) as Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export-private.h"

#include "cr-export-escape.h"

static void
md_rich (GString   *out,
         GPtrArray *rich)
{
  gboolean bold = FALSE;

  for (guint i = 0; i < rich->len; i++)
    {
      const CrSpan *span = g_ptr_array_index (rich, i);
      g_autofree char *text = NULL;

      /* Neighbouring bold spans share one pair of asterisks. */
      if (bold != ((span->flags & CR_SPAN_BOLD) != 0))
        {
          g_string_append (out, "**");
          bold = !bold;
        }

      if (span->flags & CR_SPAN_BREAK)
        {
          g_string_append (out, "<br>");
          continue;
        }

      text = (span->flags & CR_SPAN_TYPED) ? cr_export_escape_markdown (span->text)
                                        : g_strdup (span->text);
      g_string_append (out, text);
    }

  if (bold)
    g_string_append (out, "**");
}

static void
md_table_row (GString   *out,
              GPtrArray *cells)
{
  g_string_append (out, "|");
  for (guint i = 0; i < cells->len; i++)
    {
      g_string_append_c (out, ' ');
      md_rich (out, g_ptr_array_index (cells, i));
      g_string_append (out, " |");
    }
  g_string_append_c (out, '\n');
}

GBytes *
_cr_export_render_markdown (CrDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const CrBlock *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case CR_BLOCK_HEADING:
          for (guint l = 0; l < block->level; l++)
            g_string_append_c (out, '#');
          g_string_append_c (out, ' ');
          md_rich (out, block->text);
          g_string_append (out, "\n\n");
          break;

        case CR_BLOCK_PARAGRAPH:
          if (block->muted)
            g_string_append_c (out, '_');
          md_rich (out, block->text);
          if (block->muted)
            g_string_append_c (out, '_');
          g_string_append (out, "\n\n");
          break;

        case CR_BLOCK_BULLETS:
          for (guint j = 0; j < block->items->len; j++)
            {
              g_string_append (out, "- ");
              md_rich (out, g_ptr_array_index (block->items, j));
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
          break;

        case CR_BLOCK_TABLE:
          md_table_row (out, block->header);
          g_string_append (out, "|");
          for (guint c = 0; c < block->header->len; c++)
            g_string_append (out, cr_table_is_right_aligned (block, c) ? " ---: |" : " --- |");
          g_string_append_c (out, '\n');
          for (guint j = 0; j < block->items->len; j++)
            md_table_row (out, g_ptr_array_index (block->items, j));
          g_string_append_c (out, '\n');
          break;

        case CR_BLOCK_CHART:
          /* The table beside each chart carries the same numbers. */
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* One trailing newline, not two. */
  if (out->len > 1 && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free_to_bytes (out);
}
