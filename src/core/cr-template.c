/* cr-template.c: workshop templates (JSON, format version 1): a file read and checked, and the built-in ones
 *
 * A template file is read strictly (cr-json-input.c), then checked in one
 * pass that notes every problem with its place; the built-in templates come
 * from the GResource, translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cr-template.h"
#include "cr-template-private.h"

#include "cr-json-input.h"
#include "cr-read.h"

#define TEMPLATE_RESOURCE_DIR RESOURCE_PREFIX "/templates/"

/* A template is a few kilobytes and five levels deep; anything far beyond
 * that is a wrong file, and json-glib's recursive parser must never see it. */
#define MAX_FILE_SIZE       (4 * 1024 * 1024)
#define MAX_DEPTH           32
/* What json-glib's tree of a template file may take, as cr_json_scan()
 * estimates it: a file of small items within the size would need 400 MB. */
#define MAX_TREE_BYTES      (32 * 1024 * 1024)
#define MAX_ID_LENGTH       64
/* Characters in a template's text: a title or label is shown on one line
 * (in charts, on the projector), a summary or a reason in a paragraph. */
#define MAX_LINE_CHARS      200
#define MAX_TEXT_CHARS      10000
#define MAX_OPTIONS         12
#define MAX_CRITERIA        12
#define MAX_WEIGHT          100.0
#define MAX_MINUTES         480
#define MAX_BUDGET          100
#define MAX_SCALE_VALUE     1000
#define DEFAULT_DOTS_BUDGET 3
#define DEFAULT_DESTINATION_WEIGHT 1.0
#define DEFAULT_VOTE_WEIGHT 2.0
#define DEFAULT_CONTEXT_WEIGHT 1.0
#define DEFAULT_ROOM_WEIGHT 1.0

struct _CrTemplate
{
  GObject    parent_instance;

  JsonNode  *json;
  char      *id;
  char      *title;
  char      *description;
  int        default_budget;
  GPtrArray *options;    /* CrOption* */
  GPtrArray *context;    /* CrContextField* */
  GPtrArray *questions;  /* CrQuestion* */
  GPtrArray *steps;      /* CrAgendaStep* */
  GPtrArray *rules;      /* CrRule* */
  CrAimRule *aim;
  double     context_weight;
  GPtrArray *room;       /* CrRoomVote* */
  guint      ordered : 1;
  guint      builtin : 1;
};

G_DEFINE_FINAL_TYPE (CrTemplate, cr_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (cr-template-error-quark, cr_template_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ORDERED,
  PROP_BUILTIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const builtin_ids[] = {
  "people-product-models",
  "product-led-vocabulary",
  NULL
};

static const char * const kind_names[] = { "number", "choice", "scale", "text", NULL };
static const char * const method_names[] = { "single", "dots", "score", NULL };
static const char * const meaning_names[] = { "today", "target", "fit", NULL };
static const char * const page_names[] = {
  "setup", "context", "canvas", "vote", "results", "recommendation", "actions", "export", NULL
};

G_LOCK_DEFINE_STATIC (builtins);
static GHashTable *builtins;  /* id -> CrTemplate* */

/* Freeing the parts */

static void
choice_free (CrChoice *choice)
{
  g_free (choice->id);
  g_free (choice->label);
  g_free (choice);
}

static void
option_free (CrOption *option)
{
  g_free (option->id);
  g_free (option->title);
  g_free (option->summary);
  g_free (option->product);
  g_free (option->found_in);
  g_strfreev (option->strengths);
  g_strfreev (option->risks);
  g_free (option);
}

static void
context_field_free (CrContextField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->help);
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free (field->min_label);
  g_free (field->max_label);
  g_free (field);
}

static void
criterion_free (CrCriterion *criterion)
{
  g_free (criterion->id);
  g_free (criterion->label);
  g_free (criterion);
}

static void
question_free (CrQuestion *question)
{
  g_free (question->id);
  g_free (question->prompt);
  g_free (question->help);
  g_clear_pointer (&question->criteria, g_ptr_array_unref);
  g_free (question);
}

static void
step_free (CrAgendaStep *step)
{
  g_free (step->id);
  g_free (step->title);
  g_free (step->page);
  g_free (step->question);
  g_free (step->description);
  g_free (step);
}

static void
rule_free (CrRule *rule)
{
  g_free (rule->context);
  g_free (rule->equals);
  g_clear_pointer (&rule->option_ids, g_ptr_array_unref);
  g_clear_pointer (&rule->weights, g_array_unref);
  g_free (rule->reason);
  g_free (rule);
}

static void
aim_free (CrAimRule *aim)
{
  g_free (aim->question);
  g_free (aim);
}

static void
room_vote_free (CrRoomVote *vote)
{
  g_free (vote->question);
  g_free (vote);
}

/* GObject */

static void
cr_template_finalize (GObject *object)
{
  CrTemplate *self = (CrTemplate *)object;

  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->aim, aim_free);
  g_clear_pointer (&self->room, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_template_parent_class)->finalize (object);
}

static void
cr_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrTemplate *self = CR_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ORDERED:
      g_value_set_boolean (value, self->ordered);
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_template_class_init (CrTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_template_finalize;
  object_class->get_property = cr_template_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDERED] =
    g_param_spec_boolean ("ordered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_template_init (CrTemplate *self)
{
  self->default_budget = DEFAULT_DOTS_BUDGET;
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  self->context = g_ptr_array_new_with_free_func ((GDestroyNotify) context_field_free);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->room = g_ptr_array_new_with_free_func ((GDestroyNotify) room_vote_free);
  self->context_weight = DEFAULT_CONTEXT_WEIGHT;
}

/* Validation
 *
 * One pass reads the document into a CrTemplate and notes every problem
 * with the JSON path where it sits, so that a consultant fixing their file
 * sees all of them at once rather than one per attempt.
 */

typedef struct
{
  GPtrArray  *problems;   /* char*: "path: message" */
  CrTemplate *template;
} Checker;

typedef enum
{
  TEXT_REQUIRED = 1 << 0,
  TEXT_ONE_LINE = 1 << 1,
} TextFlags;

static void problem (Checker    *c,
                     const char *path,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

void
_cr_template_note (GPtrArray  *notes,
                   const char *path,
                   const char *format,
                   va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (notes, g_strdup_printf ("%s: %s", path, message));
}

static void
problem (Checker    *c,
         const char *path,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  _cr_template_note (c->problems, path, format, args);
  va_end (args);
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("true or false");
  return _("a number");
}

static char *
join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

static gboolean
is_extension_member (const char *name)
{
  /* "x-" members are left to other tools (a consultant's own notes, say). */
  return g_str_has_prefix (name, "x-");
}

static void
check_members (Checker            *c,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!is_extension_member (name) && !g_strv_contains (allowed, name))
        {
          g_autofree char *where = cr_json_path_member (path, name);
          g_autofree char *expected = join_names (allowed);

          /* Translators: %s is a list of member names, like "id, title, summary" */
          problem (c, where, _("unknown member; expected one of %s"), expected);
        }
    }
}

