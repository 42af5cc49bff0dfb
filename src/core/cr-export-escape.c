/* cr-export-escape.c: typed text made safe for the format it lands in
 *
 * Whatever someone typed (a title, a note, a choice label a consultant wrote
 * into a template) passes through here before it reaches a Markdown, HTML,
 * CSV or PDF export: controls removed, bidi overrides closed, and the
 * format's own syntax made literal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export-escape.h"

#include <string.h>

static gboolean
is_bidi_embedding (gunichar c)
{
  /* LRE, RLE, LRO, RLO: closed by PDF (U+202C) */
  return c >= 0x202A && c <= 0x202E && c != 0x202C;
}

static gboolean
is_bidi_isolate (gunichar c)
{
  /* LRI, RLI, FSI: closed by PDI (U+2069) */
  return c >= 0x2066 && c <= 0x2068;
}

/* A valid UTF-8 copy with the controls a document cannot show removed
 * (tab and line breaks stay), and every bidi embedding, override or isolate
 * the text opens closed at its end, so a typed U+202E can reverse only the
 * text it was typed in, never the table cell or the line after it. */
char *
cr_export_clean_typed_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint open_embeddings = 0;
  guint open_isolates = 0;
  const char *q;

  /* Printable ASCII has nothing to remove or close: most text, and every
   * cell of a 20,000-vote CSV, takes this way. */
  for (q = text != NULL ? text : ""; *q != '\0'; q++)
    if (((guchar) *q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r') || (guchar) *q >= 0x7F)
      break;
  if (*q == '\0')
    return g_strdup (text != NULL ? text : "");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 8);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Line breaks do not reset the counts: in Markdown and HTML they
       * become <br>, which does not end a bidi paragraph; a closer with
       * nothing left to close is ignored by the bidi algorithm. */
      if (c == '\t' || c == '\n' || c == '\r')
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
        continue;

      if (is_bidi_embedding (c))
        open_embeddings++;
      else if (c == 0x202C && open_embeddings > 0)
        open_embeddings--;
      else if (is_bidi_isolate (c))
        open_isolates++;
      else if (c == 0x2069 && open_isolates > 0)
        open_isolates--;

      g_string_append_unichar (out, c);
    }

  while (open_embeddings-- > 0)
    g_string_append_unichar (out, 0x202C);
  while (open_isolates-- > 0)
    g_string_append_unichar (out, 0x2069);

  return g_string_free (out, FALSE);
}

char *
cr_export_escape_markdown (const char *text)
{
  g_autofree char *clean = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  clean = cr_export_clean_typed_text (text);
  out = g_string_sized_new (strlen (clean) + 16);

  /* Block syntax (headings, list items, setext underlines) can only start
   * where the typed text starts; a leading "1." or "1)" would number a list. */
  if (strchr ("#-+=", clean[0]) != NULL && clean[0] != '\0')
    g_string_append_c (out, '\\');
  else if (g_ascii_isdigit (clean[0]))
    {
      const char *q = clean;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, clean, q - clean);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          memmove (clean, q + 1, strlen (q + 1) + 1);
        }
    }

  for (const char *p = clean; *p != '\0'; p++)
    {
      switch (*p)
        {
        /* Inline syntax anywhere in the text (CommonMark, GitHub's tables,
         * strikethrough and entities): a backslash makes it literal, and an
         * escaped < can never open HTML. Links need an unescaped [, so
         * parentheses and ! stay as typed and the text stays readable. */
        case '\\': case '`': case '*': case '_': case '[': case ']':
        case '|': case '<': case '>': case '&': case '~':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;

        /* A line break would end a table row or a list item: this is the
         * one piece of HTML we write ourselves. */
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (out, "<br>");
          break;

        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

char *
cr_export_escape_html (const char *text)
{
  g_autofree char *clean = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  clean = cr_export_clean_typed_text (text);
  out = g_string_sized_new (strlen (clean) + 16);

  for (const char *p = clean; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '\r':
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          break;
        default: g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

char *
cr_export_csv_field (const char *text)
{
  g_autofree char *clean = NULL;
  gboolean quote;
  GString *out;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  clean = cr_export_clean_typed_text (text);
  out = g_string_sized_new (strlen (clean) + 4);

  quote = strpbrk (clean, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');

  /* A spreadsheet runs a cell that starts with one of these as a formula
   * (=cmd|' /C calc'!A0); a leading apostrophe makes it plain text. */
  if (clean[0] != '\0' && strchr ("=+-@\t\r", clean[0]) != NULL)
    g_string_append_c (out, '\'');

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}
