/* cr-json-input.c: reading a JSON file we accept, before and around its schema
 *
 * The steps and the places every reader shares; the words are the reader's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-json"

#include "config.h"

#include "cr-json-input.h"

#include <math.h>
#include <string.h>

gboolean
cr_json_input_load (JsonParser             *parser,
                    const char             *data,
                    gsize                   len,
                    gsize                   max_bytes,
                    const CrJsonScanLimits *limits,
                    CrJsonInputResult      *result)
{
  g_autoptr(GError) json_error = NULL;
  const char *end = NULL;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);

  if (len > max_bytes)
    {
      result->problem = CR_JSON_INPUT_TOO_LARGE;
      return FALSE;
    }
  if (data == NULL)
    data = "";

  if (!g_utf8_validate_len (data, len, &end))
    {
      result->problem = *end == '\0' ? CR_JSON_INPUT_NUL_BYTE : CR_JSON_INPUT_NOT_UTF8;
      result->offset = end - data;
      cr_json_scan_locate (data, result->offset, &result->line, &result->column);
      return FALSE;
    }

  /* json-glib's parser recurses once per level, accepts comments, single
   * quotes and a second document, and builds its whole tree before anything
   * can be counted: the bytes are read strictly first (cr-json-scan.c). */
  if (!cr_json_scan (data, len, limits, &result->scan))
    {
      result->line = result->scan.line;
      result->column = result->scan.column;
      switch (result->scan.problem)
        {
        case CR_JSON_SCAN_TOO_DEEP:
          result->problem = CR_JSON_INPUT_TOO_DEEP;
          break;
        case CR_JSON_SCAN_TOO_LARGE:
          result->problem = CR_JSON_INPUT_TOO_MANY_VALUES;
          break;
        case CR_JSON_SCAN_LONE_SURROGATE:
          result->problem = CR_JSON_INPUT_LONE_SURROGATE;
          break;
        case CR_JSON_SCAN_LIST_TOO_LONG:
          result->problem = CR_JSON_INPUT_LIST_TOO_LONG;
          break;
        case CR_JSON_SCAN_LISTS_TOO_LONG:
          result->problem = CR_JSON_INPUT_LISTS_TOO_LONG;
          break;
        default:
          result->located = TRUE;
          result->problem = cr_json_scan_explain (&result->scan, data, len, &result->line,
                                                  &result->column, &result->explanation)
                            ? CR_JSON_INPUT_NOT_JSON : CR_JSON_INPUT_CHANGED;
          break;
        }
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, len > 0 ? data : "", (gssize) len, &json_error))
    {
      /* json-glib quotes the offending token cut at a byte count, which can
       * split a character: a message shown in a label must be valid UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (json_error->message, -1);
      const char *reason;

      result->problem = CR_JSON_INPUT_NOT_JSON;
      /* json-glib says "<data>:3:8: Parse error: unexpected ..."; keep the
       * place and the reason, for the reader's own words. */
      result->located = cr_json_glib_error_split (valid, &result->line, &result->column, &reason);
      result->explanation = g_strdup (result->located ? reason : valid);
      return FALSE;
    }

  return TRUE;
}

void
cr_json_input_result_clear (CrJsonInputResult *result)
{
  g_clear_pointer (&result->explanation, g_free);
  cr_json_scan_result_clear (&result->scan);
}

char *
cr_json_path_member (const char *parent,
                     const char *name)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s.%s", parent, name);
}

char *
cr_json_path_index (const char *path,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

JsonNode *
cr_json_member (JsonObject *object,
                const char *name,
                gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && !required && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
cr_json_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
cr_json_node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
cr_json_node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
cr_json_node_get_number (JsonNode *node,
                         double   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    default:
      return FALSE;
    }
}

gboolean
cr_json_node_get_int (JsonNode *node,
                      gint64   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!isfinite (d) || d != floor (d) || fabs (d) > 1e15)
          return FALSE;
        *out = (gint64) d;
        return TRUE;
      }
    default:
      return FALSE;
    }
}