/* The member @name of @object, or NULL when it is absent (an optional
 * member set to null counts as absent). */
static JsonNode *
get_member (Checker    *c,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = cr_json_member (object, name, required);

  if (node == NULL && required)
    {
      g_autofree char *where = cr_json_path_member (path, name);
      problem (c, where, _("required member is missing"));
    }
  return node;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
read_string_node (Checker    *c,
                  JsonNode   *node,
                  const char *where,
                  TextFlags   flags)
{
  const char *text;

  if (!cr_json_node_is_string (node))
    {
      problem (c, where, _("expected a string, found %s"), describe_node (node));
      return NULL;
    }

  text = json_node_get_string (node);
  if (is_blank (text))
    {
      if (flags & TEXT_REQUIRED)
        problem (c, where, _("must not be empty"));
      return NULL;
    }

  if ((flags & TEXT_ONE_LINE) && strchr (text, '\n') != NULL)
    {
      problem (c, where, _("must be a single line"));
      return NULL;
    }

  if (g_utf8_strlen (text, -1) > ((flags & TEXT_ONE_LINE) ? MAX_LINE_CHARS : MAX_TEXT_CHARS))
    {
      /* Translators: %u is a number of characters */
      problem (c, where, _("is longer than %u characters; shorten it"),
               (flags & TEXT_ONE_LINE) ? MAX_LINE_CHARS : MAX_TEXT_CHARS);
      return NULL;
    }

  return g_strdup (text);
}

static char *
read_string (Checker    *c,
             JsonObject *object,
             const char *path,
             const char *name,
             TextFlags   flags)
{
  g_autofree char *where = cr_json_path_member (path, name);
  JsonNode *node = get_member (c, object, path, name, (flags & TEXT_REQUIRED) != 0);

  if (node == NULL)
    return NULL;
  return read_string_node (c, node, where, flags);
}

static gboolean
is_valid_id (const char *id)
{
  if (!g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return strlen (id) <= MAX_ID_LENGTH;
}

static char *
read_id_node (Checker    *c,
              JsonNode   *node,
              const char *where)
{
  g_autofree char *id = read_string_node (c, node, where, TEXT_REQUIRED);

  if (id == NULL)
    return NULL;

  if (!is_valid_id (id))
    {
      /* Translators: %s is the id as written, %d its longest length */
      problem (c, where,
               _("'%s' is not a valid id; use letters, digits, '-', '_' or '.', starting with a letter or digit, at most %d characters"),
               id, MAX_ID_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&id);
}

/* The id of an element of a list; @seen maps ids to the path that used
 * them first, so a duplicate names both places. */
static char *
read_id (Checker    *c,
         JsonObject *object,
         const char *path,
         GHashTable *seen)
{
  g_autofree char *where = cr_json_path_member (path, "id");
  JsonNode *node = get_member (c, object, path, "id", TRUE);
  g_autofree char *id = NULL;
  const char *first;

  if (node == NULL || (id = read_id_node (c, node, where)) == NULL)
    return NULL;

  if (seen != NULL)
    {
      if ((first = g_hash_table_lookup (seen, id)) != NULL)
        {
          /* Translators: the first %s is an id, the second where it was first used, like "options[0]" */
          problem (c, where, _("'%s' is already used by %s"), id, first);
          return g_steal_pointer (&id);
        }
      g_hash_table_insert (seen, g_strdup (id), g_strdup (path));
    }

  return g_steal_pointer (&id);
}

static gboolean
read_number (Checker    *c,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required,
             double     *value)
{
  g_autofree char *where = cr_json_path_member (path, name);
  JsonNode *node = get_member (c, object, path, name, required);
  double v;

  if (node == NULL)
    return FALSE;

  if (!cr_json_node_is_number (node))
    {
      problem (c, where, _("expected a number, found %s"), describe_node (node));
      return FALSE;
    }

  if (!cr_json_node_get_number (node, &v))
    {
      problem (c, where, _("the number is too large"));
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
read_int (Checker    *c,
          JsonObject *object,
          const char *path,
          const char *name,
          gboolean    required,
          gint64      min,
          gint64      max,
          int        *value)
{
  g_autofree char *where = cr_json_path_member (path, name);
  double v = 0;

  if (!read_number (c, object, path, name, required, &v))
    return FALSE;

  if (v != floor (v))
    {
      /* Translators: %g is the number as written */
      problem (c, where, _("expected a whole number, found %g"), v);
      return FALSE;
    }

  if (v < (double) min || v > (double) max)
    {
      /* Translators: %g is the number written; the two others the allowed range */
      problem (c, where, _("%g is out of range; expected %lld to %lld"),
               v, (long long) min, (long long) max);
      return FALSE;
    }

  *value = (int) v;
  return TRUE;
}

static gboolean
read_bool (Checker    *c,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean   *value)
{
  g_autofree char *where = cr_json_path_member (path, name);
  JsonNode *node = get_member (c, object, path, name, FALSE);

  if (node == NULL)
    return FALSE;

  if (!cr_json_node_is_bool (node))
    {
      problem (c, where, _("expected true or false, found %s"), describe_node (node));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
read_array (Checker    *c,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required,
            const char *expected)
{
  g_autofree char *where = cr_json_path_member (path, name);
  JsonNode *node = get_member (c, object, path, name, required);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Translators: the first %s says what kind of list, like "a list of options";
       * the second what was found instead, like "a string" */
      problem (c, where, _("expected %s, found %s"), expected, describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
read_object_node (Checker    *c,
                  JsonNode   *node,
                  const char *where)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, where, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonObject *
read_object (Checker    *c,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required)
{
  g_autofree char *where = cr_json_path_member (path, name);
  JsonNode *node = get_member (c, object, path, name, required);

  if (node == NULL)
    return NULL;
  return read_object_node (c, node, where);
}

static GStrv
read_string_list (Checker    *c,
                  JsonObject *object,
                  const char *path,
                  const char *name)
{
  g_autofree char *where = cr_json_path_member (path, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = read_array (c, object, path, name, FALSE, _("a list of strings"));

  if (array != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        g_autofree char *item_path = cr_json_path_index (where, i);
        g_autofree char *text = read_string_node (c, json_array_get_element (array, i),
                                                  item_path, TEXT_REQUIRED);

        if (text != NULL)
          g_strv_builder_add (builder, text);
      }

  return g_strv_builder_end (builder);
}

static gboolean
read_enum (Checker            *c,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char * const *names,
           int                *value)
{
  g_autofree char *where = cr_json_path_member (path, name);
  g_autofree char *text = read_string (c, object, path, name, TEXT_REQUIRED);

  if (text == NULL)
    return FALSE;

  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      {
        *value = i;
        return TRUE;
      }

  {
    g_autofree char *expected = join_names (names);

    /* Translators: the first %s is the value as written, the second a list like "single, dots, score" */
    problem (c, where, _("'%s' is not one of %s"), text, expected);
  }
  return FALSE;
}

/* Ids of the template's own parts, listed in messages about references. */
static char *
list_ids (GPtrArray *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  /* Every part struct starts with its id. */
  for (guint i = 0; i < items->len; i++)
    {
      const char * const *id = g_ptr_array_index (items, i);

      if (*id != NULL)
        g_strv_builder_add (builder, *id);
    }
  ids = g_strv_builder_end (builder);
  if (ids[0] == NULL)
    return g_strdup (_("none"));
  return g_strjoinv (", ", ids);
}

static gpointer
find_by_id (GPtrArray  *items,
            const char *id)
{
  if (items == NULL || id == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const char * const *item_id = g_ptr_array_index (items, i);

      if (g_strcmp0 (*item_id, id) == 0)
        return g_ptr_array_index (items, i);
    }
  return NULL;
}

/* Options */

static void
read_options (Checker    *c,
              JsonObject *root)
{
  static const char * const members[] = {
    "id", "title", "summary", "product", "found_in", "strengths", "risks", NULL
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array = read_array (c, root, NULL, "options", TRUE, _("a list of options"));
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  if (n < 2)
    problem (c, "options", _("a template needs at least two options to compare"));
  else if (n > MAX_OPTIONS)
    /* Translators: %u are numbers of options */
    problem (c, "options", _("%u options are more than a room can compare; use at most %u"),
             n, (guint) MAX_OPTIONS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = cr_json_path_index ("options", i);
      JsonObject *object = read_object_node (c, json_array_get_element (array, i), path);
      CrOption *option;

      if (object == NULL)
        continue;

      check_members (c, object, path, members);
      option = g_new0 (CrOption, 1);
      option->id = read_id (c, object, path, seen);
      option->title = read_string (c, object, path, "title", TEXT_REQUIRED | TEXT_ONE_LINE);
      option->summary = read_string (c, object, path, "summary", TEXT_REQUIRED | TEXT_ONE_LINE);
      option->product = read_string (c, object, path, "product", 0);
      option->found_in = read_string (c, object, path, "found_in", 0);
      option->strengths = read_string_list (c, object, path, "strengths");
      option->risks = read_string_list (c, object, path, "risks");
      g_ptr_array_add (c->template->options, option);
    }
}

/* Context fields */

static void
read_choices (Checker        *c,
              JsonObject     *object,
              const char     *path,
              CrContextField *field)
{
  static const char * const members[] = { "id", "label", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *where = cr_json_path_member (path, "choices");
  JsonArray *array = read_array (c, object, path, "choices", TRUE, _("a list of choices"));

  if (array == NULL)
    return;

  if (json_array_get_length (array) < 2)
    problem (c, where, _("a choice field needs at least two choices"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cr_json_path_index (where, i);
      JsonObject *item = read_object_node (c, json_array_get_element (array, i), item_path);
      CrChoice *choice;

      if (item == NULL)
        continue;

      check_members (c, item, item_path, members);
      choice = g_new0 (CrChoice, 1);
      choice->id = read_id (c, item, item_path, seen);
      choice->label = read_string (c, item, item_path, "label", TEXT_REQUIRED | TEXT_ONE_LINE);
      g_ptr_array_add (field->choices, choice);
    }
}

static void
refuse_member (Checker    *c,
               JsonObject *object,
               const char *path,
               const char *name,
               const char *why)
{
  if (json_object_has_member (object, name))
    {
      g_autofree char *where = cr_json_path_member (path, name);
      problem (c, where, "%s", why);
    }
}

static void
read_context (Checker    *c,
              JsonObject *root)
{
  static const char * const members[] = {
    "id", "label", "help", "kind", "choices", "min", "max", "min_label", "max_label", NULL
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array = read_array (c, root, NULL, "context", FALSE, _("a list of context fields"));

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = cr_json_path_index ("context", i);
      JsonObject *object = read_object_node (c, json_array_get_element (array, i), path);
      CrContextField *field;
      int kind = -1;

      if (object == NULL)
        continue;

      check_members (c, object, path, members);
      field = g_new0 (CrContextField, 1);
      field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
      field->id = read_id (c, object, path, seen);
      field->label = read_string (c, object, path, "label", TEXT_REQUIRED | TEXT_ONE_LINE);
      field->help = read_string (c, object, path, "help", 0);
      if (read_enum (c, object, path, "kind", kind_names, &kind))
        field->kind = kind;

      if (kind == CR_CONTEXT_CHOICE)
        read_choices (c, object, path, field);
      else if (kind != -1)
        refuse_member (c, object, path, "choices", _("only a field of kind 'choice' has choices"));

      if (kind == CR_CONTEXT_SCALE)
        {
          gboolean has_min = read_int (c, object, path, "min", TRUE,
                                       -MAX_SCALE_VALUE, MAX_SCALE_VALUE, &field->scale_min);
          gboolean has_max = read_int (c, object, path, "max", TRUE,
                                       -MAX_SCALE_VALUE, MAX_SCALE_VALUE, &field->scale_max);

          if (has_min && has_max && field->scale_min >= field->scale_max)
            {
              g_autofree char *where = cr_json_path_member (path, "max");
              /* Translators: the numbers are the scale's two ends */
              problem (c, where, _("the scale must go up: max %d is not above min %d"),
                       field->scale_max, field->scale_min);
            }
          field->min_label = read_string (c, object, path, "min_label", TEXT_ONE_LINE);
          field->max_label = read_string (c, object, path, "max_label", TEXT_ONE_LINE);
        }
      else if (kind != -1)
        {
          const char *why = _("only a field of kind 'scale' has min, max and their labels");

          refuse_member (c, object, path, "min", why);
          refuse_member (c, object, path, "max", why);
          refuse_member (c, object, path, "min_label", why);
          refuse_member (c, object, path, "max_label", why);
        }

      g_ptr_array_add (c->template->context, field);
    }
}

/* Questions */

static void
read_criteria (Checker    *c,
               JsonObject *object,
               const char *path,
               CrQuestion *question)
{
  static const char * const members[] = { "id", "label", "weight", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *where = cr_json_path_member (path, "criteria");
  JsonArray *array = read_array (c, object, path, "criteria", FALSE, _("a list of criteria"));

  if (array == NULL)
    return;

  if (json_array_get_length (array) > MAX_CRITERIA)
    problem (c, where, _("%u criteria are too many to score; use at most %u"),
             json_array_get_length (array), (guint) MAX_CRITERIA);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cr_json_path_index (where, i);
      JsonObject *item = read_object_node (c, json_array_get_element (array, i), item_path);
      CrCriterion *criterion;
      double weight = 1.0;

      if (item == NULL)
        continue;

      check_members (c, item, item_path, members);
      criterion = g_new0 (CrCriterion, 1);
      criterion->id = read_id (c, item, item_path, seen);
      criterion->label = read_string (c, item, item_path, "label", TEXT_REQUIRED | TEXT_ONE_LINE);
      if (read_number (c, item, item_path, "weight", FALSE, &weight)
          && (weight <= 0 || weight > MAX_WEIGHT))
        {
          g_autofree char *weight_path = cr_json_path_member (item_path, "weight");
          /* Translators: %g is the weight as written, %g the largest allowed */
          problem (c, weight_path, _("%g is not a valid weight; use a number above 0 and at most %g"),
                   weight, MAX_WEIGHT);
        }
      criterion->weight = weight;
      g_ptr_array_add (question->criteria, criterion);
    }
}

static void
read_questions (Checker    *c,
                JsonObject *root)
{
  static const char * const members[] = {
    "id", "prompt", "help", "method", "budget", "scale", "criteria", NULL
  };
  static const char * const scale_members[] = { "min", "max", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array = read_array (c, root, NULL, "questions", TRUE, _("a list of questions"));

  if (array == NULL)
    return;

  if (json_array_get_length (array) == 0)
    problem (c, "questions", _("a template needs at least one question for the room"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = cr_json_path_index ("questions", i);
      JsonObject *object = read_object_node (c, json_array_get_element (array, i), path);
      CrQuestion *question;
      int method = -1;

      if (object == NULL)
        continue;

      check_members (c, object, path, members);
      question = g_new0 (CrQuestion, 1);
      question->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
      question->id = read_id (c, object, path, seen);
      question->prompt = read_string (c, object, path, "prompt", TEXT_REQUIRED | TEXT_ONE_LINE);
      question->help = read_string (c, object, path, "help", 0);
      if (read_enum (c, object, path, "method", method_names, &method))
        question->method = method;

      if (method == CR_METHOD_DOTS)
        {
          question->budget = c->template->default_budget;
          read_int (c, object, path, "budget", FALSE, 1, MAX_BUDGET, &question->budget);
        }
      else if (method != -1)
        refuse_member (c, object, path, "budget", _("only a question of method 'dots' has a budget"));

      if (method == CR_METHOD_SCORE)
        {
          g_autofree char *scale_path = cr_json_path_member (path, "scale");
          JsonObject *scale = read_object (c, object, path, "scale", TRUE);

          if (scale != NULL)
            {
              gboolean has_min, has_max;

              check_members (c, scale, scale_path, scale_members);
              has_min = read_int (c, scale, scale_path, "min", TRUE,
                                  -MAX_SCALE_VALUE, MAX_SCALE_VALUE, &question->scale_min);
              has_max = read_int (c, scale, scale_path, "max", TRUE,
                                  -MAX_SCALE_VALUE, MAX_SCALE_VALUE, &question->scale_max);
              if (has_min && has_max && question->scale_min >= question->scale_max)
                {
                  g_autofree char *max_path = cr_json_path_member (scale_path, "max");
                  problem (c, max_path, _("the scale must go up: max %d is not above min %d"),
                           question->scale_max, question->scale_min);
                }
            }
          read_criteria (c, object, path, question);
        }
      else if (method != -1)
        {
          refuse_member (c, object, path, "scale", _("only a question of method 'score' has a scale"));
          refuse_member (c, object, path, "criteria", _("only a question of method 'score' has criteria"));
        }

      g_ptr_array_add (c->template->questions, question);
    }
}

/* Agenda */

static void
read_agenda (Checker    *c,
             JsonObject *root,
             gboolean    questions_ok)
{
  static const char * const members[] = {
    "id", "title", "page", "question", "minutes", "description", NULL
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array = read_array (c, root, NULL, "agenda", FALSE, _("a list of agenda steps"));

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = cr_json_path_index ("agenda", i);
      JsonObject *object = read_object_node (c, json_array_get_element (array, i), path);
      CrAgendaStep *step;
      int page = -1;

      if (object == NULL)
        continue;

      check_members (c, object, path, members);
      step = g_new0 (CrAgendaStep, 1);
      step->id = read_id (c, object, path, seen);
      step->title = read_string (c, object, path, "title", TEXT_REQUIRED | TEXT_ONE_LINE);
      if (read_enum (c, object, path, "page", page_names, &page))
        step->page = g_strdup (page_names[page]);
      read_int (c, object, path, "minutes", TRUE, 1, MAX_MINUTES, &step->minutes);
      step->description = read_string (c, object, path, "description", 0);

      if (g_strcmp0 (step->page, "vote") == 0)
        {
          g_autofree char *where = cr_json_path_member (path, "question");
          JsonNode *node = get_member (c, object, path, "question", TRUE);

          if (node != NULL && (step->question = read_id_node (c, node, where)) != NULL
              && questions_ok && find_by_id (c->template->questions, step->question) == NULL)
            {
              g_autofree char *known = list_ids (c->template->questions);
              /* Translators: the first %s is an id, the second a list of question ids */
              problem (c, where, _("'%s' is not a question of this template (questions are %s)"),
                       step->question, known);
            }
        }
      else if (page != -1)
        refuse_member (c, object, path, "question", _("only a step on page 'vote' names a question"));

      g_ptr_array_add (c->template->steps, step);
    }
}

/* Recommendation */

static void
read_when (Checker    *c,
           JsonObject *when,
           const char *path,
           CrRule     *rule,
           gboolean    context_ok)
{
  static const char * const members[] = { "context", "equals", "min", "max", NULL };
  g_autofree char *context_path = cr_json_path_member (path, "context");
  g_autofree char *equals_path = cr_json_path_member (path, "equals");
  g_autofree char *min_path = cr_json_path_member (path, "min");
  g_autofree char *max_path = cr_json_path_member (path, "max");
  const CrContextField *field;
  JsonNode *node;

  check_members (c, when, path, members);

  node = get_member (c, when, path, "context", FALSE);
  if (node == NULL)
    {
      if (json_object_has_member (when, "equals") || json_object_has_member (when, "min")
          || json_object_has_member (when, "max"))
        problem (c, path, _("'equals', 'min' and 'max' need a 'context' to compare with; use {} for a rule that always applies"));
      return;
    }

  if ((rule->context = read_id_node (c, node, context_path)) == NULL || !context_ok)
    return;

  field = find_by_id (c->template->context, rule->context);
  if (field == NULL)
    {
      g_autofree char *known = list_ids (c->template->context);
      /* Translators: the first %s is an id, the second a list of context field ids */
      problem (c, context_path, _("'%s' is not a context field of this template (fields are %s)"),
               rule->context, known);
      return;
    }

  if (field->kind == CR_CONTEXT_CHOICE || field->kind == CR_CONTEXT_TEXT)
    {
      const char *why = _("a rule on a choice or text field matches with 'equals', not with 'min' or 'max'");

      refuse_member (c, when, path, "min", why);
      refuse_member (c, when, path, "max", why);

      node = get_member (c, when, path, "equals", TRUE);
      if (node == NULL || (rule->equals = read_string_node (c, node, equals_path, TEXT_REQUIRED)) == NULL)
        return;

      /* No choices at all has been reported on the field itself. */
      if (field->kind == CR_CONTEXT_CHOICE && field->choices->len > 0
          && cr_context_field_find_choice (field, rule->equals) == NULL)
        {
          g_autofree char *known = list_ids (field->choices);
          /* Translators: the first %s is a value, the second a field id, the third a list of choice ids */
          problem (c, equals_path, _("'%s' is not a choice of '%s' (choices are %s)"),
                   rule->equals, field->id, known);
        }
      return;
    }

  /* A number or a scale. */
  if (json_object_has_member (when, "equals"))
    {
      problem (c, equals_path,
               _("a rule on a number or scale field matches with 'min' and 'max', not with 'equals'"));
      return;
    }

  rule->has_min = read_number (c, when, path, "min", FALSE, &rule->min);
  rule->has_max = read_number (c, when, path, "max", FALSE, &rule->max);

  if (!json_object_has_member (when, "min") && !json_object_has_member (when, "max"))
    {
      /* Translators: %s is a context field id */
      problem (c, path, _("a rule on '%s' needs 'min', 'max' or both"), field->id);
      return;
    }

  if (rule->has_min && rule->has_max && rule->min > rule->max)
    problem (c, max_path, _("max %g is below min %g, so the rule can never apply"),
             rule->max, rule->min);

  if (field->kind == CR_CONTEXT_SCALE)
    {
      if (rule->has_min && (rule->min < field->scale_min || rule->min > field->scale_max))
        /* Translators: %g is a bound; %s a field id; %d the ends of its scale */
        problem (c, min_path, _("%g is outside the scale of '%s' (%d to %d)"),
                 rule->min, field->id, field->scale_min, field->scale_max);
      if (rule->has_max && (rule->max < field->scale_min || rule->max > field->scale_max))
        problem (c, max_path, _("%g is outside the scale of '%s' (%d to %d)"),
                 rule->max, field->id, field->scale_min, field->scale_max);
    }
}

static void
read_favours (Checker    *c,
              JsonObject *favours,
              const char *path,
              CrRule     *rule,
              gboolean    options_ok)
{
  g_autoptr(GList) names = json_object_get_members (favours);

  if (names == NULL)
    problem (c, path, _("name at least one option and how much the rule favours it"));

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *option_id = l->data;
      g_autofree char *where = cr_json_path_member (path, option_id);
      double weight = 0;

      if (options_ok && find_by_id (c->template->options, option_id) == NULL)
        {
          g_autofree char *known = list_ids (c->template->options);
          /* Translators: the first %s is an id, the second a list of option ids */
          problem (c, path, _("'%s' is not an option of this template (options are %s)"),
                   option_id, known);
          continue;
        }

      if (!read_number (c, favours, path, option_id, TRUE, &weight))
        continue;

      if (weight == 0 || fabs (weight) > MAX_WEIGHT)
        {
          /* Translators: %g is the weight written and the largest allowed */
          problem (c, where, _("%g is not a useful weight; use a number other than 0, between -%g and %g"),
                   weight, MAX_WEIGHT, MAX_WEIGHT);
          continue;
        }

      g_ptr_array_add (rule->option_ids, g_strdup (option_id));
      g_array_append_val (rule->weights, weight);
    }
}

/* A weight of the recommendation: a number from 0 to MAX_WEIGHT. */
static void
read_weight (Checker    *c,
             JsonObject *object,
             const char *path,
             const char *name,
             double     *value)
{
  double v = 0;

  if (!read_number (c, object, path, name, FALSE, &v))
    return;
  if (v < 0 || v > MAX_WEIGHT)
    {
      g_autofree char *where = cr_json_path_member (path, name);

      problem (c, where, _("%g is not a valid weight; use a number from 0 to %g"), v, MAX_WEIGHT);
      return;
    }
  *value = v;
}

static void
read_aim (Checker    *c,
          JsonObject *recommendation,
          gboolean    questions_ok)
{
  static const char * const members[] = { "question", "destination_weight", "vote_weight", NULL };
  const char *path = "recommendation.aim";
  g_autofree char *question_path = cr_json_path_member (path, "question");
  JsonObject *object = read_object (c, recommendation, "recommendation", "aim", FALSE);
  JsonNode *node;
  CrAimRule *aim;

  if (object == NULL)
    return;

  if (!c->template->ordered)
    problem (c, path, _("only an ordered template has an aim; set \"ordered\": true or remove the aim"));

  check_members (c, object, path, members);
  aim = g_new0 (CrAimRule, 1);
  aim->destination_weight = DEFAULT_DESTINATION_WEIGHT;
  aim->vote_weight = DEFAULT_VOTE_WEIGHT;
  c->template->aim = aim;

  node = get_member (c, object, path, "question", FALSE);
  if (node != NULL && (aim->question = read_id_node (c, node, question_path)) != NULL
      && questions_ok && find_by_id (c->template->questions, aim->question) == NULL)
    {
      g_autofree char *known = list_ids (c->template->questions);
      problem (c, question_path, _("'%s' is not a question of this template (questions are %s)"),
               aim->question, known);
    }

  read_weight (c, object, path, "destination_weight", &aim->destination_weight);
  read_weight (c, object, path, "vote_weight", &aim->vote_weight);
}

/* "room": which of the room's questions weigh beside the context, what each
 * tells (today, target, fit) and how much it weighs. */
static void
read_room (Checker    *c,
           JsonObject *recommendation,
           gboolean    questions_ok)
{
  static const char * const members[] = { "question", "means", "weight", NULL };
  JsonArray *room = read_array (c, recommendation, "recommendation", "room", FALSE,
                                _("a list of the room's votes"));
  const CrAimRule *aim = c->template->aim;

  for (guint i = 0; room != NULL && i < json_array_get_length (room); i++)
    {
      g_autofree char *path = cr_json_path_index ("recommendation.room", i);
      g_autofree char *question_path = cr_json_path_member (path, "question");
      g_autofree char *means_path = cr_json_path_member (path, "means");
      JsonObject *object = read_object_node (c, json_array_get_element (room, i), path);
      JsonNode *node;
      CrRoomVote *vote;
      int means = -1;

      if (object == NULL)
        continue;
      check_members (c, object, path, members);
      vote = g_new0 (CrRoomVote, 1);
      vote->weight = DEFAULT_ROOM_WEIGHT;
      g_ptr_array_add (c->template->room, vote);

      node = get_member (c, object, path, "question", TRUE);
      if (node != NULL && (vote->question = read_id_node (c, node, question_path)) != NULL && questions_ok)
        {
          if (find_by_id (c->template->questions, vote->question) == NULL)
            {
              g_autofree char *known = list_ids (c->template->questions);

              problem (c, question_path, _("'%s' is not a question of this template (questions are %s)"),
                       vote->question, known);
            }
          else if (aim != NULL && g_strcmp0 (aim->question, vote->question) == 0)
            /* Translators: %s is a question id */
            problem (c, question_path, _("'%s' is already the aim's question; name each question once"),
                     vote->question);
          else
            for (guint j = 0; j + 1 < c->template->room->len; j++)
              if (g_strcmp0 (((CrRoomVote *) g_ptr_array_index (c->template->room, j))->question,
                             vote->question) == 0)
                problem (c, question_path, _("'%s' is already in recommendation.room[%u]; name each question once"),
                         vote->question, j);
        }

      if (read_enum (c, object, path, "means", meaning_names, &means))
        {
          vote->means = means;
          if (means == CR_ROOM_TARGET && c->template->ordered)
            problem (c, means_path,
                     _("in an ordered template the target vote weighs on where to aim: name its question in recommendation.aim"));
          for (guint j = 0; j + 1 < c->template->room->len; j++)
            if (((CrRoomVote *) g_ptr_array_index (c->template->room, j))->means == vote->means)
              /* Translators: %s is "today", "target" or "fit"; %u an index */
              problem (c, means_path, _("'%s' is already what recommendation.room[%u] means; each meaning once"),
                       meaning_names[means], j);
        }

      read_weight (c, object, path, "weight", &vote->weight);
    }
}

static void
read_recommendation (Checker    *c,
                     JsonObject *root,
                     gboolean    options_ok,
                     gboolean    context_ok,
                     gboolean    questions_ok)
{
  static const char * const members[] = { "rules", "aim", "context_weight", "room", NULL };
  static const char * const rule_members[] = { "when", "favours", "because", NULL };
  JsonObject *recommendation = read_object (c, root, NULL, "recommendation", FALSE);
  JsonArray *rules;

  if (recommendation == NULL)
    return;

  check_members (c, recommendation, "recommendation", members);
  rules = read_array (c, recommendation, "recommendation", "rules", FALSE, _("a list of rules"));

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      g_autofree char *path = cr_json_path_index ("recommendation.rules", i);
      g_autofree char *when_path = cr_json_path_member (path, "when");
      g_autofree char *favours_path = cr_json_path_member (path, "favours");
      JsonObject *object = read_object_node (c, json_array_get_element (rules, i), path);
      JsonObject *when, *favours;
      CrRule *rule;

      if (object == NULL)
        continue;

      check_members (c, object, path, rule_members);
      rule = g_new0 (CrRule, 1);
      rule->option_ids = g_ptr_array_new_with_free_func (g_free);
      rule->weights = g_array_new (FALSE, FALSE, sizeof (double));

      if ((when = read_object (c, object, path, "when", TRUE)) != NULL)
        read_when (c, when, when_path, rule, context_ok);
      if ((favours = read_object (c, object, path, "favours", TRUE)) != NULL)
        read_favours (c, favours, favours_path, rule, options_ok);
      rule->reason = read_string (c, object, path, "because", TEXT_REQUIRED);

      g_ptr_array_add (c->template->rules, rule);
    }

  read_aim (c, recommendation, questions_ok);
  read_weight (c, recommendation, "recommendation", "context_weight", &c->template->context_weight);
  read_room (c, recommendation, questions_ok);
}

/* The whole document */

static gboolean
read_header (Checker    *c,
             JsonObject *root)
{
  g_autofree char *format = NULL;
  int version = 0;
  gboolean ordered = FALSE;

  /* A wrong format or a newer version makes everything else guesswork:
   * say only that. */
  format = read_string (c, root, NULL, "format", TEXT_REQUIRED);
  if (format != NULL && !g_str_equal (format, CR_TEMPLATE_FORMAT))
    {
      /* Translators: the first %s is the format as written, the second "crossroads-template" */
      problem (c, "format", _("'%s' is not a Crossroads template; expected \"%s\""),
               format, CR_TEMPLATE_FORMAT);
      return FALSE;
    }

  if (read_int (c, root, NULL, "version", TRUE, 1, G_MAXINT, &version)
      && version > CR_TEMPLATE_VERSION)
    {
      /* Translators: %d are version numbers */
      problem (c, "version", _("version %d is newer than this Crossroads understands (up to %d); update Crossroads to use this template"),
               version, CR_TEMPLATE_VERSION);
      return FALSE;
    }

  c->template->id = read_id (c, root, NULL, NULL);
  c->template->title = read_string (c, root, NULL, "title", TEXT_REQUIRED | TEXT_ONE_LINE);
  c->template->description = read_string (c, root, NULL, "description", 0);
  if (read_bool (c, root, NULL, "ordered", &ordered))
    c->template->ordered = ordered;
  read_int (c, root, NULL, "dots_budget", FALSE, 1, MAX_BUDGET, &c->template->default_budget);

  return TRUE;
}

/* A document handed over already parsed may come from a bundle; its depth
 * is bounded here so that copying it cannot run out of stack. */
static gboolean
too_deep (JsonNode *node,
          guint     depth)
{
  if (depth > MAX_DEPTH)
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (const GList *l = members; l != NULL; l = l->next)
        if (too_deep (l->data, depth + 1))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (too_deep (json_array_get_element (array, i), depth + 1))
          return TRUE;
    }

  return FALSE;
}

/* json_node_copy() shares objects and arrays; the template keeps a copy of
 * its own that the caller's later changes cannot reach. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(JsonObject) result = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        json_object_set_member (result, l->data, deep_copy (json_object_get_member (object, l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (copy, result);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) result = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (result, deep_copy (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (copy, result);
      return copy;
    }

  return json_node_copy (node);
}

static gboolean
member_is_array (JsonObject *object,
                 const char *name,
                 gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;
  return JSON_NODE_HOLDS_ARRAY (node);
}

static CrTemplate *
read_template (JsonNode  *node,
               GPtrArray *problems)
{
  static const char * const members[] = {
    "format", "version", "id", "title", "description", "ordered", "dots_budget",
    "options", "context", "questions", "agenda", "recommendation", NULL
  };
  g_autoptr(CrTemplate) self = g_object_new (CR_TYPE_TEMPLATE, NULL);
  Checker c = { problems, self };
  JsonObject *root;
  gboolean options_ok, context_ok, questions_ok;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (&c, _("top level"), _("expected an object, found %s"),
               node != NULL ? describe_node (node) : _("nothing"));
      return NULL;
    }
  root = json_node_get_object (node);

  if (too_deep (node, 1))
    {
      /* Translators: %u is the deepest nesting allowed */
      problem (&c, _("top level"), _("lists and objects are nested more than %u deep; this is not a template"),
               (guint) MAX_DEPTH);
      return NULL;
    }

  if (!read_header (&c, root))
    return NULL;
  check_members (&c, root, NULL, members);

  /* References are only checked against lists that could be read; a
   * missing list of options would otherwise make every rule "wrong". */
  read_options (&c, root);
  read_context (&c, root);
  read_questions (&c, root);
  options_ok = member_is_array (root, "options", TRUE);
  context_ok = member_is_array (root, "context", FALSE);
  questions_ok = member_is_array (root, "questions", TRUE);

  read_agenda (&c, root, questions_ok);
  read_recommendation (&c, root, options_ok, context_ok, questions_ok);

  if (problems->len > 0)
    return NULL;

  self->json = deep_copy (node);
  return g_steal_pointer (&self);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
cr_template_check_json (JsonNode *node)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(CrTemplate) template = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  template = read_template (node, problems);
  return g_steal_pointer (&problems);
}

CrTemplate *
cr_template_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  CrTemplate *self;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = read_template (node, problems);
  if (self == NULL)
    {
      const char *first = g_ptr_array_index (problems, 0);
      guint more = problems->len - 1;

      if (more == 0)
        g_set_error_literal (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID, first);
      else
        /* Translators: %s is the first problem, %u how many more there are */
        g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                                  "%s (and %u more problems)", more),
                     first, more);
      return NULL;
    }

  return self;
}

/* Reading bytes */

static void
set_too_large (GError **error)
{
  /* Translators: %u is a size in megabytes */
  g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
               _("the file is larger than %u MB; a template is a few kilobytes of JSON"),
               (guint) (MAX_FILE_SIZE / (1024 * 1024)));
}

/* What was wrong with the bytes or the JSON in them (cr-json-input.h), in
 * the words of a template. */
static void
set_input_error (GError                  **error,
                 const CrJsonInputResult  *r)
{
  switch (r->problem)
    {
    case CR_JSON_INPUT_TOO_LARGE:
      set_too_large (error);
      break;

    case CR_JSON_INPUT_NUL_BYTE:
    case CR_JSON_INPUT_NOT_UTF8:
      /* Translators: %u are line and column numbers, %lu a byte offset */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                   _("line %u, column %u (byte %lu): the text is not valid UTF-8; save the file as UTF-8"),
                   r->line, r->column, (unsigned long) r->offset);
      break;

    case CR_JSON_INPUT_TOO_DEEP:
      /* Translators: %u are line and column numbers, then the deepest nesting allowed */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                   _("line %u, column %u: lists and objects are nested more than %u deep; this is not a template"),
                   r->line, r->column, (guint) MAX_DEPTH);
      break;

    case CR_JSON_INPUT_LONE_SURROGATE:
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                   /* Translators: %s is a place in the file such as "options[2].title" */
                   _("%s: the text is not valid UTF-8 (an escape such as \\ud800 names half a character); fix the escape"),
                   r->scan.path[0] != '\0' ? r->scan.path : "(document)");
      break;

    case CR_JSON_INPUT_TOO_MANY_VALUES:
      /* Translators: %u are line and column numbers */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                   _("line %u, column %u: the file holds far more lists, objects and values than a template does; this is not a template"),
                   r->line, r->column);
      break;

    case CR_JSON_INPUT_NOT_JSON:
      if (r->located)
        /* Translators: %u are line and column numbers, %s is the parser's explanation */
        g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                     _("line %u, column %u: this is not valid JSON: %s"), r->line, r->column, r->explanation);
      else
        g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                     _("this is not valid JSON: %s"), r->explanation);
      break;

    case CR_JSON_INPUT_CHANGED:
    default:
      /* Translators: %u are a line and a column number, %s what is wrong there */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                   _("line %u, column %u: %s"), r->line, r->column, r->explanation);
      break;
    }
}

