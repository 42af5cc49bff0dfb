/* test-report.c: the client report, and exports that keep hidden rounds hidden
 *
 * The report is rendered from a realistic workshop brought in through the
 * real import (tests/bundles/report.json: seven participants, three
 * questions, two rounds of one) and read back with pdftotext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-export.h"
#include "cr-recommend.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find “%s”", needle);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect to find “%s”", needle);
}

/* Runs a poppler tool on @pdf and returns what it printed, or NULL when the
 * tool is not installed. @option: one more argument before the file, or NULL. */
static char *
run_poppler_with (const char *tool,
                  const char *option,
                  GBytes     *pdf,
                  gboolean    to_text)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autofree char *in = cr_test_tmp_path ("report.pdf");
  g_autofree char *out = cr_test_tmp_path ("report.txt");
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;
  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);

  if (to_text)
    {
      /* -raw: the text in drawing order, as a reader copies it. Its word
       * break is the strictest (a gap of 0.15 em), so a space the PDF
       * loses, as Cantarell's did on glyphs rounded to whole points, shows. */
      const char *argv[] = { program, "-raw", "-enc", "UTF-8", in, out, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                   G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_get_contents (out, &text, NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      const char *argv[] = { program, option != NULL ? option : in, in, NULL };

      if (option == NULL)
        argv[2] = NULL;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  return text;
}

static char *
run_poppler (const char *tool,
             GBytes     *pdf,
             gboolean    to_text)
{
  return run_poppler_with (tool, NULL, pdf, to_text);
}

static char *
export_text (CrWorkshop     *workshop,
             CrExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cr_export_to_bytes (workshop, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  if (format == CR_EXPORT_PDF)
    return run_poppler ("pdftotext", bytes, TRUE);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static CrWorkshop *
import_report (CrStore *store)
{
  return cr_test_import_fixture (store, "report.json");
}

/* The summary's tables: every change is the difference of the two shares
 * as the tables print them (57.1 % → 42.9 % is −14.2, and 42.9 % → 9.5 %
 * is −33.4, where the unrounded figures give −14.3 and −33.3). */
static void
test_report_changes_add_up (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autofree char *md = export_text (workshop, CR_EXPORT_MARKDOWN);

  assert_contains (md, "| Productised HR as a Service | 4 | 57.1 % |");
  assert_contains (md, "| Productised HR as a Service | 3 | 42.9 % |");
  assert_contains (md, "| Productised HR as a Service | -14.2 | -1 |");
  assert_contains (md, "| Productised HR as a Service | 42.9 % | 9.5 % | -33.4 |");
}

/* ---- The report ------------------------------------------------------------- */

static void
test_report_sections (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  const char *sections[] = {
    /* cover */
    "Workshop report", "People operating model: where next", "Halden Maritime Group",
    "12 November 2026", "Sam Rivera", "People & Culture", "7 participants",
    /* context */
    "Context", "Headcount: 2800", "Enterprise",
    /* the canvas, per option and lane */
    "Options and the room’s notes", "Strengths the room sees", "Risks the room sees", "Questions",
    "Payroll and contract questions are answered within a day — Priya Raman",
    "Each squad builds its own product in a silo — Aisha Okonkwo",
    "What profile of People professional would we need to hire? — Aisha Okonkwo",
    /* every round, its chart (the bars' numbers) and its table */
    "Votes", "Round 1: Which model is closest to how we work today?",
    "Round 2: Which model is closest to how we work today?",
    "Round 1: Where do we want to be?", "Round 1: How well does each model fit our context?",
    "4 of 7 votes · 57 %", "3 of 7 votes · 43 %", "12 of 21 dots · 57 %", "57.1 %",
    "Change between rounds", "29 % → 57 % · +28 pts", "Today and the target", "43 % → 10 %",
    /* the recommendation with its reasons */
    "Recommendation", "Start with:", "Aim for:", "Fit with your context",
    "The long-term destination of the stages",
    /* actions */
    "Actions", "Choose two programmes to run as products",
    "Maria Lindqvist", "2026-12-15",
  };
  const char *last = NULL;
  guint n_pages;

  pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", pdf, TRUE);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    assert_contains (text, sections[i]);

  /* The sections come in the report's order */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i], "Context") || g_str_equal (sections[i], "Options and the room’s notes") ||
        g_str_equal (sections[i], "Votes") || g_str_equal (sections[i], "Change between rounds") ||
        g_str_equal (sections[i], "Today and the target") || g_str_equal (sections[i], "Recommendation") ||
        g_str_equal (sections[i], "Actions"))
      {
        g_autofree char *heading = g_strdup_printf ("\n%s\n", sections[i]);
        /* or first on its page */
        g_autofree char *page_top = g_strdup_printf ("\f%s\n", sections[i]);
        const char *at = strstr (text, heading) != NULL ? strstr (text, heading) : strstr (text, page_top);

        g_assert_nonnull (at);
        g_assert_true (last == NULL || at > last);
        last = at;
      }

  /* Page numbers from the first page after the cover, on every page */
  assert_lacks (text, "Page 1 of ");
  n_pages = cr_test_count_of (text, "\f");
  g_assert_cmpuint (n_pages, >=, 5);
  for (guint p = 2; p <= n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p, n_pages);

      assert_contains (text, number);
    }

  /* Every font is embedded */
  fonts = run_poppler ("pdffonts", pdf, FALSE);
  g_assert_nonnull (fonts);
  lines = g_strsplit (fonts, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      if (*lines[i] == '\0')
        continue;
      /* name type [type2] encoding emb sub uni object ID */
      fields = g_strsplit_set (lines[i], " ", -1);
      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0')
          g_ptr_array_add (words, fields[f]);
      g_assert_cmpuint (words->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
    }
}

static void
test_report_pages (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(CrReport) report = cr_report_new (workshop);
  double width, height;
  guint a4, letter, n_ink = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* The test locale (C) keeps A4 */
  cr_report_get_paper_size (&width, &height);
  g_assert_cmpfloat (fabs (width - 595.0), <, 1.0);
  g_assert_cmpfloat (fabs (height - 842.0), <, 1.0);

  a4 = cr_report_paginate (report, 595, 842, NULL, NULL, NULL);
  g_assert_cmpuint (a4, >=, 5);
  g_assert_cmpuint (cr_report_get_n_pages (report), ==, a4);
  letter = cr_report_paginate (report, 612, 792, NULL, NULL, NULL);
  cr_report_get_page_size (report, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  /* Shorter pages: at least as many */
  g_assert_cmpuint (letter, >=, a4);

  /* Drawn onto any cairo_t: the cover's band fills the top of page 1 */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cr_report_draw_page (report, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    const guint8 *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    guint32 pixel = *(const guint32 *) (gconstpointer) (data + 20 * stride + 20 * 4);

    /* accent blue, not white */
    g_assert_cmpuint ((pixel >> 16) & 0xff, <, 64);
    g_assert_cmpuint (pixel & 0xff, >, 128);
    for (int y = 400; y < 792; y++)
      for (int x = 0; x < 612; x++)
        if ((*(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff) != 0xffffff)
          n_ink++;
    /* the cover's fields under the band */
    g_assert_cmpuint (n_ink, >, 500);
  }
  cairo_surface_destroy (surface);
}

/* Whether @bytes, binary, hold @needle. */
static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size, length = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* The report's pages as the print dialog draws them, onto a PDF surface:
 * no structure tags. */
static GBytes *
untagged_pdf (CrWorkshop *workshop)
{
  g_autoptr(CrReport) report = cr_report_new (workshop);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint n_pages = cr_report_paginate (report, 595, 842, NULL, NULL, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (cr_test_append_to_byte_array, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      cr_report_draw_page (report, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The element that holds line @i of pdfinfo -struct: the nearest line above
 * indented one step less, without its indent. */
static const char *
structure_parent (char  **lines,
                  guint   i)
{
  gsize indent = strspn (lines[i], " ");

  for (guint j = i; j > 0; j--)
    if (strspn (lines[j - 1], " ") + 2 == indent)
      return lines[j - 1] + indent - 2;
  g_error ("no element holds “%s”", lines[i]);
  return NULL;
}

/* The exported PDF is tagged for screen readers: a structure tree with the
 * document's headings, paragraphs, lists and tables (a table's rows and
 * header and data cells), read by poppler as a reader's software would;
 * the footers stay out of it; and the text is the text of the pages as
 * they were drawn before tags, in the same order. */
static void
test_report_tagged (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_autoptr(GBytes) plain = untagged_pdf (workshop);
  g_autofree char *structure = NULL;
  g_autofree char *structure_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_h1 = 0, n_h2 = 0, n_p = 0, n_table = 0, n_th = 0, n_td = 0, n_li = 0;

  g_assert_no_error (error);
  /* cairo writes the tree's objects uncompressed. */
  g_assert_true (bytes_contain (pdf, "/Type /StructTreeRoot"));
  g_assert_true (bytes_contain (pdf, "/MarkInfo << /Marked true >>"));
  g_assert_false (bytes_contain (plain, "/StructTreeRoot"));

  structure = run_poppler_with ("pdfinfo", "-struct", pdf, FALSE);
  if (structure == NULL)
    {
      g_test_skip ("poppler's pdfinfo is not installed");
      return;
    }
  lines = g_strsplit (structure, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Document");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      const char *line = lines[i];
      gsize indent = strspn (line, " ");

      /* Everything is inside the document; a row in a table, a cell in a
       * row, an item in a list. */
      g_assert_cmpuint (indent, >=, 2);
      if (g_str_equal (line + indent, "TR"))
        g_assert_true (g_str_has_prefix (structure_parent (lines, i), "Table "));
      if (g_str_equal (line + indent, "TH") || g_str_equal (line + indent, "TD"))
        g_assert_cmpstr (structure_parent (lines, i), ==, "TR");
      if (g_str_has_prefix (line + indent, "LI "))
        g_assert_true (g_str_has_prefix (structure_parent (lines, i), "L "));
      n_h1 += g_str_has_prefix (line + indent, "H1 ");
      n_h2 += g_str_has_prefix (line + indent, "H2 ");
      n_p += g_str_has_prefix (line + indent, "P ");
      n_table += g_str_has_prefix (line + indent, "Table ");
      n_th += g_str_equal (line + indent, "TH");
      n_td += g_str_equal (line + indent, "TD");
      n_li += g_str_has_prefix (line + indent, "LI ");
    }
  g_test_message ("%u H1, %u H2, %u P, %u Table, %u TH, %u TD, %u LI", n_h1, n_h2, n_p, n_table, n_th, n_td, n_li);
  g_assert_cmpuint (n_h1, ==, 1);
  g_assert_cmpuint (n_h2, >=, 8);
  g_assert_cmpuint (n_p, >=, 10);
  g_assert_cmpuint (n_table, >=, 5);
  g_assert_cmpuint (n_th, >=, 3 * n_table);
  g_assert_cmpuint (n_td, >, n_th);
  g_assert_cmpuint (n_li, >=, 14);

  /* What each element holds: the title is the heading, a section's name
   * its own; a page's footer belongs to none. poppler shows an element's
   * text up to the first /ActualText span nested in it, here the space
   * the title wraps at: the title's second line is in the heading too
   * (/report/tagged/content reads it there). */
  structure_text = run_poppler_with ("pdfinfo", "-struct-text", pdf, FALSE);
  assert_contains (structure_text, "  H1 (block)\n    \"People operating model: where");
  assert_contains (structure_text, "  H2 (block)\n    \"Decision\"");
  assert_contains (structure_text, "      TD\n        \"Start with\"");
  assert_lacks (structure_text, "Page 2 of");

  text = run_poppler ("pdftotext", pdf, TRUE);
  plain_text = run_poppler ("pdftotext", plain, TRUE);
  assert_contains (text, "Projects and Programmes as Products");
  g_assert_cmpstr (text, ==, plain_text);
}

/* How many lines of @text start with @prefix. */
static guint
lines_starting (const char *text,
                const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

/* How many elements pdfinfo -struct shows for @pdf whose line is @name
 * with attributes ("L (block)"). */
static guint
structure_count (GBytes     *pdf,
                 const char *name)
{
  g_autofree char *structure = run_poppler_with ("pdfinfo", "-struct", pdf, FALSE);
  g_auto(GStrv) lines = g_strsplit (structure, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, " ", NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i] + strspn (lines[i], " "), prefix);
  return n;
}

/* A table cut by page breaks is one table for a screen reader: one Table
 * element whose rows go on from page to page, with its header row once;
 * the header repeated at the top of each new page is drawn (pdftotext sees
 * it) but is no row of the structure; and no footer is in it. A list cut
 * by page breaks is one list too. */
static void
test_report_tagged_long_table (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) short_pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *structure_text = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_tables = 0, n_rows = 0, n_header_rows = 0;

  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *action = g_strdup_printf ("Action %u: a pilot with one programme", i + 1);

      g_assert_nonnull (cr_workshop_add_action (workshop, action, "Maria Lindqvist", "2027-01-31", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *risk = g_strdup_printf ("Risk %u: the programmes drift apart again within a quarter "
                                               "without a shared backlog and a monthly review", i + 1);

      g_assert_nonnull (cr_workshop_add_note (workshop, "projects-as-products", CR_NOTE_RISK, risk, 0, &error));
    }
  pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_assert_no_error (error);
  structure = run_poppler_with ("pdfinfo", "-struct", pdf, FALSE);
  if (structure == NULL)
    {
      g_test_skip ("poppler's pdfinfo is not installed");
      return;
    }
  /* The header is drawn on every page the actions take (a page begins
   * with a form feed). */
  text = g_strdelimit (run_poppler ("pdftotext", pdf, TRUE), "\f", '\n');
  g_assert_cmpuint (lines_starting (text, "Action Owner Due"), >=, 3);

  lines = g_strsplit (structure, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i] + strspn (lines[i], " ");

      n_tables += g_str_has_prefix (line, "Table ");
      if (g_str_equal (line, "TR"))
        {
          n_rows++;
          n_header_rows += lines[i + 1] != NULL && g_str_equal (lines[i + 1] + strspn (lines[i + 1], " "), "TH");
        }
    }
  /* As many tables and rows as the Markdown export has, and a header row each. */
  markdown = export_text (workshop, CR_EXPORT_MARKDOWN);
  g_test_message ("%u Table, %u TR, %u with TH", n_tables, n_rows, n_header_rows);
  g_assert_cmpuint (n_tables, ==, lines_starting (markdown, "| --- "));
  g_assert_cmpuint (n_header_rows, ==, n_tables);
  g_assert_cmpuint (n_rows, ==, lines_starting (markdown, "| ") - n_tables);

  /* As many lists as when the risks took less than a page. */
  g_assert_no_error (error);
  g_assert_cmpuint (structure_count (pdf, "L"), ==, structure_count (short_pdf, "L"));

  structure_text = run_poppler_with ("pdfinfo", "-struct-text", pdf, FALSE);
  assert_contains (structure_text, "\"Action 80: a pilot with one programme\"");
  assert_lacks (structure_text, "Page ");
}

/* The pages' content streams read as ISO 32000 reads them (marked content
 * nests): both lines of the cover's wrapped title are inside the heading's
 * marked content, with cairo's /ActualText span for the space it breaks at
 * nested between them (poppler's pdfinfo -struct-text ends the heading's
 * text at that span's EMC, and shows the first line only); the cover has
 * no text outside an element; where cairo marks artifacts, no page has
 * text outside both an element and an artifact. cairo 1.16 marks none:
 * there the footers' text is outside every element, so in no structure. */
static void
test_report_tagged_content (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree guint *unmarked = NULL;
  guint n_artifacts = 0, heading_lines = 0, heading_spans = 0;

  g_assert_no_error (error);
  pages = cr_test_pdf_content_streams (pdf);
  g_assert_cmpuint (pages->len, >=, 5);
  unmarked = g_new0 (guint, pages->len);
  for (guint p = 0; p < pages->len; p++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (pages, p), "\n", -1);
      g_autoptr(GPtrArray) marks = g_ptr_array_new ();

      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *line = lines[i];
          gboolean marked = FALSE;

          if (g_str_has_suffix (line, " BDC") || g_str_has_suffix (line, " BMC"))
            {
              g_ptr_array_add (marks, (gpointer) line);
              n_artifacts += g_str_has_prefix (line, "/Artifact ");
              if (p == 0 && marks->len > 1 && g_str_has_prefix (g_ptr_array_index (marks, 0), "/H1 "))
                heading_spans++;
              continue;
            }
          if (g_str_equal (line, "EMC"))
            {
              g_assert_cmpuint (marks->len, >, 0);
              g_ptr_array_set_size (marks, marks->len - 1);
              continue;
            }
          if (!g_str_has_suffix (line, "Tj") && !g_str_has_suffix (line, "TJ"))
            continue;
          for (guint m = 0; m < marks->len; m++)
            marked |= strstr (g_ptr_array_index (marks, m), "/MCID ") != NULL ||
                      g_str_has_prefix (g_ptr_array_index (marks, m), "/Artifact ");
          unmarked[p] += !marked;
          if (p == 0 && marks->len > 0 && g_str_has_prefix (g_ptr_array_index (marks, 0), "/H1 "))
            heading_lines++;
        }
      g_assert_cmpuint (marks->len, ==, 0);
    }
  g_assert_cmpuint (heading_lines, ==, 2);
  g_assert_cmpuint (heading_spans, >=, 1);
  g_assert_cmpuint (unmarked[0], ==, 0);
  for (guint p = 1; p < pages->len; p++)
    if (n_artifacts > 0)
      g_assert_cmpuint (unmarked[p], ==, 0);
    else
      g_assert_cmpuint (unmarked[p], >, 0);
  g_test_message ("cairo %s: %u artifacts", cairo_version_string (), n_artifacts);
}

typedef struct
{
  GArray   *fractions;
  gboolean  done;
  gboolean  ok;
} ProgressLog;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ProgressLog *log = user_data;
  g_autoptr(GError) error = NULL;

  log->ok = cr_export_to_file_finish (CR_WORKSHOP (object), result, &error);
  g_assert_no_error (error);
  log->done = TRUE;
}

static void
test_report_progress (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autofree char *path = cr_test_tmp_path ("report.pdf");
  g_autofree char *contents = NULL;
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (double)), FALSE, FALSE };
  gsize length;
  double previous = 0;
  gboolean between = FALSE;

  cr_export_to_file_with_progress_async (workshop, CR_EXPORT_PDF, path,
                                         on_progress, &log, NULL, NULL, on_exported, &log);
  /* Nothing is written on this thread: the call returns at once */
  g_assert_false (log.done);
  while (!log.done)
    g_main_context_iteration (NULL, TRUE);
  /* Updates queued before the result are delivered before it or dropped */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (log.ok);
  g_assert_cmpuint (log.fractions->len, >=, 3);
  for (guint i = 0; i < log.fractions->len; i++)
    {
      double f = g_array_index (log.fractions, double, i);

      g_assert_cmpfloat (f, >=, previous);
      g_assert_cmpfloat (f, <=, 1.0);
      between |= f > 0.0 && f < 1.0;
      previous = f;
    }
  g_assert_true (between);
  g_assert_cmpfloat (previous, ==, 1.0);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_array_unref (log.fractions);
}

/* The HTML carries the same charts inline as SVG: well-formed, with ids of
 * their own, under the same Content-Security-Policy. */
static void
test_report_html (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autofree char *html = export_text (workshop, CR_EXPORT_HTML);
  const char *p;
  guint n = 0;

  assert_contains (html, "content=\"default-src 'none'; style-src 'unsafe-inline'\"");
  assert_lacks (html, "<script");
  assert_lacks (html, "<?xml");
  /* Four revealed rounds, one change and the gap */
  g_assert_cmpuint (cr_test_count_of (html, "<figure class=\"chart\""), ==, 6);
  g_assert_cmpuint (cr_test_count_of (html, "<svg"), ==, 6);
  assert_contains (html, "aria-label=\"Round 1 of “Which model is closest to how we work today?”: "
                         "Productised HR as a Service, 4 of 7 votes (57 %)");

  for (p = strstr (html, "<svg"); p != NULL; p = strstr (p + 1, "<svg"))
    {
      const char *end = strstr (p, "</svg>");
      g_autofree char *svg = NULL;
      g_autofree char *own = g_strdup_printf ("id=\"cr%u-", n);
      g_autofree char *other = g_strdup_printf ("id=\"cr%u-", n + 1);
      GMarkupParser parser = { 0 };
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (end);
      svg = g_strndup (p, end + strlen ("</svg>") - p);
      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);

      /* Glyphs are drawn, so the chart's ids are its own */
      assert_contains (svg, own);
      assert_lacks (svg, other);
      assert_lacks (svg, "id=\"glyph");
      n++;
    }
  g_assert_cmpuint (n, ==, 6);
}

