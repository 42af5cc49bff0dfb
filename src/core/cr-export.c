/* cr-export.c: the summary of a workshop in Markdown, CSV, HTML, JSON or PDF
 *
 * Markdown, HTML and PDF render one document model built from the workshop
 * (headings, paragraphs, lists, tables made of spans), so the three show the
 * same sections and the same numbers. Every span knows whether someone typed
 * it; typed text is escaped for the format it lands in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-export"

#include "config.h"

#include "cr-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-chart.h"
#include "cr-compare.h"
#include "cr-gap.h"
#include "cr-output.h"
#include "cr-recommend.h"
#include "cr-tally.h"

G_DEFINE_QUARK (cr-export-error-quark, cr_export_error)

static const struct
{
  const char *name;
  const char *extension;
  gboolean    is_text;
} formats[] = {
  [CR_EXPORT_MARKDOWN] = { "md", "md", TRUE },
  [CR_EXPORT_CSV] = { "csv", "csv", TRUE },
  [CR_EXPORT_HTML] = { "html", "html", TRUE },
  [CR_EXPORT_JSON] = { "json", "json", TRUE },
  [CR_EXPORT_PDF] = { "pdf", "pdf", FALSE },
};

gboolean
cr_export_format_from_string (const char     *name,
                              CrExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        if (format != NULL)
          *format = (CrExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cr_export_format_to_string (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  return formats[format].name;
}

const char *
cr_export_format_extension (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  return formats[format].extension;
}

gboolean
cr_export_format_is_text (CrExportFormat format)
{
  g_return_val_if_fail (format <= CR_EXPORT_PDF, FALSE);

  return formats[format].is_text;
}

/* ------------------------------------------------------------------------
 * Escaping typed text
 * ------------------------------------------------------------------------ */

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
static char *
clean_typed_text (const char *text)
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

  clean = clean_typed_text (text);
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

  clean = clean_typed_text (text);
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

  clean = clean_typed_text (text);
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

/* ------------------------------------------------------------------------
 * File names
 * ------------------------------------------------------------------------ */

static void
append_safe_name (GString    *out,
                  const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  gboolean pending_space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Bidi controls could make "gpj.exe" read as "exe.jpg"; other
       * invisible format characters (zero-width spaces, a byte order mark)
       * would make two names that look the same differ. */
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200E || c == 0x200F || c == 0x061C ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;

      /* Separators and characters other systems refuse become spaces, so
       * "A/B testing" stays two words. */
      if (strchr ("/\\:*?\"<>|", (int) c) != NULL || g_unichar_iscntrl (c) ||
          g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
}

/* Room for the extension, well under the 255 bytes most file systems allow. */
#define FILENAME_MAX_CHARS 100
#define FILENAME_MAX_BYTES 200

char *
cr_export_suggest_filename (CrWorkshop     *workshop,
                            CrExportFormat  format)
{
  g_autoptr(GString) org = g_string_new (NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  const char *start;
  const char *end;
  glong n_chars = 0;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (format <= CR_EXPORT_PDF, NULL);

  append_safe_name (org, cr_workshop_get_organisation (workshop));
  append_safe_name (title, cr_workshop_get_title (workshop));

  g_string_append (name, org->str);
  if (org->len > 0 && title->len > 0)
    g_string_append (name, " - ");
  g_string_append (name, title->str);

  /* A leading dot hides the file, a leading dash reads as an option. */
  start = name->str;
  while (*start == '.' || *start == '-' || *start == ' ')
    start++;

  /* Cut on a character boundary. */
  end = start;
  while (*end != '\0' && n_chars < FILENAME_MAX_CHARS)
    {
      const char *next = g_utf8_next_char (end);

      if (next - start > FILENAME_MAX_BYTES)
        break;
      end = next;
      n_chars++;
    }

  /* Windows drops trailing dots and spaces; do it here so names agree. */
  while (end > start && (end[-1] == '.' || end[-1] == ' '))
    end--;

  if (end == start)
    return g_strdup_printf ("workshop.%s", formats[format].extension);

  /* Windows keeps these names for devices, whatever the extension: a
   * report called "CON.pdf" could not be saved or copied there. */
  {
    static const char * const reserved[] = { "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
                                             "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
                                             "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
                                             "LPT7", "LPT8", "LPT9" };

    for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
      if ((gsize) (end - start) == strlen (reserved[i]) &&
          g_ascii_strncasecmp (start, reserved[i], end - start) == 0)
        return g_strdup_printf ("workshop %.*s.%s", (int) (end - start), start,
                                formats[format].extension);
  }

  return g_strdup_printf ("%.*s.%s", (int) (end - start), start,
                          formats[format].extension);
}

/* ------------------------------------------------------------------------
 * The document model shared by Markdown, HTML and PDF
 * ------------------------------------------------------------------------ */

typedef enum
{
  SPAN_TYPED = 1 << 0,  /* typed by someone (or carried by a template): escaped */
  SPAN_BOLD  = 1 << 1,
  SPAN_BREAK = 1 << 2,  /* a line break inside a paragraph or cell */
} SpanFlags;

typedef struct
{
  char      *text;
  SpanFlags  flags;
} Span;

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_BULLETS,
  BLOCK_TABLE,
  BLOCK_CHART,   /* PDF and HTML draw it with cr-chart; Markdown has the table */
} BlockKind;

typedef enum
{
  CHART_TALLY,
  CHART_CHANGE,
  CHART_GAP,
} ChartKind;

typedef struct
{
  BlockKind  kind;
  guint      level;          /* heading: 1 to 3 */
  gboolean   muted;          /* paragraph: an aside, such as an open round */
  gboolean   key;            /* paragraph: a conclusion the PDF sets apart */
  GPtrArray *text;           /* heading, paragraph: Span* */
  GPtrArray *items;          /* bullets: GPtrArray<Span*>; table: rows of cells */
  GPtrArray *header;         /* table: cells (GPtrArray<Span*>) */
  guint32    right_aligned;  /* table: one bit per column */
  /* Part of the cover, which the PDF draws on a page of its own. */
  gboolean   cover;
  /* chart: revealed tallies only, so a chart cannot show a hidden round */
  ChartKind  chart;
  CrTally   *tally;          /* the round, or the earlier round of a change */
  CrTally   *after;
  CrGap     *gap;
  char      *description;    /* the chart in words */
} Block;

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
  GPtrArray *blocks;         /* Block* */
} Doc;

static void
span_free (Span *span)
{
  g_free (span->text);
  g_free (span);
}

static GPtrArray *
rich_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
}

static void
rich_add (GPtrArray  *rich,
          SpanFlags   flags,
          const char *text)
{
  Span *span = g_new0 (Span, 1);

  span->text = g_strdup (text != NULL ? text : "");
  span->flags = flags;
  g_ptr_array_add (rich, span);
}

static void
rich_add_take (GPtrArray *rich,
               SpanFlags  flags,
               char      *text)
{
  rich_add (rich, flags, text);
  g_free (text);
}

static GPtrArray *
rich_plain (const char *text)
{
  GPtrArray *rich = rich_new ();

  rich_add (rich, 0, text);
  return rich;
}

static GPtrArray *
rich_plain_take (char *text)
{
  GPtrArray *rich = rich_plain (text);

  g_free (text);
  return rich;
}

static GPtrArray *
rich_typed (const char *text)
{
  GPtrArray *rich = rich_new ();

  rich_add (rich, SPAN_TYPED, text);
  return rich;
}

/* "Label: value", the label ours and bold, the value typed. */
static GPtrArray *
rich_field (const char *label,
            const char *value,
            gboolean    value_typed)
{
  GPtrArray *rich = rich_new ();

  rich_add (rich, SPAN_BOLD, label);
  rich_add (rich, 0, " ");
  rich_add (rich, value_typed ? SPAN_TYPED : 0, value);
  return rich;
}

static void
block_free (Block *block)
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

static void
doc_free (Doc *doc)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