/* Refuses what json-glib should never be handed: invalid UTF-8, deep
 * nesting, which its recursive parser would follow until the stack ends,
 * what it reads other than JSON says (comments, single quotes, a second
 * document), and a file of more items than any template (cr-json-input.c). */
static JsonNode *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  static const CrJsonScanLimits limits = { MAX_DEPTH, MAX_TREE_BYTES, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  CrJsonInputResult input;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  /* Editors on some systems put a byte order mark in front of UTF-8. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!cr_json_input_load (parser, data, len, MAX_FILE_SIZE, &limits, &input))
    {
      set_input_error (error, &input);
      cr_json_input_result_clear (&input);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_PARSE,
                           _("the file is empty; a template is a JSON object"));
      return NULL;
    }

  return json_node_ref (root);
}

CrTemplate *
cr_template_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root = parse_bytes (bytes, error)) == NULL)
    return NULL;

  return cr_template_new_from_json (root, error);
}

/* The whole file, but never more than a template may be: a FIFO or
 * /dev/zero costs the limit and no more. */
static GBytes *
read_file (const char  *path,
           GError     **error)
{
  gboolean too_large = FALSE;
  GBytes *bytes = cr_read_file (path, MAX_FILE_SIZE, &too_large, error);

  if (too_large)
    set_too_large (error);
  return bytes;
}

CrTemplate *
cr_template_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((bytes = read_file (path, error)) == NULL)
    return NULL;

  return cr_template_new_from_bytes (bytes, error);
}

