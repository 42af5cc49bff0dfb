/* test-export.c: the summary exports, on a real workshop in a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-bundle.h"
#include "cr-export.h"
#include "cr-limits.h"
#include "cr-output.h"
#include "cr-recommend.h"
#include "cr-test-util.h"
#include "cr-workshop.h"

#define RLO "\xE2\x80\xAE"   /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define PDF_MARK "\xE2\x80\xAC" /* U+202C POP DIRECTIONAL FORMATTING */
#define ROCKET "\xF0\x9F\x9A\x80"

#define HOSTILE_SCRIPT "<script>alert(1)</script>"
#define HOSTILE_DDE "=cmd|' /C calc'!A0"
#define BIG_CHUNK "Lorem <b>ipsum</b> | dolor = sit; "

typedef struct
{
  CrStore    *store;
  CrWorkshop *workshop;
  char       *big;           /* the 1 MB note, or NULL */
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->workshop);
  g_clear_object (&f->store);
  g_clear_pointer (&f->big, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static void
set_number (CrWorkshop *workshop,
            const char *field,
            double      number)
{
  g_autoptr(GError) error = NULL;
  CrContextValue value = { TRUE, number, NULL };

  g_assert_true (cr_workshop_set_context (workshop, field, &value, &error));
  g_assert_no_error (error);
}

static void
set_choice (CrWorkshop *workshop,
            const char *field,
            const char *choice)
{
  g_autoptr(GError) error = NULL;
  CrContextValue value = { FALSE, 0, (char *) choice };

  g_assert_true (cr_workshop_set_context (workshop, field, &value, &error));
  g_assert_no_error (error);
}

static void
add_note (CrWorkshop    *workshop,
          const char    *option,
          CrNoteKind     kind,
          const char    *text,
          CrParticipant *who)
{
  g_autoptr(GError) error = NULL;
  CrNote *note = cr_workshop_add_note (workshop, option, kind, text,
                                       who != NULL ? cr_participant_get_id (who) : 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
}

static void
vote (CrWorkshop    *workshop,
      CrRound       *round,
      CrParticipant *who,
      const CrVote  *votes,
      guint          n_votes)
{
  g_autoptr(GError) error = NULL;
  g_autofree CrVote *copy = g_memdup2 (votes, sizeof (CrVote) * n_votes);
  gint64 id = who != NULL ? cr_participant_get_id (who) : 0;

  /* The fixture writes votes without their participant; fill it in. */
  for (guint i = 0; i < n_votes; i++)
    copy[i].participant_id = id;
  g_assert_true (cr_workshop_record_votes (workshop, round, id, copy, n_votes, &error));
  g_assert_no_error (error);
}

static void
score_all (CrWorkshop    *workshop,
           CrRound       *round,
           CrParticipant *who,
           const int      per_option[3])
{
  static const char * const options[] = { "hr-as-a-service", "projects-as-products", "px-as-a-product" };
  static const char * const criteria[] = { "user-centricity", "strategic-impact", "speed",
                                           "feasibility", "cost-of-change" };
  CrVote votes[15];

  for (guint o = 0; o < 3; o++)
    for (guint c = 0; c < 5; c++)
      votes[o * 5 + c] = (CrVote) { cr_participant_get_id (who), options[o], criteria[c], per_option[o] };
  vote (workshop, round, who, votes, G_N_ELEMENTS (votes));
}

/* The workshop every test exports: participants (named, an anonymous seat,
 * a hostile name), context, notes with hostile text, four revealed rounds of
 * every method including shows of hands, one open round, and actions.
 * Numbers in the comments are what the summary must show. */
static void
fixture_init (Fixture  *f,
              gboolean  with_big)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  /* Owned by the workshop, like the rounds. */
  CrParticipant *ana, *seat, *hostile, *ben;
  CrRound *current1, *current2, *target1, *fit1, *target2;

  g_assert_no_error (error);
  f->store = cr_test_new_store ();
  f->workshop = cr_workshop_create (f->store, template, "Spring offsite", "Acme & Söhne",
                                    "Fran Okafor", "2024-05-14", "People Experience", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->workshop);

  ana = cr_workshop_add_participant (f->workshop, "Ana Silva", "Chief People Officer", &error);
  g_assert_no_error (error);
  seat = cr_workshop_add_participant (f->workshop, NULL, "", &error);
  g_assert_no_error (error);
  hostile = cr_workshop_add_participant (f->workshop, HOSTILE_DDE, "<b>role</b>", &error);
  g_assert_no_error (error);
  ben = cr_workshop_add_participant (f->workshop, "Ben", "CFO", &error);
  g_assert_no_error (error);
  /* Three seats who only ever raise their hands: hands count only the
   * people without a ballot. */
  for (guint i = 0; i < 3; i++)
    {
      cr_workshop_add_participant (f->workshop, NULL, "", &error);
      g_assert_no_error (error);
    }

  set_number (f->workshop, "headcount", 1200);
  set_choice (f->workshop, "stage", "enterprise");
  set_choice (f->workshop, "positioning", "support");
  set_number (f->workshop, "team_size", 12);
  set_number (f->workshop, "team_maturity", 2);
  set_choice (f->workshop, "team_makeup", "siloed-specialists");
  set_choice (f->workshop, "leader_mindset", "procurement");

  add_note (f->workshop, "hr-as-a-service", CR_NOTE_STRENGTH, HOSTILE_SCRIPT, ana);
  add_note (f->workshop, "hr-as-a-service", CR_NOTE_RISK, "Agile theatre on top of waterfall", seat);
  add_note (f->workshop, "hr-as-a-service", CR_NOTE_QUESTION, "line one\nline two", NULL);
  add_note (f->workshop, "projects-as-products", CR_NOTE_STRENGTH, HOSTILE_DDE, hostile);
  add_note (f->workshop, "projects-as-products", CR_NOTE_RISK, "+1", NULL);
  add_note (f->workshop, "projects-as-products", CR_NOTE_QUESTION, "-2", NULL);
  add_note (f->workshop, "px-as-a-product", CR_NOTE_STRENGTH, "@SUM(A1:A9)", NULL);
  add_note (f->workshop, "px-as-a-product", CR_NOTE_STRENGTH, "abc" RLO "def", NULL);
  add_note (f->workshop, "px-as-a-product", CR_NOTE_RISK, "a | b | c", NULL);
  add_note (f->workshop, "px-as-a-product", CR_NOTE_QUESTION, "`rm -rf /`", NULL);
  add_note (f->workshop, "px-as-a-product", CR_NOTE_QUESTION, ROCKET " launch", NULL);
  if (with_big)
    {
      g_autoptr(GString) big = g_string_new (NULL);

      while (big->len < 1024 * 1024)
        g_string_append (big, BIG_CHUNK);
      g_string_append (big, "THE END");
      f->big = g_string_free (g_steal_pointer (&big), FALSE);
      add_note (f->workshop, "hr-as-a-service", CR_NOTE_RISK, f->big, NULL);
    }

  /* current, round 1: hr 3 (42.9 %), projects 3 (42.9 %), px 1 (14.3 %) */
  current1 = cr_test_open_round (f->workshop, "current");
  vote (f->workshop, current1, ana, &(CrVote) { 0, "hr-as-a-service", NULL, 1 }, 1);
  vote (f->workshop, current1, seat, &(CrVote) { 0, "projects-as-products", NULL, 1 }, 1);
  vote (f->workshop, current1, hostile, &(CrVote) { 0, "hr-as-a-service", NULL, 1 }, 1);
  vote (f->workshop, current1, ben, &(CrVote) { 0, "hr-as-a-service", NULL, 1 }, 1);
  vote (f->workshop, current1, NULL, (CrVote[]) { { 0, "projects-as-products", NULL, 2 },
                                                  { 0, "px-as-a-product", NULL, 1 } }, 2);
  cr_test_reveal (f->workshop, current1);

  /* current, round 2: hr 1 (20.0 %), projects 3 (60.0 %), px 1 (20.0 %) */
  current2 = cr_test_open_round (f->workshop, "current");
  g_assert_cmpuint (cr_round_get_number (current2), ==, 2);
  vote (f->workshop, current2, ana, &(CrVote) { 0, "projects-as-products", NULL, 1 }, 1);
  vote (f->workshop, current2, seat, &(CrVote) { 0, "projects-as-products", NULL, 1 }, 1);
  vote (f->workshop, current2, hostile, &(CrVote) { 0, "hr-as-a-service", NULL, 1 }, 1);
  vote (f->workshop, current2, ben, &(CrVote) { 0, "px-as-a-product", NULL, 1 }, 1);
  vote (f->workshop, current2, NULL, &(CrVote) { 0, "projects-as-products", NULL, 1 }, 1);
  cr_test_reveal (f->workshop, current2);

  /* target, round 1: px 7 dots (70.0 %), projects 2 (20.0 %), hr 1 (10.0 %) */
  target1 = cr_test_open_round (f->workshop, "target");
  vote (f->workshop, target1, ana, (CrVote[]) { { 0, "px-as-a-product", NULL, 2 },
                                                { 0, "projects-as-products", NULL, 1 } }, 2);
  vote (f->workshop, target1, seat, &(CrVote) { 0, "px-as-a-product", NULL, 3 }, 1);
  vote (f->workshop, target1, ben, (CrVote[]) { { 0, "projects-as-products", NULL, 1 },
                                                { 0, "hr-as-a-service", NULL, 1 } }, 2);
  vote (f->workshop, target1, NULL, &(CrVote) { 0, "px-as-a-product", NULL, 2 }, 1);
  cr_test_reveal (f->workshop, target1);

  /* fit, round 1: hr 3.0 ± 1.0, projects 4.0 ± 0.0, px 4.0 ± 1.0 on
   * every criterion and overall */
  fit1 = cr_test_open_round (f->workshop, "fit");
  score_all (f->workshop, fit1, ana, (const int[]) { 2, 4, 5 });
  score_all (f->workshop, fit1, ben, (const int[]) { 4, 4, 3 });
  cr_test_reveal (f->workshop, fit1);

  /* target, round 2, still open: were it shown, hr would have 100.0 % */
  target2 = cr_test_open_round (f->workshop, "target");
  vote (f->workshop, target2, ana, &(CrVote) { 0, "hr-as-a-service", NULL, 3 }, 1);
  vote (f->workshop, target2, seat, &(CrVote) { 0, "hr-as-a-service", NULL, 3 }, 1);
  vote (f->workshop, target2, ben, &(CrVote) { 0, "hr-as-a-service", NULL, 3 }, 1);
  vote (f->workshop, target2, NULL, &(CrVote) { 0, "hr-as-a-service", NULL, 4 }, 1);

  g_assert_nonnull (cr_workshop_add_action (f->workshop, "Draft the first people product brief",
                                            "Ana Silva", "2024-06-01", &error));
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_action (f->workshop, "=HYPERLINK(\"http://evil.example\",\"x\")",
                                            "@owner", NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cr_workshop_add_action (f->workshop, "Pilot | squads\nwith `ticks`",
                                            "-Ben-", "2024-07-15", &error));
  g_assert_no_error (error);
}

static char *
export_text (CrWorkshop     *workshop,
             CrExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cr_export_to_bytes (workshop, format, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_true (g_utf8_validate_len (data, size, NULL));
  /* No NUL inside a text export. */
  g_assert_cmpuint (strlen (data != NULL ? data : ""), <=, size);
  return g_strndup (data, size);
}

static const char *
question_prompt (CrWorkshop *workshop,
                 const char *id)
{
  const CrQuestion *question = cr_template_find_question (cr_workshop_get_template (workshop), id);

  g_assert_nonnull (question);
  return question->prompt;
}

/* The text from @start up to the next line that starts with @stop. */
static char *
section (const char *text,
         const char *start,
         const char *stop)
{
  const char *begin = strstr (text, start);
  const char *end;

  g_assert_nonnull (begin);
  end = begin + strlen (start);
  while ((end = strstr (end, stop)) != NULL && end[-1] != '\n')
    end++;
  return end != NULL ? g_strndup (begin, end - begin) : g_strdup (begin);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find “%s” in the export", needle);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in the export", needle);
}

/* ------------------------------------------------------------------------ */

static void
test_format_names (void)
{
  static const char * const names[] = { "md", "csv", "html", "json", "pdf" };
  CrExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (cr_export_format_from_string (names[i], &format));
      g_assert_cmpstr (cr_export_format_to_string (format), ==, names[i]);
      g_assert_cmpstr (cr_export_format_extension (format), ==, names[i]);
      g_assert_true (cr_export_format_is_text (format) == (format != CR_EXPORT_PDF));
    }
  g_assert_false (cr_export_format_from_string ("docx", &format));
  g_assert_false (cr_export_format_from_string ("MD", &format));
  g_assert_false (cr_export_format_from_string ("", &format));
}