/* ---- Nothing leaks before Reveal --------------------------------------------- */

static const char * const seats[] = {
  "Quillon Abernathy", "Rosalind Vexley", "Tobiah Marchetti", "Ulrika Stenqvist",
  "Valentin Oyelaran", "Wilhelmina Castellanos", "Xavier Delacroix-Nunn",
};

static const CrExportFormat all_formats[] = { CR_EXPORT_MARKDOWN, CR_EXPORT_CSV, CR_EXPORT_HTML,
                                               CR_EXPORT_JSON, CR_EXPORT_PDF };

/* What every export of the workshop may say while its round 1 is open. */
static void
assert_open_round_hidden (CrWorkshop *workshop)
{
  g_autoptr(GError) error = NULL;

  for (guint f = 0; f < G_N_ELEMENTS (all_formats); f++)
    {
      g_autofree char *text = export_text (workshop, all_formats[f]);

      if (text == NULL)
        {
          g_test_message ("pdftotext is not installed: the PDF is not read back");
          continue;
        }
      g_test_message ("before Reveal: %s", cr_export_format_to_string (all_formats[f]));
      /* No count, share or chart of the open round */
      assert_lacks (text, "85.7");
      assert_lacks (text, "86 %");
      assert_lacks (text, "6 votes");
      assert_lacks (text, "14.3");
      assert_lacks (text, "<figure");
      /* No vote: a vote would name its voter beside its option */
      if (all_formats[f] == CR_EXPORT_CSV)
        for (guint i = 0; i < G_N_ELEMENTS (seats); i++)
          assert_lacks (text, seats[i]);
      if (all_formats[f] == CR_EXPORT_JSON)
        {
          g_autoptr(JsonNode) root = json_from_string (text, &error);
          JsonObject *w, *results;
          JsonObject *r;

          g_assert_no_error (error);
          /* The bundle keeps the open round's votes, not revealed, to move
           * the workshop mid-round... */
          w = json_object_get_object_member (json_node_get_object (root), "workshop");
          r = json_array_get_object_element (json_object_get_array_member (w, "rounds"), 0);
          g_assert_false (json_object_get_boolean_member (r, "revealed"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "votes")), ==,
                            G_N_ELEMENTS (seats));
          /* ...and its results have neither the votes nor a tally */
          results = json_object_get_object_member (json_node_get_object (root), "results");
          r = json_array_get_object_element (json_object_get_array_member (results, "rounds"), 0);
          g_assert_false (json_object_get_boolean_member (r, "revealed"));
          g_assert_false (json_object_has_member (r, "options"));
          g_assert_false (json_object_has_member (r, "votes"));
          g_assert_false (json_object_has_member (r, "participants"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (results, "changes")), ==, 0);
        }
      /* ...and each says the round is open */
      else
        assert_contains (text, "Round 1 is still open");
    }

}