/* A template file a user picked in the window; the budget, usually the
 * facilitator's preference, fills in a missing "dots_budget" and is written
 * into the template's JSON, so a workshop keeps it when the preference changes. */
CrTemplate *
cr_template_new_from_file_with_budget (const char  *path,
                                       int          default_budget,
                                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (default_budget >= 1 && default_budget <= MAX_BUDGET, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((bytes = read_file (path, error)) == NULL)
    return NULL;
  if ((root = parse_bytes (bytes, error)) == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (root) &&
      !json_object_has_member (json_node_get_object (root), "dots_budget"))
    json_object_set_int_member (json_node_get_object (root), "dots_budget", default_budget);

  return cr_template_new_from_json (root, error);
}

GPtrArray *
cr_template_check_file (const char *path)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((bytes = read_file (path, &error)) == NULL ||
      (root = parse_bytes (bytes, &error)) == NULL)
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return g_steal_pointer (&problems);
    }

  g_clear_pointer (&problems, g_ptr_array_unref);
  return cr_template_check_json (root);
}

/* Built-in templates */

/* The text of a built-in template is translated as it loads (its strings
 * reach the .pot through data/templates/template-strings.c, with the
 * template id as context). Ids stay as they are, and a user's own template
 * is never translated: its text is the user's. */