static void
test_escape_markdown (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { HOSTILE_SCRIPT, "\\<script\\>alert(1)\\</script\\>" },
    { HOSTILE_DDE, "\\=cmd\\|' /C calc'!A0" },
    { "+1", "\\+1" },
    { "-2", "\\-2" },
    { "1. not a list", "1\\. not a list" },
    { "# not a heading", "\\# not a heading" },
    { "[link](javascript:x)", "\\[link\\](javascript:x)" },
    { "12) twelve", "12\\) twelve" },
    { "a - b. c+d (e)!", "a - b. c+d (e)!" },
    { "*bold* _em_ ~strike~", "\\*bold\\* \\_em\\_ \\~strike\\~" },
    { "a | b", "a \\| b" },
    { "`code`", "\\`code\\`" },
    { "back\\slash", "back\\\\slash" },
    { "&lt;", "\\&lt;" },
    { "one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four" },
    { "abc" RLO "def", "abc" RLO "def" PDF_MARK },
    { "abc" RLO "def" PDF_MARK "ghi", "abc" RLO "def" PDF_MARK "ghi" },
    { RLO "one\ntwo", RLO "one<br>two" PDF_MARK },
    { "\xE2\x81\xA7" "isolated", "\xE2\x81\xA7" "isolated" "\xE2\x81\xA9" },
    { ROCKET " launch", ROCKET " launch" },
    { "bell\a and escape\x1b", "bell and escape" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cr_export_escape_markdown (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_escape_html (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { HOSTILE_SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { HOSTILE_DDE, "=cmd|&#39; /C calc&#39;!A0" },
    { "\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#39;single&#39;" },
    { "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;" },
    { "one\r\ntwo", "one\ntwo" },
    { "abc" RLO "def", "abc" RLO "def" PDF_MARK },
    { ROCKET, ROCKET },
    { "nul\x01l", "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cr_export_escape_html (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_csv_field (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { HOSTILE_DDE, "'=cmd|' /C calc'!A0" },
    { "+1", "'+1" },
    { "-2", "'-2" },
    { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
    { "\tTAB", "'\tTAB" },
    { "\rCR", "\"'\rCR\"" },
    { "=1,2", "\"'=1,2\"" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "line one\nline two", "\"line one\nline two\"" },
    { "a = b", "a = b" },
    { "abc" RLO "def", "abc" RLO "def" PDF_MARK },
    { ROCKET, ROCKET },
    { "", "" },
  };
  g_autofree char *null_field = cr_export_csv_field (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cr_export_csv_field (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_cmpstr (null_field, ==, "");
}

/* ------------------------------------------------------------------------ */

static void
test_markdown_sections (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *md = NULL;
  g_autofree char *open = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *round1 = NULL;
  g_autofree char *fit = NULL;

  fixture_init (&f, FALSE);
  md = export_text (f.workshop, CR_EXPORT_MARKDOWN);

  g_assert_true (g_str_has_prefix (md, "# Spring offsite\n"));
  assert_contains (md, "- **Organisation:** Acme \\& Söhne\n");
  assert_contains (md, "- **Date:** 2024-05-14\n");
  assert_contains (md, "- **Facilitator:** Fran Okafor\n");
  assert_contains (md, "- **Name of the function:** People Experience\n");

  /* Context with the template's labels and choice labels */
  assert_contains (md, "\n## Context\n");
  assert_contains (md, "- **Headcount:** 1200\n");
  assert_contains (md, "- **Stage of the organisation:** Enterprise\n");
  assert_contains (md, "- **Make-up of the People team:** Specialists in separate teams\n");
  assert_contains (md, "- **Maturity of the People team:** 2 on a scale of");

  /* Participants, an anonymous seat by its seat name */
  assert_contains (md, "- Ana Silva (Chief People Officer)\n");
  assert_contains (md, "- Seat 2\n");

  /* Options with their notes grouped by kind */
  assert_contains (md, "\n### Productised HR as a Service\n");
  assert_contains (md, "**Strengths the room sees**\n\n- \\<script\\>alert(1)\\</script\\> — Ana Silva\n");
  assert_contains (md, "**Risks the room sees**\n\n- Agile theatre on top of waterfall — Seat 2\n");

  /* A revealed single round: counts and shares */
  heading = g_strdup_printf ("### Round 1: %s", question_prompt (f.workshop, "current"));
  round1 = section (md, heading, "#");
  assert_contains (round1, "| Option | Votes | Share |\n| --- | ---: | ---: |\n");
  assert_contains (round1, "| Productised HR as a Service | 3 | 42.9 % |\n");
  assert_contains (round1, "| Projects and Programmes as Products | 3 | 42.9 % |\n");
  assert_contains (round1, "| People Experience as a Product | 1 | 14.3 % |\n");
  assert_contains (round1, "Show of hands counted: 3.");
  assert_contains (round1, "4 participants voted.");

  /* Dots */
  assert_contains (md, "| Option | Dots | Share |\n");
  assert_contains (md, "| People Experience as a Product | 7 | 70.0 % |\n");
  assert_contains (md, "| Productised HR as a Service | 1 | 10.0 % |\n");
  /* Ben placed 2 of his 3 dots: a partial ballot is not "voted". */
  {
    g_autofree char *target_heading = g_strdup_printf ("### Round 1: %s", question_prompt (f.workshop, "target"));
    g_autofree char *target = section (md, target_heading, "#");

    assert_contains (target, "2 participants voted. 1 ballot was incomplete; its votes are counted.");
  }

  /* Scores per criterion and the weighted overall */
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf ("### Round 1: %s", question_prompt (f.workshop, "fit"));
  fit = section (md, heading, "#");
  assert_contains (fit, "Overall (weighted) |");
  assert_contains (fit, "Impact on business strategy (×1.5)");
  assert_contains (fit, "| Productised HR as a Service | 3.0 ± 1.0 | 3.0 ± 1.0 | 3.0 ± 1.0 | 3.0 ± 1.0 | 3.0 ± 1.0 | 3.0 ± 1.0 |\n");
  assert_contains (fit, "| Projects and Programmes as Products | 4.0 ± 0.0 |");
  assert_contains (fit, "| People Experience as a Product | 4.0 ± 1.0 |");

  /* The open round: the sentence and nothing else, no numbers */
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf ("### Round 2: %s", question_prompt (f.workshop, "target"));
  open = section (md, heading, "#");
  g_assert_cmpstr (strstr (open, "\n"), ==,
                   "\n\n_Round 2 is still open; results are hidden until the facilitator reveals them._\n\n");
  assert_lacks (md, "100.0 %");
  assert_lacks (md, "| 9 |");

  /* Change between the two revealed rounds of "current" */
  assert_contains (md, "\n## Change between rounds\n");
  assert_contains (md, "\n### From round 1 to round 2: Which model is closest to how we work today?\n");
  assert_contains (md, "| Productised HR as a Service | -22.9 | -2 |\n");
  assert_contains (md, "| Projects and Programmes as Products | +17.1 | 0 |\n");
  assert_contains (md, "| People Experience as a Product | +5.7 | 0 |\n");

  /* The recommendation: where to start and what to aim for, with reasons */
  assert_contains (md, "\n## Recommendation\n");
  assert_contains (md, "**Start with:** ");
  assert_contains (md, "with your context: +");
  assert_contains (md, "_Based on your context and the room's revealed votes");
  assert_contains (md, "**Aim for:** ");
  assert_contains (md, "\n### Fit with your context\n");
  /* Each rule once, with what it gave each option, and the fits below */
  assert_contains (md, "| Reason | Productised HR as a Service | Projects and Programmes as Products | People Experience as a Product |\n"
                       "| --- | ---: | ---: | ---: |\n");
  assert_contains (md, "| An enterprise usually runs classic HR with specialist teams; starting from those services or from single initiatives is more realistic than a full redesign. | +2 | +1 | −2 |\n");
  assert_contains (md, "| **Fit** | **+");
  {
    const char *rule = "An enterprise usually runs classic HR";
    const char *first = strstr (md, rule);

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, rule));
  }

  /* Actions */
  assert_contains (md, "\n## Actions\n\n| Action | Owner | Due |\n");
  assert_contains (md, "| Draft the first people product brief | Ana Silva | 2024-06-01 |\n");
  assert_contains (md, "| Pilot \\| squads<br>with \\`ticks\\` | \\-Ben- | 2024-07-15 |\n");
  assert_contains (md, "| \\=HYPERLINK(\"http://evil.example\",\"x\") | @owner | — |\n");
}

static void
test_markdown_hostile (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *md = NULL;
  g_autofree char *big = NULL;

  fixture_init (&f, TRUE);
  md = export_text (f.workshop, CR_EXPORT_MARKDOWN);

  assert_contains (md, "- \\<script\\>alert(1)\\</script\\> — Ana Silva\n");
  assert_contains (md, "- \\=cmd\\|' /C calc'!A0 — \\=cmd\\|' /C calc'!A0\n");
  assert_contains (md, "- \\+1\n");
  assert_contains (md, "- \\-2\n");
  assert_contains (md, "- @SUM(A1:A9)\n");
  assert_contains (md, "- a \\| b \\| c\n");
  assert_contains (md, "- \\`rm -rf /\\`\n");
  assert_contains (md, "- line one<br>line two\n");
  assert_contains (md, "- abc" RLO "def" PDF_MARK "\n");
  assert_contains (md, "- " ROCKET " launch\n");
  assert_contains (md, "- \\=cmd\\|' /C calc'!A0 (\\<b\\>role\\</b\\>)\n");

  /* The megabyte arrives whole and escaped, on one list line */
  big = cr_export_escape_markdown (f.big);
  assert_contains (md, big);
  assert_contains (md, "THE END\n");

  /* Nothing typed opens HTML or breaks a line: every < is escaped but
   * the line breaks the export writes itself */
  for (const char *lt = strchr (md, '<'); lt != NULL; lt = strchr (lt + 1, '<'))
    g_assert_true ((lt > md && lt[-1] == '\\') || g_str_has_prefix (lt, "<br>"));
  assert_lacks (md, "<b>");
  assert_lacks (md, "<script>");
  assert_lacks (md, "line one\n");
  assert_lacks (md, "def\n");
}

/* ------------------------------------------------------------------------ */

/* A strict RFC 4180 reader: CRLF between records, quotes doubled inside
 * quoted fields, a bare LF or stray quote outside quotes is an error. */
static GPtrArray *
parse_csv (const char *data,
           gsize       size)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  gsize i = 0;

  while (i < size)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < size && data[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i += 2;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              i++;
            }
          else
            {
              g_string_append_c (field, c);
              i++;
            }
          continue;
        }

      switch (c)
        {
        case '"':
          g_assert_cmpuint (field->len, ==, 0);
          g_assert_false (was_quoted);
          quoted = was_quoted = TRUE;
          i++;
          break;

        case ',':
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          i++;
          break;

        case '\r':
          g_assert_cmpuint (i + 1, <, size);
          g_assert_cmpint (data[i + 1], ==, '\n');
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          i += 2;
          break;

        case '\n':
          g_error ("bare LF outside quotes at byte %" G_GSIZE_FORMAT, i);
          break;

        default:
          g_assert_false (was_quoted);
          g_string_append_c (field, c);
          i++;
        }
    }

  /* The last record ends with CRLF too. */
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, r), c);
}