static void
test_no_leak (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) workshop = NULL;
  CrRound *round;

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, "Leak check", "Initech", "Fran",
                                 "2026-11-20", "People", &error);
  g_assert_no_error (error);

  /* Six of seven on px, one on hr: 6 votes, 85.7 %, 86 % in a chart */
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (seats); i++)
    {
      CrParticipant *p = cr_workshop_add_participant (workshop, seats[i], "", &error);
      CrVote vote = { cr_participant_get_id (p),
                      g_intern_static_string (i == 0 ? "hr-as-a-service" : "px-as-a-product"),
                      NULL, 1 };

      g_assert_no_error (error);
      g_assert_true (cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error));
      g_assert_no_error (error);
    }

  assert_open_round_hidden (workshop);

  /* Moved to another laptop mid-round: the same open round, hidden the same. */
  {
    g_autoptr(CrStore) other = cr_test_new_store ();
    g_autofree char *bundle = cr_bundle_export_string (workshop);
    g_autoptr(GBytes) bytes = g_bytes_new (bundle, strlen (bundle));
    g_autoptr(CrWorkshop) moved = NULL;
    g_autoptr(CrRound) open = NULL;
    gint64 id = cr_bundle_import (other, bytes, &error);
    guint n_votes = 0;

    g_assert_no_error (error);
    moved = cr_workshop_load (other, id, &error);
    g_assert_no_error (error);
    open = g_list_model_get_item (cr_workshop_get_rounds (moved), 0);
    g_assert_false (cr_round_get_revealed (open));
    cr_round_get_votes (open, &n_votes);
    g_assert_cmpuint (n_votes, ==, G_N_ELEMENTS (seats));
    assert_open_round_hidden (moved);
  }

  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (all_formats); f++)
    {
      g_autofree char *text = export_text (workshop, all_formats[f]);

      if (text == NULL)
        continue;
      g_test_message ("after Reveal: %s", cr_export_format_to_string (all_formats[f]));
      assert_lacks (text, "still open");
      switch (all_formats[f])
        {
        case CR_EXPORT_MARKDOWN:
          assert_contains (text, "| People Experience as a Product | 6 | 85.7 % |");
          break;
        case CR_EXPORT_HTML:
          assert_contains (text, "85.7 %");
          assert_contains (text, "<figure class=\"chart\"");
          break;
        case CR_EXPORT_PDF:
          assert_contains (text, "85.7 %");
          /* the chart's own number */
          assert_contains (text, "6 of 7 votes · 86 %");
          break;
        case CR_EXPORT_CSV:
          for (guint i = 0; i < G_N_ELEMENTS (seats); i++)
            assert_contains (text, seats[i]);
          break;
        case CR_EXPORT_JSON:
          assert_contains (text, "\"share\": 0.8571");
          g_assert_cmpuint (cr_test_count_of (text, "\"participant\": \"p"), ==, 7);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* ---- Layout: blocks that belong together stay together ------------------------- */

/* Text without its spaces and hyphens: a sentence reads the same
 * whatever its line breaks, and pdftotext's joining of "end-to-" and "end". */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isspace (*c) && *c != '-')
      g_string_append_c (out, *c);
  return g_string_free (out, FALSE);
}

