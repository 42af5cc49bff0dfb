/* cr-bundle.c: the workshop bundle (JSON, version 1): import and export
 *
 * An import reads the bytes strictly (cr-json-input.c), checks the whole
 * bundle into a plan, and only then writes the plan, in one transaction:
 * a bundle with a problem in it writes nothing. An export writes the same
 * format back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-bundle"

#include "config.h"

#include "cr-bundle.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cr-json-input.h"
#include "cr-library.h"
#include "cr-limits.h"
#include "cr-read.h"
#include "cr-recommend.h"
#include "cr-tally.h"
#include "cr-workshop-private.h"

G_DEFINE_QUARK (cr-import-error-quark, cr_import_error)

/* ------------------------------------------------------------------------ */
/* The plan: a whole bundle, validated, ready to be written                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *key;          /* strings borrowed from the parsed document */
  const char *name;         /* NULL: anonymous seat */
  const char *role;
} PlanParticipant;

typedef struct
{
  const char *option;       /* interned */
  CrNoteKind  kind;
  const char *text;
  int         participant;  /* index into participants, -1 for none */
} PlanNote;

typedef struct
{
  const char *question;     /* interned */
  guint       number;
  gboolean    revealed;
  /* participant_id is the participant's index + 1 (0 for a show of hands)
   * until the rows exist. */
  GArray     *votes;        /* CrVote */
} PlanRound;

typedef struct
{
  const char *text;
  const char *owner;
  const char *due;          /* NULL for none */
  CrActionStatus status;
  const char *outcome;      /* "" for none */
} PlanAction;

/* The room's decision; agreed holds participant indexes until the rows exist. */
typedef struct
{
  const char *start_with;   /* interned, or NULL */
  const char *aim_for;
  const char *rationale;
  GArray     *agreed;       /* int: index into participants */
} PlanDecision;

typedef struct
{
  const char *id;           /* an agenda step of the template */
  gboolean    done;         /* the facilitator's mark */
  gint64      elapsed;      /* seconds */
  gboolean    current;      /* the step the facilitator is on */
} PlanStep;

typedef struct
{
  JsonParser *parser;       /* owns every borrowed string */
  const char *title;
  const char *organisation;
  const char *facilitator;
  const char *date;
  const char *function_name;
  char       *uuid;           /* lower case; NULL: none given */
  char       *previous;
  CrTemplate *template;
  char       *template_json; /* NULL for a built-in */
  GPtrArray  *context_ids;    /* const char*, interned */
  GPtrArray  *context_values; /* CrContextValue* */
  GArray     *participants;   /* PlanParticipant */
  GArray     *notes;          /* PlanNote */
  GArray     *rounds;         /* PlanRound */
  GArray     *actions;        /* PlanAction */
  GArray     *review;         /* PlanAction: last time's, as a re-run reviewed them */
  PlanDecision *decision;     /* NULL: none */
  GArray     *steps;          /* PlanStep */
} Plan;

static void
plan_round_clear (gpointer data)
{
  PlanRound *round = data;

  g_clear_pointer (&round->votes, g_array_unref);
}

static Plan *
plan_new (JsonParser *parser)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->parser = g_object_ref (parser);
  plan->context_ids = g_ptr_array_new ();
  plan->context_values = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_context_value_free);
  plan->participants = g_array_new (FALSE, TRUE, sizeof (PlanParticipant));
  plan->notes = g_array_new (FALSE, TRUE, sizeof (PlanNote));
  plan->rounds = g_array_new (FALSE, TRUE, sizeof (PlanRound));
  g_array_set_clear_func (plan->rounds, plan_round_clear);
  plan->actions = g_array_new (FALSE, TRUE, sizeof (PlanAction));
  plan->review = g_array_new (FALSE, TRUE, sizeof (PlanAction));
  plan->steps = g_array_new (FALSE, TRUE, sizeof (PlanStep));
  return plan;
}

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->context_ids, g_ptr_array_unref);
  g_clear_pointer (&plan->context_values, g_ptr_array_unref);
  g_clear_pointer (&plan->participants, g_array_unref);
  g_clear_pointer (&plan->notes, g_array_unref);
  g_clear_pointer (&plan->rounds, g_array_unref);
  g_clear_pointer (&plan->actions, g_array_unref);
  g_clear_pointer (&plan->review, g_array_unref);
  if (plan->decision != NULL)
    g_clear_pointer (&plan->decision->agreed, g_array_unref);
  g_clear_pointer (&plan->decision, g_free);
  g_clear_pointer (&plan->steps, g_array_unref);
  g_clear_pointer (&plan->template_json, g_free);
  g_clear_pointer (&plan->uuid, g_free);
  g_clear_pointer (&plan->previous, g_free);
  g_clear_object (&plan->template);
  g_clear_object (&plan->parser);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

/* ------------------------------------------------------------------------ */
/* The bytes: a bundle's limits, and what the reading refuses, in its words */
/* ------------------------------------------------------------------------ */

/* The lists a bundle may hold, counted as the bytes are read, before a
 * tree is built (cr-limits.h). */
static const CrJsonListLimit bundle_lists[] = {
  { "workshop.participants", CR_LIMIT_PARTICIPANTS, 0 },
  { "workshop.notes", CR_LIMIT_NOTES, 0 },
  { "workshop.rounds", CR_LIMIT_ROUNDS, 0 },
  { "workshop.rounds[].votes", CR_LIMIT_VOTES_PER_ROUND, CR_LIMIT_VOTES },
  { "workshop.actions", CR_LIMIT_ACTIONS, 0 },
  { "workshop.review", CR_LIMIT_ACTIONS, 0 },
  { NULL, 0, 0 },
};

static const CrJsonScanLimits bundle_limits = {
  CR_BUNDLE_MAX_DEPTH, CR_BUNDLE_MAX_TREE, bundle_lists,
};

static void G_GNUC_PRINTF (3, 4) set_invalid (GError     **error,
                                              const char  *path,
                                              const char  *format,
                                              ...);

static void
set_too_large (GError **error)
{
  g_autofree char *limit = g_format_size_full (CR_BUNDLE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_TOO_LARGE,
               /* Translators: %s is a file size such as "64.0 MiB" */
               _("the file is larger than %s, the most a workshop bundle may be; this is not a Crossroads bundle"),
               limit);
}

/* What was wrong with the bytes or the JSON in them (cr-json-input.h), in
 * the words of a bundle. */
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
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                   /* Translators: %u are a line and a column number */
                   _("line %u, column %u: the file contains a NUL byte, so it is not a text file; export the bundle again from Crossroads"),
                   r->line, r->column);
      break;

    case CR_JSON_INPUT_NOT_UTF8:
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                   /* Translators: %u are a line and a column number */
                   _("line %u, column %u: the text is not valid UTF-8; save the file as UTF-8 and import it again"),
                   r->line, r->column);
      break;

    case CR_JSON_INPUT_TOO_DEEP:
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                   /* Translators: %u are a line and a column number, %d a count of levels */
                   _("line %u, column %u: lists and objects are nested more than %d levels deep, far deeper than any workshop bundle; this is not a Crossroads bundle"),
                   r->line, r->column, CR_BUNDLE_MAX_DEPTH);
      break;

    case CR_JSON_INPUT_TOO_MANY_VALUES:
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_TOO_LARGE,
                   /* Translators: %u are a line and a column number */
                   _("line %u, column %u: the file holds more lists, objects and values than the largest workshop; this is not a Crossroads bundle"),
                   r->line, r->column);
      break;

    case CR_JSON_INPUT_LIST_TOO_LONG:
      set_invalid (error, r->scan.path,
                   /* Translators: %u are numbers of items */
                   _("holds %u items; a workshop holds at most %u"),
                   r->scan.count, r->scan.limit);
      break;

    case CR_JSON_INPUT_LONE_SURROGATE:
      if (r->scan.in_name)
        set_invalid (error, r->scan.path, _("the member name is not valid UTF-8 (an escape such as \\ud800 names half a character); export the bundle again from Crossroads"));
      else
        set_invalid (error, r->scan.path[0] != '\0' ? r->scan.path : "(document)",
                     _("the text is not valid UTF-8 (an escape such as \\ud800 names half a character); export the bundle again from Crossroads"));
      break;

    case CR_JSON_INPUT_LISTS_TOO_LONG:
      set_invalid (error, r->scan.path,
                   /* Translators: %u is a number of votes */
                   _("the rounds hold more than %u votes in all, the most one workshop holds"),
                   r->scan.limit);
      break;

    case CR_JSON_INPUT_NOT_JSON:
      if (r->located)
        g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                     /* Translators: %u are a line and a column number, %s the parser's explanation */
                     _("line %u, column %u: not valid JSON: %s"),
                     r->line, r->column, r->explanation);
      else
        g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                     /* Translators: %s is the JSON parser's explanation */
                     _("not valid JSON: %s"), r->explanation);
      break;

    case CR_JSON_INPUT_CHANGED:
    default:
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID,
                   /* Translators: %u are a line and a column number, %s what is wrong there */
                   _("line %u, column %u: %s"),
                   r->line, r->column, r->explanation);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Typed access to members, with located messages                            */