static void
translate_text (const char  *id,
                char       **text)
{
  const char *translated;

  if (*text == NULL || **text == '\0')
    return;
  translated = g_dpgettext2 (GETTEXT_PACKAGE, id, *text);
  if (translated != *text && g_strcmp0 (translated, *text) != 0)
    {
      g_free (*text);
      *text = g_strdup (translated);
    }
}

static void
translate_builtin (CrTemplate *self)
{
  const char *id = self->id;

  translate_text (id, &self->title);
  translate_text (id, &self->description);
  for (guint i = 0; i < self->options->len; i++)
    {
      CrOption *option = g_ptr_array_index (self->options, i);

      translate_text (id, &option->title);
      translate_text (id, &option->summary);
      translate_text (id, &option->product);
      translate_text (id, &option->found_in);
      for (guint j = 0; option->strengths != NULL && option->strengths[j] != NULL; j++)
        translate_text (id, &option->strengths[j]);
      for (guint j = 0; option->risks != NULL && option->risks[j] != NULL; j++)
        translate_text (id, &option->risks[j]);
    }
  for (guint i = 0; i < self->context->len; i++)
    {
      CrContextField *field = g_ptr_array_index (self->context, i);

      translate_text (id, &field->label);
      translate_text (id, &field->help);
      translate_text (id, &field->min_label);
      translate_text (id, &field->max_label);
      for (guint j = 0; field->choices != NULL && j < field->choices->len; j++)
        translate_text (id, &((CrChoice *) g_ptr_array_index (field->choices, j))->label);
    }
  for (guint i = 0; i < self->questions->len; i++)
    {
      CrQuestion *question = g_ptr_array_index (self->questions, i);

      translate_text (id, &question->prompt);
      translate_text (id, &question->help);
      for (guint j = 0; question->criteria != NULL && j < question->criteria->len; j++)
        translate_text (id, &((CrCriterion *) g_ptr_array_index (question->criteria, j))->label);
    }
  for (guint i = 0; i < self->steps->len; i++)
    {
      CrAgendaStep *step = g_ptr_array_index (self->steps, i);

      translate_text (id, &step->title);
      translate_text (id, &step->description);
    }
  for (guint i = 0; i < self->rules->len; i++)
    translate_text (id, &((CrRule *) g_ptr_array_index (self->rules, i))->reason);
}