static Block *
doc_add (Doc       *doc,
         BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

static void
doc_heading (Doc       *doc,
             guint      level,
             GPtrArray *text)
{
  Block *block = doc_add (doc, BLOCK_HEADING);

  block->level = level;
  block->text = text;
}

static void
doc_paragraph (Doc       *doc,
               GPtrArray *text)
{
  doc_add (doc, BLOCK_PARAGRAPH)->text = text;
}

static void
doc_aside (Doc       *doc,
           GPtrArray *text)
{
  Block *block = doc_add (doc, BLOCK_PARAGRAPH);

  block->text = text;
  block->muted = TRUE;
}

static Block *
doc_bullets (Doc *doc)
{
  Block *block = doc_add (doc, BLOCK_BULLETS);

  block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return block;
}

static void
bullets_add (Block     *block,
             GPtrArray *text)
{
  g_ptr_array_add (block->items, text);
}

/* Takes @tally and @after; NULL, unrevealed or not, they add nothing. */
static void
doc_chart (Doc       *doc,
           ChartKind  kind,
           CrTally   *tally,
           CrTally   *after,
           CrGap     *gap)
{
  g_autoptr(CrTally) owned_tally = tally;
  g_autoptr(CrTally) owned_after = after;
  g_autoptr(CrGap) owned_gap = gap;
  g_autofree char *description = NULL;
  Block *block;

  switch (kind)
    {
    case CHART_TALLY:
      description = cr_chart_describe_tally (tally);
      break;
    case CHART_CHANGE:
      description = cr_chart_describe_change (tally, after);
      break;
    case CHART_GAP:
      description = cr_chart_describe_gap (gap);
      break;
    default:
      g_assert_not_reached ();
    }
  /* The chart functions describe only what they may draw. */
  if (description == NULL)
    return;

  block = doc_add (doc, BLOCK_CHART);
  block->chart = kind;
  block->tally = g_steal_pointer (&owned_tally);
  block->after = g_steal_pointer (&owned_after);
  block->gap = g_steal_pointer (&owned_gap);
  block->description = g_steal_pointer (&description);
}

static Block *
doc_table (Doc *doc)
{
  Block *block = doc_add (doc, BLOCK_TABLE);

  block->header = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  block->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return block;
}

static void
table_column (Block      *table,
              const char *label,
              gboolean    typed,
              gboolean    right_aligned)
{
  /* Past 32 columns, the rest are simply left-aligned. */
  if (right_aligned && table->header->len < 32)
    table->right_aligned |= 1u << table->header->len;
  g_ptr_array_add (table->header, typed ? rich_typed (label) : rich_plain (label));
}

/* A column headed by a text of ours with a typed part in it, right-aligned. */
static void
table_column_take (Block *table,
                   char  *label)
{
  table_column (table, label, TRUE, TRUE);
  g_free (label);
}

static gboolean
is_right_aligned (const Block *table,
                  guint        column)
{
  return column < 32 && (table->right_aligned & (1u << column)) != 0;
}

static GPtrArray *
table_row (Block *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_ptr_array_add (table->items, row);
  return row;
}

/* ------------------------------------------------------------------------
 * Numbers, formatted once for every format
 * ------------------------------------------------------------------------ */

static gboolean
is_integral (double value)
{
  return fabs (value - round (value)) < 1e-9;
}

static char *
format_number (double value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("—");
  if (is_integral (value))
    return g_strdup_printf ("%.0f", value);

  text = g_strdup_printf ("%.2f", value);
  /* 3.50 reads better as 3.5 */
  if (text[strlen (text) - 1] == '0')
    text[strlen (text) - 1] = '\0';
  return g_steal_pointer (&text);
}

static char *
format_signed (double value)
{
  g_autofree char *magnitude = format_number (fabs (value));

  if (isnan (value))
    return g_strdup ("—");
  if (fabs (value) < 0.005)
    return g_strdup ("0");
  return g_strdup_printf ("%s%s", value > 0 ? "+" : "-", magnitude);
}

static char *
format_share (double share)
{
  /* Translators: a share of the votes in percent, e.g. "42.9 %" */
  return g_strdup_printf (_("%.1f %%"), share * 100.0);
}

static char *
format_mean_spread (double mean,
                    double spread,
                    guint  n)
{
  if (n == 0 || isnan (mean))
    return g_strdup ("—");
  /* Translators: a mean score and its spread, e.g. "3.5 ± 0.5" */
  return g_strdup_printf (_("%.1f ± %.1f"), mean, isnan (spread) ? 0.0 : spread);
}

/* ------------------------------------------------------------------------
 * Building the document from a workshop
 * ------------------------------------------------------------------------ */

static const char *
option_title (CrTemplate *template,
              const char *option_id)
{
  const CrOption *option = cr_template_find_option (template, option_id);

  return option != NULL ? option->title : option_id;
}

static char *
participant_name (CrWorkshop *workshop,
                  gint64      participant_id)
{
  CrParticipant *participant;

  if (participant_id == 0)
    return g_strdup (_("Show of hands"));

  participant = cr_workshop_find_participant (workshop, participant_id);
  if (participant == NULL)
    return g_strdup (_("Former participant"));
  return cr_participant_dup_display_name (participant);
}

static const char *
question_prompt (const CrQuestion *question,
                 CrRound          *round)
{
  return question != NULL ? question->prompt : cr_round_get_question (round);
}

static char *
format_context_value (const CrContextField *field,
                      const CrContextValue *value,
                      gboolean             *typed)
{
  *typed = FALSE;

  if (value == NULL)
    return g_strdup (_("Not recorded"));

  if (value->is_number)
    {
      g_autofree char *number = format_number (value->number);

      if (field != NULL && field->kind == CR_CONTEXT_SCALE)
        /* Translators: a value on a scale, e.g. "2 on a scale of 1 to 5" */
        return g_strdup_printf (_("%s on a scale of %d to %d"),
                                number, field->scale_min, field->scale_max);
      return g_steal_pointer (&number);
    }

  if (field != NULL && field->kind == CR_CONTEXT_CHOICE)
    {
      const CrChoice *choice = cr_context_field_find_choice (field, value->text);

      if (choice != NULL)
        {
          /* Choice labels come from the template, which a consultant may
           * have written: escape them like typed text. */
          *typed = TRUE;
          return g_strdup (choice->label);
        }
    }

  *typed = TRUE;
  return g_strdup (value->text != NULL ? value->text : "");
}

static void
build_cover (Doc        *doc,
             CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const char *title = cr_workshop_get_title (workshop);
  const char *facilitator = cr_workshop_get_facilitator (workshop);
  const char *function_name = cr_workshop_get_function_name (workshop);
  Block *fields;

  if (title == NULL || *title == '\0')
    doc_heading (doc, 1, rich_plain (_("Workshop summary")));
  else
    doc_heading (doc, 1, rich_typed (title));
  ((Block *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->cover = TRUE;

  fields = doc_bullets (doc);
  fields->cover = TRUE;
  bullets_add (fields, rich_field (_("Organisation:"), cr_workshop_get_organisation (workshop), TRUE));
  /* Dates are checked to be YYYY-MM-DD when stored: not free text. */
  bullets_add (fields, rich_field (_("Date:"), cr_workshop_get_date (workshop), FALSE));
  if (facilitator != NULL && *facilitator != '\0')
    bullets_add (fields, rich_field (_("Facilitator:"), facilitator, TRUE));
  if (function_name != NULL && *function_name != '\0')
    bullets_add (fields, rich_field (_("Name of the function:"), function_name, TRUE));
  bullets_add (fields, rich_field (_("Template:"), cr_template_get_title (template), TRUE));
}

static void
build_context (Doc        *doc,
               CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  guint n = cr_template_get_n_context (template);
  Block *list;

  doc_heading (doc, 2, rich_plain (_("Context")));
  if (n == 0)
    {
      doc_aside (doc, rich_plain (_("This template records no context.")));
      return;
    }

  list = doc_bullets (doc);
  for (guint i = 0; i < n; i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      const CrContextValue *value = cr_workshop_get_context (workshop, field->id);
      gboolean typed;
      g_autofree char *text = format_context_value (field, value, &typed);
      GPtrArray *item = rich_new ();

      rich_add (item, SPAN_BOLD | SPAN_TYPED, field->label);
      rich_add (item, SPAN_BOLD, ":");
      rich_add (item, 0, " ");
      rich_add (item, typed ? SPAN_TYPED : 0, text);
      bullets_add (list, item);
    }
}

static void
build_participants (Doc        *doc,
                    CrWorkshop *workshop)
{
  GListModel *participants = cr_workshop_get_participants (workshop);
  guint n = g_list_model_get_n_items (participants);
  Block *list;

  doc_heading (doc, 2, rich_plain (_("Participants")));
  if (n == 0)
    {
      doc_aside (doc, rich_plain (_("No participants were recorded.")));
      return;
    }

  list = doc_bullets (doc);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      const char *role = cr_participant_get_role (participant);
      GPtrArray *item = rich_new ();

      rich_add_take (item, SPAN_TYPED, cr_participant_dup_display_name (participant));
      if (role != NULL && *role != '\0')
        {
          rich_add (item, 0, " (");
          rich_add (item, SPAN_TYPED, role);
          rich_add (item, 0, ")");
        }
      bullets_add (list, item);
    }
}

static const char *
note_kind_heading (CrNoteKind kind)
{
  switch (kind)
    {
    case CR_NOTE_STRENGTH: return _("Strengths the room sees");
    case CR_NOTE_RISK: return _("Risks the room sees");
    case CR_NOTE_QUESTION: return _("Questions");
    default: g_assert_not_reached ();
    }
}

static void
build_options (Doc        *doc,
               CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *notes = cr_workshop_get_notes (workshop);
  guint n_notes = g_list_model_get_n_items (notes);
  const CrNoteKind kinds[] = { CR_NOTE_STRENGTH, CR_NOTE_RISK, CR_NOTE_QUESTION };

  doc_heading (doc, 2, rich_plain (_("Options and the room’s notes")));

  for (guint i = 0; i < cr_template_get_n_options (template); i++)
    {
      const CrOption *option = cr_template_get_option (template, i);
      gboolean any = FALSE;

      doc_heading (doc, 3, rich_typed (option->title));
      if (option->summary != NULL && *option->summary != '\0')
        doc_paragraph (doc, rich_typed (option->summary));

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          Block *list = NULL;

          for (guint j = 0; j < n_notes; j++)
            {
              g_autoptr(CrNote) note = g_list_model_get_item (notes, j);
              GPtrArray *item;

              if (cr_note_get_kind (note) != kinds[k] ||
                  g_strcmp0 (cr_note_get_option (note), option->id) != 0)
                continue;

              if (list == NULL)
                {
                  GPtrArray *label = rich_new ();

                  rich_add (label, SPAN_BOLD, note_kind_heading (kinds[k]));
                  doc_paragraph (doc, label);
                  list = doc_bullets (doc);
                }

              item = rich_typed (cr_note_get_text (note));
              if (cr_note_get_participant_id (note) != 0)
                {
                  rich_add (item, 0, " — ");
                  rich_add_take (item, SPAN_TYPED,
                                 participant_name (workshop, cr_note_get_participant_id (note)));
                }
              bullets_add (list, item);
              any = TRUE;
            }
        }

      if (!any)
        doc_aside (doc, rich_plain (_("No notes from the room.")));
    }
}

static char *
describe_round (const CrTally *tally)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (tally->question->method)
    {
    case CR_METHOD_SINGLE:
      g_string_append (text, _("One choice each."));
      break;
    case CR_METHOD_DOTS:
      g_string_append_printf (text,
                              /* Translators: how a dots question is voted */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%d dot each to spread over the options.",
                                           "%d dots each to spread over the options.",
                                           tally->question->budget),
                              tally->question->budget);
      break;
    case CR_METHOD_SCORE:
      g_string_append_printf (text,
                              /* Translators: how a score question is voted */
                              _("Scores from %d to %d; the overall is the weighted mean of the criteria."),
                              tally->question->scale_min, tally->question->scale_max);
      break;
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u participant voted.",
                                       "%u participants voted.",
                                       tally->n_participants),
                          tally->n_participants);
  /* Only complete ballots count as voted; a partial one is said apart. */
  if (tally->n_partial > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u ballot was incomplete; its votes are counted.",
                                           "%u ballots were incomplete; their votes are counted.",
                                           tally->n_partial),
                              tally->n_partial);
    }
  if (tally->n_hands > 0)
    {
      g_autofree char *hands = format_number (tally->n_hands);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number of hands counted by the facilitator */
      g_string_append_printf (text, _("Show of hands counted: %s."), hands);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_tally_table (Doc           *doc,
                   const CrTally *tally)
{
  Block *table = doc_table (doc);

  table_column (table, _("Option"), FALSE, FALSE);

  switch (tally->question->method)
    {
    case CR_METHOD_SINGLE:
    case CR_METHOD_DOTS:
      table_column (table,
                    tally->question->method == CR_METHOD_SINGLE ? _("Votes") : _("Dots"),
                    FALSE, TRUE);
      table_column (table, _("Share"), FALSE, TRUE);
      for (guint i = 0; i < tally->n_options; i++)
        {
          const CrOptionTally *ot = &tally->options[i];
          GPtrArray *row = table_row (table);

          g_ptr_array_add (row, rich_typed (ot->option->title));
          g_ptr_array_add (row, rich_plain_take (format_number (ot->count)));
          g_ptr_array_add (row, rich_plain_take (format_share (ot->share)));
        }
      break;

    case CR_METHOD_SCORE:
      {
        const CrQuestion *q = tally->question;
        guint n_criteria = q->criteria != NULL ? q->criteria->len : 0;

        for (guint c = 0; c < n_criteria; c++)
          {
            const CrCriterion *criterion = g_ptr_array_index (q->criteria, c);
            g_autofree char *weight = format_number (criterion->weight);
            GPtrArray *cell = rich_typed (criterion->label);

            /* Translators: the weight of a criterion, e.g. " (×2)" */
            rich_add_take (cell, 0, g_strdup_printf (_(" (×%s)"), weight));
            if (table->header->len < 32)
              table->right_aligned |= 1u << table->header->len;
            g_ptr_array_add (table->header, cell);
          }
        table_column (table, n_criteria > 0 ? _("Overall (weighted)") : _("Score"),
                      FALSE, TRUE);

        for (guint i = 0; i < tally->n_options; i++)
          {
            const CrOptionTally *ot = &tally->options[i];
            GPtrArray *row = table_row (table);
            guint n_scored = 0;

            g_ptr_array_add (row, rich_typed (ot->option->title));
            for (guint c = 0; c < n_criteria && c < ot->n_criteria; c++)
              g_ptr_array_add (row, rich_plain_take (format_mean_spread (ot->criteria[c].mean,
                                                                         ot->criteria[c].spread,
                                                                         ot->criteria[c].n)));
            for (guint c = 0; c < ot->n_criteria; c++)
              n_scored += ot->criteria[c].n;
            g_ptr_array_add (row, rich_plain_take (format_mean_spread (ot->overall,
                                                                       ot->overall_spread,
                                                                       n_scored)));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  CrRound          *round;
  const CrQuestion *question;
  CrTally          *tally;    /* NULL while the round is hidden */
} RoundInfo;

static void
round_info_clear (RoundInfo *info)
{
  g_clear_object (&info->round);
  g_clear_pointer (&info->tally, cr_tally_free);
}

/* Tallies are computed for revealed rounds only, so a hidden round's numbers
 * cannot reach any format by accident. */
static GArray *
collect_rounds (CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  GArray *infos = g_array_new (FALSE, TRUE, sizeof (RoundInfo));

  g_array_set_clear_func (infos, (GDestroyNotify) round_info_clear);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      RoundInfo info = { 0 };

      info.round = g_list_model_get_item (rounds, i);
      info.question = cr_template_find_question (template, cr_round_get_question (info.round));
      if (cr_round_get_revealed (info.round) && info.question != NULL)
        info.tally = cr_tally_compute (template, info.round);
      g_array_append_val (infos, info);
    }
  return infos;
}

static char *
open_round_message (guint number)
{
  /* Translators: %u is a round number */
  return g_strdup_printf (_("Round %u is still open; results are hidden until the facilitator reveals them."),
                          number);
}

static GPtrArray *
round_heading (guint       number,
               const char *prompt)
{
  GPtrArray *text = rich_new ();

  /* Translators: the start of a round's heading, followed by its question */
  rich_add_take (text, 0, g_strdup_printf (_("Round %u: "), number));
  rich_add (text, SPAN_TYPED, prompt);
  return text;
}

static void
build_rounds (Doc    *doc,
              GArray *infos)
{
  doc_heading (doc, 2, rich_plain (_("Votes")));
  if (infos->len == 0)
    {
      doc_aside (doc, rich_plain (_("No voting rounds were run.")));
      return;
    }

  for (guint i = 0; i < infos->len; i++)
    {
      RoundInfo *info = &g_array_index (infos, RoundInfo, i);
      guint number = cr_round_get_number (info->round);

      doc_heading (doc, 3, round_heading (number, question_prompt (info->question, info->round)));
      if (info->tally == NULL)
        {
          doc_aside (doc, rich_plain_take (open_round_message (number)));
          continue;
        }
      doc_paragraph (doc, rich_plain_take (describe_round (info->tally)));
      doc_chart (doc, CHART_TALLY, cr_tally_compute (info->tally->template, info->round), NULL, NULL);
      build_tally_table (doc, info->tally);
    }
}

static void
build_changes (Doc    *doc,
               GArray *infos)
{
  gboolean any = FALSE;

  /* Each revealed round against the previous revealed round of its question;
   * without any, the section is left out. */
  for (guint i = 0; i < infos->len; i++)
    {
      RoundInfo *after = &g_array_index (infos, RoundInfo, i);
      RoundInfo *before = NULL;
      g_autoptr(GArray) changes = NULL;
      GPtrArray *heading;
      Block *table;
      gboolean score;

      if (after->tally == NULL)
        continue;
      for (guint j = 0; j < infos->len; j++)
        {
          RoundInfo *other = &g_array_index (infos, RoundInfo, j);

          if (other->tally != NULL && other->question == after->question &&
              other->tally->round_number < after->tally->round_number &&
              (before == NULL || other->tally->round_number > before->tally->round_number))
            before = other;
        }
      if (before == NULL)
        continue;

      if (!any)
        doc_heading (doc, 2, rich_plain (_("Change between rounds")));
      any = TRUE;
      score = after->question->method == CR_METHOD_SCORE;
      changes = cr_tally_compare (before->tally, after->tally);

      heading = rich_new ();
      /* Translators: the start of a heading, followed by a question */
      rich_add_take (heading, 0, g_strdup_printf (_("From round %u to round %u: "),
                                                  before->tally->round_number,
                                                  after->tally->round_number));
      rich_add (heading, SPAN_TYPED, after->question->prompt);
      doc_heading (doc, 3, heading);
      doc_chart (doc, CHART_CHANGE,
                 cr_tally_compute (before->tally->template, before->round),
                 cr_tally_compute (after->tally->template, after->round), NULL);

      table = doc_table (doc);
      table_column (table, _("Option"), FALSE, FALSE);
      if (score)
        table_column (table, _("Change of the overall score"), FALSE, TRUE);
      else
        {
          table_column (table, _("Change of share (points)"), FALSE, TRUE);
          table_column (table,
                        after->question->method == CR_METHOD_SINGLE ? _("Change of votes")
                                                                    : _("Change of dots"),
                        FALSE, TRUE);
        }

      for (guint c = 0; c < changes->len; c++)
        {
          const CrTallyChange *change = &g_array_index (changes, CrTallyChange, c);
          GPtrArray *row = table_row (table);

          g_ptr_array_add (row, rich_typed (change->option->title));
          if (score)
            {
              g_autofree char *delta = isnan (change->overall_delta)
                ? g_strdup ("—")
                : g_strdup_printf ("%+.1f", change->overall_delta);

              g_ptr_array_add (row, rich_plain (delta));
            }
          else
            {
              g_ptr_array_add (row, rich_plain_take (g_strdup_printf ("%+.1f", change->share_delta * 100.0)));
              g_ptr_array_add (row, rich_plain_take (format_signed (change->count_delta)));
            }
        }
    }
}

static char *
format_gap_side (const CrGap *gap,
                 double       value,
                 double       spread)
{
  if (isnan (value))
    return g_strdup ("—");
  if (gap->scores)
    return format_mean_spread (value, spread, 1);
  return format_share (value);
}

/* Where the room says it is against where it wants to be: revealed rounds
 * only, as cr_gap_compute_workshop() takes them. */
static void
build_gap (Doc        *doc,
           CrWorkshop *workshop)
{
  g_autoptr(CrGap) gap = cr_gap_compute_workshop (workshop);
  Block *table;

  /* Nothing revealed of either question: the section is left out. */
  if (gap->current_question == NULL || (gap->current_round == 0 && gap->target_round == 0))
    return;

  doc_heading (doc, 2, rich_plain (_("Today and the target")));

  {
    GPtrArray *text = rich_new ();

    /* Translators: followed by a question, e.g. Today: “Which model…?” */
    rich_add (text, SPAN_BOLD, _("Today:"));
    rich_add (text, 0, " ");
    rich_add (text, SPAN_TYPED, gap->current_question->prompt);
    rich_add (text, SPAN_BREAK, "");
    rich_add (text, SPAN_BOLD, _("Target:"));
    rich_add (text, 0, " ");
    rich_add (text, SPAN_TYPED, gap->target_question->prompt);
    doc_paragraph (doc, text);
  }

  table = doc_table (doc);
  table_column (table, _("Option"), FALSE, FALSE);
  table_column (table, _("Today"), FALSE, TRUE);
  table_column (table, _("Target"), FALSE, TRUE);
  table_column (table, gap->scores ? _("Gap") : _("Gap (points)"), FALSE, TRUE);
  for (guint i = 0; i < gap->n_options; i++)
    {
      const CrGapOption *go = &gap->options[i];
      GPtrArray *row = table_row (table);

      g_ptr_array_add (row, rich_typed (go->option->title));
      g_ptr_array_add (row, rich_plain_take (format_gap_side (gap, go->current, go->current_spread)));
      g_ptr_array_add (row, rich_plain_take (format_gap_side (gap, go->target, go->target_spread)));
      g_ptr_array_add (row, rich_plain_take (isnan (go->gap) ? g_strdup ("—")
                                             : gap->scores ? g_strdup_printf ("%+.1f", go->gap)
                                             : g_strdup_printf ("%+.1f", go->gap * 100.0)));
    }
  /* Before the table in the PDF and HTML: move the chart up one block. */
  doc_chart (doc, CHART_GAP, NULL, NULL, g_steal_pointer (&gap));
  if (((Block *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->kind == BLOCK_CHART)
    {
      Block *chart = g_ptr_array_steal_index (doc->blocks, doc->blocks->len - 1);

      g_ptr_array_insert (doc->blocks, (int) doc->blocks->len - 1, chart);
    }
}

/* Each reason with how much it moved the fit or the aim. */
static void
add_reasons (Doc       *doc,
             GPtrArray *reasons)
{
  Block *list;

  if (reasons == NULL || reasons->len == 0)
    return;

  list = doc_bullets (doc);
  for (guint i = 0; i < reasons->len; i++)
    {
      const CrReason *reason = g_ptr_array_index (reasons, i);
      GPtrArray *item = rich_typed (reason->text);

      if (reason->weight != 0 && !isnan (reason->weight))
        {
          g_autofree char *weight = cr_recommend_format_weight (reason->weight);

          rich_add_take (item, 0, g_strdup_printf (" (%s)", weight));
        }
      bullets_add (list, item);
    }
}

/* "Ana, Ben and Laila": who agreed, in participant order. */
static char *
agreed_names (CrWorkshop       *workshop,
              const CrDecision *decision)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = decision->agreed->len;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = participant_name (workshop, g_array_index (decision->agreed, gint64, i));

      if (i > 0)
        /* Translators: between names in a list, and before the last one */
        g_string_append (names, i + 1 < n ? _(", ") : _(" and "));
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GPtrArray *
option_cell (CrTemplate *template,
             const char *option_id)
{
  if (option_id == NULL)
    return rich_plain (_("Not decided"));
  return rich_typed (option_title (template, option_id));
}

/* The room's decision leads the report, the recommendation beside it, so a
 * reader sees at once whether the room followed the advice. Left out when
 * no decision was recorded. */
static void
build_decision (Doc                    *doc,
                CrWorkshop             *workshop,
                const CrRecommendation *rec)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  gboolean ordered = cr_template_is_ordered (template);
  const char *advice_start = ordered ? rec->start_with : rec->points_to;
  Block *table;
  GPtrArray *row;

  if (decision == NULL)
    return;

  doc_heading (doc, 2, rich_plain (_("Decision")));
  table = doc_table (doc);
  table_column (table, "", FALSE, FALSE);
  table_column (table, _("The room decided"), FALSE, FALSE);
  table_column (table, _("The recommendation"), FALSE, FALSE);
  row = table_row (table);
  g_ptr_array_add (row, rich_plain (ordered ? _("Start with") : _("Option chosen")));
  g_ptr_array_add (row, option_cell (template, decision->start_with));
  g_ptr_array_add (row, advice_start != NULL ? rich_typed (option_title (template, advice_start)) : rich_plain ("—"));
  if (ordered)
    {
      row = table_row (table);
      g_ptr_array_add (row, rich_plain (_("Aim for")));
      g_ptr_array_add (row, option_cell (template, decision->aim_for));
      g_ptr_array_add (row, rec->aim_for != NULL ? rich_typed (option_title (template, rec->aim_for)) : rich_plain ("—"));
    }

  if ((decision->start_with != NULL && g_strcmp0 (decision->start_with, advice_start) != 0) ||
      (ordered && decision->aim_for != NULL && g_strcmp0 (decision->aim_for, rec->aim_for) != 0))
    doc_aside (doc, rich_plain (_("The room decided otherwise than the recommendation; its reasons are below.")));

  if (decision->rationale[0] != '\0')
    doc_paragraph (doc, rich_field (_("Why:"), decision->rationale, TRUE));
  if (decision->agreed->len > 0)
    {
      g_autofree char *names = agreed_names (workshop, decision);
      guint n = g_list_model_get_n_items (cr_workshop_get_participants (workshop));
      GPtrArray *text = rich_field (_("Agreed:"), names, TRUE);

      /* Translators: after the names of those who agreed: " (3 of 5 participants)" */
      rich_add_take (text, 0, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " (%u of %u participant)",
                                                            " (%u of %u participants)", n),
                                               decision->agreed->len, n));
      doc_paragraph (doc, text);
    }
}

/* The fit with your context as one table: each rule that matched, once,
 * with what it gave each option, and each option's fit below. */
static void
build_fit_table (Doc                    *doc,
                 const CrRecommendation *rec)
{
  Block *table;
  GPtrArray *row;

  doc_heading (doc, 3, rich_plain (_("Fit with your context")));
  if (rec->rules->len == 0)
    {
      doc_aside (doc, rich_plain (cr_recommend_describe_no_rules (rec)));
      return;
    }

  table = doc_table (doc);
  table_column (table, _("Reason"), FALSE, FALSE);
  for (guint o = 0; o < rec->fits->len; o++)
    table_column (table, ((const CrFit *) g_ptr_array_index (rec->fits, o))->option->title, TRUE, TRUE);

  for (guint r = 0; r < rec->rules->len; r++)
    {
      const CrRule *rule = g_ptr_array_index (rec->rules, r);

      row = table_row (table);
      g_ptr_array_add (row, rich_typed (rule->reason));
      for (guint o = 0; o < rec->fits->len; o++)
        {
          const char *option_id = ((const CrFit *) g_ptr_array_index (rec->fits, o))->option->id;
          char *weight = g_strdup ("");

          for (guint k = 0; k < rule->option_ids->len; k++)
            if (g_str_equal (g_ptr_array_index (rule->option_ids, k), option_id))
              {
                g_free (weight);
                weight = cr_recommend_format_weight (g_array_index (rule->weights, double, k));
              }
          g_ptr_array_add (row, rich_plain_take (weight));
        }
    }

  row = table_row (table);
  {
    GPtrArray *label = rich_new ();

    rich_add (label, SPAN_BOLD, _("Fit"));
    g_ptr_array_add (row, label);
  }
  for (guint o = 0; o < rec->fits->len; o++)
    {
      GPtrArray *cell = rich_new ();

      rich_add_take (cell, SPAN_BOLD, cr_recommend_format_weight (((const CrFit *) g_ptr_array_index (rec->fits, o))->fit));
      g_ptr_array_add (row, cell);
    }
}

/* The same recommendation as the JSON export's, so every format agrees. */
static void
build_recommendation (Doc                    *doc,
                      CrWorkshop             *workshop,
                      const CrRecommendation *rec)
{
  CrTemplate *template = cr_workshop_get_template (workshop);

  doc_heading (doc, 2, rich_plain (_("Recommendation")));
  /* What it rests on, before anything else: nobody mistakes advice from
   * the context alone, or from the votes alone, for more than it is. */
  doc_aside (doc, rich_plain (cr_recommend_describe_basis (rec)));
  doc_aside (doc, rich_plain_take (cr_recommend_describe_weights (template)));

  if (rec->disagreements->len > 0)
    {
      Block *list;

      doc_heading (doc, 3, rich_plain (_("Where your context and the room disagree")));
      list = doc_bullets (doc);
      for (guint i = 0; i < rec->disagreements->len; i++)
        bullets_add (list, rich_typed (((const CrDisagreement *) g_ptr_array_index (rec->disagreements, i))->text));
    }

  if (rec->start_with != NULL)
    {
      doc_paragraph (doc, rich_field (_("Start with:"), option_title (template, rec->start_with), TRUE));
      ((Block *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->start_reasons);
    }
  if (rec->aim_for != NULL)
    {
      doc_paragraph (doc, rich_field (_("Aim for:"), option_title (template, rec->aim_for), TRUE));
      ((Block *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->aim_reasons);
    }
  if (rec->points_to != NULL)
    {
      doc_paragraph (doc, rich_field (_("Points to:"), option_title (template, rec->points_to), TRUE));
      ((Block *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))->key = TRUE;
      add_reasons (doc, rec->points_reasons);
    }

  build_fit_table (doc, rec);
}

/* Whether any action says what became of it; a first workshop's actions
 * are all open, and their tables need no column for it. */
static gboolean
any_status (GListModel *actions)
{
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);

      if (cr_action_get_status (action) != CR_ACTION_OPEN || cr_action_get_outcome (action)[0] != '\0')
        return TRUE;
    }
  return FALSE;
}

/* Actions as a table: what, who, by when, and (with @status) what became
 * of each. */
static void
actions_table (Doc        *doc,
               GListModel *actions,
               gboolean    status)
{
  Block *table = doc_table (doc);

  table_column (table, _("Action"), FALSE, FALSE);
  table_column (table, _("Owner"), FALSE, FALSE);
  table_column (table, _("Due"), FALSE, FALSE);
  if (status)
    {
      table_column (table, _("Status"), FALSE, FALSE);
      table_column (table, _("Outcome"), FALSE, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);
      const char *due = cr_action_get_due (action);
      GPtrArray *row = table_row (table);

      g_ptr_array_add (row, rich_typed (cr_action_get_text (action)));
      g_ptr_array_add (row, rich_typed (cr_action_get_owner (action)));
      /* Due dates are checked to be YYYY-MM-DD when stored. */
      g_ptr_array_add (row, rich_plain (due != NULL ? due : "—"));
      if (status)
        {
          g_ptr_array_add (row, rich_plain (cr_action_status_get_label (cr_action_get_status (action))));
          g_ptr_array_add (row, rich_typed (cr_action_get_outcome (action)));
        }
    }
}

static void
build_actions (Doc        *doc,
               CrWorkshop *workshop)
{
  GListModel *actions = cr_workshop_get_actions (workshop);

  doc_heading (doc, 2, rich_plain (_("Actions")));
  if (g_list_model_get_n_items (actions) == 0)
    {
      doc_aside (doc, rich_plain (_("No actions were agreed.")));
      return;
    }
  actions_table (doc, actions, any_status (actions));
}

/* A re-run's review of the actions its predecessor agreed, as the room
 * marked them: only in a re-run. */
static void
build_review (Doc        *doc,
              CrWorkshop *workshop)
{
  GListModel *review = cr_workshop_get_review (workshop);
  guint counts[CR_ACTION_DROPPED + 1] = { 0 };
  guint n = g_list_model_get_n_items (review);

  if (cr_workshop_get_previous_uuid (workshop) == NULL)
    return;
  doc_heading (doc, 2, rich_plain (_("Last Time’s Actions")));
  if (n == 0)
    {
      doc_aside (doc, rich_plain (_("The previous workshop agreed no actions.")));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (review, i);

      counts[cr_action_get_status (action)]++;
    }
  /* Translators: how last time's actions stand, e.g. "2 done, 1 dropped, 1 still open." */
  doc_paragraph (doc, rich_plain_take (g_strdup_printf (_("%u done, %u dropped, %u still open."),
                                                        counts[CR_ACTION_DONE], counts[CR_ACTION_DROPPED],
                                                        counts[CR_ACTION_OPEN])));
  actions_table (doc, review, TRUE);
}

/* ------------------------------------------------------------------------
 * What moved between two workshops: a section of a re-run's report, and
 * the whole of crossroads --compare
 * ------------------------------------------------------------------------ */

static GPtrArray *
compare_value (const CrCompareContext *c,
               gboolean                after)
{
  const char *text = cr_comparison_context_text (c, after, NULL);

  /* Not asked, or not answered: in our words. Context answers are typed,
   * or a template's choice labels. */
  if (!(after ? c->asked_after : c->asked_before))
    return rich_plain (text);
  return text != NULL ? rich_typed (text) : rich_plain (_("Not answered"));
}

/* A column for each workshop, headed by its date; figures right-aligned. */
static void
compare_side_columns (Block              *table,
                      const CrComparison *cmp,
                      gboolean            figures)
{
  table_column (table, cr_comparison_side_label (cmp, FALSE), TRUE, figures);
  table_column (table, cr_comparison_side_label (cmp, TRUE), TRUE, figures);
}

static void
build_compare_context (Doc                *doc,
                       const CrComparison *cmp)
{
  Block *table;

  doc_heading (doc, 3, rich_plain (_("Context")));
  if (cmp->context->len == 0)
    {
      doc_aside (doc, rich_plain (_("The context did not change.")));
      return;
    }
  table = doc_table (doc);
  table_column (table, _("Context"), FALSE, FALSE);
  compare_side_columns (table, cmp, FALSE);
  for (guint i = 0; i < cmp->context->len; i++)
    {
      const CrCompareContext *c = g_ptr_array_index (cmp->context, i);
      GPtrArray *row = table_row (table);

      g_ptr_array_add (row, rich_typed (c->label));
      g_ptr_array_add (row, compare_value (c, FALSE));
      g_ptr_array_add (row, compare_value (c, TRUE));
    }
}

static void
compare_row (Block       *table,
             const char  *option,
             const char  *criterion,
             double       before,
             double       after,
             gboolean     scores)
{
  GPtrArray *row = table_row (table);

  g_ptr_array_add (row, rich_typed (option));
  if (criterion != NULL)
    g_ptr_array_add (row, rich_typed (criterion));
  g_ptr_array_add (row, rich_plain_take (cr_comparison_format_value (before, scores)));
  g_ptr_array_add (row, rich_plain_take (cr_comparison_format_value (after, scores)));
  g_ptr_array_add (row, rich_plain_take (cr_comparison_format_change (before, after, scores)));
}

static void
build_compare_question (Doc                     *doc,
                        const CrComparison      *cmp,
                        const CrCompareQuestion *q)
{
  gboolean criteria = q->scores && q->question->criteria->len > 0;
  g_autofree char *missing = cr_comparison_describe_missing (cmp, q);
  Block *table;

  doc_heading (doc, 3, rich_typed (q->question->prompt));
  /* Voted on one side only: nothing to set side by side. */
  if (missing != NULL)
    {
      doc_aside (doc, rich_plain_take (g_steal_pointer (&missing)));
      return;
    }
  doc_chart (doc, CHART_CHANGE, cr_comparison_new_tally (cmp, q, FALSE),
             cr_comparison_new_tally (cmp, q, TRUE), NULL);

  table = doc_table (doc);
  table_column (table, _("Option"), FALSE, FALSE);
  if (criteria)
    table_column (table, _("Criterion"), FALSE, FALSE);
  compare_side_columns (table, cmp, TRUE);
  /* The change says its unit ("+22 pts"), as the chart does. */
  table_column (table, _("Change"), FALSE, TRUE);
  for (guint o = 0; o < q->n_options; o++)
    {
      const CrCompareOption *option = &q->options[o];

      compare_row (table, option->option->title, criteria ? _("Overall") : NULL,
                   option->before, option->after, q->scores);
      if (!criteria)
        continue;
      for (guint c = 0; c < option->n_criteria; c++)
        compare_row (table, option->option->title,
                     ((const CrCriterion *) g_ptr_array_index (q->question->criteria, c))->label,
                     option->criteria_before[c], option->criteria_after[c], TRUE);
    }
}

/* Where the room stood, in the gap chart's own figures. */
static char *
compare_gap_side (const CrGap *gap,
                  double       value,
                  double       spread)
{
  if (gap->scores && !isnan (value))
    return format_mean_spread (value, spread, 1);
  return cr_comparison_format_value (value, gap->scores);
}

static void
build_compare_gap (Doc                *doc,
                   const CrComparison *cmp)
{
  const CrGap *before = cmp->gap_before, *after = cmp->gap_after;
  g_autofree char *missing = cr_comparison_describe_gap_missing (cmp);
  Block *table;

  if (before == NULL || after == NULL || after->current_question == NULL)
    return;
  doc_heading (doc, 3, rich_plain (_("Today and the target")));
  if (missing != NULL)
    {
      doc_aside (doc, rich_plain_take (g_steal_pointer (&missing)));
      return;
    }
  table = doc_table (doc);
  table_column (table, _("Option"), FALSE, FALSE);
  /* Translators: a column, e.g. "Today, 2025-03-12"; %s names a workshop by its date */
  table_column_take (table, g_strdup_printf (_("Today, %s"), cmp->label_before));
  /* Translators: a column, e.g. "Target, 2025-03-12"; %s names a workshop by its date */
  table_column_take (table, g_strdup_printf (_("Target, %s"), cmp->label_before));
  table_column_take (table, g_strdup_printf (_("Today, %s"), cmp->label_after));
  table_column_take (table, g_strdup_printf (_("Target, %s"), cmp->label_after));
  for (guint o = 0; o < after->n_options && o < before->n_options; o++)
    {
      GPtrArray *row = table_row (table);

      g_ptr_array_add (row, rich_typed (after->options[o].option->title));
      g_ptr_array_add (row, rich_plain_take (compare_gap_side (before, before->options[o].current, before->options[o].current_spread)));
      g_ptr_array_add (row, rich_plain_take (compare_gap_side (before, before->options[o].target, before->options[o].target_spread)));
      g_ptr_array_add (row, rich_plain_take (compare_gap_side (after, after->options[o].current, after->options[o].current_spread)));
      g_ptr_array_add (row, rich_plain_take (compare_gap_side (after, after->options[o].target, after->options[o].target_spread)));
    }
}

static void
add_rule_bullets (Block      *list,
                  const char *what,
                  GPtrArray  *rules)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const CrRule *rule = g_ptr_array_index (rules, i);
      GPtrArray *item = rich_new ();

      rich_add (item, SPAN_BOLD, what);
      rich_add (item, 0, " ");
      rich_add (item, SPAN_TYPED, rule->reason);
      bullets_add (list, item);
    }
}