/* ------------------------------------------------------------------------ */

static void
set_invalid (GError     **error,
             const char  *path,
             const char  *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a place in the file such as
   * "workshop.rounds[1].votes[3].option", the second what is wrong there */
  g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID, _("%s: %s"), path, what);
}

typedef enum
{
  REQUIRED,
  OPTIONAL,
} Presence;

/* The member's node, or NULL when absent (an error when required). An
 * optional member that is null means "none", as if absent; a required one
 * that is null is present, for the caller to accept or refuse. */
static gboolean
get_member (JsonObject  *obj,
            const char  *parent,
            const char  *name,
            Presence     presence,
            const char  *expected,
            JsonNode   **out,
            GError     **error)
{
  *out = cr_json_member (obj, name, presence == REQUIRED);
  if (*out == NULL && presence == REQUIRED)
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      /* Translators: %s is the expected type, such as "a string" */
      set_invalid (error, path, _("missing; expected %s"), expected);
      return FALSE;
    }
  return TRUE;
}

static void
set_too_long (GError     **error,
              const char  *path)
{
  set_invalid (error, path,
               /* Translators: %u is a number of characters */
               _("is longer than %u characters, the most Crossroads keeps in one text"),
               (guint) CR_LIMIT_TEXT_CHARS);
}

static gboolean
get_string (JsonObject  *obj,
            const char  *parent,
            const char  *name,
            Presence     presence,
            gboolean     nullable,
            const char **out,
            GError     **error)
{
  const char *expected = nullable ? _("a string or null") : _("a string");
  JsonNode *node;

  *out = NULL;
  if (!get_member (obj, parent, name, presence, expected, &node, error))
    return FALSE;
  if (node == NULL || (nullable && JSON_NODE_HOLDS_NULL (node)))
    return TRUE;

  if (!cr_json_node_is_string (node))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      /* Translators: %s is the expected type, such as "a string" */
      set_invalid (error, path, _("expected %s"), expected);
      return FALSE;
    }

  *out = json_node_get_string (node);
  /* The bytes were checked, but a \u escape can still name a lone surrogate. */
  if (!g_utf8_validate (*out, -1, NULL))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_invalid (error, path, _("the text is not valid UTF-8"));
      return FALSE;
    }
  if (g_utf8_strlen (*out, -1) > CR_LIMIT_TEXT_CHARS)
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_too_long (error, path);
      return FALSE;
    }
  return TRUE;
}

/* The largest integer a double holds exactly, and every one below it. */
#define CONTEXT_INT_MAX (G_GINT64_CONSTANT (1) << 53)

static gboolean
get_int (JsonObject  *obj,
         const char  *parent,
         const char  *name,
         int          min,
         int          max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node;

  if (!get_member (obj, parent, name, REQUIRED, _("a whole number"), &node, error))
    return FALSE;

  if (!cr_json_node_get_int (node, out))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_invalid (error, path, _("expected a whole number"));
      return FALSE;
    }
  if (*out < min || *out > max)
    {
      g_autofree char *path = cr_json_path_member (parent, name);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *out);

      /* Translators: %s is a number, the %d its bounds */
      set_invalid (error, path, _("%s is out of range; expected %d to %d"), number, min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bool (JsonObject  *obj,
          const char  *parent,
          const char  *name,
          gboolean     fallback,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node;

  *out = fallback;
  if (!get_member (obj, parent, name, OPTIONAL, NULL, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!cr_json_node_is_bool (node))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_invalid (error, path, _("expected true or false"));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The longest list of each kind a bundle may hold (cr-limits.h). */
static guint
array_limit (const char *name)
{
  if (g_str_equal (name, "participants"))
    return CR_LIMIT_PARTICIPANTS;
  if (g_str_equal (name, "notes"))
    return CR_LIMIT_NOTES;
  if (g_str_equal (name, "rounds"))
    return CR_LIMIT_ROUNDS;
  if (g_str_equal (name, "actions") || g_str_equal (name, "review"))
    return CR_LIMIT_ACTIONS;
  if (g_str_equal (name, "votes"))
    return CR_LIMIT_VOTES_PER_ROUND;
  return G_MAXUINT;
}

/* An array member; absent optional arrays read as NULL. */
static gboolean
get_array (JsonObject  *obj,
           const char  *parent,
           const char  *name,
           Presence     presence,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_member (obj, parent, name, presence, _("a list"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_invalid (error, path, _("expected a list"));
      return FALSE;
    }
  *out = json_node_get_array (node);
  if (json_array_get_length (*out) > array_limit (name))
    {
      g_autofree char *path = cr_json_path_member (parent, name);

      set_invalid (error, path,
                   /* Translators: %u are numbers of items */
                   _("holds %u items; a workshop holds at most %u"),
                   json_array_get_length (*out), array_limit (name));
      *out = NULL;
      return FALSE;
    }
  return TRUE;
}

static gboolean
element_object (JsonArray   *array,
                guint        i,
                const char  *path,
                JsonObject **out,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, path, _("expected an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
check_date (const char  *date,
            const char  *parent,
            const char  *name,
            GError     **error)
{
  if (date == NULL || cr_date_is_valid (date))
    return TRUE;

  {
    g_autofree char *path = cr_json_path_member (parent, name);

    /* Translators: %s is what the file gave as a date */
    set_invalid (error, path, _("'%s' is not a real date; write it as YYYY-MM-DD, for example 2025-03-14"), date);
  }
  return FALSE;
}

/* "a, b, c" for messages that list what would have been accepted. */
static char *
join_ids (GPtrArray *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_ptr_array_index (ids, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
list_options (CrTemplate *template)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < cr_template_get_n_options (template); i++)
    g_ptr_array_add (ids, cr_template_get_option (template, i)->id);
  return join_ids (ids);
}

/* ------------------------------------------------------------------------ */
/* Validation of each part                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
validate_template (Plan        *plan,
                   JsonObject  *workshop,
                   GError     **error)
{
  JsonNode *node;

  if (!get_member (workshop, "workshop", "template", REQUIRED,
                   _("a built-in template id or a whole template object"), &node, error))
    return FALSE;

  if (cr_json_node_is_string (node))
    {
      const char *id = json_node_get_string (node);
      g_autoptr(GError) local_error = NULL;

      plan->template = cr_template_lookup_builtin (id, &local_error);
      if (plan->template == NULL)
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new ();
          g_autofree char *builtin = NULL;

          for (const char * const *b = cr_template_builtin_ids (); b != NULL && *b != NULL; b++)
            g_ptr_array_add (ids, (char *) *b);
          builtin = join_ids (ids);
          set_invalid (error, "workshop.template",
                       /* Translators: the first %s is a template id, the second a list of ids */
                       _("'%s' is not a built-in template (built-in: %s); embed the whole template object instead"),
                       id, builtin);
          return FALSE;
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GError) local_error = NULL;

      plan->template = cr_template_new_from_json (node, &local_error);
      if (plan->template == NULL)
        {
          const char *msg = local_error->message;

          /* The template's own messages are located inside the template
           * ("options[2].risks: ..."); place them inside the bundle. */
          if (g_ascii_isalpha (msg[0]) && strcspn (msg, ".[:") < strcspn (msg, " "))
            g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_INVALID,
                         "workshop.template.%s", msg);
          else
            set_invalid (error, "workshop.template", "%s", msg);
          return FALSE;
        }
      plan->template_json = json_to_string (node, FALSE);
      return TRUE;
    }

  set_invalid (error, "workshop.template",
               _("expected a built-in template id or a whole template object"));
  return FALSE;
}

static gboolean
validate_context (Plan        *plan,
                  JsonObject  *workshop,
                  GError     **error)
{
  const char *template_id = cr_template_get_id (plan->template);
  JsonObjectIter iter;
  const char *field_id;
  JsonNode *node;
  JsonNode *context;

  if (!get_member (workshop, "workshop", "context", OPTIONAL, NULL, &context, error))
    return FALSE;
  if (context == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (context))
    {
      set_invalid (error, "workshop.context", _("expected an object of context answers"));
      return FALSE;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (context));
  while (json_object_iter_next_ordered (&iter, &field_id, &node))
    {
      g_autofree char *path = g_strdup_printf ("workshop.context.%s", field_id);
      const CrContextField *field = cr_template_find_context (plan->template, field_id);
      g_autoptr(CrContextValue) value = g_new0 (CrContextValue, 1);
      const char *text = NULL;

      if (field == NULL)
        {
          /* Translators: the first %s is a context field id, the second a template id */
          set_invalid (error, path, _("'%s' is not a context field of template '%s'"),
                       field_id, template_id);
          return FALSE;
        }

      if (cr_json_node_is_string (node))
        text = json_node_get_string (node);

      switch (field->kind)
        {
        case CR_CONTEXT_NUMBER:
          if (!cr_json_node_get_number (node, &value->number))
            {
              set_invalid (error, path, _("expected a number"));
              return FALSE;
            }
          /* Kept as a double: a larger integer would come back another. */
          if (json_node_get_value_type (node) == G_TYPE_INT64 &&
              (json_node_get_int (node) > CONTEXT_INT_MAX || json_node_get_int (node) < -CONTEXT_INT_MAX))
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

              /* Translators: %s is a number */
              set_invalid (error, path, _("%s does not fit in a number Crossroads can keep"), number);
              return FALSE;
            }
          /* What the window takes (cr-workshop.c), a bundle takes. */
          if (value->number < 0)
            {
              set_invalid (error, path, _("expected a number of zero or more"));
              return FALSE;
            }
          value->is_number = TRUE;
          break;

        case CR_CONTEXT_SCALE:
          {
            gint64 n;

            if (!cr_json_node_get_int (node, &n))
              {
                set_invalid (error, path, _("expected a whole number on the scale %d to %d"),
                             field->scale_min, field->scale_max);
                return FALSE;
              }
            if (n < field->scale_min || n > field->scale_max)
              {
                g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

                /* Translators: %s is the value, the %d the scale's ends */
                set_invalid (error, path, _("%s is outside the scale %d to %d"),
                             number, field->scale_min, field->scale_max);
                return FALSE;
              }
            value->is_number = TRUE;
            value->number = (double) n;
          }
          break;

        case CR_CONTEXT_CHOICE:
          if (text == NULL)
            {
              set_invalid (error, path, _("expected the id of a choice, as a string"));
              return FALSE;
            }
          if (cr_context_field_find_choice (field, text) == NULL)
            {
              g_autoptr(GPtrArray) ids = g_ptr_array_new ();
              g_autofree char *choices = NULL;

              for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
                g_ptr_array_add (ids, ((CrChoice *) g_ptr_array_index (field->choices, i))->id);
              choices = join_ids (ids);
              /* Translators: the first %s is a value, the second a field id, the third a list */
              set_invalid (error, path, _("'%s' is not a choice of '%s' (choices: %s)"),
                           text, field_id, choices);
              return FALSE;
            }
          value->text = g_strdup (text);
          break;

        case CR_CONTEXT_TEXT:
        default:
          if (text == NULL)
            {
              set_invalid (error, path, _("expected a string"));
              return FALSE;
            }
          if (!g_utf8_validate (text, -1, NULL))
            {
              set_invalid (error, path, _("the text is not valid UTF-8"));
              return FALSE;
            }
          if (g_utf8_strlen (text, -1) > CR_LIMIT_TEXT_CHARS)
            {
              set_too_long (error, path);
              return FALSE;
            }
          value->text = g_strdup (text);
          break;
        }

      g_ptr_array_add (plan->context_ids, (char *) g_intern_string (field_id));
      g_ptr_array_add (plan->context_values, g_steal_pointer (&value));
    }
  return TRUE;
}