const char * const *
cr_template_builtin_ids (void)
{
  return builtin_ids;
}

static CrTemplate *
load_builtin (const char  *id,
              GError     **error)
{
  g_autofree char *resource = g_strconcat (TEMPLATE_RESOURCE_DIR, id, ".json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrTemplate) self = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      /* Translators: the first %s is a template id, the second the reason */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_UNKNOWN,
                   _("the built-in template '%s' is missing from this build: %s"),
                   id, local_error->message);
      return NULL;
    }

  if ((self = cr_template_new_from_bytes (bytes, &local_error)) == NULL)
    {
      /* A broken built-in is a bug in Crossroads, not in the user's file. */
      g_critical ("Built-in template %s is invalid: %s", resource, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_strcmp0 (self->id, id) != 0)
    {
      g_critical ("Built-in template %s declares the id '%s'", resource, self->id);
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_INVALID,
                   _("the built-in template '%s' declares another id, '%s'"), id, self->id);
      return NULL;
    }

  self->builtin = TRUE;
  translate_builtin (self);
  return g_steal_pointer (&self);
}

CrTemplate *
cr_template_lookup_builtin (const char  *id,
                            GError     **error)
{
  CrTemplate *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_strv_contains (builtin_ids, id))
    {
      g_autofree char *known = join_names (builtin_ids);

      /* Translators: the first %s is a template id, the second a list of ids */
      g_set_error (error, CR_TEMPLATE_ERROR, CR_TEMPLATE_ERROR_UNKNOWN,
                   _("there is no built-in template '%s' (built-in templates are %s)"),
                   id, known);
      return NULL;
    }

  /* Loaded once and shared: a template never changes after loading. */
  G_LOCK (builtins);
  if (builtins == NULL)
    builtins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self = g_hash_table_lookup (builtins, id);
  if (self == NULL && (self = load_builtin (id, error)) != NULL)
    g_hash_table_insert (builtins, g_strdup (id), self);
  if (self != NULL)
    g_object_ref (self);
  G_UNLOCK (builtins);

  return self;
}