static GPtrArray *
compare_option_cell (CrWorkshop *workshop,
                     const char *option_id)
{
  if (option_id == NULL)
    return rich_plain ("—");
  return rich_typed (option_title (cr_workshop_get_template (workshop), option_id));
}

static void
compare_choice_row (Block       *table,
                    const char  *label,
                    CrWorkshop  *before,
                    const char  *before_id,
                    CrWorkshop  *after,
                    const char  *after_id)
{
  GPtrArray *row = table_row (table);

  g_ptr_array_add (row, rich_plain (label));
  g_ptr_array_add (row, compare_option_cell (before, before_id));
  g_ptr_array_add (row, compare_option_cell (after, after_id));
}

static void
build_compare_recommendation (Doc                *doc,
                              const CrComparison *cmp)
{
  const CrRecommendation *b = cmp->rec_before, *a = cmp->rec_after;
  const CrDecision *db = cr_workshop_get_decision (cmp->before);
  const CrDecision *da = cr_workshop_get_decision (cmp->after);
  gboolean ordered = cr_comparison_has_start_and_aim (cmp);
  Block *table, *list;

  doc_heading (doc, 3, rich_plain (_("Recommendation")));
  table = doc_table (doc);
  table_column (table, "", FALSE, FALSE);
  compare_side_columns (table, cmp, FALSE);
  if (ordered)
    {
      compare_choice_row (table, _("Start with"), cmp->before, b->start_with, cmp->after, a->start_with);
      compare_choice_row (table, _("Aim for"), cmp->before, b->aim_for, cmp->after, a->aim_for);
    }
  if (cr_comparison_has_points_to (cmp))
    /* Translators: a row of the comparison: the option the recommendation points to */
    compare_choice_row (table, _("Points to"), cmp->before, b->points_to, cmp->after, a->points_to);
  if (db != NULL || da != NULL)
    {
      /* Translators: a row of the comparison: what the room decided to start with */
      compare_choice_row (table, _("Decided: start with"), cmp->before, db != NULL ? db->start_with : NULL,
                          cmp->after, da != NULL ? da->start_with : NULL);
      if (ordered)
        /* Translators: a row of the comparison: what the room decided to aim for */
        compare_choice_row (table, _("Decided: aim for"), cmp->before, db != NULL ? db->aim_for : NULL,
                            cmp->after, da != NULL ? da->aim_for : NULL);
    }

  /* The later template's options, then those only the earlier one has. */
  table = doc_table (doc);
  table_column (table, _("Option"), FALSE, FALSE);
  /* Translators: a column, e.g. "Fit, 2025-03-12"; %s names a workshop by its date */
  table_column_take (table, g_strdup_printf (_("Fit, %s"), cmp->label_before));
  table_column_take (table, g_strdup_printf (_("Fit, %s"), cmp->label_after));
  for (guint side = 0; side < 2; side++)
    for (guint o = 0; o < (side == 0 ? a : b)->fits->len; o++)
      {
        const CrFit *fit = g_ptr_array_index ((side == 0 ? a : b)->fits, o);
        const CrFit *then = side == 0 ? cr_recommendation_find_fit (b, fit->option->id) : fit;
        const CrFit *now = side == 0 ? fit : cr_recommendation_find_fit (a, fit->option->id);
        GPtrArray *row;

        if (side == 1 && now != NULL)
          continue;
        row = table_row (table);
        g_ptr_array_add (row, rich_typed (fit->option->title));
        g_ptr_array_add (row, rich_plain_take (then != NULL ? cr_recommend_format_weight (then->fit) : g_strdup ("—")));
        g_ptr_array_add (row, rich_plain_take (now != NULL ? cr_recommend_format_weight (now->fit) : g_strdup ("—")));
      }

  if (cmp->reasons_new->len == 0 && cmp->reasons_gone->len == 0)
    {
      doc_aside (doc, rich_plain (_("The same reasons apply as last time.")));
      return;
    }
  list = doc_bullets (doc);
  /* Translators: before a reason of the recommendation that applies now and did not before */
  add_rule_bullets (list, _("New:"), cmp->reasons_new);
  /* Translators: before a reason of the recommendation that applied before and no longer does */
  add_rule_bullets (list, _("Gone:"), cmp->reasons_gone);
}