/* The pages of a PDF as squeezed text. */
static GPtrArray *
pages_of (GBytes *pdf)
{
  g_autofree char *text = run_poppler ("pdftotext", pdf, TRUE);
  g_auto(GStrv) pages = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    return out;
  pages = g_strsplit (text, "\f", -1);
  for (guint p = 0; pages[p] != NULL; p++)
    g_ptr_array_add (out, squeeze (pages[p]));
  /* pdftotext ends the last page with a form feed too */
  if (out->len > 0 && *(char *) g_ptr_array_index (out, out->len - 1) == '\0')
    g_ptr_array_remove_index (out, out->len - 1);
  return out;
}

/* The page @needle is on whole, or -1 (then it is on none, or split). */
static int
page_with (GPtrArray  *pages,
           const char *needle)
{
  g_autofree char *squeezed = squeeze (needle);

  for (guint p = 0; p < pages->len; p++)
    if (strstr (g_ptr_array_index (pages, p), squeezed) != NULL)
      return (int) p;
  return -1;
}

static guint
occurrences (GPtrArray  *pages,
             const char *needle)
{
  g_autofree char *squeezed = squeeze (needle);
  guint n = 0;

  for (guint p = 0; p < pages->len; p++)
    for (const char *at = g_ptr_array_index (pages, p); (at = strstr (at, squeezed)) != NULL; at++)
      n++;
  return n;
}