gboolean
cr_template_is_builtin (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), FALSE);

  return self->builtin;
}

JsonNode *
cr_template_get_json (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return self->json;
}

/* Accessors */

const char *
cr_template_get_id (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return self->id;
}

const char *
cr_template_get_title (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return self->title;
}

const char *
cr_template_get_description (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return self->description;
}

gboolean
cr_template_is_ordered (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), FALSE);

  return self->ordered;
}

int
cr_template_get_default_budget (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), DEFAULT_DOTS_BUDGET);

  return self->default_budget;
}

guint
cr_template_get_n_options (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->options->len;
}

const CrOption *
cr_template_get_option (CrTemplate *self,
                        guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->options->len, NULL);

  return g_ptr_array_index (self->options, i);
}

const CrOption *
cr_template_find_option (CrTemplate *self,
                         const char *id)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return find_by_id (self->options, id);
}

int
cr_template_option_index (CrTemplate *self,
                          const char *id)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), -1);

  for (guint i = 0; id != NULL && i < self->options->len; i++)
    if (g_str_equal (((CrOption *) g_ptr_array_index (self->options, i))->id, id))
      return (int) i;
  return -1;
}

guint
cr_template_get_n_context (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->context->len;
}

const CrContextField *
cr_template_get_context (CrTemplate *self,
                         guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->context->len, NULL);

  return g_ptr_array_index (self->context, i);
}