/* The index of a participant key, -1 when unknown. */
static int
find_participant (Plan       *plan,
                  const char *key)
{
  for (guint i = 0; i < plan->participants->len; i++)
    if (g_str_equal (g_array_index (plan->participants, PlanParticipant, i).key, key))
      return (int) i;
  return -1;
}

static gboolean
validate_participants (Plan        *plan,
                       JsonObject  *workshop,
                       GError     **error)
{
  JsonArray *array;

  if (!get_array (workshop, "workshop", "participants", OPTIONAL, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("workshop.participants[%u]", i);
      PlanParticipant p = { 0 };
      JsonObject *obj;
      int other;

      if (!element_object (array, i, path, &obj, error) ||
          !get_string (obj, path, "key", REQUIRED, FALSE, &p.key, error) ||
          !get_string (obj, path, "name", OPTIONAL, TRUE, &p.name, error) ||
          !get_string (obj, path, "role", OPTIONAL, FALSE, &p.role, error))
        return FALSE;

      if (p.key[0] == '\0')
        {
          g_autofree char *key_path = cr_json_path_member (path, "key");

          set_invalid (error, key_path, _("must not be empty; give each participant a key such as \"p1\""));
          return FALSE;
        }

      other = find_participant (plan, p.key);
      if (other >= 0)
        {
          g_autofree char *key_path = cr_json_path_member (path, "key");

          /* Translators: %s is a participant key, %d the index of its first use */
          set_invalid (error, key_path, _("'%s' is already the key of workshop.participants[%d]; keys must be unique"),
                       p.key, other);
          return FALSE;
        }

      if (p.role == NULL)
        p.role = "";
      g_array_append_val (plan->participants, p);
    }
  return TRUE;
}

/* A participant reference: a key, or null. Returns FALSE on an unknown key. */
static gboolean
resolve_participant (Plan        *plan,
                     JsonObject  *obj,
                     const char  *path,
                     Presence     presence,
                     int         *out_index,
                     GError     **error)
{
  const char *key;

  *out_index = -1;
  if (!get_string (obj, path, "participant", presence, TRUE, &key, error))
    return FALSE;
  if (key == NULL)
    return TRUE;

  *out_index = find_participant (plan, key);
  if (*out_index < 0)
    {
      g_autofree char *p = cr_json_path_member (path, "participant");

      /* Translators: %s is a participant key */
      set_invalid (error, p, _("'%s' is not a participant of this bundle; add it to workshop.participants or use null"),
                   key);
      return FALSE;
    }
  return TRUE;
}

/* @id must be an option of the template; *option is then interned. */
static gboolean
known_option (Plan        *plan,
              const char  *id,
              const char  *parent,
              const char  *name,
              const char **option,
              GError     **error)
{
  if (cr_template_find_option (plan->template, id) == NULL)
    {
      g_autofree char *p = cr_json_path_member (parent, name);
      g_autofree char *options = list_options (plan->template);

      /* Translators: the first %s is an option id, the second a template id, the third a list of ids */
      set_invalid (error, p, _("'%s' is not an option of template '%s' (options: %s)"),
                   id, cr_template_get_id (plan->template), options);
      return FALSE;
    }
  *option = g_intern_string (id);
  return TRUE;
}

static gboolean
resolve_option (Plan        *plan,
                JsonObject  *obj,
                const char  *path,
                const char **option,
                GError     **error)
{
  const char *id;

  return get_string (obj, path, "option", REQUIRED, FALSE, &id, error) &&
         known_option (plan, id, path, "option", option, error);
}

static gboolean
validate_notes (Plan        *plan,
                JsonObject  *workshop,
                GError     **error)
{
  JsonArray *array;

  if (!get_array (workshop, "workshop", "notes", OPTIONAL, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("workshop.notes[%u]", i);
      PlanNote n = { 0 };
      const char *kind;
      JsonObject *obj;

      if (!element_object (array, i, path, &obj, error) ||
          !resolve_option (plan, obj, path, &n.option, error) ||
          !get_string (obj, path, "kind", REQUIRED, FALSE, &kind, error))
        return FALSE;

      if (!cr_note_kind_from_string (kind, &n.kind))
        {
          g_autofree char *p = cr_json_path_member (path, "kind");

          /* Translators: %s is what the file gave; keep the three words in English, they are ids */
          set_invalid (error, p, _("'%s' is not a kind of note; use strength, risk or question"), kind);
          return FALSE;
        }

      if (!get_string (obj, path, "text", REQUIRED, FALSE, &n.text, error) ||
          !resolve_participant (plan, obj, path, OPTIONAL, &n.participant, error))
        return FALSE;

      g_array_append_val (plan->notes, n);
    }
  return TRUE;
}

static gboolean
validate_vote (Plan              *plan,
               const CrQuestion  *question,
               JsonObject        *obj,
               const char        *path,
               CrVote            *vote,
               GError           **error)
{
  const char *criterion = NULL;
  gint64 value;
  int participant;

  if (!resolve_participant (plan, obj, path, REQUIRED, &participant, error) ||
      !resolve_option (plan, obj, path, &vote->option, error) ||
      !get_string (obj, path, "criterion", OPTIONAL, TRUE, &criterion, error) ||
      !get_int (obj, path, "value", G_MININT, G_MAXINT, &value, error))
    return FALSE;

  vote->participant_id = participant + 1;
  vote->value = (int) value;

  if (participant < 0 && question->method == CR_METHOD_SCORE)
    {
      g_autofree char *p = cr_json_path_member (path, "participant");

      /* Translators: %s is a question id */
      set_invalid (error, p, _("a show of hands (participant null) cannot give scores to question '%s'; record each score with its participant"),
                   question->id);
      return FALSE;
    }

  if (question->criteria != NULL && question->criteria->len > 0)
    {
      g_autofree char *p = cr_json_path_member (path, "criterion");

      if (criterion == NULL)
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new ();
          g_autofree char *list = NULL;

          for (guint i = 0; i < question->criteria->len; i++)
            g_ptr_array_add (ids, ((CrCriterion *) g_ptr_array_index (question->criteria, i))->id);
          list = join_ids (ids);
          /* Translators: the first %s is a question id, the second a list of criterion ids */
          set_invalid (error, p, _("question '%s' is scored per criterion; name one of: %s"),
                       question->id, list);
          return FALSE;
        }
      if (cr_question_find_criterion (question, criterion) == NULL)
        {
          /* Translators: the first %s is a criterion id, the second a question id */
          set_invalid (error, p, _("'%s' is not a criterion of question '%s'"),
                       criterion, question->id);
          return FALSE;
        }
      vote->criterion = g_intern_string (criterion);
    }
  else if (criterion != NULL)
    {
      g_autofree char *p = cr_json_path_member (path, "criterion");

      /* Translators: the first %s is a criterion id, the second a question id */
      set_invalid (error, p, _("'%s' is not a criterion of question '%s', which has none; use null"),
                   criterion, question->id);
      return FALSE;
    }

  return TRUE;
}

/* The same rules as the voting screen: each participant's votes in a round
 * (and the show of hands as one set) go through cr_votes_check(). */
static gboolean
check_round_votes (Plan              *plan,
                   const CrQuestion  *question,
                   PlanRound         *round,
                   const char        *votes_path,
                   GError           **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < round->votes->len; i++)
    {
      CrVote *vote = &g_array_index (round->votes, CrVote, i);

      if (!g_hash_table_contains (seen, &vote->participant_id))
        {
          g_hash_table_add (seen, &vote->participant_id);
          g_array_append_val (order, vote->participant_id);
        }
    }

  for (guint g = 0; g < order->len; g++)
    {
      gint64 participant_id = g_array_index (order, gint64, g);
      g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (CrVote));
      g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GError) local_error = NULL;
      guint bad_index = 0;

      for (guint i = 0; i < round->votes->len; i++)
        {
          CrVote *vote = &g_array_index (round->votes, CrVote, i);

          if (vote->participant_id == participant_id)
            {
              g_array_append_val (group, *vote);
              g_array_append_val (where, i);
            }
        }

      if (!cr_votes_check (plan->template, question, participant_id == 0,
                           (const CrVote *) (gpointer) group->data, group->len,
                           &bad_index, &local_error))
        {
          g_autofree char *path = NULL;
          /* A rule about the set as a whole is placed at its last vote. */
          guint at = bad_index < where->len ? bad_index : where->len - 1;

          path = cr_json_path_index (votes_path, g_array_index (where, guint, at));
          set_invalid (error, path, "%s",
                       local_error != NULL ? local_error->message : _("these votes break the question's rules"));
          return FALSE;
        }
    }

  /* One count per person: the hands come from the people without a ballot. */
  {
    g_autoptr(GError) local_error = NULL;
    guint bad_index = 0;

    if (!cr_votes_check_hands (plan->template, question, plan->participants->len,
                               (const CrVote *) (gpointer) round->votes->data, round->votes->len,
                               &bad_index, &local_error))
      {
        g_autofree char *path = NULL;
        guint at = bad_index;

        /* Counts too many as a whole: placed at the last count of hands. */
        for (guint i = 0; at >= round->votes->len && i < round->votes->len; i++)
          if (g_array_index (round->votes, CrVote, round->votes->len - 1 - i).participant_id == 0)
            at = round->votes->len - 1 - i;
        path = cr_json_path_index (votes_path, at);
        set_invalid (error, path, "%s", local_error->message);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
validate_rounds (Plan        *plan,
                 JsonObject  *workshop,
                 GError     **error)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (!get_array (workshop, "workshop", "rounds", OPTIONAL, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("workshop.rounds[%u]", i);
      g_autofree char *votes_path = NULL;
      g_autofree char *round_key = NULL;
      const CrQuestion *question;
      PlanRound round = { 0 };
      const char *question_id;
      JsonArray *votes;
      JsonObject *obj;
      gint64 number;

      if (!element_object (array, i, path, &obj, error) ||
          !get_string (obj, path, "question", REQUIRED, FALSE, &question_id, error))
        return FALSE;

      question = cr_template_find_question (plan->template, question_id);
      if (question == NULL)
        {
          g_autofree char *p = cr_json_path_member (path, "question");

          /* Translators: the first %s is a question id, the second a template id */
          set_invalid (error, p, _("'%s' is not a question of template '%s'"),
                       question_id, cr_template_get_id (plan->template));
          return FALSE;
        }

      if (!get_int (obj, path, "number", 1, G_MAXINT, &number, error) ||
          !get_bool (obj, path, "revealed", FALSE, &round.revealed, error))
        return FALSE;

      round_key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, question->id, number);
      if (g_hash_table_contains (numbers, round_key))
        {
          g_autofree char *p = cr_json_path_member (path, "number");

          /* Translators: %s is a question id, %d a round number,
           * %u the index of the earlier round */
          set_invalid (error, p, _("question '%s' already has a round %d (workshop.rounds[%u]); number each round of a question once"),
                       question->id, (int) number,
                       GPOINTER_TO_UINT (g_hash_table_lookup (numbers, round_key)));
          return FALSE;
        }
      g_hash_table_insert (numbers, g_steal_pointer (&round_key), GUINT_TO_POINTER (i));

      round.question = g_intern_string (question->id);
      round.number = (guint) number;
      round.votes = g_array_new (FALSE, TRUE, sizeof (CrVote));
      /* Appended now so the plan frees it whatever happens next. */
      g_array_append_val (plan->rounds, round);

      if (!get_array (obj, path, "votes", OPTIONAL, &votes, error))
        return FALSE;

      votes_path = cr_json_path_member (path, "votes");
      for (guint j = 0; votes != NULL && j < json_array_get_length (votes); j++)
        {
          g_autofree char *vote_path = cr_json_path_index (votes_path, j);
          CrVote vote = { 0 };
          JsonObject *vote_obj;

          if (!element_object (votes, j, vote_path, &vote_obj, error) ||
              !validate_vote (plan, question, vote_obj, vote_path, &vote, error))
            return FALSE;
          g_array_append_val (round.votes, vote);
        }

      if (!check_round_votes (plan, question, &round, votes_path, error))
        return FALSE;
    }
  return TRUE;
}

/* "workshop.actions", or "workshop.review" (last time's actions as a
 * re-run reviewed them): the same shape. */
static gboolean
validate_actions (Plan        *plan,
                  JsonObject  *workshop,
                  const char  *name,
                  GArray      *into,
                  GError     **error)
{
  JsonArray *array;

  if (!get_array (workshop, "workshop", name, OPTIONAL, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("workshop.%s[%u]", name, i);
      const char *status = NULL;
      PlanAction a = { 0 };
      JsonObject *obj;

      if (!element_object (array, i, path, &obj, error) ||
          !get_string (obj, path, "text", REQUIRED, FALSE, &a.text, error) ||
          !get_string (obj, path, "owner", OPTIONAL, FALSE, &a.owner, error) ||
          !get_string (obj, path, "due", OPTIONAL, TRUE, &a.due, error) ||
          !check_date (a.due, path, "due", error) ||
          !get_string (obj, path, "status", OPTIONAL, TRUE, &status, error) ||
          !get_string (obj, path, "outcome", OPTIONAL, TRUE, &a.outcome, error))
        return FALSE;

      if (status != NULL && !cr_action_status_from_string (status, &a.status))
        {
          g_autofree char *where = cr_json_path_member (path, "status");

          /* Translators: %s is what the file gave; keep the three words as they are */
          set_invalid (error, where, _("'%s' is not a status; expected \"open\", \"done\" or \"dropped\""), status);
          return FALSE;
        }
      if (a.outcome != NULL && !cr_action_outcome_is_one_line (a.outcome))
        {
          g_autofree char *where = cr_json_path_member (path, "outcome");

          set_invalid (error, where, _("must be one line"));
          return FALSE;
        }
      if (a.owner == NULL)
        a.owner = "";
      if (a.outcome == NULL)
        a.outcome = "";
      g_array_append_val (into, a);
    }
  return TRUE;
}

/* An option id or null; *out is interned. */
static gboolean
resolve_decision_option (Plan        *plan,
                         JsonObject  *obj,
                         const char  *name,
                         const char **out,
                         GError     **error)
{
  const char *id;

  *out = NULL;
  if (!get_string (obj, "workshop.decision", name, OPTIONAL, TRUE, &id, error))
    return FALSE;
  return id == NULL || known_option (plan, id, "workshop.decision", name, out, error);
}

/* Optional, and each member optional: absent or null means none. */
static gboolean
validate_decision (Plan        *plan,
                   JsonObject  *workshop,
                   GError     **error)
{
  g_autofree PlanDecision *d = g_new0 (PlanDecision, 1);
  g_autoptr(GArray) agreed = g_array_new (FALSE, FALSE, sizeof (int));
  const char *path = "workshop.decision";
  JsonArray *keys = NULL;
  JsonObject *obj;
  JsonNode *node;

  if (!get_member (workshop, "workshop", "decision", OPTIONAL, _("an object"), &node, error))
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, path, _("expected an object or null"));
      return FALSE;
    }
  obj = json_node_get_object (node);

  if (!resolve_decision_option (plan, obj, "start_with", &d->start_with, error) ||
      !resolve_decision_option (plan, obj, "aim_for", &d->aim_for, error) ||
      !get_string (obj, path, "rationale", OPTIONAL, TRUE, &d->rationale, error))
    return FALSE;

  if (d->aim_for != NULL && !cr_template_is_ordered (plan->template))
    {
      set_invalid (error, "workshop.decision.aim_for",
                   /* Translators: %s is a template id */
                   _("must be null: the options of template '%s' are not stages, so the decision names only the option chosen, in start_with"),
                   cr_template_get_id (plan->template));
      return FALSE;
    }

  node = json_object_get_member (obj, "agreed");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !get_array (obj, path, "agreed", OPTIONAL, &keys, error))
    return FALSE;

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.agreed[%u]", path, i);
      JsonNode *element = json_array_get_element (keys, i);
      const char *key;
      int index;

      if (!cr_json_node_is_string (element))
        {
          set_invalid (error, p, _("expected a participant key, a string such as \"p1\""));
          return FALSE;
        }
      key = json_node_get_string (element);
      index = find_participant (plan, key);
      if (index < 0)
        {
          set_invalid (error, p, _("'%s' is not a participant of this bundle; add it to workshop.participants or leave it out"),
                       key);
          return FALSE;
        }
      for (guint j = 0; j < agreed->len; j++)
        if (g_array_index (agreed, int, j) == index)
          {
            /* Translators: %s is a participant key */
            set_invalid (error, p, _("'%s' is listed twice; each participant agrees once"), key);
            return FALSE;
          }
      g_array_append_val (agreed, index);
    }

  if (d->start_with == NULL && d->aim_for == NULL &&
      (d->rationale == NULL || d->rationale[0] == '\0') && agreed->len == 0)
    return TRUE;

  d->agreed = g_steal_pointer (&agreed);
  plan->decision = g_steal_pointer (&d);
  return TRUE;
}