static GPtrArray *
csv_rows_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cr_export_to_bytes (f->workshop, CR_EXPORT_CSV, &error);
  const char *data;
  gsize size;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  /* UTF-8 with a byte order mark, for spreadsheets */
  g_assert_cmpuint (size, >, 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_utf8_validate_len (data + 3, size - 3, NULL));
  return parse_csv (data + 3, size - 3);
}

static guint
count_rows (GPtrArray  *rows,
            guint       column,
            const char *value)
{
  guint n = 0;

  for (guint r = 1; r < rows->len; r++)
    if (g_strcmp0 (cell (rows, r, column), value) == 0)
      n++;
  return n;
}

static void
test_csv_rows (void)
{
  static const char * const header[] = {
    "record", "question", "round", "revealed", "participant", "option",
    "criterion", "value", "kind", "text", "owner", "due",
  };
  g_auto(Fixture) f = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  const char *target = NULL;
  const char *fit = NULL;
  gboolean found_hands = FALSE, found_score = FALSE, found_open = FALSE;

  fixture_init (&f, FALSE);
  rows = csv_rows_of (&f);
  target = question_prompt (f.workshop, "target");
  fit = question_prompt (f.workshop, "fit");

  /* header + the recommendation's start and aim + 47 votes of revealed
   * rounds + 1 open round + 11 notes + 3 actions */
  g_assert_cmpuint (rows->len, ==, 1 + 2 + 47 + 1 + 11 + 3);
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, G_N_ELEMENTS (header));
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    g_assert_cmpstr (cell (rows, 0, c), ==, header[c]);

  g_assert_cmpuint (count_rows (rows, 0, "vote"), ==, 47);
  g_assert_cmpuint (count_rows (rows, 0, "round"), ==, 1);
  g_assert_cmpuint (count_rows (rows, 0, "note"), ==, 11);
  g_assert_cmpuint (count_rows (rows, 0, "action"), ==, 3);
  g_assert_cmpuint (count_rows (rows, 0, "recommendation"), ==, 2);
  g_assert_cmpuint (count_rows (rows, 0, "decision"), ==, 0);

  for (guint r = 1; r < rows->len; r++)
    {
      const char *record = cell (rows, r, 0);

      if (g_str_equal (record, "vote"))
        {
          g_assert_cmpstr (cell (rows, r, 3), ==, "yes");
          /* The open round's votes are not there */
          g_assert_false (g_str_equal (cell (rows, r, 1), target) && g_str_equal (cell (rows, r, 2), "2"));
        }
      if (g_str_equal (record, "vote") && g_str_equal (cell (rows, r, 4), "Show of hands") &&
          g_str_equal (cell (rows, r, 5), "Projects and Programmes as Products") &&
          g_str_equal (cell (rows, r, 2), "1"))
        {
          g_assert_cmpstr (cell (rows, r, 7), ==, "2");
          found_hands = TRUE;
        }
      if (g_str_equal (record, "vote") && g_str_equal (cell (rows, r, 1), fit) &&
          g_str_equal (cell (rows, r, 4), "Ana Silva") &&
          g_str_equal (cell (rows, r, 5), "People Experience as a Product") &&
          g_str_equal (cell (rows, r, 6), "Impact on business strategy"))
        {
          g_assert_cmpstr (cell (rows, r, 7), ==, "5");
          found_score = TRUE;
        }
      if (g_str_equal (record, "round"))
        {
          g_assert_cmpstr (cell (rows, r, 1), ==, target);
          g_assert_cmpstr (cell (rows, r, 2), ==, "2");
          g_assert_cmpstr (cell (rows, r, 3), ==, "no");
          g_assert_cmpstr (cell (rows, r, 7), ==, "");
          g_assert_cmpstr (cell (rows, r, 9), ==,
                           "Round 2 is still open; results are hidden until the facilitator reveals them.");
          found_open = TRUE;
        }
      if (g_str_equal (record, "action") && g_str_equal (cell (rows, r, 10), "Ana Silva"))
        {
          g_assert_cmpstr (cell (rows, r, 9), ==, "Draft the first people product brief");
          g_assert_cmpstr (cell (rows, r, 11), ==, "2024-06-01");
        }
    }
  g_assert_true (found_hands);
  g_assert_true (found_score);
  g_assert_true (found_open);
}

