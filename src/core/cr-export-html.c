/* cr-export-html.c: a document (cr-document.h) as one HTML page, its charts inline as SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export-private.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cr-export-escape.h"

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;color:#241f31;background:#fff;"
  "margin:0;line-height:1.45}\n"
  "main{max-width:56rem;margin:0 auto;padding:2rem 1.5rem}\n"
  "h1{font-size:2rem;margin:0 0 .5rem}\n"
  "h2{font-size:1.4rem;color:#1a5fb4;border-bottom:1px solid #deddda;padding-bottom:.2rem;margin-top:2rem}\n"
  "h3{font-size:1.1rem;margin-top:1.5rem}\n"
  "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}\n"
  "th,td{border:1px solid #c0bfbc;padding:.3rem .6rem;text-align:start;vertical-align:top}\n"
  "thead th{background:#f6f5f4}\n"
  ".num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
  ".muted{color:#5e5c64;font-style:italic}\n"
  "[dir=auto]{white-space:pre-wrap;overflow-wrap:anywhere}\n"
  "figure.chart{margin:.75rem 0}\n"
  "figure.chart svg{display:block;max-width:100%;height:auto}\n"
  "@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}\n";

static gboolean
rich_is_all_typed (GPtrArray *rich)
{
  for (guint i = 0; i < rich->len; i++)
    {
      const CrSpan *span = g_ptr_array_index (rich, i);

      if (!(span->flags & CR_SPAN_TYPED))
        return FALSE;
    }
  return rich->len > 0;
}

/* When the element holds only typed text, dir="auto" goes on the element
 * itself; mixed content isolates each typed piece in its own span. */
static void
html_rich (GString   *out,
           GPtrArray *rich,
           gboolean   element_is_auto)
{
  for (guint i = 0; i < rich->len; i++)
    {
      const CrSpan *span = g_ptr_array_index (rich, i);
      g_autofree char *text = NULL;
      gboolean isolate;

      if (span->flags & CR_SPAN_BREAK)
        {
          g_string_append (out, "<br>");
          continue;
        }

      text = cr_export_escape_html (span->text);
      isolate = (span->flags & CR_SPAN_TYPED) && !element_is_auto;
      if (span->flags & CR_SPAN_BOLD)
        g_string_append (out, "<strong>");
      if (isolate)
        g_string_append (out, "<span dir=\"auto\">");
      g_string_append (out, text);
      if (isolate)
        g_string_append (out, "</span>");
      if (span->flags & CR_SPAN_BOLD)
        g_string_append (out, "</strong>");
    }
}

static void
html_element (GString    *out,
              const char *tag,
              const char *klass,
              GPtrArray  *rich)
{
  gboolean is_auto = rich_is_all_typed (rich);

  g_string_append_printf (out, "<%s", tag);
  if (klass != NULL)
    g_string_append_printf (out, " class=\"%s\"", klass);
  if (is_auto)
    g_string_append (out, " dir=\"auto\"");
  g_string_append_c (out, '>');
  html_rich (out, rich, is_auto);
  g_string_append_printf (out, "</%s>", tag);
}

/* ---- Charts, as inline SVG ---------------------------------------------- */

#define SVG_WIDTH 600.0

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Cairo names glyphs and clips "glyph0-1", "clip1"... in every SVG it
 * writes: inlined side by side, the second chart would use the first one's
 * glyphs. Each chart's ids get a prefix of their own. */
static void
append_prefixed_ids (GString    *out,
                     const char *svg,
                     guint       chart)
{
  static const char * const refs[] = { "id=\"", "href=\"#", "url(#" };
  const char *p = svg;

  while (*p != '\0')
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
        if (*p == refs[i][0] && g_str_has_prefix (p, refs[i]))
          {
            g_string_append (out, refs[i]);
            g_string_append_printf (out, "cr%u-", chart);
            p += strlen (refs[i]);
            matched = TRUE;
            break;
          }
      if (!matched)
        g_string_append_c (out, *p++);
    }
}

/* The chart drawn by cr-chart onto cairo's SVG surface, inlined: no file,
 * no script, nothing to load, so the page's Content-Security-Policy holds. */