/* An optional UUID member, "id" or "previous"; kept in lower case, as
 * Crossroads writes them, so the same workshop is found whatever the case. */
static gboolean
get_uuid (JsonObject  *workshop,
          const char  *name,
          char       **out,
          GError     **error)
{
  const char *text;

  if (!get_string (workshop, "workshop", name, OPTIONAL, TRUE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!g_uuid_string_is_valid (text))
    {
      g_autofree char *path = cr_json_path_member ("workshop", name);

      /* Translators: %s is what the file gave; keep the example as it is */
      set_invalid (error, path, _("'%s' is not a workshop identifier; expected a UUID such as \"0f8fad5b-d9cb-469f-a165-70867728950e\", or null"),
                   text);
      return FALSE;
    }
  *out = g_ascii_strdown (text, -1);
  return TRUE;
}

static gboolean
validate_link (Plan        *plan,
               JsonObject  *workshop,
               GError     **error)
{
  if (!get_uuid (workshop, "id", &plan->uuid, error) ||
      !get_uuid (workshop, "previous", &plan->previous, error))
    return FALSE;
  if (plan->uuid != NULL && g_strcmp0 (plan->uuid, plan->previous) == 0)
    {
      set_invalid (error, "workshop.previous", _("names the workshop itself; a workshop cannot re-run itself"));
      return FALSE;
    }
  return TRUE;
}

/* The facilitator's step marks and time spent (optional; null is none). */
static gboolean
validate_steps (Plan        *plan,
                JsonObject  *workshop,
                GError     **error)
{
  JsonNode *node = json_object_get_member (workshop, "steps");
  g_autoptr(CrAgenda) agenda = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!get_array (workshop, "workshop", "steps", OPTIONAL, &array, error))
    return FALSE;
  /* The workshop's agenda, as it will have it: the template's steps, the
   * ones every workshop has (cr-agenda.h) and a re-run's own. */
  agenda = cr_agenda_new (plan->template, plan->previous != NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("workshop.steps[%u]", i);
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      PlanStep step = { 0 };
      JsonObject *obj;

      if (!element_object (array, i, path, &obj, error) ||
          !get_string (obj, path, "id", REQUIRED, FALSE, &step.id, error))
        return FALSE;
      if (cr_agenda_find (agenda, step.id) < 0)
        {
          /* Translators: first %s is a step id, second a template id */
          set_invalid (error, id_path, _("'%s' is not an agenda step of template '%s'"),
                       step.id, cr_template_get_id (plan->template));
          return FALSE;
        }
      for (guint j = 0; j < plan->steps->len; j++)
        if (g_str_equal (g_array_index (plan->steps, PlanStep, j).id, step.id))
          {
            /* Translators: %s is an agenda step id */
            set_invalid (error, id_path, _("'%s' is listed twice"), step.id);
            return FALSE;
          }

      node = json_object_get_member (obj, "done");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          !get_bool (obj, path, "done", FALSE, &step.done, error))
        return FALSE;
      node = json_object_get_member (obj, "elapsed_s");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          !get_int (obj, path, "elapsed_s", 0, G_MAXINT, &step.elapsed, error))
        return FALSE;
      node = json_object_get_member (obj, "current");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          !get_bool (obj, path, "current", FALSE, &step.current, error))
        return FALSE;
      for (guint j = 0; j < plan->steps->len && step.current; j++)
        if (g_array_index (plan->steps, PlanStep, j).current)
          {
            g_autofree char *current_path = g_strdup_printf ("%s.current", path);

            /* Translators: %s is an agenda step id */
            set_invalid (error, current_path, _("'%s' is the current step already; only one step can be"),
                         g_array_index (plan->steps, PlanStep, j).id);
            return FALSE;
          }

      g_array_append_val (plan->steps, step);
    }
  return TRUE;
}