static const char *
note_text_of (GPtrArray  *rows,
              const char *option,
              const char *kind,
              const char *prefix)
{
  for (guint r = 1; r < rows->len; r++)
    if (g_str_equal (cell (rows, r, 0), "note") && g_str_equal (cell (rows, r, 5), option) &&
        g_str_equal (cell (rows, r, 8), kind) && g_str_has_prefix (cell (rows, r, 9), prefix))
      return cell (rows, r, 9);
  g_error ("no %s note on %s starting with “%s”", kind, option, prefix);
  return NULL;
}

static void
test_csv_hostile (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *big_field = NULL;
  const char *hr = "Productised HR as a Service";
  const char *pp = "Projects and Programmes as Products";
  const char *px = "People Experience as a Product";

  fixture_init (&f, TRUE);
  rows = csv_rows_of (&f);
  /* the recommendation's two rows, and the big note */
  g_assert_cmpuint (rows->len, ==, 1 + 2 + 47 + 1 + 12 + 3);

  /* Text comes back as typed; formulas with a leading apostrophe */
  g_assert_cmpstr (note_text_of (rows, hr, "strength", "<"), ==, HOSTILE_SCRIPT);
  g_assert_cmpstr (note_text_of (rows, hr, "question", "line"), ==, "line one\nline two");
  g_assert_cmpstr (note_text_of (rows, pp, "strength", "'"), ==, "'" HOSTILE_DDE);
  g_assert_cmpstr (note_text_of (rows, pp, "risk", "'"), ==, "'+1");
  g_assert_cmpstr (note_text_of (rows, pp, "question", "'"), ==, "'-2");
  g_assert_cmpstr (note_text_of (rows, px, "strength", "'@"), ==, "'@SUM(A1:A9)");
  g_assert_cmpstr (note_text_of (rows, px, "strength", "abc"), ==, "abc" RLO "def" PDF_MARK);
  g_assert_cmpstr (note_text_of (rows, px, "risk", "a"), ==, "a | b | c");
  g_assert_cmpstr (note_text_of (rows, px, "question", "`"), ==, "`rm -rf /`");
  g_assert_cmpstr (note_text_of (rows, px, "question", ROCKET), ==, ROCKET " launch");
  g_assert_cmpstr (note_text_of (rows, hr, "risk", "Lorem"), ==, f.big);

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      /* No field a spreadsheet would run, whoever typed it */
      for (guint c = 0; c < row->len; c++)
        {
          const char *field = g_ptr_array_index (row, c);

          g_assert_null (strchr ("=+-@\t\r", field[0] != '\0' ? field[0] : 'x'));
        }
      if (g_str_equal (cell (rows, r, 0), "note") && g_str_has_prefix (cell (rows, r, 9), "'="))
        g_assert_cmpstr (cell (rows, r, 4), ==, "'" HOSTILE_DDE);
      if (g_str_equal (cell (rows, r, 0), "action") && g_str_has_prefix (cell (rows, r, 9), "'=HYPERLINK"))
        {
          g_assert_cmpstr (cell (rows, r, 9), ==, "'=HYPERLINK(\"http://evil.example\",\"x\")");
          g_assert_cmpstr (cell (rows, r, 10), ==, "'@owner");
          g_assert_cmpstr (cell (rows, r, 11), ==, "");
        }
      if (g_str_equal (cell (rows, r, 0), "action") && g_str_has_prefix (cell (rows, r, 9), "Pilot"))
        {
          g_assert_cmpstr (cell (rows, r, 9), ==, "Pilot | squads\nwith `ticks`");
          g_assert_cmpstr (cell (rows, r, 10), ==, "'-Ben-");
        }
    }

  /* The big field was written as one quoted field, quotes not needed */
  big_field = cr_export_csv_field (f.big);
  g_assert_cmpstr (big_field, ==, f.big);
}

