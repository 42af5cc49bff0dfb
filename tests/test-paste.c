/* test-paste.c: reading a pasted list of participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include "cr-paste.h"

static void
assert_entry (GPtrArray  *entries,
              guint       index,
              const char *name,
              const char *role)
{
  const CrPasteEntry *entry;

  g_assert_cmpuint (index, <, entries->len);
  entry = g_ptr_array_index (entries, index);
  g_assert_cmpstr (entry->name, ==, name);
  g_assert_cmpstr (entry->role, ==, role);
}

static void
test_separators (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("Ana Lima, Chief People Officer\n"
                                                 "Ben Okafor – CFO\n"
                                                 "Chen Wei\tHead of Engineering\n"
                                                 "Dana Ruiz - COO\n"
                                                 "Eve — Head of Sales\n"
                                                 "Farid\n");

  g_assert_cmpuint (entries->len, ==, 6);
  assert_entry (entries, 0, "Ana Lima", "Chief People Officer");
  assert_entry (entries, 1, "Ben Okafor", "CFO");
  assert_entry (entries, 2, "Chen Wei", "Head of Engineering");
  assert_entry (entries, 3, "Dana Ruiz", "COO");
  assert_entry (entries, 4, "Eve", "Head of Sales");
  assert_entry (entries, 5, "Farid", "");
}

/* A tab is the strongest separator (a spreadsheet column), so a comma or a
 * hyphen inside a cell stays in it; a hyphenated name without spaces is one name. */
static void
test_separator_order (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("Lima, Ana\tVP, People & Culture\n"
                                                 "Jean-Luc Martin - Head of Ops, EMEA\n"
                                                 "Mary-Jane, CTO\n");

  g_assert_cmpuint (entries->len, ==, 3);
  assert_entry (entries, 0, "Lima, Ana", "VP, People & Culture");
  assert_entry (entries, 1, "Jean-Luc Martin", "Head of Ops, EMEA");
  assert_entry (entries, 2, "Mary-Jane", "CTO");
}

static void
test_seats (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("3 seats\n"
                                                 "+2\n"
                                                 "1\n"
                                                 "1 seat\n"
                                                 "2 Anonymous Seats\n"
                                                 "0 seats\n"
                                                 ", Board member\n");
  guint named, anonymous;

  cr_paste_count (entries, &named, &anonymous);
  g_assert_cmpuint (named, ==, 0);
  g_assert_cmpuint (anonymous, ==, 10);
  assert_entry (entries, 0, NULL, "");
  /* A role without a name is an anonymous seat that keeps its role. */
  assert_entry (entries, 9, NULL, "Board member");
}

static void
test_blank_lines_and_bullets (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("\n   \r\n"
                                                 "- Ana, CPO\r\n"
                                                 "* Ben\n"
                                                 "• Chen, CTO\n"
                                                 "1. Dana, COO\n"
                                                 "2) Eve\n"
                                                 "\t\n"
                                                 " , \n");

  g_assert_cmpuint (entries->len, ==, 5);
  assert_entry (entries, 0, "Ana", "CPO");
  assert_entry (entries, 1, "Ben", "");
  assert_entry (entries, 2, "Chen", "CTO");
  assert_entry (entries, 3, "Dana", "COO");
  assert_entry (entries, 4, "Eve", "");
}

/* A number too large to be a seat count is kept as written, so the preview
 * shows one participant and not two thousand seats. */
static void
test_large_number_is_not_seats (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("2024\n");

  g_assert_cmpuint (entries->len, ==, 1);
  assert_entry (entries, 0, "2024", "");

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = cr_paste_parse ("200 seats\n");
  g_assert_cmpuint (entries->len, ==, CR_PASTE_MAX_SEATS);
}

static void
test_describe (void)
{
  struct { const char *text; const char *preview; } cases[] = {
    { "", "No participants" },
    { "Ana", "1 participant" },
    { "Ana\nBen, CFO", "2 participants" },
    { "1 seat", "1 anonymous seat" },
    { "Ana, CPO\nBen\nChen\nDana\n2 seats", "4 participants, 2 anonymous seats" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) entries = cr_paste_parse (cases[i].text);
      g_autofree char *preview = cr_paste_describe (entries);

      g_assert_cmpstr (preview, ==, cases[i].preview);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) entries = cr_paste_parse ("Ana\xff, CPO\n");

  g_assert_cmpuint (entries->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paste/separators", test_separators);
  g_test_add_func ("/paste/separator-order", test_separator_order);
  g_test_add_func ("/paste/seats", test_seats);
  g_test_add_func ("/paste/blank-lines-and-bullets", test_blank_lines_and_bullets);
  g_test_add_func ("/paste/large-number-is-not-seats", test_large_number_is_not_seats);
  g_test_add_func ("/paste/describe", test_describe);
  g_test_add_func ("/paste/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
