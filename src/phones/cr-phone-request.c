/* cr-phone-request.c: what a phone sends (a join, a claim, a ballot),
 * decoded strictly, shape only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-json-scan.h"
#include "cr-phone-request.h"

G_DEFINE_QUARK (cr-phone-request-error-quark, cr_phone_request_error)

static const CrJsonListLimit request_lists[] = {
  { "votes", CR_PHONE_MAX_VOTES, 0 },
  { NULL, 0, 0 },
};

/* A ballot is three levels deep; the tree of an 8 KiB body is small. */
static const CrJsonScanLimits request_limits = { 4, 256 * 1024, request_lists };

static gboolean G_GNUC_PRINTF (2, 3)
shape_error (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CR_PHONE_REQUEST_ERROR, CR_PHONE_REQUEST_ERROR_SHAPE, format, args);
  va_end (args);
  return FALSE;
}

/* The body as one JSON object, read strictly (cr-json-scan.c) before
 * json-glib builds its tree. Messages are for the page's developer, in
 * English: the page words what a person sees. */
static JsonObject *
parse_object (const char  *body,
              gsize        len,
              JsonParser **parser_out,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  CrJsonScanResult result;
  JsonNode *root;

  if (len > CR_PHONE_MAX_BODY || (body == NULL && len > 0))
    {
      g_set_error (error, CR_PHONE_REQUEST_ERROR, CR_PHONE_REQUEST_ERROR_NOT_JSON,
                   "the body is over %d bytes", CR_PHONE_MAX_BODY);
      return NULL;
    }
  if (len == 0 || !g_utf8_validate_len (body, len, NULL))
    {
      g_set_error_literal (error, CR_PHONE_REQUEST_ERROR, CR_PHONE_REQUEST_ERROR_NOT_JSON,
                           "the body is not UTF-8 JSON");
      return NULL;
    }
  if (!cr_json_scan (body, len, &request_limits, &result))
    {
      g_set_error (error, CR_PHONE_REQUEST_ERROR, CR_PHONE_REQUEST_ERROR_NOT_JSON,
                   "the body is not strict JSON (line %u, column %u)", result.line, result.column);
      cr_json_scan_result_clear (&result);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, (gssize) len, NULL))
    {
      g_set_error_literal (error, CR_PHONE_REQUEST_ERROR, CR_PHONE_REQUEST_ERROR_NOT_JSON,
                           "the body is not JSON");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      shape_error (error, "the body is not a JSON object");
      return NULL;
    }
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

/* A JSON integer (not a float or a string) within [min, max]. */
static gboolean
get_integer (JsonNode *node,
             gint64    min,
             gint64    max,
             gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= min && *value <= max;
}

/* A JSON string, or NULL for a node that is not one. */
static const char *
get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_key (const char *key)
{
  gsize n = 0;

  for (const char *p = key; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return n >= 1 && n <= CR_PHONE_MAX_KEY;
}

static gboolean
is_id (const char *id)
{
  gsize n = strlen (id);

  return n >= 1 && n <= CR_PHONE_MAX_ID;
}

void
cr_phone_ballot_free (CrPhoneBallot *ballot)
{
  if (ballot == NULL)
    return;
  g_free (ballot->key);
  g_clear_pointer (&ballot->votes, g_array_unref);
  g_clear_pointer (&ballot->strings, g_string_chunk_free);
  g_free (ballot);
}

CrPhoneBallot *
cr_phone_ballot_decode (const char  *body,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CrPhoneBallot) ballot = NULL;
  JsonObject *object;
  JsonNode *votes;
  JsonArray *array;
  const char *key;

  object = parse_object (body, len, &parser, error);
  if (object == NULL)
    return NULL;

  ballot = g_new0 (CrPhoneBallot, 1);
  ballot->votes = g_array_new (FALSE, FALSE, sizeof (CrVote));
  ballot->strings = g_string_chunk_new (256);

  if (!get_integer (json_object_get_member (object, "round"), 1, G_MAXINT64, &ballot->round_id))
    return shape_error (error, "\"round\" must be a round's id, a positive integer"), NULL;
  key = get_string (json_object_get_member (object, "key"));
  if (key == NULL || !is_key (key))
    return shape_error (error, "\"key\" must be 1 to %d letters, digits, - or _", CR_PHONE_MAX_KEY), NULL;
  ballot->key = g_strdup (key);

  votes = json_object_get_member (object, "votes");
  if (votes == NULL || !JSON_NODE_HOLDS_ARRAY (votes))
    return shape_error (error, "\"votes\" must be a list"), NULL;
  array = json_node_get_array (votes);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *vote_object;
      JsonNode *criterion_node;
      const char *option, *criterion = NULL;
      gint64 value;
      CrVote vote = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return shape_error (error, "votes[%u] must be an object", i), NULL;
      vote_object = json_node_get_object (item);
      option = get_string (json_object_get_member (vote_object, "option"));
      if (option == NULL || !is_id (option))
        return shape_error (error, "votes[%u].option must be an option's id", i), NULL;
      criterion_node = json_object_get_member (vote_object, "criterion");
      if (criterion_node != NULL && !JSON_NODE_HOLDS_NULL (criterion_node))
        {
          criterion = get_string (criterion_node);
          if (criterion == NULL || !is_id (criterion))
            return shape_error (error, "votes[%u].criterion must be a criterion's id or null", i), NULL;
        }
      if (!get_integer (json_object_get_member (vote_object, "value"), G_MININT, G_MAXINT, &value))
        return shape_error (error, "votes[%u].value must be an integer", i), NULL;

      vote.option = g_string_chunk_insert_const (ballot->strings, option);
      vote.criterion = criterion ? g_string_chunk_insert_const (ballot->strings, criterion) : NULL;
      vote.value = (int) value;
      g_array_append_val (ballot->votes, vote);
    }

  return g_steal_pointer (&ballot);
}