/* Every part of the comparison, under a heading of @level. */
static void
build_comparison (Doc                *doc,
                  const CrComparison *cmp,
                  gboolean            with_actions)
{
  GPtrArray *text;

  /* What a reader must know first: two organisations, two templates,
   * rounds left out because they are still open. */
  for (guint i = 0; i < cmp->notes->len; i++)
    doc_paragraph (doc, rich_plain (g_ptr_array_index (cmp->notes, i)));

  text = rich_new ();
  rich_add (text, SPAN_BOLD, _("Compared:"));
  rich_add (text, 0, " ");
  rich_add (text, SPAN_TYPED, cr_workshop_get_title (cmp->before));
  rich_add_take (text, 0, g_strdup_printf (" (%s) → ", cr_workshop_get_date (cmp->before)));
  rich_add (text, SPAN_TYPED, cr_workshop_get_title (cmp->after));
  rich_add_take (text, 0, g_strdup_printf (" (%s)", cr_workshop_get_date (cmp->after)));
  doc_paragraph (doc, text);

  build_compare_context (doc, cmp);
  for (guint i = 0; i < cmp->questions->len; i++)
    build_compare_question (doc, cmp, g_ptr_array_index (cmp->questions, i));
  build_compare_gap (doc, cmp);
  build_compare_recommendation (doc, cmp);

  if (!with_actions)
    return;
  doc_heading (doc, 3, cmp->actions_reviewed ? rich_plain (_("Last Time’s Actions"))
                                             : rich_plain (_("Actions of the earlier workshop")));
  if (g_list_model_get_n_items (cmp->actions) == 0)
    doc_aside (doc, rich_plain (_("The earlier workshop agreed no actions.")));
  else
    actions_table (doc, cmp->actions, TRUE);
}

