/* test-template-i18n.c: the built-in templates speak the facilitator's language
 *
 * The test runs in German with the catalogue built from po/de.po in the
 * build tree: a built-in template's text is translated as it loads, its ids
 * and its JSON document are not, and a user's own template is never touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "cr-template.h"
#include "cr-test-util.h"

#define PPM "people-product-models"

static const char *
english (JsonObject *object,
         const char *member)
{
  return json_object_has_member (object, member) ? json_object_get_string_member (object, member) : NULL;
}

/* The loaded text is the catalogue's translation of the English in the
 * document, with the template id as context. */
static void
assert_translated (const char *template_id,
                   const char *loaded,
                   const char *source)
{
  if (source == NULL)
    {
      g_assert_null (loaded);
      return;
    }
  g_assert_cmpstr (loaded, ==, g_dpgettext2 (GETTEXT_PACKAGE, template_id, source));
}

static void
test_builtin_text_translated (void)
{
  const char * const *ids = cr_template_builtin_ids ();
  guint differing = 0;

  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[t], &error);
      JsonObject *doc;
      JsonArray *items;

      g_assert_no_error (error);
      doc = json_node_get_object (cr_template_get_json (template));
      assert_translated (ids[t], cr_template_get_title (template), english (doc, "title"));
      assert_translated (ids[t], cr_template_get_description (template), english (doc, "description"));
      if (g_strcmp0 (cr_template_get_title (template), english (doc, "title")) != 0)
        differing++;

      items = json_object_get_array_member (doc, "options");
      for (guint i = 0; i < cr_template_get_n_options (template); i++)
        {
          const CrOption *option = cr_template_get_option (template, i);
          JsonObject *source = json_array_get_object_element (items, i);
          JsonArray *strengths = json_object_get_array_member (source, "strengths");
          JsonArray *risks = json_object_get_array_member (source, "risks");

          /* Ids are contract names: never translated. */
          g_assert_cmpstr (option->id, ==, english (source, "id"));
          assert_translated (ids[t], option->title, english (source, "title"));
          assert_translated (ids[t], option->summary, english (source, "summary"));
          assert_translated (ids[t], option->product, english (source, "product"));
          assert_translated (ids[t], option->found_in, english (source, "found_in"));
          for (guint j = 0; option->strengths[j] != NULL; j++)
            assert_translated (ids[t], option->strengths[j], json_array_get_string_element (strengths, j));
          for (guint j = 0; option->risks[j] != NULL; j++)
            assert_translated (ids[t], option->risks[j], json_array_get_string_element (risks, j));
          if (g_strcmp0 (option->summary, english (source, "summary")) != 0)
            differing++;
        }

      items = json_object_get_array_member (doc, "context");
      for (guint i = 0; i < cr_template_get_n_context (template); i++)
        {
          const CrContextField *field = cr_template_get_context (template, i);
          JsonObject *source = json_array_get_object_element (items, i);

          g_assert_cmpstr (field->id, ==, english (source, "id"));
          assert_translated (ids[t], field->label, english (source, "label"));
          assert_translated (ids[t], field->help, english (source, "help"));
          assert_translated (ids[t], field->min_label, english (source, "min_label"));
          assert_translated (ids[t], field->max_label, english (source, "max_label"));
          for (guint j = 0; field->choices != NULL && j < field->choices->len; j++)
            {
              const CrChoice *choice = g_ptr_array_index (field->choices, j);
              JsonObject *c = json_array_get_object_element (json_object_get_array_member (source, "choices"), j);

              g_assert_cmpstr (choice->id, ==, english (c, "id"));
              assert_translated (ids[t], choice->label, english (c, "label"));
            }
        }

      items = json_object_get_array_member (doc, "questions");
      for (guint i = 0; i < cr_template_get_n_questions (template); i++)
        {
          const CrQuestion *question = cr_template_get_question (template, i);
          JsonObject *source = json_array_get_object_element (items, i);

          g_assert_cmpstr (question->id, ==, english (source, "id"));
          assert_translated (ids[t], question->prompt, english (source, "prompt"));
          assert_translated (ids[t], question->help, english (source, "help"));
          for (guint j = 0; j < question->criteria->len; j++)
            {
              const CrCriterion *criterion = g_ptr_array_index (question->criteria, j);
              JsonObject *c = json_array_get_object_element (json_object_get_array_member (source, "criteria"), j);

              g_assert_cmpstr (criterion->id, ==, english (c, "id"));
              assert_translated (ids[t], criterion->label, english (c, "label"));
            }
        }

      items = json_object_get_array_member (doc, "agenda");
      for (guint i = 0; i < cr_template_get_n_steps (template); i++)
        {
          const CrAgendaStep *step = cr_template_get_step (template, i);
          JsonObject *source = json_array_get_object_element (items, i);

          g_assert_cmpstr (step->id, ==, english (source, "id"));
          g_assert_cmpstr (step->page, ==, english (source, "page"));
          assert_translated (ids[t], step->title, english (source, "title"));
          assert_translated (ids[t], step->description, english (source, "description"));
        }

      items = json_object_get_array_member (json_object_get_object_member (doc, "recommendation"), "rules");
      for (guint i = 0; i < cr_template_get_n_rules (template); i++)
        {
          const CrRule *rule = cr_template_get_rule (template, i);
          JsonObject *source = json_array_get_object_element (items, i);

          assert_translated (ids[t], rule->reason, english (source, "because"));
          if (rule->equals != NULL)
            g_assert_cmpstr (rule->equals,
                             ==,
                             english (json_object_get_object_member (source, "when"), "equals"));
        }
    }

  /* The catalogue really is German (else the checks above compare English with English). */
  g_assert_cmpuint (differing, >=, 4);
}