/* ------------------------------------------------------------------------ */

static void
test_html (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *html = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *open = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *big = NULL;

  fixture_init (&f, TRUE);
  html = export_text (f.workshop, CR_EXPORT_HTML);
  lower = g_ascii_strdown (html, -1);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">\n"));
  assert_contains (html, "<meta charset=\"utf-8\">");
  assert_contains (html, "<style>");
  assert_contains (html, "<title>Acme &amp; Söhne — Spring offsite</title>");
  assert_contains (html, "<h1 dir=\"auto\">Spring offsite</h1>");
  assert_contains (html, "<h2>Context</h2>");
  assert_contains (html, "<h2>Votes</h2>");
  assert_contains (html, "<h2>Change between rounds</h2>");
  assert_contains (html, "<h2>Recommendation</h2>");
  assert_contains (html, "<h2>Actions</h2>");
  assert_contains (html, "<li><strong>Organisation:</strong> <span dir=\"auto\">Acme &amp; Söhne</span></li>");
  assert_contains (html, "<th scope=\"row\" dir=\"auto\">Productised HR as a Service</th>"
                         "<td class=\"num\">3</td><td class=\"num\">42.9 %</td>");
  assert_contains (html, "<td class=\"num\">70.0 %</td>");
  assert_contains (html, "<td class=\"num\">3.0 ± 1.0</td>");
  assert_contains (html, "<td class=\"num\">-22.9</td>");

  /* Self-contained and inert: no script, no external resource */
  assert_lacks (lower, "<script");
  assert_lacks (lower, "<link");
  assert_lacks (lower, "src=\"http");
  assert_lacks (lower, "href=\"http");
  assert_lacks (lower, "<img");
  assert_lacks (html, "<b>");

  /* The open round */
  heading = g_strdup_printf ("Round 2: <span dir=\"auto\">%s</span></h3>\n",
                             question_prompt (f.workshop, "target"));
  open = section (html, heading, "<h");
  assert_contains (open, "<p class=\"muted\">Round 2 is still open; results are hidden until the facilitator reveals them.</p>");
  assert_lacks (open, "<table");
  assert_lacks (html, "100.0 %");

  /* Hostile text, escaped, each in an element that finds its own direction */
  assert_contains (html, "<span dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</span> — <span dir=\"auto\">Ana Silva</span>");
  assert_contains (html, "<span dir=\"auto\">=cmd|&#39; /C calc&#39;!A0</span>");
  assert_contains (html, "<li dir=\"auto\">+1</li>");
  assert_contains (html, "<li dir=\"auto\">-2</li>");
  assert_contains (html, "<li dir=\"auto\">@SUM(A1:A9)</li>");
  assert_contains (html, "<li dir=\"auto\">a | b | c</li>");
  assert_contains (html, "<li dir=\"auto\">`rm -rf /`</li>");
  assert_contains (html, "<li dir=\"auto\">line one\nline two</li>");
  assert_contains (html, "<li dir=\"auto\">abc" RLO "def" PDF_MARK "</li>");
  assert_contains (html, "<li dir=\"auto\">" ROCKET " launch</li>");
  assert_contains (html, "<th scope=\"row\" dir=\"auto\">=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)</th><td dir=\"auto\">@owner</td><td>—</td>");
  big = cr_export_escape_html (f.big);
  assert_contains (html, big);
  assert_lacks (html, "alert(1)</");
}

static void
test_json (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  fixture_init (&f, FALSE);
  text = export_text (f.workshop, CR_EXPORT_JSON);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "crossroads-workshop");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_true (json_object_has_member (root, "results"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "workshop"),
                                                  "organisation"), ==, "Acme & Söhne");
}

/* ------------------------------------------------------------------------ */

