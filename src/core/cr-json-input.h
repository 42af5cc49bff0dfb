/* cr-json-input.h: reading a JSON file we accept, before and around its schema
 *
 * The bundle reader (cr-bundle.c) and the template reader (cr-template.c)
 * read their files the same way: no more bytes than they take, valid UTF-8,
 * read strictly (cr-json-scan.h) before json-glib builds a tree, and each
 * value found by its place ("workshop.rounds[1].votes"). What they say about
 * a problem stays their own: this finds it and where, they word it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-json-scan.h"

G_BEGIN_DECLS

typedef enum
{
  CR_JSON_INPUT_OK,
  CR_JSON_INPUT_TOO_LARGE,       /* more bytes than the reader takes */
  CR_JSON_INPUT_NUL_BYTE,        /* at line, column: not a text file */
  CR_JSON_INPUT_NOT_UTF8,        /* at line, column (offset in bytes) */
  /* Not JSON, at line, column with json-glib's words or the scan's in
   * explanation; not located when json-glib refused it without saying where
   * (explanation is then its whole message). */
  CR_JSON_INPUT_NOT_JSON,
  /* JSON that json-glib would change on reading, at line, column; why in
   * explanation. */
  CR_JSON_INPUT_CHANGED,
  /* Beyond the reader's limits (at line, column), or half a surrogate pair:
   * scan says where (its path, in_name, count and limit). */
  CR_JSON_INPUT_TOO_DEEP,
  CR_JSON_INPUT_TOO_MANY_VALUES,
  CR_JSON_INPUT_LONE_SURROGATE,
  CR_JSON_INPUT_LIST_TOO_LONG,
  CR_JSON_INPUT_LISTS_TOO_LONG,
} CrJsonInputProblem;

typedef struct
{
  CrJsonInputProblem  problem;
  gsize               offset;
  gboolean            located;      /* NOT_JSON: whether line and column say where */
  guint               line;
  guint               column;
  char               *explanation;
  CrJsonScanResult    scan;
} CrJsonInputResult;

/* Reads @data (@len bytes; NULL when @len is 0) into @parser when it is
 * at most @max_bytes of valid UTF-8 holding one JSON document within
 * @limits; otherwise fills @result, which the caller clears. */
gboolean    cr_json_input_load         (JsonParser             *parser,
                                        const char             *data,
                                        gsize                   len,
                                        gsize                   max_bytes,
                                        const CrJsonScanLimits *limits,
                                        CrJsonInputResult      *result);
void        cr_json_input_result_clear (CrJsonInputResult      *result);

/* ---- Finding a value and saying where it is ------------------------------ */

/* "parent.name", or "name" at the top (@parent NULL or ""). */
char       *cr_json_path_member        (const char             *parent,
                                        const char             *name);
/* "path[index]". */
char       *cr_json_path_index         (const char             *path,
                                        guint                   index);

/* The member @name of @object, or NULL when it is absent: a required
 * member then is missing. An optional member that is null counts as
 * absent; a required one that is null is handed over, for the caller to
 * accept or refuse. */
JsonNode   *cr_json_member             (JsonObject             *object,
                                        const char             *name,
                                        gboolean                required);

gboolean    cr_json_node_is_string     (JsonNode               *node);
gboolean    cr_json_node_is_bool       (JsonNode               *node);
gboolean    cr_json_node_is_number     (JsonNode               *node);
/* A finite number, an integer or not. */
gboolean    cr_json_node_get_number    (JsonNode               *node,
                                        double                 *out);
/* Integers only: 3 and 3.0 are fine, 3.5 is not, nor one past 10^15. */
gboolean    cr_json_node_get_int       (JsonNode               *node,
                                        gint64                 *out);

G_END_DECLS