static void
test_report_layout (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = import_report (store);
  g_autoptr(CrRecommendation) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  /* Each round's heading, a number of its chart and one of its table */
  static const char * const rounds[][3] = {
    { "Round 1: Which model is closest to how we work today?", "4 of 7 votes · 57 %", "57.1 %" },
    { "Round 2: Which model is closest to how we work today?", "3 of 7 votes · 43 %", "42.9 %" },
    { "Round 1: Where do we want to be?", "12 of 21 dots · 57 %", "Dots Share" },
    { "Round 1: How well does each model fit our context?", "Impact on business strategy", "3.5 ± 0.1" },
  };

  /* A cover date with a one-digit day, and enough long notes (bullets) that
   * many pages end inside the list. */
  g_assert_true (cr_workshop_set_details (workshop, cr_workshop_get_title (workshop),
                                          cr_workshop_get_organisation (workshop),
                                          cr_workshop_get_facilitator (workshop), "2026-03-05",
                                          cr_workshop_get_function_name (workshop), &error));
  for (guint i = 0; i < 45; i++)
    {
      char *text = g_strdup_printf ("Note %u: the squads would need a product owner each, a shared backlog "
                                    "across the People team and a monthly review with the leadership team, "
                                    "or the programmes drift apart again within a quarter, said the room %u.",
                                    i + 1, i + 1);

      g_assert_nonnull (cr_workshop_add_note (workshop, "projects-as-products", CR_NOTE_RISK, text, 0, &error));
      g_ptr_array_add (notes, text);
    }

  pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_assert_no_error (error);
  pages = pages_of (pdf);
  if (pages->len == 0)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_cmpuint (pages->len, >=, 8);

  /* No stray space before the cover's date */
  {
    g_autofree char *text = run_poppler ("pdftotext", pdf, TRUE);

    g_assert_nonnull (strstr (text, "5 March 2026"));
    g_assert_null (strstr (text, "  5 March"));
    g_assert_null (strstr (text, "\n 5 March"));
  }

  /* A bullet is never split across two pages */
  for (guint i = 0; i < notes->len; i++)
    if (page_with (pages, g_ptr_array_index (notes, i)) < 0)
      g_error ("the bullet \"%s\" is split across pages", (char *) g_ptr_array_index (notes, i));

  /* A round's chart and its table are on its heading's page */
  for (guint r = 0; r < G_N_ELEMENTS (rounds); r++)
    {
      int page = page_with (pages, rounds[r][0]);
      g_autofree char *heading = squeeze (rounds[r][0]);
      g_autofree char *chart = squeeze (rounds[r][1]);
      g_autofree char *table = squeeze (rounds[r][2]);
      const char *at;

      g_assert_cmpint (page, >=, 0);
      at = strstr (g_ptr_array_index (pages, page), heading);
      if (strstr (at, chart) == NULL || strstr (at, table) == NULL)
        g_error ("page %d: \"%s\" without its chart or table", page + 1, rounds[r][0]);
    }

  /* Each reason of the fit with your context once */
  rec = cr_recommend_workshop (workshop);
  g_assert_cmpuint (rec->rules->len, >=, 5);
  for (guint r = 0; r < rec->rules->len; r++)
    {
      const CrRule *rule = g_ptr_array_index (rec->rules, r);

      if (occurrences (pages, rule->reason) != 1)
        {
          for (guint p = 0; p < pages->len; p++)
            g_test_message ("page %u: %s", p + 1, (char *) g_ptr_array_index (pages, p));
          g_error ("\"%s\" is printed %u times", rule->reason, occurrences (pages, rule->reason));
        }
    }

  /* No page after the cover is nearly empty: at least a few lines above its footer */
  for (guint p = 1; p < pages->len; p++)
    g_assert_cmpuint (strlen (g_ptr_array_index (pages, p)), >, 160);
}