static void
test_builtin_german_text (void)
{
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin (PPM, NULL);
  JsonObject *doc = json_node_get_object (cr_template_get_json (template));
  const CrContextField *stage = cr_template_find_context (template, "stage");

  g_assert_cmpstr (cr_template_get_title (template), ==, "Produktorientierte Betriebsmodelle für People");
  g_assert_cmpstr (cr_template_find_option (template, "px-as-a-product")->title, ==, "People Experience als Produkt");
  g_assert_cmpstr (cr_context_field_find_choice (stage, "enterprise")->label, ==, "Konzern");
  g_assert_cmpstr (cr_template_find_question (template, "target")->prompt, ==, "Wo wollen wir hin?");
  /* The document a bundle would embed keeps the template's own words. */
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "People product operating models");
}

/* A template of the user's own is their text: it is shown as written, even
 * when it is a copy of a built-in one. */
static void
test_user_template_untouched (void)
{
  g_autoptr(CrTemplate) builtin = cr_template_lookup_builtin (PPM, NULL);
  g_autofree char *text = json_to_string (cr_template_get_json (builtin), TRUE);
  g_autofree char *path = cr_test_tmp_path ("my-copy.json");
  g_autoptr(CrTemplate) mine = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  mine = cr_template_new_from_file (path, &error);
  g_assert_no_error (error);

  g_assert_false (cr_template_is_builtin (mine));
  g_assert_cmpstr (cr_template_get_title (mine), ==, "People product operating models");
  g_assert_cmpstr (cr_template_find_option (mine, "px-as-a-product")->title, ==, "People Experience as a Product");
  g_assert_cmpstr (cr_template_get_step (mine, 0)->title, ==, "Welcome and set-up");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* German from the catalogue msgfmt built in <build>/po, before any
   * built-in template is loaded (they are loaded once per process). */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  cr_test_use_built_catalogues ();

  g_test_add_func ("/template-i18n/builtin/every-text", test_builtin_text_translated);
  g_test_add_func ("/template-i18n/builtin/german", test_builtin_german_text);
  g_test_add_func ("/template-i18n/user-template-untouched", test_user_template_untouched);

  return g_test_run ();
}