static gboolean
validate_header (JsonNode  *root,
                 GError   **error)
{
  JsonObject *obj;
  const char *format = NULL;
  JsonNode *node;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_FORMAT,
                   /* Translators: keep "format" and the quoted id as they are */
                   _("this is not a Crossroads workshop bundle: expected an object with \"format\": \"%s\""),
                   CR_BUNDLE_FORMAT);
      return FALSE;
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "format");
  if (node != NULL && cr_json_node_is_string (node))
    format = json_node_get_string (node);
  if (g_strcmp0 (format, CR_BUNDLE_FORMAT) != 0)
    {
      if (format != NULL)
        g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_FORMAT,
                     /* Translators: the first %s is what the file says, the second the expected id */
                     _("format: '%s' is not a Crossroads workshop bundle (expected '%s')"),
                     format, CR_BUNDLE_FORMAT);
      else
        g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_FORMAT,
                     /* Translators: %s is the expected format id */
                     _("format: missing; a Crossroads workshop bundle says \"format\": \"%s\""),
                     CR_BUNDLE_FORMAT);
      return FALSE;
    }

  if (!get_int (obj, "", "version", 1, G_MAXINT, &version, error))
    return FALSE;
  if (version > CR_BUNDLE_VERSION)
    {
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_FORMAT,
                   /* Translators: the first %d is the file's version, the second ours */
                   _("version: this bundle is version %d, written by a newer Crossroads (this one reads up to version %d); update Crossroads to import it"),
                   (int) version, CR_BUNDLE_VERSION);
      return FALSE;
    }
  return TRUE;
}

static Plan *
validate (JsonParser  *parser,
          GError     **error)
{
  g_autoptr(Plan) plan = plan_new (parser);
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *workshop;
  JsonNode *node;

  if (root == NULL)
    {
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_PARSE,
                   _("the file is empty; choose a workshop bundle exported by Crossroads"));
      return NULL;
    }

  if (!validate_header (root, error))
    return NULL;

  if (!get_member (json_node_get_object (root), "", "workshop", REQUIRED, _("an object"), &node, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, "workshop", _("expected an object"));
      return NULL;
    }
  workshop = json_node_get_object (node);

  if (!get_string (workshop, "workshop", "title", REQUIRED, FALSE, &plan->title, error) ||
      !get_string (workshop, "workshop", "organisation", REQUIRED, FALSE, &plan->organisation, error) ||
      !get_string (workshop, "workshop", "facilitator", OPTIONAL, FALSE, &plan->facilitator, error) ||
      !get_string (workshop, "workshop", "date", REQUIRED, FALSE, &plan->date, error) ||
      !check_date (plan->date, "workshop", "date", error) ||
      !get_string (workshop, "workshop", "function_name", OPTIONAL, FALSE, &plan->function_name, error))
    return NULL;

  /* The same rule as the set-up page: a workshop is found by its title. */
  if (plan->title[strspn (plan->title, " \t\r\n")] == '\0')
    {
      set_invalid (error, "workshop.title", _("must not be empty; give the workshop a title"));
      return NULL;
    }
  if (plan->facilitator == NULL)
    plan->facilitator = "";
  if (plan->function_name == NULL)
    plan->function_name = "";

  /* Participants before notes and rounds, which refer to their keys. */
  if (!validate_template (plan, workshop, error) ||
      !validate_context (plan, workshop, error) ||
      !validate_participants (plan, workshop, error) ||
      !validate_notes (plan, workshop, error) ||
      !validate_rounds (plan, workshop, error) ||
      !validate_actions (plan, workshop, "actions", plan->actions, error) ||
      !validate_actions (plan, workshop, "review", plan->review, error) ||
      !validate_decision (plan, workshop, error) ||
      !validate_link (plan, workshop, error) ||
      !validate_steps (plan, workshop, error))
    return NULL;

  return g_steal_pointer (&plan);
}

