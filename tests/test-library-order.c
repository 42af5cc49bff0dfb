/* test-library-order.c: the library's groups, order and search, without a
 * display (the library page shows the same order: test-library-page.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-library.h"
#include "cr-library-order.h"
#include "cr-test-util.h"

static void
add (CrStore    *store,
     const char *title,
     const char *organisation,
     const char *facilitator,
     const char *date)
{
  g_autoptr(CrWorkshop) workshop = cr_test_new_workshop (store, "people-product-models", title, organisation,
                                                         facilitator, date, "People Experience");

  g_assert_nonnull (workshop);
}

/* A workshop with one participant, whose name and role a search reads. */
static void
add_with_participant (CrStore    *store,
                      const char *title,
                      const char *organisation,
                      const char *facilitator,
                      const char *date,
                      const char *name,
                      const char *role)
{
  g_autoptr(CrWorkshop) workshop = cr_test_new_workshop (store, "people-product-models", title, organisation,
                                                         facilitator, date, "People Experience");
  g_autoptr(GError) error = NULL;
  CrParticipant *participant;

  g_assert_nonnull (workshop);
  participant = cr_workshop_add_participant (workshop, name, role, &error);
  g_assert_no_error (error);
  g_assert_nonnull (participant);
}

static CrLibrary *
loaded_library (CrStore *store)
{
  g_autoptr(CrLibrary) library = cr_library_new (store);
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_library_reload (library, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static int
compare_in_groups (gconstpointer a,
                   gconstpointer b,
                   gpointer      groups)
{
  return cr_library_groups_compare (groups, *(CrWorkshopInfo **) a, *(CrWorkshopInfo **) b);
}

/* The library's items in the groups' order, "title (rank)" joined by ", ". */
static char *
ordered (CrLibrary       *library,
         CrLibraryGroups *groups)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (library), i));
  g_ptr_array_sort_with_data (items, compare_in_groups, groups);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (text, "%s%s (%u)", i > 0 ? ", " : "",
                            cr_workshop_info_get_title (items->pdata[i]),
                            cr_library_groups_rank (groups, items->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_groups (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrLibrary) library = NULL;
  g_autoptr(CrLibraryGroups) groups = cr_library_groups_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;

  add (store, "Kick-off", "Contoso", "Sam Rivera", "2024-01-10");
  add (store, "Strategy day", "Northwind", "Ana Lima", "2025-03-14");
  add (store, "Vocabulary", "Contoso", "", "2025-05-01");
  add (store, "Pilot", "Northwind", "Ana Lima", "2024-06-01");
  /* Same client typed differently: one group. */
  add (store, "Follow-up", " contoso ", "Sam Rivera", "2024-03-01");
  /* Same date: the one made last comes first. */
  add (store, "Second pilot", "Northwind", "Ana Lima", "2024-06-01");
  add (store, "Unfiled", "", "", "2023-01-01");

  library = loaded_library (store);
  /* The first ranking moves no group that was ranked before. */
  g_assert_false (cr_library_groups_update (groups, G_LIST_MODEL (library)));
  order = ordered (library, groups);
  /* Contoso's newest (May 2025) is newer than Northwind's (March 2025). */
  g_assert_cmpstr (order, ==,
                   "Vocabulary (0), Follow-up (0), Kick-off (0), "
                   "Strategy day (1), Second pilot (1), Pilot (1), Unfiled (2)");

  /* A newer Northwind workshop moves the whole group to the top. */
  add (store, "Review", "Northwind", "Ana Lima", "2025-06-01");
  g_assert_true (cr_library_reload (library, &error));
  g_assert_no_error (error);
  g_assert_true (cr_library_groups_update (groups, G_LIST_MODEL (library)));
  g_clear_pointer (&order, g_free);
  order = ordered (library, groups);
  g_assert_cmpstr (order, ==,
                   "Review (0), Strategy day (0), Second pilot (0), Pilot (0), "
                   "Vocabulary (1), Follow-up (1), Kick-off (1), Unfiled (2)");

  /* Nothing moved: no group changes rank. */
  g_assert_false (cr_library_groups_update (groups, G_LIST_MODEL (library)));

  g_clear_object (&library);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* Whether searching @typed finds the workshop titled @title (of
 * @organisation, unless NULL). */
static gboolean
finds_workshop (CrLibrary  *library,
                const char *typed,
                const char *organisation,
                const char *title)
{
  g_autofree char *search = cr_library_search_fold (typed);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrWorkshopInfo) info = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (g_strcmp0 (cr_workshop_info_get_title (info), title) == 0 &&
          (organisation == NULL || g_strcmp0 (cr_workshop_info_get_organisation (info), organisation) == 0))
        return cr_library_search_matches (search, info);
    }
  g_assert_not_reached ();
}