static char *
pdf_to_text (GBytes *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *in = cr_test_tmp_path ("export.pdf");
  g_autofree char *out = cr_test_tmp_path ("export.txt");
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;
  /* -raw: the text in drawing order, spaces as drawn */
  const char *argv[] = { NULL, "-raw", "-enc", "UTF-8", in, out, NULL };

  if (pdftotext == NULL)
    return NULL;
  argv[0] = pdftotext;
  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static GBytes *
export_pdf_of (CrWorkshop *workshop)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = cr_export_to_bytes (workshop, CR_EXPORT_PDF, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  return pdf;
}

static GBytes *
export_pdf (Fixture *f)
{
  return export_pdf_of (f->workshop);
}

static void
test_pdf_sections (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  fixture_init (&f, FALSE);
  pdf = export_pdf (&f);
  text = pdf_to_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  assert_contains (text, "Spring offsite");
  assert_contains (text, "Acme & Söhne");
  assert_contains (text, "Fran Okafor");
  /* The cover says the date in words */
  assert_contains (text, "14 May 2024");
  assert_contains (text, "Context");
  assert_contains (text, "Enterprise");
  assert_contains (text, "Options and the room’s notes");
  assert_contains (text, "Productised HR as a Service");
  assert_contains (text, "Agile theatre on top of waterfall");
  assert_contains (text, "Votes");
  assert_contains (text, "42.9 %");
  assert_contains (text, "70.0 %");
  assert_contains (text, "3.0 ± 1.0");
  assert_contains (text, "Change between rounds");
  assert_contains (text, "-22.9");
  assert_contains (text, "Recommendation");
  assert_contains (text, "Start with:");
  assert_contains (text, "Aim for:");
  assert_contains (text, "Actions");
  assert_contains (text, "Draft the first people product brief");
  assert_contains (text, "Round 2 is still open; results are hidden until the facilitator reveals them.");
  /* The cover counts as page 1 and shows no number */
  assert_contains (text, "Page 2 of ");
  assert_lacks (text, "Page 1 of ");
  assert_lacks (text, "100.0 %");
  assert_lacks (text, "Page 0");
}

static void
test_pdf_hostile (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  const char *page;
  guint n_pages;

  fixture_init (&f, TRUE);
  pdf = export_pdf (&f);
  text = pdf_to_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  /* Typed text is printed as text, never read as markup */
  assert_contains (text, HOSTILE_SCRIPT);
  assert_contains (text, HOSTILE_DDE);
  assert_contains (text, "<b>role</b>");
  assert_contains (text, "a | b | c");
  assert_contains (text, "`rm -rf /`");
  /* The line break stays one (a page may fall between the two lines) */
  assert_contains (text, "line one\n");
  assert_contains (text, "line two");
  assert_lacks (text, "line one line two");

  /* The report shows the start of the megabyte, says the rest is in the
   * CSV and JSON exports, and goes on with the sections after it */
  page = strstr (text, "Page 2 of ");
  g_assert_nonnull (page);
  n_pages = (guint) g_ascii_strtoull (page + strlen ("Page 2 of "), NULL, 10);
  g_assert_cmpuint (n_pages, <, 20);
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  assert_contains (text, last_page);
  assert_contains (text, "Some texts are too long for this report and end with “…”; the CSV and JSON");
  assert_contains (text, BIG_CHUNK);
  assert_lacks (text, "THE END");
  assert_contains (text, "Draft the first people product brief");
  assert_contains (text, "Recommendation");
}

/* @n characters: @unit over and over, then @end. */
static char *
long_text (gsize       n,
           const char *unit,
           const char *end)
{
  gsize body = n - (gsize) g_utf8_strlen (end, -1);
  GString *s = g_string_new (NULL);
  gsize chars = 0;

  for (const char *p = unit; chars < body; chars++)
    {
      const char *next = g_utf8_next_char (p);

      g_string_append_len (s, p, next - p);
      p = *next != '\0' ? next : unit;
    }
  g_string_append (s, end);
  return g_string_free (s, FALSE);
}

/* Texts at the longest a workshop keeps (2,000,000 characters): one word
 * with no break, emoji, and words. One note of emoji took 64 s and 8 GB,
 * fifteen notes did not finish in 200 s: the report now shows the start
 * of each, says where the rest is, and finishes. */
static void
test_pdf_longest_texts (void)
{
  static const struct { const char *unit; const char *end; } texts[] = {
    { "x", "END-OF-X" }, { "😀", "END-OF-EMOJI" }, { "word ", "END-OF-WORDS" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = NULL;
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  template = cr_template_lookup_builtin ("people-product-models", &error);
  g_assert_no_error (error);
  store = cr_test_new_store ();
  title = long_text (CR_LIMIT_TEXT_CHARS, "Title ", "END-OF-TITLE");
  workshop = cr_workshop_create (store, template, title, "Acme", "", "2024-05-14", "", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *note = long_text (CR_LIMIT_TEXT_CHARS, texts[i].unit, texts[i].end);

      g_assert_cmpint (g_utf8_strlen (note, -1), ==, CR_LIMIT_TEXT_CHARS);
      add_note (workshop, "hr-as-a-service", CR_NOTE_RISK, note, NULL);
    }
  add_note (workshop, "px-as-a-product", CR_NOTE_STRENGTH, "A short note after the long ones", NULL);

  pdf = export_pdf_of (workshop);
  cr_test_assert_peak_below (1024.0);

  /* The other formats keep every character. */
  {
    g_autoptr(GBytes) markdown = cr_export_to_bytes (workshop, CR_EXPORT_MARKDOWN, &error);

    g_assert_no_error (error);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (markdown, NULL), g_bytes_get_size (markdown), "END-OF-X"));
  }

  /* Six million characters made some 2,000 pages; a page object each (the
   * PDF holds binary streams, so no string search). */
  {
    const char *data = g_bytes_get_data (pdf, NULL);
    gsize size = g_bytes_get_size (pdf);
    const char *key = "/Type /Page";
    gsize k = strlen (key);

    for (gsize i = 0; i + k < size; i++)
      if (memcmp (data + i, key, k) == 0 && data[i + k] != 's')
        n_pages++;
  }
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (n_pages, <, 20);

  text = pdf_to_text (pdf);
  if (text == NULL)
    {
      /* A skip would fail the subprocess: say it instead. */
      g_test_message ("pdftotext is not installed: the text is not read back");
      return;
    }
  assert_contains (text, "Some texts are too long for this report and end with “…”; the CSV and JSON");
  assert_contains (text, "xxxxxxxxxxxxxxxxxxxx");
  assert_contains (text, "😀😀😀😀😀");
  assert_contains (text, "word word word word");
  assert_contains (text, "A short note after the long ones");
  assert_lacks (text, "END-OF-");
}

/* An unordered template whose questions score each option without
 * criteria: one score column, fits without a start or an aim. */
static void
test_unordered_template (void)
{
  static const char * const options[] = { "product-led-organisation", "product-operating-model",
                                          "product-led-growth" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("product-led-vocabulary", &error);
  g_autoptr(CrStore) store = NULL;
  g_autoptr(CrWorkshop) workshop = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *round = NULL;
  CrParticipant *ana, *ben;
  CrRound *today;

  g_assert_no_error (error);
  store = cr_test_new_store ();
  workshop = cr_workshop_create (store, template, "Vocabulary", "Globex", "Fran Okafor",
                                 "2024-09-02", "", &error);
  g_assert_no_error (error);
  ana = cr_workshop_add_participant (workshop, "Ana", "", &error);
  g_assert_no_error (error);
  ben = cr_workshop_add_participant (workshop, "Ben", "", &error);
  g_assert_no_error (error);
  set_choice (workshop, "company_lead", "sales");

  /* product-led-organisation 2 and 6 (4.0 ± 2.0), operating model 7 and 7
   * (7.0 ± 0.0), growth 0 and 1 (0.5 ± 0.5) */
  today = cr_test_open_round (workshop, "today");
  vote (workshop, today, ana, (CrVote[]) { { 0, options[0], NULL, 2 }, { 0, options[1], NULL, 7 },
                                           { 0, options[2], NULL, 0 } }, 3);
  vote (workshop, today, ben, (CrVote[]) { { 0, options[0], NULL, 6 }, { 0, options[1], NULL, 7 },
                                           { 0, options[2], NULL, 1 } }, 3);
  cr_test_reveal (workshop, today);

  md = export_text (workshop, CR_EXPORT_MARKDOWN);
  heading = g_strdup_printf ("### Round 1: %s", question_prompt (workshop, "today"));
  round = section (md, heading, "#");
  assert_contains (round, "Scores from 0 to 10");
  assert_contains (round, "| Option | Score |\n| --- | ---: |\n");
  assert_contains (round, "| Product-led organisation | 4.0 ± 2.0 |\n");
  assert_contains (round, "| Product operating model | 7.0 ± 0.0 |\n");
  assert_contains (round, "| Product-led growth | 0.5 ± 0.5 |\n");
  assert_contains (md, "\n### Fit with your context\n");
  assert_lacks (md, "**Start with:**");
  assert_lacks (md, "**Aim for:**");
  /* Nothing to compare: the section is left out, not left empty */
  assert_lacks (md, "Change between rounds");
  assert_contains (md, "No actions were agreed.");

  html = export_text (workshop, CR_EXPORT_HTML);
  assert_contains (html, "<td class=\"num\">4.0 ± 2.0</td>");
  assert_lacks (html, "Start with:");

  pdf = export_pdf_of (workshop);
  {
    g_autofree char *text = pdf_to_text (pdf);

    if (text != NULL)
      {
        assert_contains (text, "Globex");
        assert_contains (text, "7.0 ± 0.0");
        assert_lacks (text, "Start with:");
      }
  }
}

/* ------------------------------------------------------------------------ */

static void
test_to_file (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cr_test_tmp_path ("summary.md");
  g_autofree char *bad = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;

  fixture_init (&f, FALSE);

  /* An older file is replaced whole */
  g_assert_true (g_file_set_contents (path, "old content", -1, NULL));
  g_assert_true (cr_export_to_file (f.workshop, CR_EXPORT_MARKDOWN, path, &error));
  g_assert_no_error (error);
  expected = cr_export_to_bytes (f.workshop, CR_EXPORT_MARKDOWN, &error);
  g_assert_no_error (error);
  written = cr_test_read_file (path);
  g_assert_nonnull (written);
  g_assert_true (g_bytes_equal (expected, written));

  /* A folder that does not exist: a write error that names the path */
  bad = g_build_filename (g_get_tmp_dir (), "crossroads-no-such-dir", "x", "summary.pdf", NULL);
  g_assert_false (cr_export_to_file (f.workshop, CR_EXPORT_PDF, bad, &error));
  g_assert_error (error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_WRITE);
  assert_contains (error->message, bad);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncResult;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *out = user_data;

  out->ok = cr_export_to_file_finish (CR_WORKSHOP (source), result, &out->error);
  out->done = TRUE;
}

static void
test_to_file_async (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *path = cr_test_tmp_path ("summary.pdf");
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "crossroads-no-such-dir", "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) written = NULL;
  AsyncResult result = { 0 };

  fixture_init (&f, FALSE);

  cr_export_to_file_async (f.workshop, CR_EXPORT_PDF, path, NULL, on_exported, &result);
  /* The workshop may change while the thread draws: the PDF shows it as
   * it was when the export started */
  g_assert_nonnull (cr_workshop_add_action (f.workshop, "Added after the export started", "Ben", NULL, &error));
  g_assert_no_error (error);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);

  written = cr_test_read_file (path);
  g_assert_nonnull (written);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), 5, "%PDF-", 5);
  text = pdf_to_text (written);
  if (text != NULL)
    {
      assert_contains (text, "Draft the first people product brief");
      assert_lacks (text, "Added after the export started");
    }

  /* A failed write comes back through finish */
  result = (AsyncResult) { 0 };
  cr_export_to_file_async (f.workshop, CR_EXPORT_CSV, bad, NULL, on_exported, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (result.ok);
  g_assert_error (result.error, CR_OUTPUT_ERROR, CR_OUTPUT_ERROR_WRITE);
  g_clear_error (&result.error);
}