const CrContextField *
cr_template_find_context (CrTemplate *self,
                          const char *id)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return find_by_id (self->context, id);
}

guint
cr_template_get_n_questions (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->questions->len;
}

const CrQuestion *
cr_template_get_question (CrTemplate *self,
                          guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->questions->len, NULL);

  return g_ptr_array_index (self->questions, i);
}

const CrQuestion *
cr_template_find_question (CrTemplate *self,
                           const char *id)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return find_by_id (self->questions, id);
}

guint
cr_template_get_n_steps (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->steps->len;
}

const CrAgendaStep *
cr_template_get_step (CrTemplate *self,
                      guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, i);
}

guint
cr_template_get_n_rules (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->rules->len;
}

const CrRule *
cr_template_get_rule (CrTemplate *self,
                      guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->rules->len, NULL);

  return g_ptr_array_index (self->rules, i);
}

const CrAimRule *
cr_template_get_aim (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);

  return self->aim;
}

double
cr_template_get_context_weight (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), DEFAULT_CONTEXT_WEIGHT);

  return self->context_weight;
}

guint
cr_template_get_n_room_votes (CrTemplate *self)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), 0);

  return self->room->len;
}

const CrRoomVote *
cr_template_get_room_vote (CrTemplate *self,
                           guint       i)
{
  g_return_val_if_fail (CR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (i < self->room->len, NULL);

  return g_ptr_array_index (self->room, i);
}

const char *
cr_room_meaning_to_string (CrRoomMeaning means)
{
  g_return_val_if_fail (means <= CR_ROOM_FIT, NULL);

  return meaning_names[means];
}

const CrCriterion *
cr_question_find_criterion (const CrQuestion *q,
                            const char       *id)
{
  g_return_val_if_fail (q != NULL, NULL);

  return find_by_id (q->criteria, id);
}

const CrChoice *
cr_context_field_find_choice (const CrContextField *f,
                              const char           *id)
{
  g_return_val_if_fail (f != NULL, NULL);

  return find_by_id (f->choices, id);
}

const char *
cr_method_to_string (CrMethod method)
{
  g_return_val_if_fail (method <= CR_METHOD_SCORE, NULL);

  return method_names[method];
}

const char *
cr_context_kind_to_string (CrContextKind kind)
{
  g_return_val_if_fail (kind <= CR_CONTEXT_TEXT, NULL);

  return kind_names[kind];
}