static gboolean
finds (CrLibrary  *library,
       const char *typed,
       const char *title)
{
  return finds_workshop (library, typed, NULL, title);
}

static void
test_search (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrLibrary) library = NULL;
  g_autofree char *folded = NULL;

  add (store, "Kick-off", "Contoso", "Sam Rivera", "2024-01-10");
  add (store, "Strategy day", "Northwind", "Ana Lima", "2025-03-14");
  add (store, "Ärztekammer review", "Fabrikam", "Sam Rivera", "2023-02-01");
  library = loaded_library (store);

  /* Nothing typed, or only spaces: everything is found. */
  g_assert_null (cr_library_search_fold (NULL));
  g_assert_null (cr_library_search_fold ("  \t "));
  g_assert_true (finds (library, "   ", "Kick-off"));

  /* Stripped and case-folded, whatever the case typed. */
  folded = cr_library_search_fold ("  NORTH ");
  g_assert_cmpstr (folded, ==, "north");
  /* Organisation, facilitator and title; beyond ASCII, composed or not. */
  g_assert_true (finds (library, "NORTH", "Strategy day"));
  g_assert_false (finds (library, "NORTH", "Kick-off"));
  g_assert_true (finds (library, "sam", "Kick-off"));
  g_assert_true (finds (library, "sam", "Ärztekammer review"));
  g_assert_true (finds (library, "ÄRZTE", "Ärztekammer review"));
  g_assert_true (finds (library, "A\xcc\x88rzte", "Ärztekammer review"));
  g_assert_false (finds (library, "zanzibar", "Kick-off"));

  g_clear_object (&library);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_fold (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrLibrary) library = NULL;
  g_autofree char *folded = NULL;

  add (store, "Kick-off", "Müller & Söhne", "Sam Rivera", "2024-01-10");
  add (store, "Board day", "Société Générale", "Ana Lima", "2025-03-14");
  add (store, "review with jonas muller", "Contoso", "", "2023-02-01");
  add (store, "Planning", "Straßenbau AG", "Łukasz Øberg", "2024-06-01");
  add (store, "Œuvre commune", "Cœur & Associés", "", "2024-07-01");
  library = loaded_library (store);

  /* What is typed folds to plain lowercase letters: accents dropped, ß to
   * ss, œ to oe, ligatures split, runs of spaces made one. */
  folded = cr_library_search_fold ("  MÜLLER   Société ");
  g_assert_cmpstr (folded, ==, "muller societe");
  g_clear_pointer (&folded, g_free);
  folded = cr_library_search_fold ("Straße Œuvre \xef\xac\x81nance");
  g_assert_cmpstr (folded, ==, "strasse oeuvre finance");

  /* Without accents, or with them, in either case: the same workshops. */
  g_assert_true (finds (library, "muller", "Kick-off"));
  g_assert_true (finds (library, "MÜLLER", "review with jonas muller"));
  g_assert_true (finds (library, "Mu\xcc\x88ller", "Kick-off"));
  g_assert_true (finds (library, "societe", "Board day"));
  g_assert_true (finds (library, "SOCIETE GENERALE", "Board day"));
  g_assert_true (finds (library, "strasse", "Planning"));
  g_assert_true (finds (library, "straßenbau", "Planning"));
  g_assert_true (finds (library, "lukasz oberg", "Planning"));
  g_assert_true (finds (library, "oeuvre", "Œuvre commune"));
  g_assert_true (finds (library, "coeur", "Œuvre commune"));
  g_assert_false (finds (library, "muller", "Board day"));

  g_clear_object (&library);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_words (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(CrLibrary) library = NULL;

  add_with_participant (store, "Operating model", "Woodgrove Bank", "Ana Lima", "2024-01-10",
                        "Sam Rivera", "Chief Financial Officer");
  add_with_participant (store, "Operating model", "Northwind", "Ana Lima", "2025-03-14",
                        "Sam Rivera", "Head of People");
  add_with_participant (store, "Pilot", "Woodgrove Bank", "Ana Lima", "2023-02-01",
                        "Kemi Adeyemi", "Head of People");
  library = loaded_library (store);

  /* Every word, each in any field, in any order. */
  g_assert_true (finds_workshop (library, "woodgrove rivera", "Woodgrove Bank", "Operating model"));
  g_assert_true (finds_workshop (library, "rivera woodgrove", "Woodgrove Bank", "Operating model"));
  g_assert_false (finds_workshop (library, "woodgrove rivera", "Northwind", "Operating model"));
  g_assert_false (finds_workshop (library, "woodgrove rivera", "Woodgrove Bank", "Pilot"));
  /* A participant's name and role. */
  g_assert_true (finds_workshop (library, "kemi", "Woodgrove Bank", "Pilot"));
  g_assert_true (finds_workshop (library, "financial woodgrove", "Woodgrove Bank", "Operating model"));
  g_assert_false (finds_workshop (library, "financial", "Northwind", "Operating model"));
  /* The date, as the library shows it. */
  g_assert_true (finds_workshop (library, "2025-03 rivera", "Northwind", "Operating model"));
  g_assert_false (finds_workshop (library, "2025-03", "Woodgrove Bank", "Pilot"));
  /* A word is found inside one field: it does not run across two. */
  g_assert_false (finds_workshop (library, "bankana", "Woodgrove Bank", "Pilot"));
  /* A word nowhere: not found, whatever the others find. */
  g_assert_false (finds_workshop (library, "woodgrove zanzibar", "Woodgrove Bank", "Pilot"));

  g_clear_object (&library);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_change (void)
{
  /* Typing on narrows what is found; deleting widens it. */
  g_assert_cmpint (cr_library_search_change (NULL, "n"), ==, CR_LIBRARY_SEARCH_NARROWER);
  g_assert_cmpint (cr_library_search_change ("no", "nor"), ==, CR_LIBRARY_SEARCH_NARROWER);
  g_assert_cmpint (cr_library_search_change ("nor", "no"), ==, CR_LIBRARY_SEARCH_WIDER);
  g_assert_cmpint (cr_library_search_change ("nor", NULL), ==, CR_LIBRARY_SEARCH_WIDER);
  g_assert_cmpint (cr_library_search_change ("north", "south"), ==, CR_LIBRARY_SEARCH_DIFFERENT);
  /* Another word narrows; taking one away widens. */
  g_assert_cmpint (cr_library_search_change ("woodgrove", "woodgrove rivera"), ==, CR_LIBRARY_SEARCH_NARROWER);
  g_assert_cmpint (cr_library_search_change ("woodgrove rivera", "woodgrove"), ==, CR_LIBRARY_SEARCH_WIDER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library-order/groups", test_groups);
  g_test_add_func ("/library-order/search", test_search);
  g_test_add_func ("/library-order/search-fold", test_search_fold);
  g_test_add_func ("/library-order/search-words", test_search_words);
  g_test_add_func ("/library-order/search-change", test_search_change);

  return g_test_run ();
}