/* In a re-run's report, after the review of last time's actions: what
 * moved since the workshop it re-runs, when that one is in the library. */
static void
build_since_last_time (Doc        *doc,
                       CrWorkshop *workshop)
{
  g_autoptr(CrWorkshop) previous = cr_comparison_find_previous (workshop);
  g_autoptr(CrComparison) cmp = NULL;

  if (previous == NULL)
    return;
  cmp = cr_comparison_new (previous, workshop);
  doc_heading (doc, 2, rich_plain (_("Since Last Time")));
  build_comparison (doc, cmp, FALSE);
}

static Doc *
doc_new_comparison (const CrComparison *cmp)
{
  CrWorkshop *after = cmp->after;
  Doc *doc = g_new0 (Doc, 1);
  Block *fields;

  /* Translators: the title of a comparison of two workshops */
  doc->title = g_strdup (_("What Moved"));
  doc->organisation = g_strdup (cr_workshop_get_organisation (after));
  doc->date = g_strdup (cr_workshop_get_date (after));
  doc->facilitator = g_strdup (cr_workshop_get_facilitator (after));
  doc->function_name = g_strdup (cr_workshop_get_function_name (after));
  doc->template_title = g_strdup (cr_template_get_title (cr_workshop_get_template (after)));
  doc->n_participants = g_list_model_get_n_items (cr_workshop_get_participants (after));
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  doc_heading (doc, 1, rich_plain (doc->title));
  ((Block *) g_ptr_array_index (doc->blocks, 0))->cover = TRUE;
  fields = doc_bullets (doc);
  fields->cover = TRUE;
  bullets_add (fields, rich_field (_("Earlier:"), cr_workshop_get_title (cmp->before), TRUE));
  bullets_add (fields, rich_field (_("Later:"), cr_workshop_get_title (after), TRUE));
  bullets_add (fields, rich_field (_("Organisation:"), cr_workshop_get_organisation (after), TRUE));

  build_comparison (doc, cmp, TRUE);
  return doc;
}

static Doc *
doc_build (CrWorkshop *workshop)
{
  g_autoptr(GArray) rounds = collect_rounds (workshop);
  g_autoptr(CrRecommendation) rec = cr_recommend_workshop (workshop);
  Doc *doc = g_new0 (Doc, 1);

  doc->title = g_strdup (cr_workshop_get_title (workshop));
  doc->organisation = g_strdup (cr_workshop_get_organisation (workshop));
  doc->date = g_strdup (cr_workshop_get_date (workshop));
  doc->facilitator = g_strdup (cr_workshop_get_facilitator (workshop));
  doc->function_name = g_strdup (cr_workshop_get_function_name (workshop));
  doc->template_title = g_strdup (cr_template_get_title (cr_workshop_get_template (workshop)));
  doc->n_participants = g_list_model_get_n_items (cr_workshop_get_participants (workshop));
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  build_cover (doc, workshop);
  build_decision (doc, workshop, rec);
  build_context (doc, workshop);
  build_participants (doc, workshop);
  build_options (doc, workshop);
  build_rounds (doc, rounds);
  build_changes (doc, rounds);
  build_gap (doc, workshop);
  build_recommendation (doc, workshop, rec);
  build_review (doc, workshop);
  build_since_last_time (doc, workshop);
  build_actions (doc, workshop);

  return doc;
}

/* ------------------------------------------------------------------------
 * Markdown
 * ------------------------------------------------------------------------ */