/* A section with nothing in it is left out, not printed empty. */
/* A workshop in @store where Ana alone voted in round 1 of "current",
 * for Projects and Programmes as Products, revealed. */
static CrWorkshop *
one_vote_workshop (CrStore    *store,
                   const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  CrWorkshop *workshop;
  CrParticipant *ana;
  CrRound *round;
  CrVote vote = { 0, "projects-as-products", NULL, 1 };

  g_assert_no_error (error);
  workshop = cr_workshop_create (store, template, title, "Acme", "Sam", "2026-03-14", "People", &error);
  g_assert_no_error (error);
  ana = cr_workshop_add_participant (workshop, "Ana", "", &error);
  vote.participant_id = cr_participant_get_id (ana);
  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_true (cr_workshop_record_votes (workshop, round, vote.participant_id, &vote, 1, &error));
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);
  return workshop;
}

static void
test_report_empty_sections (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = one_vote_workshop (store, "One round");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *md = NULL;

  md = export_text (workshop, CR_EXPORT_MARKDOWN);
  assert_lacks (md, "Change between rounds");
  assert_lacks (md, "## Decision");
  pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);
  g_assert_no_error (error);
  pages = pages_of (pdf);
  if (pages->len == 0)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_cmpuint (occurrences (pages, "Change between rounds"), ==, 0);
  g_assert_cmpuint (occurrences (pages, "Round 1: Which model is closest"), ==, 1);
}