/* ------------------------------------------------------------------------ */
/* Writing the plan                                                          */
/* ------------------------------------------------------------------------ */

/* Whether the bundle's workshop is @there, perhaps edited since (a title
 * corrected), rather than another workshop that carries the same
 * identifier: the same template, organisation and day. */
static gboolean
same_workshop (Plan       *plan,
               CrWorkshop *there)
{
  g_autofree char *key_plan = cr_library_organisation_key (plan->organisation);
  g_autofree char *key_there = cr_library_organisation_key (cr_workshop_get_organisation (there));

  return g_strcmp0 (cr_template_get_id (plan->template), cr_template_get_id (cr_workshop_get_template (there))) == 0 &&
         g_strcmp0 (key_plan, key_there) == 0 &&
         g_strcmp0 (plan->date, cr_workshop_get_date (there)) == 0;
}

/* Makes room for a bundle whose workshop already is in the library, as
 * @mode asks; *id is the row id the import takes (0 for a new one) and
 * *uuid the identifier it keeps. Inside the import's transaction. */
static gboolean
settle_existing (CrStore       *store,
                 Plan          *plan,
                 CrImportMode   mode,
                 gint64        *id,
                 const char   **uuid,
                 GError       **error)
{
  gboolean trashed = FALSE;
  gint64 existing;
  sqlite3_stmt *stmt;

  *id = 0;
  *uuid = plan->uuid;
  if (plan->uuid == NULL)
    return TRUE;

  existing = _cr_store_find_workshop_by_uuid (store, plan->uuid, &trashed, error);
  if (existing < 0)
    return FALSE;
  if (existing == 0)
    return TRUE;

  /* A workshop deleted a moment ago and still offering Undo gives way to
   * the import as if it were gone already. */
  if (trashed || mode == CR_IMPORT_REPLACE)
    {
      stmt = cr_store_prepare (store, "DELETE FROM workshops WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, existing);
      if (!cr_store_step_done (store, stmt, error))
        return FALSE;
      /* Replaced, it keeps its place: scripts that know its ID still find it. */
      *id = trashed ? 0 : existing;
      return TRUE;
    }

  if (mode == CR_IMPORT_KEEP_BOTH)
    {
      *uuid = NULL;
      return TRUE;
    }

  {
    g_autoptr(GError) local = NULL;
    g_autoptr(CrWorkshop) there = cr_workshop_load (store, existing, &local);

    if (there != NULL && !same_workshop (plan, there))
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_ID_TAKEN,
                   /* Translators: %lld is a workshop ID, %s its title */
                   _("workshop.id: another workshop in the library has the same identifier: ID %lld, “%s”"),
                   (long long) existing, cr_workshop_get_title (there));
    else
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_EXISTS,
                   /* Translators: %lld is a workshop ID, %s its title */
                   _("workshop.id: this workshop is in the library already, as ID %lld, “%s”"),
                   (long long) existing, there != NULL ? cr_workshop_get_title (there) : "");
  }
  return FALSE;
}

/* Whether the series @previous leads back through the library to @uuid:
 * then the bundle's workshop would re-run one of its own re-runs, and
 * "Since Last Time" would compare it with a later workshop. Walks the
 * links once each, so a loop already in the library cannot hang it. */
static gboolean
check_no_circle (CrStore     *store,
                 const char  *uuid,
                 const char  *previous,
                 GError     **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *at = NULL;
  sqlite3_stmt *stmt;

  if (uuid == NULL || previous == NULL)
    return TRUE;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  at = g_strdup (previous);
  while (at != NULL && g_hash_table_add (seen, g_strdup (at)))
    {
      int rc;

      stmt = cr_store_prepare (store, "SELECT previous FROM workshops WHERE uuid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      g_clear_pointer (&at, g_free);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          cr_store_set_error (store, error, _("reading the workshop"));
          return FALSE;
        }
      if (g_strcmp0 (at, uuid) == 0)
        {
          set_invalid (error, "workshop.previous",
                       _("names a workshop in the library that re-runs this one; a series cannot go round in a circle"));
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
write_plan (CrStore       *store,
            Plan          *plan,
            CrImportMode   mode,
            GError       **error)
{
  g_autofree gint64 *participant_ids = NULL;
  const char *uuid = NULL;
  gint64 workshop_id;

  if (!cr_store_begin (store, error))
    return 0;

  if (!settle_existing (store, plan, mode, &workshop_id, &uuid, error) ||
      !check_no_circle (store, uuid, plan->previous, error))
    goto fail;
  workshop_id = _cr_store_insert_workshop (store, workshop_id, plan->title, plan->organisation,
                                           plan->facilitator, plan->date,
                                           plan->function_name,
                                           cr_template_get_id (plan->template),
                                           plan->template_json, uuid, plan->previous, error);
  if (workshop_id == 0)
    goto fail;

  for (guint i = 0; i < plan->context_ids->len; i++)
    if (!_cr_store_insert_context (store, workshop_id,
                                   g_ptr_array_index (plan->context_ids, i),
                                   g_ptr_array_index (plan->context_values, i),
                                   error))
      goto fail;

  participant_ids = g_new0 (gint64, plan->participants->len + 1);
  for (guint i = 0; i < plan->participants->len; i++)
    {
      PlanParticipant *p = &g_array_index (plan->participants, PlanParticipant, i);

      participant_ids[i] = _cr_store_insert_participant (store, workshop_id, p->key,
                                                         p->name, p->role, error);
      if (participant_ids[i] == 0)
        goto fail;
    }

  for (guint i = 0; i < plan->notes->len; i++)
    {
      PlanNote *n = &g_array_index (plan->notes, PlanNote, i);
      gint64 participant_id = n->participant >= 0 ? participant_ids[n->participant] : 0;

      if (_cr_store_insert_note (store, workshop_id, n->option, n->kind, n->text,
                                 participant_id, error) == 0)
        goto fail;
    }

  for (guint i = 0; i < plan->rounds->len; i++)
    {
      PlanRound *r = &g_array_index (plan->rounds, PlanRound, i);
      gint64 round_id;

      round_id = _cr_store_insert_round (store, workshop_id, r->question, r->number,
                                         r->revealed, error);
      if (round_id == 0)
        goto fail;

      for (guint j = 0; j < r->votes->len; j++)
        {
          CrVote vote = g_array_index (r->votes, CrVote, j);

          vote.participant_id = vote.participant_id > 0 ? participant_ids[vote.participant_id - 1] : 0;
          if (!_cr_store_insert_vote (store, round_id, &vote, error))
            goto fail;
        }
    }

  for (guint i = 0; i < plan->actions->len; i++)
    {
      PlanAction *a = &g_array_index (plan->actions, PlanAction, i);

      if (_cr_store_insert_action (store, FALSE, workshop_id, a->text, a->owner, a->due,
                                   a->status, a->outcome, error) == 0)
        goto fail;
    }

  for (guint i = 0; i < plan->review->len; i++)
    {
      PlanAction *a = &g_array_index (plan->review, PlanAction, i);

      if (_cr_store_insert_action (store, TRUE, workshop_id, a->text, a->owner, a->due,
                                            a->status, a->outcome, error) == 0)
        goto fail;
    }

  if (plan->decision != NULL)
    {
      g_autoptr(CrDecision) decision = cr_decision_new ();

      decision->start_with = g_strdup (plan->decision->start_with);
      decision->aim_for = g_strdup (plan->decision->aim_for);
      g_free (decision->rationale);
      decision->rationale = g_strdup (plan->decision->rationale ? plan->decision->rationale : "");
      for (guint i = 0; i < plan->decision->agreed->len; i++)
        cr_decision_set_agreed (decision,
                                participant_ids[g_array_index (plan->decision->agreed, int, i)],
                                TRUE);
      if (!_cr_store_insert_decision (store, workshop_id, decision, error))
        goto fail;
    }

  for (guint i = 0; i < plan->steps->len; i++)
    {
      PlanStep *step = &g_array_index (plan->steps, PlanStep, i);

      if (!_cr_store_insert_step_state (store, workshop_id, step->id, step->done, step->elapsed, error) ||
          (step->current && !_cr_store_set_current_step (store, workshop_id, step->id, error)))
        goto fail;
    }

  /* A failed commit rolls back by itself. */
  if (!cr_store_commit (store, error))
    return 0;

  return workshop_id;

fail:
  cr_store_rollback (store);
  return 0;
}

gint64
cr_bundle_import (CrStore  *store,
                  GBytes   *data,
                  GError  **error)
{
  return cr_bundle_import_full (store, data, CR_IMPORT_REFUSE_EXISTING, error);
}

gint64
cr_bundle_import_full (CrStore       *store,
                       GBytes        *data,
                       CrImportMode   mode,
                       GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(Plan) plan = NULL;
  CrJsonInputResult input;
  const char *text;
  gsize len;

  g_return_val_if_fail (CR_IS_STORE (store), 0);
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  text = g_bytes_get_data (data, &len);
  parser = json_parser_new_immutable ();
  if (!cr_json_input_load (parser, text, len, CR_BUNDLE_MAX_SIZE, &bundle_limits, &input))
    {
      set_input_error (error, &input);
      cr_json_input_result_clear (&input);
      return 0;
    }

  plan = validate (parser, error);
  if (plan == NULL)
    return 0;

  return write_plan (store, plan, mode, error);
}

/* The caller names the file; GIO's own message would name it again. */
static void
set_read_error (GError       **error,
                const GError  *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error_literal (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_READ,
                         _("the file does not exist; check the path"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error_literal (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_READ,
                         _("the file cannot be read: permission denied"));
  else
    g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_READ,
                 /* Translators: %s is the system's reason */
                 _("the file cannot be read: %s"), io_error->message);
}

gint64
cr_bundle_import_gfile (CrStore  *store,
                        GFile    *file,
                        GError  **error)
{
  return cr_bundle_import_gfile_full (store, file, CR_IMPORT_REFUSE_EXISTING, error);
}

gint64
cr_bundle_import_gfile_full (CrStore       *store,
                             GFile         *file,
                             CrImportMode   mode,
                             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean too_large = FALSE;

  g_return_val_if_fail (CR_IS_STORE (store), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      set_read_error (error, local_error);
      return 0;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_READ,
                   "%s", _("this is a folder; choose a workshop bundle file"));
      return 0;
    }
  /* Refused before a byte is read, so a huge file costs nothing. */
  if (g_file_info_get_size (info) > CR_BUNDLE_MAX_SIZE)
    {
      set_too_large (error);
      return 0;
    }

  /* A pipe or a device has no size to check: reading stops one byte past
   * the limit instead. */
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    bytes = cr_read_stream (G_INPUT_STREAM (stream), CR_BUNDLE_MAX_SIZE, &too_large,
                            NULL, &local_error);
  if (too_large)
    {
      set_too_large (error);
      return 0;
    }
  if (bytes == NULL)
    {
      set_read_error (error, local_error);
      return 0;
    }

  return cr_bundle_import_full (store, bytes, mode, error);
}

gint64
cr_bundle_import_file (CrStore     *store,
                       const char  *path,
                       GError     **error)
{
  return cr_bundle_import_file_full (store, path, CR_IMPORT_REFUSE_EXISTING, error);
}

gint64
cr_bundle_import_file_full (CrStore       *store,
                            const char    *path,
                            CrImportMode   mode,
                            GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CR_IS_STORE (store), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  file = g_file_new_for_path (path);
  return cr_bundle_import_gfile_full (store, file, mode, error);
}

/* ------------------------------------------------------------------------ */
/* Pretty printing                                                           */
/* ------------------------------------------------------------------------ */

/* json-glib 1.6 prints doubles with 17 significant digits, so a share
 * rounded to 0.4286 would read 0.42859999999999998; print the shortest form
 * that reads back as the same double instead. */
static void
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  /* Keep it a double when read back. */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     level)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (obj) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, obj);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_string_append (out, first ? "\n" : ",\n");
            first = FALSE;
            append_indent (out, level + 1);
            append_string (out, name);
            g_string_append (out, ": ");
            append_node (out, member, level + 1);
          }
        g_string_append_c (out, '\n');
        append_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i == 0 ? "\n" : ",\n");
            append_indent (out, level + 1);
            append_node (out, json_array_get_element (array, i), level + 1);
          }
        g_string_append_c (out, '\n');
        append_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */
/* ------------------------------------------------------------------------ */

static const char *
participant_key (CrWorkshop *workshop,
                 gint64      participant_id)
{
  CrParticipant *p;

  if (participant_id == 0)
    return NULL;
  p = cr_workshop_find_participant (workshop, participant_id);
  return p != NULL ? cr_participant_get_key (p) : NULL;
}

static int
question_index (CrTemplate *template,
                const char *question_id)
{
  for (guint i = 0; i < cr_template_get_n_questions (template); i++)
    if (g_strcmp0 (cr_template_get_question (template, i)->id, question_id) == 0)
      return (int) i;
  return G_MAXINT;
}

static int
compare_rounds (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  CrTemplate *template = user_data;
  CrRound *ra = *(CrRound * const *) a;
  CrRound *rb = *(CrRound * const *) b;
  int qa = question_index (template, cr_round_get_question (ra));
  int qb = question_index (template, cr_round_get_question (rb));

  if (qa != qb)
    return qa < qb ? -1 : 1;
  if (qa == G_MAXINT)
    {
      int c = g_strcmp0 (cr_round_get_question (ra), cr_round_get_question (rb));

      if (c != 0)
        return c;
    }
  return (cr_round_get_number (ra) > cr_round_get_number (rb)) -
         (cr_round_get_number (ra) < cr_round_get_number (rb));
}

/* Rounds in question order, then by number: the order of the bundle. */
static GPtrArray *
sorted_rounds (CrWorkshop *workshop)
{
  GListModel *model = cr_workshop_get_rounds (workshop);
  GPtrArray *rounds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (rounds, g_list_model_get_item (model, i));
  g_ptr_array_sort_with_data (rounds, compare_rounds, cr_workshop_get_template (workshop));
  return rounds;
}

/* The bundle is written as it is walked, straight into text: a tree of
 * JsonNodes for 20,000 votes cost five times the writing. The layout is the
 * one append_node () gives a tree, so small trees (tallies, the
 * recommendation, a custom template) are printed into it as they are. */
typedef struct
{
  GString *out;
  guint    depth;
  guint    count[16];        /* members or elements so far, per open level */
  gboolean after_member;     /* a member's name is written, its value is next */
} Writer;