static void
md_rich (GString   *out,
         GPtrArray *rich)
{
  gboolean bold = FALSE;

  for (guint i = 0; i < rich->len; i++)
    {
      const Span *span = g_ptr_array_index (rich, i);
      g_autofree char *text = NULL;

      /* Neighbouring bold spans share one pair of asterisks. */
      if (bold != ((span->flags & SPAN_BOLD) != 0))
        {
          g_string_append (out, "**");
          bold = !bold;
        }

      if (span->flags & SPAN_BREAK)
        {
          g_string_append (out, "<br>");
          continue;
        }

      text = (span->flags & SPAN_TYPED) ? cr_export_escape_markdown (span->text)
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

static GBytes *
render_markdown (Doc *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case BLOCK_HEADING:
          for (guint l = 0; l < block->level; l++)
            g_string_append_c (out, '#');
          g_string_append_c (out, ' ');
          md_rich (out, block->text);
          g_string_append (out, "\n\n");
          break;

        case BLOCK_PARAGRAPH:
          if (block->muted)
            g_string_append_c (out, '_');
          md_rich (out, block->text);
          if (block->muted)
            g_string_append_c (out, '_');
          g_string_append (out, "\n\n");
          break;

        case BLOCK_BULLETS:
          for (guint j = 0; j < block->items->len; j++)
            {
              g_string_append (out, "- ");
              md_rich (out, g_ptr_array_index (block->items, j));
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
          break;

        case BLOCK_TABLE:
          md_table_row (out, block->header);
          g_string_append (out, "|");
          for (guint c = 0; c < block->header->len; c++)
            g_string_append (out, is_right_aligned (block, c) ? " ---: |" : " --- |");
          g_string_append_c (out, '\n');
          for (guint j = 0; j < block->items->len; j++)
            md_table_row (out, g_ptr_array_index (block->items, j));
          g_string_append_c (out, '\n');
          break;

        case BLOCK_CHART:
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

/* ------------------------------------------------------------------------
 * HTML
 * ------------------------------------------------------------------------ */

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
      const Span *span = g_ptr_array_index (rich, i);

      if (!(span->flags & SPAN_TYPED))
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
      const Span *span = g_ptr_array_index (rich, i);
      g_autofree char *text = NULL;
      gboolean isolate;

      if (span->flags & SPAN_BREAK)
        {
          g_string_append (out, "<br>");
          continue;
        }

      text = cr_export_escape_html (span->text);
      isolate = (span->flags & SPAN_TYPED) && !element_is_auto;
      if (span->flags & SPAN_BOLD)
        g_string_append (out, "<strong>");
      if (isolate)
        g_string_append (out, "<span dir=\"auto\">");
      g_string_append (out, text);
      if (isolate)
        g_string_append (out, "</span>");
      if (span->flags & SPAN_BOLD)
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

/* ---- Charts, for the HTML as inline SVG and for the PDF ----------------- */

static double
chart_block_height (const Block        *block,
                    const CrChartStyle *style,
                    double              width)
{
  switch (block->chart)
    {
    case CHART_TALLY:
      return cr_chart_tally_height (block->tally, style, width);
    case CHART_CHANGE:
      return cr_chart_change_height (block->tally, block->after, style, width);
    case CHART_GAP:
      return cr_chart_gap_height (block->gap, style, width);
    default:
      g_assert_not_reached ();
    }
}

static void
chart_block_draw (const Block        *block,
                  cairo_t            *cr,
                  const CrChartStyle *style,
                  double              width,
                  double              height)
{
  switch (block->chart)
    {
    case CHART_TALLY:
      cr_chart_draw_tally (cr, block->tally, style, width, height);
      break;
    case CHART_CHANGE:
      cr_chart_draw_change (cr, block->tally, block->after, style, width, height);
      break;
    case CHART_GAP:
      cr_chart_draw_gap (cr, block->gap, style, width, height);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The report's charts: light, on the page's white, a little smaller than body text. */
static void
chart_print_style (CrChartStyle *style)
{
  cr_chart_style_init (style, CR_CHART_THEME_LIGHT, 0.9);
  style->background.alpha = 0;
}

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
html_chart (GString     *out,
            const Block *block,
            guint        chart)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *label = cr_export_escape_html (block->description);
  CrChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *start;
  double height;

  chart_print_style (&style);
  height = ceil (chart_block_height (block, &style, SVG_WIDTH));
  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, SVG_WIDTH, height);
  cr = cairo_create (surface);
  chart_block_draw (block, cr, &style, SVG_WIDTH, height);
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

static GBytes *
render_html (Doc *doc)
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
      const Block *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case BLOCK_HEADING:
          {
            char tag[3] = { 'h', (char) ('0' + CLAMP (block->level, 1, 6)), '\0' };

            html_element (out, tag, NULL, block->text);
            g_string_append_c (out, '\n');
          }
          break;

        case BLOCK_PARAGRAPH:
          html_element (out, "p", block->muted ? "muted" : NULL, block->text);
          g_string_append_c (out, '\n');
          break;

        case BLOCK_BULLETS:
          g_string_append (out, "<ul>\n");
          for (guint j = 0; j < block->items->len; j++)
            {
              html_element (out, "li", NULL, g_ptr_array_index (block->items, j));
              g_string_append_c (out, '\n');
            }
          g_string_append (out, "</ul>\n");
          break;

        case BLOCK_TABLE:
          g_string_append (out, "<table>\n<thead>\n<tr>");
          for (guint c = 0; c < block->header->len; c++)
            {
              GPtrArray *cell = g_ptr_array_index (block->header, c);
              gboolean is_auto = rich_is_all_typed (cell);

              g_string_append_printf (out, "<th scope=\"col\"%s%s>",
                                      is_right_aligned (block, c) ? " class=\"num\"" : "",
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
                                          is_right_aligned (block, c) ? " class=\"num\"" : "",
                                          is_auto ? " dir=\"auto\"" : "");
                  html_rich (out, cell, is_auto);
                  g_string_append_printf (out, "</%s>", tag);
                }
              g_string_append (out, "</tr>\n");
            }
          g_string_append (out, "</tbody>\n</table>\n");
          break;

        case BLOCK_CHART:
          html_chart (out, block, n_charts++);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_string_append (out, "</main>\n</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------
 * CSV
 * ------------------------------------------------------------------------ */

/* The column names stay English: scripts and pivot tables refer to them. */
static const char * const csv_columns[] = {
  "record", "question", "round", "revealed", "participant", "option",
  "criterion", "value", "kind", "text", "owner", "due",
};

enum {
  COL_RECORD, COL_QUESTION, COL_ROUND, COL_REVEALED, COL_PARTICIPANT, COL_OPTION,
  COL_CRITERION, COL_VALUE, COL_KIND, COL_TEXT, COL_OWNER, COL_DUE, N_COLS
};

G_STATIC_ASSERT (G_N_ELEMENTS (csv_columns) == N_COLS);

typedef struct
{
  char *fields[N_COLS];   /* already encoded */
} CsvRow;

static void
csv_set (CsvRow     *row,
         guint       column,
         const char *text)
{
  g_free (row->fields[column]);
  row->fields[column] = cr_export_csv_field (text);
}

/* Numbers we formatted ourselves are not typed text: a negative value is a
 * number, not a formula, and is written as it is. */
static void
csv_set_number (CsvRow *row,
                guint   column,
                gint64  value)
{
  g_free (row->fields[column]);
  row->fields[column] = g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
csv_emit (GString *out,
          CsvRow  *row)
{
  for (guint c = 0; c < N_COLS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      if (row->fields[c] != NULL)
        g_string_append (out, row->fields[c]);
      g_clear_pointer (&row->fields[c], g_free);
    }
  g_string_append (out, "\r\n");
}

static void
csv_choice (GString    *out,
            CsvRow     *row,
            CrTemplate *template,
            const char *record,
            const char *kind,
            const char *option_id)
{
  if (option_id == NULL)
    return;
  csv_set (row, COL_RECORD, record);
  csv_set (row, COL_KIND, kind);
  csv_set (row, COL_OPTION, option_title (template, option_id));
  csv_emit (out, row);
}

/* The room's decision first, then the recommendation beside it: records
 * "decision" (start_with, aim_for, rationale, agreed) and "recommendation"
 * (start_with, aim_for, or points_to). */
static void
csv_decision (GString    *out,
              CsvRow     *row,
              CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrDecision *decision = cr_workshop_get_decision (workshop);
  g_autoptr(CrRecommendation) rec = cr_recommend_workshop (workshop);

  if (decision != NULL)
    {
      csv_choice (out, row, template, "decision", "start_with", decision->start_with);
      csv_choice (out, row, template, "decision", "aim_for", decision->aim_for);
      if (decision->rationale[0] != '\0')
        {
          csv_set (row, COL_RECORD, "decision");
          csv_set (row, COL_KIND, "rationale");
          csv_set (row, COL_TEXT, decision->rationale);
          csv_emit (out, row);
        }
      for (guint i = 0; i < decision->agreed->len; i++)
        {
          g_autofree char *who = participant_name (workshop, g_array_index (decision->agreed, gint64, i));

          csv_set (row, COL_RECORD, "decision");
          csv_set (row, COL_KIND, "agreed");
          csv_set (row, COL_PARTICIPANT, who);
          csv_emit (out, row);
        }
    }

  csv_choice (out, row, template, "recommendation", "start_with", rec->start_with);
  csv_choice (out, row, template, "recommendation", "aim_for", rec->aim_for);
  csv_choice (out, row, template, "recommendation", "points_to", rec->points_to);
}

static GBytes *
render_csv (CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  GListModel *notes = cr_workshop_get_notes (workshop);
  GListModel *actions = cr_workshop_get_actions (workshop);
  GListModel *review;
  GString *out = g_string_new (NULL);
  CsvRow row = { { 0 } };

  /* A byte order mark: without it, Excel reads a UTF-8 CSV as the local
   * code page and mangles every accent; LibreOffice and scripts skip it. */
  g_string_append (out, "\xEF\xBB\xBF");

  for (guint c = 0; c < N_COLS; c++)
    csv_set (&row, c, csv_columns[c]);
  csv_emit (out, &row);

  csv_decision (out, &row, workshop);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);
      const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (round));
      const char *prompt = question_prompt (question, round);
      guint number = cr_round_get_number (round);
      const CrVote *votes;
      guint n_votes = 0;

      if (!cr_round_get_revealed (round))
        {
          g_autofree char *message = open_round_message (number);

          /* Hidden votes stay hidden: one line says the round exists. */
          csv_set (&row, COL_RECORD, "round");
          csv_set (&row, COL_QUESTION, prompt);
          csv_set_number (&row, COL_ROUND, number);
          csv_set (&row, COL_REVEALED, "no");
          csv_set (&row, COL_TEXT, message);
          csv_emit (out, &row);
          continue;
        }

      votes = cr_round_get_votes (round, &n_votes);
      for (guint v = 0; v < n_votes; v++)
        {
          const CrVote *vote = &votes[v];
          g_autofree char *who = participant_name (workshop, vote->participant_id);
          const CrCriterion *criterion = NULL;

          if (question != NULL && vote->criterion != NULL)
            criterion = cr_question_find_criterion (question, vote->criterion);

          csv_set (&row, COL_RECORD, "vote");
          csv_set (&row, COL_QUESTION, prompt);
          csv_set_number (&row, COL_ROUND, number);
          csv_set (&row, COL_REVEALED, "yes");
          csv_set (&row, COL_PARTICIPANT, who);
          csv_set (&row, COL_OPTION, option_title (template, vote->option));
          if (vote->criterion != NULL)
            csv_set (&row, COL_CRITERION, criterion != NULL ? criterion->label : vote->criterion);
          csv_set_number (&row, COL_VALUE, vote->value);
          csv_emit (out, &row);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (notes, i);

      csv_set (&row, COL_RECORD, "note");
      csv_set (&row, COL_OPTION, option_title (template, cr_note_get_option (note)));
      csv_set (&row, COL_KIND, cr_note_kind_to_string (cr_note_get_kind (note)));
      csv_set (&row, COL_TEXT, cr_note_get_text (note));
      if (cr_note_get_participant_id (note) != 0)
        {
          g_autofree char *who = participant_name (workshop, cr_note_get_participant_id (note));

          csv_set (&row, COL_PARTICIPANT, who);
        }
      csv_emit (out, &row);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (actions, i);

      csv_set (&row, COL_RECORD, "action");
      csv_set (&row, COL_KIND, cr_action_status_to_string (cr_action_get_status (action)));
      csv_set (&row, COL_TEXT, cr_action_get_text (action));
      csv_set (&row, COL_OWNER, cr_action_get_owner (action));
      csv_set (&row, COL_DUE, cr_action_get_due (action));
      csv_emit (out, &row);
    }

  /* A re-run's review of last time's actions, each with its status. */
  review = cr_workshop_get_review (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (review); i++)
    {
      g_autoptr(CrAction) action = g_list_model_get_item (review, i);

      csv_set (&row, COL_RECORD, "reviewed-action");
      csv_set (&row, COL_KIND, cr_action_status_to_string (cr_action_get_status (action)));
      csv_set (&row, COL_TEXT, cr_action_get_text (action));
      csv_set (&row, COL_OWNER, cr_action_get_owner (action));
      csv_set (&row, COL_DUE, cr_action_get_due (action));
      csv_emit (out, &row);
    }

  return g_string_free_to_bytes (out);
}

/* ------------------------------------------------------------------------
 * PDF
 *
 * Pages are drawn into recording surfaces first, so the footer can say
 * "Page 3 of 7" without laying the document out twice; then they are
 * replayed, as vectors and text, onto the PDF surface.
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
} PdfCell;

typedef struct
{
  double          pad;
  gboolean        grid;
  const PdfColor *fill;   /* NULL: none */
  const PdfColor *color;
  /* Move the whole block to the next page when it would fit there whole. */
  gboolean        keep;
} PdfStyle;

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
  const Block  *table;
  const double *widths;
} Pdf;

static void pdf_table_row (Pdf *pdf, const Block *table, const double *widths,
                           GPtrArray *cells, gboolean header);

static void
pdf_new_page (Pdf *pdf)
{
  cairo_rectangle_t extents = { 0, 0, pdf->page_width, pdf->page_height };
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_ptr_array_add (pdf->pages, page);
  pdf->cr = cairo_create (page);
  pdf->y = PDF_TOP;
  pdf->page_start = PDF_TOP;

  if (pdf->table != NULL)
    {
      const Block *table = pdf->table;

      /* No repeat inside the repeat: a header taller than a page splits. */
      pdf->table = NULL;
      pdf_table_row (pdf, table, pdf->widths, table->header, TRUE);
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
      const Span *span = g_ptr_array_index (rich, i);
      gsize start = text->len;

      if (span->flags & SPAN_BREAK)
        g_string_append_c (text, '\n');
      else if (span->flags & SPAN_TYPED)
        {
          g_autofree char *clean = clean_typed_text (span->text);

          g_string_append (text, clean);
        }
      else
        g_string_append (text, span->text);

      if ((span->flags & SPAN_BOLD) && text->len > start)
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

      if (style->fill != NULL)
        {
          cairo_set_source_rgb (pdf->cr, style->fill->r, style->fill->g, style->fill->b);
          cairo_rectangle (pdf->cr, cells[0].x, pdf->y,
                           cells[n_cells - 1].x + cells[n_cells - 1].width - cells[0].x,
                           slice + 2 * style->pad);
          cairo_fill (pdf->cr);
        }

      cairo_set_source_rgb (pdf->cr, style->color->r, style->color->g, style->color->b);
      for (guint i = 0; i < n_cells; i++)
        {
          PdfCell *cell = &cells[i];
          double offset;

          if (cell->next >= ends[i])
            continue;
          offset = g_array_index (cell->lines, PdfLine, cell->next).top;
          for (guint k = cell->next; k < ends[i]; k++)
            {
              const PdfLine *line = &g_array_index (cell->lines, PdfLine, k);

              cairo_move_to (pdf->cr, cell->x + style->pad + line->x,
                             pdf->y + style->pad + line->baseline - offset);
              pango_cairo_show_layout_line (pdf->cr, line->line);
            }
          cell->next = ends[i];
          more |= cell->next < cell->lines->len;
        }

      if (style->grid)
        {
          cairo_set_source_rgb (pdf->cr, pdf_rule.r, pdf_rule.g, pdf_rule.b);
          cairo_set_line_width (pdf->cr, 0.5);
          for (guint i = 0; i < n_cells; i++)
            cairo_rectangle (pdf->cr, cells[i].x, pdf->y, cells[i].width, slice + 2 * style->pad);
          cairo_stroke (pdf->cr);
        }

      pdf->y += slice + 2 * style->pad;
      if (!more)
        break;
      pdf_new_page (pdf);
    }
}

/* @keep: moved whole to the next page when it would fit there whole, so a
 * bullet or a short paragraph is never split across two pages. */
static void
pdf_text_block (Pdf            *pdf,
                GPtrArray      *rich,
                double          size,
                gboolean        bold,
                gboolean        italic,
                const PdfColor *color,
                double          indent,
                gboolean        bullet,
                gboolean        keep)
{
  const PdfStyle style = { .pad = 0, .grid = FALSE, .fill = NULL, .color = color, .keep = keep };
  PdfCell cells[2];
  guint n = 0;
  double x = PDF_MARGIN + indent;

  if (bullet)
    {
      g_autoptr(GPtrArray) dot = rich_plain ("•");

      pdf_cell_init (&cells[n++],
                     single_layout (pdf_layout (pdf, dot, size, FALSE, FALSE, PDF_BULLET, PANGO_ALIGN_LEFT)),
                     x, PDF_BULLET);
      x += PDF_BULLET;
    }
  pdf_cell_init (&cells[n], pdf_layouts (pdf, rich, size, bold, italic, PDF_MARGIN + PDF_CONTENT - x,
                                         PANGO_ALIGN_LEFT),
                 x, PDF_MARGIN + PDF_CONTENT - x);
  n++;

  pdf_flow (pdf, cells, n, &style);
  for (guint i = 0; i < n; i++)
    pdf_cell_clear (&cells[i]);
}

static void
pdf_heading (Pdf         *pdf,
             const Block *block)
{
  static const double sizes[] = { 22.0, 15.0, 12.0 };
  guint level = CLAMP (block->level, 1, 3);
  double before = level == 1 ? 0 : (level == 2 ? 16.0 : 10.0);

  /* What follows it is kept with it by the pagination (pdf_keep_with_next). */
  if (pdf->y > pdf->page_start + 0.01)
    pdf->y += before;

  pdf_text_block (pdf, block->text, sizes[level - 1], TRUE, FALSE,
                  level == 2 ? &pdf_accent : &pdf_text, 0, FALSE, TRUE);

  if (level == 2)
    {
      cairo_set_source_rgb (pdf->cr, pdf_rule.r, pdf_rule.g, pdf_rule.b);
      cairo_set_line_width (pdf->cr, 0.75);
      cairo_move_to (pdf->cr, PDF_MARGIN, pdf->y + 2.0);
      cairo_line_to (pdf->cr, PDF_MARGIN + PDF_CONTENT, pdf->y + 2.0);
      cairo_stroke (pdf->cr);
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
    length += strlen (((Span *) g_ptr_array_index (rich, i))->text);
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
pdf_column_widths (Pdf         *pdf,
                   const Block *table)
{
  guint n = table->header->len;
  g_autofree double *natural = g_new0 (double, n);
  g_autofree double *minimum = g_new0 (double, n);
  double *widths = g_new0 (double, n);
  double sum_natural = 0, sum_minimum = 0;
  guint n_text = 0;

  for (guint c = 0; c < n; c++)
    {
      gboolean numeric = is_right_aligned (table, c) != 0;
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
        if (n_text == 0 || !is_right_aligned (table, c))
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
pdf_table_row (Pdf          *pdf,
               const Block  *table,
               const double *widths,
               GPtrArray    *cells,
               gboolean      header)
{
  const PdfStyle style = {
    .pad = PDF_CELL_PAD, .grid = TRUE, .fill = header ? &pdf_head_fill : NULL,
    .color = &pdf_text, .keep = TRUE,
  };
  guint n = table->header->len;
  g_autofree PdfCell *row = g_new0 (PdfCell, n);
  g_autoptr(GPtrArray) empty = rich_plain ("");
  double x = PDF_MARGIN;

  for (guint c = 0; c < n; c++)
    {
      GPtrArray *rich = c < cells->len ? g_ptr_array_index (cells, c) : empty;
      PangoAlignment alignment = is_right_aligned (table, c) ? PANGO_ALIGN_RIGHT
                                                                     : PANGO_ALIGN_LEFT;

      pdf_cell_init (&row[c],
                     pdf_layouts (pdf, rich, PDF_BODY_SIZE - 1, header, FALSE,
                                  widths[c] - 2 * PDF_CELL_PAD, alignment),
                     x, widths[c]);
      x += widths[c];
    }

  pdf_flow (pdf, row, n, &style);
  for (guint c = 0; c < n; c++)
    pdf_cell_clear (&row[c]);
}

static void
pdf_table (Pdf         *pdf,
           const Block *table)
{
  g_autofree double *widths = pdf_column_widths (pdf, table);

  pdf->y += 4.0;
  /* A header alone at the foot of a page helps nobody. */
  if (pdf->y > pdf->page_start + 0.01 && pdf->y + 60.0 > PDF_BOTTOM)
    pdf_new_page (pdf);

  pdf_table_row (pdf, table, widths, table->header, TRUE);
  pdf->table = table;
  pdf->widths = widths;
  for (guint r = 0; r < table->items->len; r++)
    pdf_table_row (pdf, table, widths, g_ptr_array_index (table->items, r), FALSE);
  pdf->table = NULL;
  pdf->widths = NULL;
  pdf->y += 10.0;
}

static void
pdf_footer (Pdf        *pdf,
            cairo_t    *cr,
            const Doc  *doc,
            guint       page,
            guint       n_pages)
{
  g_autoptr(GPtrArray) left = rich_new ();
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
      rich_add (left, SPAN_TYPED, organisation);
      rich_add (left, 0, " — ");
    }
  rich_add (left, SPAN_TYPED, title);

  /* Translators: the page number in the footer of a PDF export */
  right = rich_plain_take (g_strdup_printf (_("Page %u of %u"), page, n_pages));
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

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  const char *label;
  char       *value;
  gboolean    typed;
} CoverField;

/* A page of its own: the client's name large, then who ran what, when. */
static void
pdf_cover (Pdf       *pdf,
           const Doc *doc)
{
  g_autoptr(GPtrArray) kicker = rich_plain (_("Workshop report"));
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) organisation = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *people = NULL;
  CoverField fields[5] = { { 0 } };
  guint n_fields = 0;
  double band = pdf->page_height * 0.36;
  double y;

  title = doc->title != NULL && *doc->title != '\0' ? rich_typed (doc->title)
                                                     : rich_plain (_("Workshop summary"));
  if (doc->organisation != NULL && *doc->organisation != '\0')
    organisation = rich_typed (doc->organisation);

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
  cairo_set_source_rgb (pdf->cr, pdf_accent.r, pdf_accent.g, pdf_accent.b);
  cairo_rectangle (pdf->cr, 0, 0, pdf->page_width, band);
  cairo_fill (pdf->cr);

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
        cairo_move_to (pdf->cr, PDF_MARGIN, y);
        pango_cairo_show_layout (pdf->cr, o);
        y -= 8.0;
      }
    y -= (double) t_h / PANGO_SCALE;
    cairo_move_to (pdf->cr, PDF_MARGIN, y);
    pango_cairo_show_layout (pdf->cr, t);
    y -= 10.0 + (double) k_h / PANGO_SCALE;
    cairo_move_to (pdf->cr, PDF_MARGIN, MAX (y, PDF_TOP));
    pango_cairo_show_layout (pdf->cr, k);
  }

  /* Label and value, two columns, under the band. */
  y = band + 48.0;
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GPtrArray) label = rich_plain (fields[i].label);
      g_autoptr(GPtrArray) value = fields[i].typed ? rich_typed (fields[i].value) : rich_plain (fields[i].value);
      g_autoptr(PangoLayout) l = pdf_layout (pdf, label, 10.0, FALSE, FALSE, 140.0, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) v = pdf_layout (pdf, value, 13.0, FALSE, FALSE, PDF_CONTENT - 150.0,
                                             PANGO_ALIGN_LEFT);
      int v_h;

      pango_layout_set_ellipsize (v, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (v, -2);
      pango_layout_get_size (v, NULL, &v_h);
      cairo_set_source_rgb (pdf->cr, pdf_muted.r, pdf_muted.g, pdf_muted.b);
      cairo_move_to (pdf->cr, PDF_MARGIN, y + 2.5);
      pango_cairo_show_layout (pdf->cr, l);
      cairo_set_source_rgb (pdf->cr, pdf_text.r, pdf_text.g, pdf_text.b);
      cairo_move_to (pdf->cr, PDF_MARGIN + 150.0, y);
      pango_cairo_show_layout (pdf->cr, v);
      y += MAX ((double) v_h / PANGO_SCALE, 16.0) + 12.0;
      g_free (fields[i].value);
    }

  {
    g_autoptr(GPtrArray) made = rich_plain_take (g_strdup_printf ("Crossroads %s", PACKAGE_VERSION));
    g_autoptr(PangoLayout) m = pdf_layout (pdf, made, 8.0, FALSE, FALSE, PDF_CONTENT, PANGO_ALIGN_LEFT);

    cairo_set_source_rgb (pdf->cr, pdf_muted.r, pdf_muted.g, pdf_muted.b);
    cairo_move_to (pdf->cr, PDF_MARGIN, PDF_FOOTER);
    pango_cairo_show_layout (pdf->cr, m);
  }
}

/* A chart never splits: it moves whole to the next page. */
static void
pdf_chart (Pdf         *pdf,
           const Block *block)
{
  CrChartStyle style;
  double width = PDF_CONTENT;
  double height;

  chart_print_style (&style);
  height = chart_block_height (block, &style, width);
  pdf->y += 6.0;
  if (pdf->y > pdf->page_start + 0.01 && pdf->y + height > PDF_BOTTOM)
    pdf_new_page (pdf);

  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, PDF_MARGIN, pdf->y);
  chart_block_draw (block, pdf->cr, &style, width, height);
  cairo_restore (pdf->cr);
  pdf->y += height + 10.0;
}

