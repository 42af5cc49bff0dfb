/* cr-json-scan.h: a strict reading of JSON text before json-glib builds a tree
 *
 * json-glib accepts more than JSON (comments, single quotes, hex numbers,
 * a second document after the first), keeps the last of two members of the
 * same name, cuts a text at "\u0000", wraps a number that does not fit, and
 * builds its whole tree before anyone can count what is in it. The scan
 * walks the bytes once, without building anything, and stops at the first
 * of these with its place, so that json-glib is only handed JSON of a size
 * the caller accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most items one kind of list may hold. @pattern is the place of the
 * lists it applies to, with "[]" for any index: "workshop.rounds[].votes". */
typedef struct
{
  const char *pattern;
  guint       per_list;   /* items in any one such list */
  guint       in_all;     /* items in all such lists together; 0: no limit */
} CrJsonListLimit;

typedef struct
{
  guint                  max_depth;
  /* What json-glib's tree of the document would take, in bytes, as the
   * scan estimates it: bounds the memory a file of small items needs. */
  gsize                  max_tree_bytes;
  const CrJsonListLimit *lists;     /* ended by a NULL pattern, or NULL */
} CrJsonScanLimits;

typedef enum
{
  CR_JSON_SCAN_OK,
  /* Not JSON at all: the words are json-glib's where it refuses it too. */
  CR_JSON_SCAN_SYNTAX,
  CR_JSON_SCAN_COMMENT,
  CR_JSON_SCAN_SINGLE_QUOTE,
  CR_JSON_SCAN_BAD_NUMBER,
  CR_JSON_SCAN_CONTROL_CHARACTER,
  CR_JSON_SCAN_BAD_ESCAPE,
  CR_JSON_SCAN_TRAILING,
  CR_JSON_SCAN_STRAY_DOLLAR,
  /* JSON, but json-glib would change it silently. */
  CR_JSON_SCAN_NUL_ESCAPE,
  CR_JSON_SCAN_NUMBER_RANGE,
  CR_JSON_SCAN_DUPLICATE,
  /* Half of a surrogate pair alone ("\ud800"): each caller has its words. */
  CR_JSON_SCAN_LONE_SURROGATE,
  /* Beyond the caller's limits; the caller words these. */
  CR_JSON_SCAN_TOO_DEEP,
  CR_JSON_SCAN_TOO_LARGE,
  CR_JSON_SCAN_LIST_TOO_LONG,   /* count and limit: one list */
  CR_JSON_SCAN_LISTS_TOO_LONG,  /* limit: all lists of that kind */
} CrJsonScanProblem;

typedef struct
{
  CrJsonScanProblem problem;
  gsize             offset;       /* in bytes */
  guint             line;         /* 1-based */
  guint             column;       /* 1-based, in characters */
  char             *path;         /* "workshop.notes[3].text"; "" for the whole document */
  char             *token;        /* the text in question, shortened: a number, a name, an escape */
  gsize             token_end;    /* where that text ends in the document */
  gboolean          in_name;      /* LONE_SURROGATE: in a member's name, which ends the path */
  guint             first_line;   /* DUPLICATE: where the first one is */
  guint             first_column;
  guint             count;        /* LIST_TOO_LONG */
  guint             limit;        /* LIST_TOO_LONG and LISTS_TOO_LONG */
} CrJsonScanResult;

/* Returns TRUE when @data (valid UTF-8, checked by the caller) is one JSON
 * document, or only white space, within @limits; otherwise fills @result. */
gboolean cr_json_scan              (const char             *data,
                                    gsize                   len,
                                    const CrJsonScanLimits *limits,
                                    CrJsonScanResult       *result);
void     cr_json_scan_result_clear (CrJsonScanResult       *result);

/* For a problem every caller words alike (neither TOO_DEEP, TOO_LARGE,
 * LONE_SURROGATE nor a list limit): the place and the explanation. Returns TRUE when the text is
 * "not valid JSON", which callers say in their own words, FALSE when it is
 * JSON that would be changed on reading. */
gboolean cr_json_scan_explain      (const CrJsonScanResult *result,
                                    const char             *data,
                                    gsize                   len,
                                    guint                  *line,
                                    guint                  *column,
                                    char                  **explanation);

/* Line and column (1-based, the column in characters) of a byte offset in
 * text that is valid UTF-8 up to it. */
void     cr_json_scan_locate       (const char             *data,
                                    gsize                   offset,
                                    guint                  *line,
                                    guint                  *column);

/* json-glib's "<data>:LINE:COL: Parse error: what" taken apart; FALSE when
 * the message has another shape. */
gboolean cr_json_glib_error_split  (const char             *message,
                                    guint                  *line,
                                    guint                  *column,
                                    const char            **reason);

G_END_DECLS