static void
writer_next (Writer *w)
{
  if (w->after_member)
    {
      w->after_member = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  g_string_append (w->out, w->count[w->depth - 1]++ == 0 ? "\n" : ",\n");
  append_indent (w->out, w->depth);
}

static void
writer_begin (Writer *w,
              char    open)
{
  writer_next (w);
  g_assert (w->depth < G_N_ELEMENTS (w->count));
  g_string_append_c (w->out, open);
  w->count[w->depth++] = 0;
}

static void
writer_end (Writer *w,
            char    close)
{
  g_assert (w->depth > 0);
  if (w->count[--w->depth] > 0)
    {
      g_string_append_c (w->out, '\n');
      append_indent (w->out, w->depth);
    }
  g_string_append_c (w->out, close);
}

static void
writer_member (Writer     *w,
               const char *name)
{
  writer_next (w);
  append_string (w->out, name);
  g_string_append (w->out, ": ");
  w->after_member = TRUE;
}

static void
writer_string (Writer     *w,
               const char *value)
{
  writer_next (w);
  if (value != NULL)
    append_string (w->out, value);
  else
    g_string_append (w->out, "null");
}

static void
writer_int (Writer *w,
            gint64  value)
{
  writer_next (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
writer_bool (Writer   *w,
             gboolean  value)
{
  writer_next (w);
  g_string_append (w->out, value ? "true" : "false");
}

/* A JSON int when the value is integral, so 3 prints as 3 and not 3.0. */
static void
writer_number (Writer *w,
               double  value)
{
  if (isfinite (value) && value == floor (value) && fabs (value) < 1e15)
    {
      writer_int (w, (gint64) value);
      return;
    }
  writer_next (w);
  append_double (w->out, value);
}

/* Takes the node. */
static void
writer_node (Writer   *w,
             JsonNode *node)
{
  writer_next (w);
  append_node (w->out, node, w->depth);
  json_node_unref (node);
}

static void
write_member_string (Writer     *w,
                     const char *name,
                     const char *value)
{
  writer_member (w, name);
  writer_string (w, value);
}

static void
write_context (Writer     *w,
               CrWorkshop *workshop)
{
  CrTemplate *template = cr_workshop_get_template (workshop);

  writer_begin (w, '{');
  /* Template order, so the same answers always read the same. */
  for (guint i = 0; i < cr_template_get_n_context (template); i++)
    {
      const CrContextField *field = cr_template_get_context (template, i);
      const CrContextValue *value = cr_workshop_get_context (workshop, field->id);

      if (value == NULL)
        continue;
      writer_member (w, field->id);
      if (value->is_number)
        writer_number (w, value->number);
      else
        writer_string (w, value->text);
    }
  writer_end (w, '}');
}

static void
write_actions (Writer     *w,
               GListModel *model)
{
  writer_begin (w, '[');
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrAction) a = g_list_model_get_item (model, i);

      writer_begin (w, '{');
      write_member_string (w, "text", cr_action_get_text (a));
      write_member_string (w, "owner", cr_action_get_owner (a) ?: "");
      write_member_string (w, "due", cr_action_get_due (a));
      write_member_string (w, "status", cr_action_status_to_string (cr_action_get_status (a)));
      write_member_string (w, "outcome", cr_action_get_outcome (a)[0] != '\0' ? cr_action_get_outcome (a) : NULL);
      writer_end (w, '}');
    }
  writer_end (w, ']');
}

static void
write_workshop (Writer     *w,
                CrWorkshop *workshop,
                GPtrArray  *rounds)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrDecision *decision;
  GListModel *model;

  writer_begin (w, '{');
  write_member_string (w, "title", cr_workshop_get_title (workshop) ?: "");
  write_member_string (w, "organisation", cr_workshop_get_organisation (workshop) ?: "");
  write_member_string (w, "facilitator", cr_workshop_get_facilitator (workshop) ?: "");
  write_member_string (w, "date", cr_workshop_get_date (workshop) ?: "");
  write_member_string (w, "function_name", cr_workshop_get_function_name (workshop) ?: "");

  writer_member (w, "template");
  if (cr_template_is_builtin (template))
    writer_string (w, cr_template_get_id (template));
  else
    writer_node (w, json_node_copy (cr_template_get_json (template)));

  writer_member (w, "context");
  write_context (w, workshop);

  writer_member (w, "participants");
  writer_begin (w, '[');
  model = cr_workshop_get_participants (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (model, i);

      writer_begin (w, '{');
      write_member_string (w, "key", cr_participant_get_key (p));
      write_member_string (w, "name", cr_participant_get_name (p));
      write_member_string (w, "role", cr_participant_get_role (p) ?: "");
      writer_end (w, '}');
    }
  writer_end (w, ']');

  writer_member (w, "notes");
  writer_begin (w, '[');
  model = cr_workshop_get_notes (workshop);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrNote) n = g_list_model_get_item (model, i);

      writer_begin (w, '{');
      write_member_string (w, "option", cr_note_get_option (n));
      write_member_string (w, "kind", cr_note_kind_to_string (cr_note_get_kind (n)));
      write_member_string (w, "text", cr_note_get_text (n));
      write_member_string (w, "participant", participant_key (workshop, cr_note_get_participant_id (n)));
      writer_end (w, '}');
    }
  writer_end (w, ']');

  writer_member (w, "rounds");
  writer_begin (w, '[');
  for (guint i = 0; i < rounds->len; i++)
    {
      CrRound *r = g_ptr_array_index (rounds, i);
      const CrVote *votes;
      guint n_votes = 0;

      writer_begin (w, '{');
      write_member_string (w, "question", cr_round_get_question (r));
      writer_member (w, "number");
      writer_int (w, cr_round_get_number (r));
      writer_member (w, "revealed");
      writer_bool (w, cr_round_get_revealed (r));
      writer_member (w, "votes");
      writer_begin (w, '[');
      /* A round still open keeps its votes, with "revealed": false: the
       * bundle moves a workshop mid-round to another laptop whole. The
       * summaries and "results" never show them (write_results). */
      votes = cr_round_get_votes (r, &n_votes);
      for (guint j = 0; j < n_votes; j++)
        {
          writer_begin (w, '{');
          write_member_string (w, "participant", participant_key (workshop, votes[j].participant_id));
          write_member_string (w, "option", votes[j].option);
          write_member_string (w, "criterion", votes[j].criterion);
          writer_member (w, "value");
          writer_int (w, votes[j].value);
          writer_end (w, '}');
        }
      writer_end (w, ']');
      writer_end (w, '}');
    }
  writer_end (w, ']');

  writer_member (w, "actions");
  write_actions (w, cr_workshop_get_actions (workshop));

  /* A re-run's review of last time's actions, only when it has one, so
   * the bundle of a first workshop reads as it always did. */
  model = cr_workshop_get_review (workshop);
  if (g_list_model_get_n_items (model) > 0)
    {
      writer_member (w, "review");
      write_actions (w, model);
    }

  /* The workshop's identifier and its predecessor's, so a series keeps
   * its links on another laptop. */
  write_member_string (w, "id", cr_workshop_get_uuid (workshop));
  write_member_string (w, "previous", cr_workshop_get_previous_uuid (workshop));

  /* Only when one is recorded, so bundles of workshops without one read as
   * they always did. */
  decision = cr_workshop_get_decision (workshop);
  if (decision != NULL)
    {
      writer_member (w, "decision");
      writer_begin (w, '{');
      write_member_string (w, "start_with", decision->start_with);
      write_member_string (w, "aim_for", decision->aim_for);
      write_member_string (w, "rationale",
                           decision->rationale[0] != '\0' ? decision->rationale : NULL);
      writer_member (w, "agreed");
      writer_begin (w, '[');
      for (guint i = 0; i < decision->agreed->len; i++)
        {
          writer_string (w, participant_key (workshop, g_array_index (decision->agreed, gint64, i)));
        }
      writer_end (w, ']');
      writer_end (w, '}');
    }

  /* Marks, time spent and the step it is on, so a workshop moved
   * mid-session goes on as it was. */
  writer_member (w, "steps");
  writer_begin (w, '[');
  for (guint i = 0; i < cr_workshop_get_n_steps (workshop); i++)
    {
      const char *id = cr_workshop_get_step (workshop, i)->id;
      gboolean marked = cr_workshop_get_step_marked (workshop, id);
      gint64 elapsed = cr_workshop_get_step_elapsed (workshop, id);
      gboolean current = g_strcmp0 (cr_workshop_get_current_step (workshop), id) == 0;

      if (!marked && elapsed == 0 && !current)
        continue;
      writer_begin (w, '{');
      write_member_string (w, "id", id);
      writer_member (w, "done");
      writer_bool (w, marked);
      writer_member (w, "elapsed_s");
      writer_int (w, elapsed);
      if (current)
        {
          writer_member (w, "current");
          writer_bool (w, TRUE);
        }
      writer_end (w, '}');
    }
  writer_end (w, ']');

  writer_end (w, '}');
}

static void
write_results (Writer     *w,
               CrWorkshop *workshop,
               GPtrArray  *rounds)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_tally_free);
  g_autoptr(CrRecommendation) rec = NULL;
  CrRound *prev = NULL;
  guint prev_index = 0;

  for (guint i = 0; i < rounds->len; i++)
    g_ptr_array_add (tallies, cr_tally_compute (template, g_ptr_array_index (rounds, i)));

  writer_begin (w, '{');

  writer_member (w, "rounds");
  writer_begin (w, '[');
  for (guint i = 0; i < tallies->len; i++)
    writer_node (w, cr_tally_to_json (g_ptr_array_index (tallies, i)));
  writer_end (w, ']');

  /* Rounds are sorted by question then number, so consecutive revealed
   * rounds of one question follow each other once unrevealed ones are
   * skipped. */
  writer_member (w, "changes");
  writer_begin (w, '[');
  for (guint i = 0; i < rounds->len; i++)
    {
      CrRound *r = g_ptr_array_index (rounds, i);

      if (!cr_round_get_revealed (r))
        continue;
      if (prev != NULL && g_strcmp0 (cr_round_get_question (prev), cr_round_get_question (r)) == 0)
        writer_node (w, cr_tally_compare_to_json (g_ptr_array_index (tallies, prev_index),
                                                  g_ptr_array_index (tallies, i)));
      prev = r;
      prev_index = i;
    }
  writer_end (w, ']');

  rec = cr_recommend_workshop (workshop);
  writer_member (w, "recommendation");
  writer_node (w, cr_recommendation_to_json (rec));

  writer_end (w, '}');
}

char *
cr_bundle_export_string (CrWorkshop *workshop)
{
  g_autoptr(GPtrArray) rounds = NULL;
  Writer w = { 0 };

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  rounds = sorted_rounds (workshop);
  w.out = g_string_sized_new (4096);
  writer_begin (&w, '{');
  write_member_string (&w, "format", CR_BUNDLE_FORMAT);
  writer_member (&w, "version");
  writer_int (&w, CR_BUNDLE_VERSION);
  writer_member (&w, "workshop");
  write_workshop (&w, workshop, rounds);
  writer_member (&w, "results");
  write_results (&w, workshop, rounds);
  writer_end (&w, '}');
  g_assert (w.depth == 0);
  g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}

/* The same bundle as a tree, read back from its text, so the two can never
 * disagree. */
JsonNode *
cr_bundle_export (CrWorkshop *workshop)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  text = cr_bundle_export_string (workshop);
  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("the bundle written cannot be read back: %s", error->message);
  return json_node_ref (json_parser_get_root (parser));
}