/* Draws one block of the document at pdf->y, on as many pages as it takes. */
static void
pdf_draw_block (Pdf         *pdf,
                const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      pdf_heading (pdf, block);
      break;

    case BLOCK_PARAGRAPH:
      if (block->key)
        {
          /* The recommendation's conclusions, larger, with a bar of accent beside them. */
          double top;

          pdf->y += 4.0;
          top = pdf->y;
          pdf_text_block (pdf, block->text, PDF_BODY_SIZE + 3, FALSE, FALSE, &pdf_text, 10.0, FALSE, TRUE);
          if (pdf->y > top)
            {
              cairo_set_source_rgb (pdf->cr, pdf_accent.r, pdf_accent.g, pdf_accent.b);
              cairo_rectangle (pdf->cr, PDF_MARGIN, top, 3.0, pdf->y - top);
              cairo_fill (pdf->cr);
            }
          pdf->y += 6.0;
          break;
        }
      pdf_text_block (pdf, block->text, PDF_BODY_SIZE, FALSE, block->muted,
                      block->muted ? &pdf_muted : &pdf_text, 0, FALSE, TRUE);
      pdf->y += 6.0;
      break;

    case BLOCK_BULLETS:
      for (guint j = 0; j < block->items->len; j++)
        {
          pdf_text_block (pdf, g_ptr_array_index (block->items, j), PDF_BODY_SIZE,
                          FALSE, FALSE, &pdf_text, 6.0, TRUE, TRUE);
          pdf->y += 2.0;
        }
      pdf->y += 6.0;
      break;

    case BLOCK_TABLE:
      pdf_table (pdf, block);
      break;

    case BLOCK_CHART:
      pdf_chart (pdf, block);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* How tall @block is when drawn after other content: drawn once on a page
 * too tall to end, and measured. @first_item: only a list's first item. */
static double
pdf_block_height (Pdf         *pdf,
                  const Block *block,
                  gboolean     first_item)
{
  Pdf scratch = { 0 };
  Block one = *block;
  g_autoptr(GPtrArray) items = NULL;
  double top;

  if (first_item && block->kind == BLOCK_BULLETS && block->items->len > 1)
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
pdf_group_height (Pdf       *pdf,
                  const Doc *doc,
                  guint      i,
                  guint      depth)
{
  const Block *block = g_ptr_array_index (doc->blocks, i);
  const Block *next = i + 1 < doc->blocks->len ? g_ptr_array_index (doc->blocks, i + 1) : NULL;

  if (next != NULL && next->cover)
    next = NULL;

  switch (block->kind)
    {
    case BLOCK_HEADING:
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

    case BLOCK_CHART:
      if (next != NULL && next->kind == BLOCK_TABLE)
        return pdf_block_height (pdf, block, FALSE) + pdf_block_height (pdf, next, FALSE);
      return pdf_block_height (pdf, block, FALSE);

    case BLOCK_PARAGRAPH:
      if (next != NULL && next->kind == BLOCK_BULLETS)
        return pdf_block_height (pdf, block, FALSE) + pdf_block_height (pdf, next, !block->key);
      if (next != NULL && next->kind == BLOCK_CHART && depth > 0)
        return pdf_block_height (pdf, block, FALSE) + pdf_group_height (pdf, doc, i + 1, depth + 1);
      return pdf_block_height (pdf, block, FALSE);

    case BLOCK_BULLETS:
    case BLOCK_TABLE:
    default:
      return depth > 0 ? pdf_block_height (pdf, block, FALSE) : 0;
    }
}

/* Whether the section that block @i opens fits whole below pdf->y. */
static gboolean
pdf_section_fits (Pdf       *pdf,
                  const Doc *doc,
                  guint      i)
{
  double height = 0;

  for (guint j = i; j < doc->blocks->len; j++)
    {
      const Block *block = g_ptr_array_index (doc->blocks, j);

      if (j > i && block->kind == BLOCK_HEADING && block->level <= 2)
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
pdf_keep_with_next (Pdf       *pdf,
                    const Doc *doc,
                    guint      i)
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
  Doc     *doc;
  Pdf      pdf;        /* pages as recording surfaces, once paginated */
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
      Span *span = g_ptr_array_index (rich, i);

      if (span->flags & SPAN_TYPED)
        shorten_text (&span->text,
                      state->shown < REPORT_TOTAL_CHARS ? REPORT_TEXT_CHARS : REPORT_LATE_CHARS,
                      state);
    }
}

static void
report_shorten (Doc *doc)
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
      Block *block = g_ptr_array_index (doc->blocks, i);

      shorten_rich (block->text, &state);
      for (guint c = 0; block->header != NULL && c < block->header->len; c++)
        shorten_rich (g_ptr_array_index (block->header, c), &state);
      for (guint j = 0; block->items != NULL && j < block->items->len; j++)
        {
          GPtrArray *item = g_ptr_array_index (block->items, j);

          /* A table's rows are lists of cells, a list's items lists of spans. */
          if (block->kind == BLOCK_TABLE)
            for (guint c = 0; c < item->len; c++)
              shorten_rich (g_ptr_array_index (item, c), &state);
          else
            shorten_rich (item, &state);
        }
    }

  if (state.cut)
    {
      Block *aside = g_new0 (Block, 1);

      aside->kind = BLOCK_PARAGRAPH;
      aside->muted = TRUE;
      aside->text = rich_plain (_("Some texts are too long for this report and end with “…”; the CSV and JSON exports have them whole."));
      g_ptr_array_insert (doc->blocks, 0, aside);
    }
}