static char *
filename_for (Fixture        *f,
              const char     *organisation,
              const char     *title,
              CrExportFormat  format)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_workshop_set_details (f->workshop, title, organisation, "Fran Okafor",
                                          "2024-05-14", "People", &error));
  g_assert_no_error (error);
  return cr_export_suggest_filename (f->workshop, format);
}

static void
test_suggest_filename (void)
{
  static const struct { const char *org, *title, *expected; CrExportFormat format; } cases[] = {
    { "Acme & Söhne", "Spring offsite", "Acme & Söhne - Spring offsite.md", CR_EXPORT_MARKDOWN },
    { "", "../../etc/passwd", "etc passwd.pdf", CR_EXPORT_PDF },
    { "Acme", "invoice" RLO "fdp.exe", "Acme - invoicefdp.exe.csv", CR_EXPORT_CSV },
    { "Acme\xE2\x81\xA6", "A\xE2\x80\xAA" "B", "Acme - AB.json", CR_EXPORT_JSON },
    { " C:\\Users ", "a*b?c \"d\" <e> |f|  \t\n g", "C Users - a b c d e f g.html", CR_EXPORT_HTML },
    { "", "...hidden", "hidden.md", CR_EXPORT_MARKDOWN },
    { "", "-rf", "rf.md", CR_EXPORT_MARKDOWN },
    { "", "///", "workshop.md", CR_EXPORT_MARKDOWN },
    { "..", "...", "workshop.pdf", CR_EXPORT_PDF },
    { "Bell\a", "tab\there", "Bell - tab here.md", CR_EXPORT_MARKDOWN },
    { "", HOSTILE_SCRIPT, "script alert(1) script.html", CR_EXPORT_HTML },
    { "Acme", "name.", "Acme - name.md", CR_EXPORT_MARKDOWN },
    /* Invisible characters, device names, formulas and shell quoting. */
    { "Ac\xE2\x80\x8Bme", "\xEF\xBB\xBFplan", "Acme - plan.md", CR_EXPORT_MARKDOWN },
    { "", "con", "workshop con.pdf", CR_EXPORT_PDF },
    { "", "LPT1.", "workshop LPT1.csv", CR_EXPORT_CSV },
    { "", "CONSOLE", "CONSOLE.md", CR_EXPORT_MARKDOWN },
    { "=cmd", "' /C calc'!A0", "=cmd - ' C calc'!A0.csv", CR_EXPORT_CSV },
    { "`id`", "$(rm -rf ~)", "`id` - $(rm -rf ~).md", CR_EXPORT_MARKDOWN },
  };
  g_auto(Fixture) f = { 0 };
  g_autoptr(GString) long_title = g_string_new (NULL);

  fixture_init (&f, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = filename_for (&f, cases[i].org, cases[i].title, cases[i].format);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* Long names stop at 100 characters, never inside a character */
  for (guint i = 0; i < 300; i++)
    g_string_append (long_title, "é");
  {
    g_autofree char *name = filename_for (&f, "", long_title->str, CR_EXPORT_MARKDOWN);

    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_cmpint (g_utf8_strlen (name, -1), ==, 100 + strlen (".md"));
    g_assert_true (g_str_has_suffix (name, "é.md"));
  }
  g_string_truncate (long_title, 0);
  for (guint i = 0; i < 300; i++)
    g_string_append (long_title, ROCKET);
  {
    g_autofree char *name = filename_for (&f, "Acme", long_title->str, CR_EXPORT_PDF);

    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_cmpuint (strlen (name), <=, 200 + strlen (".pdf"));
    g_assert_true (g_str_has_prefix (name, "Acme - " ROCKET));
    g_assert_true (g_str_has_suffix (name, ROCKET ".pdf"));
  }
}

/* The room's decision leads every report, the recommendation beside it;
 * without a decision there is no such section. */
static void
test_decision_leads (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrDecision) decision = cr_decision_new ();
  g_autoptr(CrRecommendation) rec = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GBytes) pdf = NULL;
  GListModel *participants;
  const char *start_title;

  fixture_init (&f, FALSE);
  participants = cr_workshop_get_participants (f.workshop);
  rec = cr_recommend_workshop (f.workshop);
  g_assert_nonnull (rec->start_with);
  start_title = cr_template_find_option (cr_workshop_get_template (f.workshop), rec->start_with)->title;

  md = export_text (f.workshop, CR_EXPORT_MARKDOWN);
  assert_lacks (md, "## Decision");
  csv = export_text (f.workshop, CR_EXPORT_CSV);
  assert_lacks (csv, "\r\ndecision,");
  /* The recommendation leads the CSV even so. */
  row = g_strdup_printf ("\r\nrecommendation,,,,,%s,,,start_with,,,\r\n", start_title);
  assert_contains (csv, row);
  g_clear_pointer (&md, g_free);
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&row, g_free);

  /* The room starts elsewhere than advised, and says why. */
  decision->start_with = g_strdup ("px-as-a-product");
  decision->aim_for = g_strdup ("px-as-a-product");
  g_free (decision->rationale);
  decision->rationale = g_strdup ("Go all in " HOSTILE_SCRIPT "\nnow");
  for (guint i = 0; i < 3; i += 2)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (participants, i);

      cr_decision_set_agreed (decision, cr_participant_get_id (p), TRUE);
    }
  g_assert_true (cr_workshop_set_decision (f.workshop, decision, &error));
  g_assert_no_error (error);

  md = export_text (f.workshop, CR_EXPORT_MARKDOWN);
  g_assert_cmpint (strstr (md, "\n## Decision\n") - md, <, strstr (md, "\n## Context\n") - md);
  assert_contains (md, "|  | The room decided | The recommendation |\n");
  row = g_strdup_printf ("| Start with | People Experience as a Product | %s |\n", start_title);
  assert_contains (md, row);
  assert_contains (md, "| Aim for | People Experience as a Product | People Experience as a Product |\n");
  assert_contains (md, "_The room decided otherwise than the recommendation; its reasons are below._");
  assert_contains (md, "**Why:** Go all in \\<script\\>alert(1)\\</script\\><br>now");
  assert_contains (md, "**Agreed:** Ana Silva and =cmd");
  assert_contains (md, " (2 of 7 participants)");
  /* The recommendation with its reasons is further down, once. */
  g_assert_cmpint (strstr (md, "\n## Recommendation\n") - md, >, strstr (md, "\n## Decision\n") - md);

  html = export_text (f.workshop, CR_EXPORT_HTML);
  g_assert_cmpint (strstr (html, "<h2>Decision</h2>") - html, <, strstr (html, "<h2>Context</h2>") - html);
  assert_contains (html, "Go all in &lt;script&gt;alert(1)&lt;/script&gt;");
  assert_lacks (html, HOSTILE_SCRIPT);

  csv = export_text (f.workshop, CR_EXPORT_CSV);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFrecord,question,round,revealed,participant,option,criterion,value,kind,text,owner,due\r\n"
                                        "decision,,,,,People Experience as a Product,,,start_with,,,\r\n"
                                        "decision,,,,,People Experience as a Product,,,aim_for,,,\r\n"
                                        "decision,,,,,,,,rationale,\"Go all in <script>alert(1)</script>\nnow\",,\r\n"
                                        "decision,,,,Ana Silva,,,,agreed,,,\r\n"
                                        "decision,,,,'=cmd|' /C calc'!A0,,,,agreed,,,\r\n"
                                        "recommendation,"));

  pdf = export_pdf_of (f.workshop);
  {
    g_autofree char *text = pdf_to_text (pdf);

    if (text != NULL)
      {
        assert_contains (text, "The room decided");
        g_assert_cmpint (strstr (text, "Decision") - text, <, strstr (text, "\nContext\n") - text);
      }
  }

  fixture_clear (&f);
}