/* A question asked again where nobody voted the second time: every
 * format says so, with the line the chart and the room print ("100 % →
 * no votes in round 2"), never a fall to 0 % nor a change of −100. */
static void
test_report_empty_round (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrWorkshop) workshop = one_vote_workshop (store, "Asked again");
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  CrRound *round;

  round = cr_workshop_open_round (workshop, "current", &error);
  g_assert_true (cr_workshop_reveal_round (workshop, round, &error));
  g_assert_no_error (error);

  md = export_text (workshop, CR_EXPORT_MARKDOWN);
  assert_contains (md, "\n## Change between rounds\n");
  assert_contains (md, "Nobody voted in round 2.");
  assert_contains (md, "| Projects and Programmes as Products | 100 % → no votes in round 2 |");
  assert_contains (md, "| Productised HR as a Service | 0 % → no votes in round 2 |");
  assert_lacks (md, "-100.0");
  /* Today is round 2, where nobody voted: said in the gap's table too. */
  assert_contains (md, "| Projects and Programmes as Products | no votes in round 2 | — | — |");
  html = export_text (workshop, CR_EXPORT_HTML);
  assert_contains (html, "Nobody voted in round 2.");
  assert_contains (html, "100 % → no votes in round 2");
  assert_contains (html, "nobody voted in round 2; ");
  assert_lacks (html, "-100.0");
  pdf = export_text (workshop, CR_EXPORT_PDF);
  if (pdf == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_contains (pdf, "Nobody voted in round 2.");
  assert_contains (pdf, "100 % → no votes in round 2");
  assert_lacks (pdf, "−100 pts");
  assert_lacks (pdf, "-100.0");
}

/* Seven long criteria and a round nobody voted in (tests/bundles/
 * chart-edges.json): the PDF numbers the grid's columns and gives each
 * criterion whole in its key, and says which round had no votes. */