static void
html_chart (GString       *out,
            const CrBlock *block,
            guint          chart)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *label = cr_export_escape_html (block->description);
  CrChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *start;
  double height;

  cr_document_chart_style (&style);
  height = ceil (cr_block_chart_height (block, &style, SVG_WIDTH));
  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, SVG_WIDTH, height);
  cr = cairo_create (surface);
  cr_block_chart_draw (block, cr, &style, SVG_WIDTH, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_string_truncate (svg, 0);
  cairo_surface_destroy (surface);

  /* Inline SVG starts at <svg: the XML declaration belongs to files. */
  start = strstr (svg->str, "<svg");
  g_string_append_printf (out, "<figure class=\"chart\" role=\"img\" aria-label=\"%s\">\n", label);
  if (start != NULL)
    append_prefixed_ids (out, start, chart);
  g_string_append (out, "</figure>\n");
}

GBytes *
_cr_export_render_html (CrDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = cr_export_escape_html (doc->title != NULL && *doc->title != '\0'
                                                  ? doc->title : _("Workshop summary"));
  g_autofree char *organisation = cr_export_escape_html (doc->organisation != NULL ? doc->organisation : "");

  g_string_append (out, "<!DOCTYPE html>\n");
  /* Translators: the language code of this translation, used for the lang
   * attribute of HTML exports; "en" when untranslated */
  g_string_append_printf (out, "<html lang=\"%s\">\n<head>\n", C_("html lang", "en"));
  g_string_append (out, "<meta charset=\"utf-8\">\n");
  /* Nothing in the summary needs to load or run anything; say so to the
   * browser too, should a future bug ever let markup through. */
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" "
                        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append (out, "<meta name=\"generator\" content=\"Crossroads " PACKAGE_VERSION "\">\n");
  if (*organisation != '\0')
    g_string_append_printf (out, "<title>%s — %s</title>\n", organisation, title);
  else
    g_string_append_printf (out, "<title>%s</title>\n", title);
  g_string_append_printf (out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_style);

  for (guint i = 0, n_charts = 0; i < doc->blocks->len; i++)
    {
      const CrBlock *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case CR_BLOCK_HEADING:
          {
            char tag[3] = { 'h', (char) ('0' + CLAMP (block->level, 1, 6)), '\0' };

            html_element (out, tag, NULL, block->text);
            g_string_append_c (out, '\n');
          }
          break;

        case CR_BLOCK_PARAGRAPH:
          html_element (out, "p", block->muted ? "muted" : NULL, block->text);
          g_string_append_c (out, '\n');
          break;

        case CR_BLOCK_BULLETS:
          g_string_append (out, "<ul>\n");
          for (guint j = 0; j < block->items->len; j++)
            {
              html_element (out, "li", NULL, g_ptr_array_index (block->items, j));
              g_string_append_c (out, '\n');
            }
          g_string_append (out, "</ul>\n");
          break;

        case CR_BLOCK_TABLE:
          g_string_append (out, "<table>\n<thead>\n<tr>");
          for (guint c = 0; c < block->header->len; c++)
            {
              GPtrArray *cell = g_ptr_array_index (block->header, c);
              gboolean is_auto = rich_is_all_typed (cell);

              g_string_append_printf (out, "<th scope=\"col\"%s%s>",
                                      cr_table_is_right_aligned (block, c) ? " class=\"num\"" : "",
                                      is_auto ? " dir=\"auto\"" : "");
              html_rich (out, cell, is_auto);
              g_string_append (out, "</th>");
            }
          g_string_append (out, "</tr>\n</thead>\n<tbody>\n");
          for (guint j = 0; j < block->items->len; j++)
            {
              GPtrArray *row = g_ptr_array_index (block->items, j);

              g_string_append (out, "<tr>");
              for (guint c = 0; c < row->len; c++)
                {
                  GPtrArray *cell = g_ptr_array_index (row, c);
                  gboolean is_auto = rich_is_all_typed (cell);
                  const char *tag = c == 0 ? "th" : "td";

                  g_string_append_printf (out, "<%s%s%s%s>", tag,
                                          c == 0 ? " scope=\"row\"" : "",
                                          cr_table_is_right_aligned (block, c) ? " class=\"num\"" : "",
                                          is_auto ? " dir=\"auto\"" : "");
                  html_rich (out, cell, is_auto);
                  g_string_append_printf (out, "</%s>", tag);
                }
              g_string_append (out, "</tr>\n");
            }
          g_string_append (out, "</tbody>\n</table>\n");
          break;

        case CR_BLOCK_CHART:
          html_chart (out, block, n_charts++);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_string_append (out, "</main>\n</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}