gboolean
cr_phone_join_decode (const char  *body,
                      gsize        len,
                      char       **token,
                      char       **code,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *token_node, *code_node;

  g_return_val_if_fail (token != NULL && code != NULL, FALSE);
  *token = *code = NULL;

  object = parse_object (body, len, &parser, error);
  if (object == NULL)
    return FALSE;

  token_node = json_object_get_member (object, "token");
  code_node = json_object_get_member (object, "code");
  if ((token_node != NULL) == (code_node != NULL))
    return shape_error (error, "a join carries either \"token\" or \"code\"");
  if (token_node != NULL)
    {
      const char *value = get_string (token_node);

      if (value == NULL || !cr_phone_is_secret (value))
        return shape_error (error, "\"token\" must be %d hexadecimal digits", CR_PHONE_SECRET_CHARS);
      *token = g_strdup (value);
    }
  else
    {
      const char *value = get_string (code_node);

      *code = value ? cr_phone_code_normalize (value) : NULL;
      if (*code == NULL)
        return shape_error (error, "\"code\" must be a room code of %d letters and digits", CR_PHONE_CODE_CHARS);
    }
  return TRUE;
}

gboolean
cr_phone_claim_decode (const char  *body,
                       gsize        len,
                       gint64      *participant_id,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (participant_id != NULL, FALSE);
  *participant_id = 0;

  object = parse_object (body, len, &parser, error);
  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, "participant");
  if (node == NULL)
    return shape_error (error, "a claim carries \"participant\": a seat's id, or null for a new seat");
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!get_integer (node, 1, G_MAXINT64, participant_id))
    return shape_error (error, "\"participant\" must be a seat's id, a positive integer, or null");
  return TRUE;
}

gboolean
cr_phone_is_secret (const char *text)
{
  gsize n = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return n == CR_PHONE_SECRET_CHARS;
}

char *
cr_phone_cookie_session (const char *cookie_header)
{
  const char *p = cookie_header;
  gsize name_len = strlen (CR_PHONE_COOKIE);

  if (p == NULL)
    return NULL;
  /* "a=1; crossroads_session=…; b=2": the first of our name counts. */
  while (*p != '\0')
    {
      const char *end;

      while (*p == ' ' || *p == ';')
        p++;
      end = strchr (p, ';');
      if (end == NULL)
        end = p + strlen (p);
      if ((gsize) (end - p) == name_len + 1 + CR_PHONE_SECRET_CHARS &&
          strncmp (p, CR_PHONE_COOKIE, name_len) == 0 && p[name_len] == '=')
        {
          g_autofree char *value = g_strndup (p + name_len + 1, CR_PHONE_SECRET_CHARS);

          return cr_phone_is_secret (value) ? g_steal_pointer (&value) : NULL;
        }
      p = end;
    }
  return NULL;
}

char *
cr_phone_code_normalize (const char *typed)
{
  GString *code;

  if (typed == NULL || strlen (typed) > 32)
    return NULL;
  code = g_string_new (NULL);
  for (const char *p = typed; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-')
        continue;
      if (strchr (CR_PHONE_CODE_ALPHABET, c) == NULL || c == '\0' || code->len >= CR_PHONE_CODE_CHARS)
        {
          g_string_free (code, TRUE);
          return NULL;
        }
      g_string_append_c (code, c);
    }
  if (code->len != CR_PHONE_CODE_CHARS)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}