static void
test_report_chart_edges (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrWorkshop) workshop = cr_test_import_fixture (store, "chart-edges.json");
  g_autofree char *pdf = export_text (workshop, CR_EXPORT_PDF);
  const char *whole[] = {
    "1 Centred on employees and their managers", "2 Impact on the business strategy for 2027",
    "3 Speed of delivery of the first useful change", "4 Feasible for our team with its current skills",
    "5 Affordable change (5: cheap to change, 1: costly)", "6 Fits the works council agreement",
    "7 Supported by the leadership team and the board",
    "43 % → no votes in round 3", "Nobody voted in round 3.", "no votes in round 3 → 10 %",
  };

  if (pdf == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    assert_contains (pdf, whole[i]);
  assert_lacks (pdf, "In full:");
  assert_lacks (pdf, "…");
}

/* ---- A re-run's review of last time's actions ------------------------------- */

/* The re-run's reports say what became of each action agreed last time,
 * with the outcome; the first workshop's own actions say so once marked. */
static void
test_report_review (void)
{
  static const CrExportFormat formats[] = { CR_EXPORT_MARKDOWN, CR_EXPORT_HTML, CR_EXPORT_PDF };
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) spring = NULL;
  g_autoptr(CrWorkshop) autumn = NULL;
  g_autoptr(CrAction) pilots = NULL;
  g_autoptr(CrAction) hire = NULL;
  g_autoptr(CrAction) budget = NULL;

  spring = cr_workshop_create (store, template, "Spring review", "Contoso", "Sam", "2025-03-14", "People", &error);
  g_assert_no_error (error);
  cr_workshop_add_action (spring, "Run two pilots", "Ana", "2025-06-30", &error);
  cr_workshop_add_action (spring, "Hire a service designer", "Ben", NULL, &error);
  cr_workshop_add_action (spring, "Agree a budget line", "", NULL, &error);
  g_assert_no_error (error);

  /* Nothing said of any action yet: no column for it in the first workshop's report. */
  {
    g_autofree char *md = export_text (spring, CR_EXPORT_MARKDOWN);

    assert_contains (md, "| Action | Owner | Due |\n");
    assert_lacks (md, "Last Time’s Actions");
  }

  autumn = cr_workshop_rerun (spring, "Autumn review", "2025-10-02", &error);
  g_assert_no_error (error);
  pilots = g_list_model_get_item (cr_workshop_get_review (autumn), 0);
  hire = g_list_model_get_item (cr_workshop_get_review (autumn), 1);
  budget = g_list_model_get_item (cr_workshop_get_review (autumn), 2);
  g_assert_true (cr_workshop_set_action_status (autumn, pilots, CR_ACTION_DONE, "Both ran; onboarding scaled", &error));
  g_assert_true (cr_workshop_set_action_status (autumn, hire, CR_ACTION_DROPPED, "Frozen hiring", &error));
  g_assert_true (cr_workshop_set_action_status (autumn, budget, CR_ACTION_OPEN, "Waiting for Q1", &error));
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *text = export_text (autumn, formats[f]);

      if (text == NULL)
        {
          g_test_message ("pdftotext is not installed: the PDF is not read back");
          continue;
        }
      g_test_message ("review in %s", cr_export_format_to_string (formats[f]));
      assert_contains (text, "Last Time’s Actions");
      assert_contains (text, "1 done, 1 dropped, 1 still open.");
      assert_contains (text, "Both ran; onboarding scaled");
      assert_contains (text, "Frozen hiring");
      assert_contains (text, "Waiting for Q1");
      assert_contains (text, "Dropped");
      if (formats[f] == CR_EXPORT_MARKDOWN)
        {
          assert_contains (text, "| Action | Owner | Due | Status | Outcome |\n");
          assert_contains (text, "| Run two pilots | Ana | 2025-06-30 | Done | Both ran; onboarding scaled |\n");
          assert_contains (text, "| Agree a budget line |  | — | Open | Waiting for Q1 |\n");
        }
    }

  /* The first workshop's report is its own: nothing of the review. */
  {
    g_autofree char *md = export_text (spring, CR_EXPORT_MARKDOWN);

    assert_lacks (md, "Frozen hiring");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/sections", test_report_sections);
  g_test_add_func ("/report/changes-add-up", test_report_changes_add_up);
  g_test_add_func ("/report/pages", test_report_pages);
  g_test_add_func ("/report/tagged", test_report_tagged);
  g_test_add_func ("/report/tagged/long-table", test_report_tagged_long_table);
  g_test_add_func ("/report/tagged/content", test_report_tagged_content);
  g_test_add_func ("/report/layout", test_report_layout);
  g_test_add_func ("/report/empty-sections", test_report_empty_sections);
  g_test_add_func ("/report/empty-round", test_report_empty_round);
  g_test_add_func ("/report/chart-edges", test_report_chart_edges);
  g_test_add_func ("/report/progress", test_report_progress);
  g_test_add_func ("/report/html", test_report_html);
  g_test_add_func ("/report/no-leak", test_no_leak);
  g_test_add_func ("/report/review", test_report_review);

  return g_test_run ();
}