static CrReport *
report_new_take_doc (Doc *doc)
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

  return report_new_take_doc (doc_build (workshop));
}

void
cr_report_free (CrReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->pdf.cr, cairo_destroy);
  g_clear_pointer (&report->pdf.pages, g_ptr_array_unref);
  g_clear_object (&report->pdf.context);
  g_clear_pointer (&report->doc, doc_free);
  g_free (report);
}

guint
cr_report_paginate (CrReport         *report,
                    double            width,
                    double            height,
                    CrExportProgress  progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable)
{
  Pdf *pdf;
  const Doc *doc;

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

  pdf_new_page (pdf);
  pdf_cover (pdf, doc);
  pdf_new_page (pdf);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (doc->blocks, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (progress != NULL)
        progress ((double) i / doc->blocks->len, progress_data);
      if (block->cover)
        continue;

      /* The big sections open a page when they start low on one (a client
       * reads the report by them), unless the whole section fits below:
       * then a page is not left nearly empty for it. */
      if (block->kind == BLOCK_HEADING && block->level == 2 && i > 0 &&
          pdf->y > pdf->page_start + 0.01 &&
          pdf->y > PDF_BOTTOM - (PDF_BOTTOM - PDF_TOP) * 0.4 &&
          !pdf_section_fits (pdf, doc, i))
        pdf_new_page (pdf);
      pdf_keep_with_next (pdf, doc, i);
      pdf_draw_block (pdf, block);
    }
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (progress != NULL)
    progress (1.0, progress_data);

  return pdf->pages->len;
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

/* The report's pages onto a PDF surface; progress from 0 to 1 over the
 * layout and then the writing. */
typedef struct
{
  CrExportProgress progress;
  gpointer         progress_data;
  double           from;
  double           span;
} ProgressSpan;

static void
progress_in_span (double   fraction,
                  gpointer user_data)
{
  ProgressSpan *span = user_data;

  if (span->progress != NULL)
    span->progress (span->from + span->span * fraction, span->progress_data);
}

static GBytes *
render_pdf (CrReport         *report,
            CrExportProgress  progress,
            gpointer          progress_data,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = clean_typed_text (report->doc->title);
  ProgressSpan layout_span = { progress, progress_data, 0.0, 0.7 };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  guint n_pages;
  cairo_t *cr;

  if (cr_report_get_n_pages (report) == 0)
    {
      cr_report_get_paper_size (&width, &height);
      cr_report_paginate (report, width, height, progress_in_span, &layout_span, cancellable);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  n_pages = cr_report_get_n_pages (report);
  cr_report_get_page_size (report, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (pdf_write, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Crossroads " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages && !g_cancellable_is_cancelled (cancellable); i++)
    {
      cr_report_draw_page (report, cr, i);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (0.7 + 0.3 * (i + 1) / n_pages, progress_data);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   /* Translators: %s says what went wrong inside the drawing library */
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

GBytes *
cr_export_to_bytes (CrWorkshop      *workshop,
                    CrExportFormat   format,
                    GError         **error)
{
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case CR_EXPORT_JSON:
      {
        char *json = cr_bundle_export_string (workshop);

        return g_bytes_new_take (json, strlen (json));
      }

    case CR_EXPORT_CSV:
      return render_csv (workshop);

    case CR_EXPORT_MARKDOWN:
      doc = doc_build (workshop);
      return render_markdown (doc);

    case CR_EXPORT_HTML:
      doc = doc_build (workshop);
      return render_html (doc);

    case CR_EXPORT_PDF:
      {
        g_autoptr(CrReport) report = cr_report_new (workshop);

        return render_pdf (report, NULL, NULL, NULL, error);
      }

    default:
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   /* Translators: %d is a number that names no export format */
                   _("Unknown export format %d; use md, csv, html, json or pdf"), (int) format);
      return NULL;
    }
}

/* The library the workshop lives in, which no export may overwrite. */
static const char *
library_path_of (CrWorkshop *workshop)
{
  return cr_store_get_path (cr_workshop_get_store (workshop));
}

gboolean
cr_export_check_output (CrWorkshop  *workshop,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return cr_output_check (path, library_path_of (workshop), error);
}

gboolean
cr_export_to_file (CrWorkshop      *workshop,
                   CrExportFormat   format,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refused before the work of rendering, and checked again as it is written. */
  if (!cr_export_check_output (workshop, path, error))
    return FALSE;
  bytes = cr_export_to_bytes (workshop, format, error);
  if (bytes == NULL)
    return FALSE;

  return cr_output_write (path, library_path_of (workshop), bytes, error);
}

GBytes *
cr_export_comparison_to_bytes (const CrComparison  *comparison,
                               CrExportFormat       format,
                               GError             **error)
{
  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case CR_EXPORT_JSON:
      {
        g_autoptr(JsonNode) root = cr_comparison_to_json (comparison);
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        char *json;

        json_generator_set_root (generator, root);
        json_generator_set_pretty (generator, TRUE);
        json = json_generator_to_data (generator, NULL);
        return g_bytes_new_take (json, strlen (json));
      }

    case CR_EXPORT_MARKDOWN:
      {
        g_autoptr(Doc) doc = doc_new_comparison (comparison);

        return render_markdown (doc);
      }

    case CR_EXPORT_HTML:
      {
        g_autoptr(Doc) doc = doc_new_comparison (comparison);

        return render_html (doc);
      }

    case CR_EXPORT_PDF:
      {
        g_autoptr(CrReport) report = report_new_take_doc (doc_new_comparison (comparison));

        return render_pdf (report, NULL, NULL, NULL, error);
      }

    case CR_EXPORT_CSV:
    default:
      g_set_error (error, CR_EXPORT_ERROR, CR_EXPORT_ERROR_FAILED,
                   _("A comparison is written as md, html, json or pdf."));
      return NULL;
    }
}

gboolean
cr_export_comparison_to_file (const CrComparison  *comparison,
                              CrExportFormat       format,
                              const char          *path,
                              GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (comparison != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cr_export_check_output (comparison->after, path, error))
    return FALSE;
  bytes = cr_export_comparison_to_bytes (comparison, format, error);
  if (bytes == NULL)
    return FALSE;
  return cr_output_write (path, library_path_of (comparison->after), bytes, error);
}

typedef struct
{
  char             *path;
  char             *library_path;
  CrReport         *report;  /* PDF: laid out and drawn in the thread */
  GBytes           *bytes;   /* other formats: rendered already */
  CrExportProgress  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_notify;
  double            reported;  /* the last fraction sent, to send each percent once */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job->library_path);
  g_clear_pointer (&job->report, cr_report_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->progress_notify != NULL)
    job->progress_notify (job->progress_data);
  g_free (job);
}

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressUpdate;

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->task);
  g_free (update);
}

static gboolean
progress_update_dispatch (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  ExportJob *job = g_task_get_task_data (update->task);

  if (!g_task_get_completed (update->task))
    job->progress (update->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: hands the fraction to the caller's main context. */
static void
export_thread_progress (double   fraction,
                        gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  ProgressUpdate *update;

  if (fraction < 1.0 && fraction - job->reported < 0.01)
    return;
  job->reported = fraction;

  update = g_new0 (ProgressUpdate, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              progress_update_dispatch, update,
                              (GDestroyNotify) progress_update_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (job->report != NULL)
    bytes = render_pdf (job->report,
                        job->progress != NULL ? export_thread_progress : NULL, task,
                        cancellable, &error);
  else
    bytes = g_bytes_ref (job->bytes);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    return;
  else if (!cr_output_write (job->path, job->library_path, bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cr_export_to_file_async (CrWorkshop          *workshop,
                         CrExportFormat       format,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  cr_export_to_file_with_progress_async (workshop, format, path, NULL, NULL, NULL,
                                         cancellable, callback, user_data);
}

void
cr_export_to_file_with_progress_async (CrWorkshop          *workshop,
                                       CrExportFormat       format,
                                       const char          *path,
                                       CrExportProgress     progress,
                                       gpointer             progress_data,
                                       GDestroyNotify       progress_notify,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  g_return_if_fail (CR_IS_WORKSHOP (workshop));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (workshop, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_export_to_file_async);

  /* Only plain data crosses to the thread: the document model owns copies
   * of every string, and the workshop and its store stay on this thread. */
  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  job->library_path = g_strdup (library_path_of (workshop));
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_notify = progress_notify;
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);

  if (!cr_export_check_output (workshop, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (format == CR_EXPORT_PDF)
    job->report = cr_report_new (workshop);
  else if ((job->bytes = cr_export_to_bytes (workshop, format, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, export_thread);
}

gboolean
cr_export_to_file_finish (CrWorkshop    *workshop,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, workshop), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