/* A round revealed with nobody voting in it: every export says "No votes
 * in round 2." once, where the other rounds have their chart and table,
 * not a table of 0 and 0.0 % (nor, in the PDF, a chart of "0 of 0 votes
 * · 0 %"). */
static void
test_empty_round (void)
{
  CrTestVoting f = { 0 };
  CrRound *first, *second;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  cr_test_voting_init (&f, "people-product-models", "Empty round", 3);
  first = cr_test_open_round (f.workshop, "current");
  cr_test_vote (&f, first, 1, "hr-as-a-service", 1, NULL);
  cr_test_reveal (f.workshop, first);
  second = cr_test_open_round (f.workshop, "current");
  cr_test_reveal (f.workshop, second);

  md = export_text (f.workshop, CR_EXPORT_MARKDOWN);
  g_assert_cmpuint (cr_test_count_of (md, "No votes in round 2."), ==, 1);
  /* Round 1's two options nobody chose, and not round 2's three. */
  g_assert_cmpuint (cr_test_count_of (md, "| 0 | 0.0 % |"), ==, 2);
  html = export_text (f.workshop, CR_EXPORT_HTML);
  g_assert_cmpuint (cr_test_count_of (html, "No votes in round 2."), ==, 1);
  pdf = cr_export_to_bytes (f.workshop, CR_EXPORT_PDF, &error);
  g_assert_no_error (error);
  pdf_text = cr_test_pdf_text (pdf);
  if (pdf_text != NULL)
    {
      g_assert_cmpuint (cr_test_count_of (pdf_text, "No votes in round 2."), ==, 1);
      assert_lacks (pdf_text, "0 of 0");
    }
  cr_test_voting_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/escape/markdown", test_escape_markdown);
  g_test_add_func ("/export/escape/html", test_escape_html);
  g_test_add_func ("/export/escape/csv-field", test_csv_field);
  g_test_add_func ("/export/markdown/sections", test_markdown_sections);
  g_test_add_func ("/export/markdown/hostile", test_markdown_hostile);
  g_test_add_func ("/export/csv/rows", test_csv_rows);
  g_test_add_func ("/export/csv/hostile", test_csv_hostile);
  g_test_add_func ("/export/html/sections-and-hostile", test_html);
  g_test_add_func ("/export/json/bundle", test_json);
  g_test_add_func ("/export/pdf/sections", test_pdf_sections);
  g_test_add_func ("/export/pdf/hostile", test_pdf_hostile);
  g_test_add_func ("/export/pdf/longest-texts", test_pdf_longest_texts);
  g_test_add_func ("/export/unordered-template", test_unordered_template);
  g_test_add_func ("/export/decision/leads", test_decision_leads);
  g_test_add_func ("/export/empty-round", test_empty_round);
  g_test_add_func ("/export/file/atomic-and-errors", test_to_file);
  g_test_add_func ("/export/file/async", test_to_file_async);
  g_test_add_func ("/export/filename/hostile", test_suggest_filename);

  return g_test_run ();
}
