/* cr-json-scan.c: a strict reading of JSON text before json-glib builds a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-json"

#include "config.h"

#include "cr-json-scan.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* What json-glib 1.6 allocates for each part of its tree, measured with
 * 200,000 of each under glibc; a member's name and a string's text come on
 * top, a byte for a byte. */
#define TREE_OBJECT 304
#define TREE_ARRAY  120
#define TREE_MEMBER 168
#define TREE_STRING 112
#define TREE_VALUE   82

/* Above this many names an object's table is not kept for the next object
 * at the same depth: emptying a large table costs its whole size. */
#define NAMES_KEPT 32

/* Shown texts (numbers, names, escapes) are cut to this many characters. */
#define TOKEN_CHARS 40

typedef struct
{
  gboolean    object;
  guint       count;    /* members or elements begun */
  GString    *member;   /* object: the name of the member being read */
  GHashTable *names;    /* object: name -> offset of its first use + 1 */
  int         list;     /* array: index into the list limits, or -1 */
} Frame;

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_CLOSE,  /* just after '[' */
  WANT_NAME,
  WANT_NAME_OR_CLOSE,   /* just after '{' */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,
  WANT_END,
} Want;

typedef struct
{
  const char             *data;
  gsize                   len;
  const CrJsonScanLimits *limits;
  GArray                 *frames;   /* Frame; frames->len is not the depth */
  guint                   depth;
  guint                  *in_all;   /* items so far per list limit */
  gsize                   tree;
  /* A list over its limit is counted to its end before it is reported, so
   * that the message can say how long it is; nothing else is then built. */
  guint                   long_list_depth;  /* 0: none */
  GString                *scratch;
  CrJsonScanResult       *result;
} Scan;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  if (frame->member != NULL)
    g_string_free (frame->member, TRUE);
  g_clear_pointer (&frame->names, g_hash_table_unref);
}

static Frame *
frame_at (Scan  *scan,
          guint  depth)
{
  return &g_array_index (scan->frames, Frame, depth - 1);
}

static Frame *
top (Scan *scan)
{
  return scan->depth > 0 ? frame_at (scan, scan->depth) : NULL;
}

/* The place of the item being read at @depth, as the messages name places:
 * "workshop.rounds[2].votes". With @any_index, "[]" stands for each index. */
static void
append_path (Scan     *scan,
             GString  *out,
             guint     depth,
             gboolean  any_index)
{
  for (guint d = 1; d <= depth; d++)
    {
      Frame *frame = frame_at (scan, d);

      if (frame->object)
        {
          g_autofree char *name = g_utf8_make_valid (frame->member->str, frame->member->len);

          if (out->len > 0)
            g_string_append_c (out, '.');
          g_string_append (out, name);
        }
      else if (any_index)
        g_string_append (out, "[]");
      else
        g_string_append_printf (out, "[%u]", frame->count > 0 ? frame->count - 1 : 0);
    }
}

static char *
path_at (Scan  *scan,
         guint  depth)
{
  GString *out = g_string_new (NULL);

  append_path (scan, out, depth, FALSE);
  return g_string_free (out, FALSE);
}

static char *
shorten (const char *text,
         gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);

  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= TOKEN_CHARS)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, TOKEN_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

/* Records the first problem; returns FALSE so callers can return it. */
static gboolean
fail (Scan              *scan,
      CrJsonScanProblem  problem,
      gsize              offset,
      guint              path_depth)
{
  CrJsonScanResult *r = scan->result;

  /* A list over its limit is what to report: the rest was read only to
   * count it. */
  if (scan->long_list_depth > 0 && problem != CR_JSON_SCAN_LIST_TOO_LONG)
    {
      Frame *list = frame_at (scan, scan->long_list_depth);

      r->problem = CR_JSON_SCAN_LIST_TOO_LONG;
      r->offset = offset;
      r->path = path_at (scan, scan->long_list_depth - 1);
      r->count = list->count;
      r->limit = scan->limits->lists[list->list].per_list;
      return FALSE;
    }

  r->problem = problem;
  r->offset = offset;
  r->path = path_at (scan, path_depth);
  return FALSE;
}

static gboolean
grow_tree (Scan  *scan,
           gsize  bytes,
           gsize  offset)
{
  scan->tree += bytes;
  if (scan->long_list_depth == 0 && scan->tree > scan->limits->max_tree_bytes)
    return fail (scan, CR_JSON_SCAN_TOO_LARGE, offset, scan->depth);
  return TRUE;
}

static gboolean
push (Scan     *scan,
      gboolean  object,
      gsize     offset)
{
  Frame *frame;

  if (scan->depth + 1 > scan->limits->max_depth)
    return fail (scan, CR_JSON_SCAN_TOO_DEEP, offset, scan->depth);

  if (scan->frames->len <= scan->depth)
    {
      Frame fresh = { 0 };

      fresh.member = g_string_new (NULL);
      g_array_append_val (scan->frames, fresh);
    }
  scan->depth++;
  frame = top (scan);
  frame->object = object;
  frame->count = 0;
  frame->list = -1;
  g_string_truncate (frame->member, 0);
  if (frame->names != NULL && g_hash_table_size (frame->names) > NAMES_KEPT)
    g_clear_pointer (&frame->names, g_hash_table_unref);
  else if (frame->names != NULL)
    g_hash_table_remove_all (frame->names);

  if (!object && scan->limits->lists != NULL)
    {
      g_string_truncate (scan->scratch, 0);
      append_path (scan, scan->scratch, scan->depth - 1, TRUE);
      for (int i = 0; scan->limits->lists[i].pattern != NULL; i++)
        if (g_str_equal (scan->limits->lists[i].pattern, scan->scratch->str))
          {
            frame->list = i;
            break;
          }
    }

  return grow_tree (scan, object ? TREE_OBJECT : TREE_ARRAY, offset);
}

static gboolean
pop (Scan  *scan,
     gsize  offset)
{
  if (scan->long_list_depth == scan->depth)
    {
      scan->long_list_depth = 0;
      scan->result->count = top (scan)->count;
      scan->result->limit = scan->limits->lists[top (scan)->list].per_list;
      return fail (scan, CR_JSON_SCAN_LIST_TOO_LONG, offset, scan->depth - 1);
    }
  scan->depth--;
  return TRUE;
}

/* One more element in the array on top, counted against its limits. */
static gboolean
count_element (Scan  *scan,
               gsize  offset)
{
  Frame *frame = top (scan);
  const CrJsonListLimit *limit;

  frame->count++;
  if (frame->list < 0)
    return TRUE;

  limit = &scan->limits->lists[frame->list];
  if (limit->in_all > 0 && ++scan->in_all[frame->list] > limit->in_all)
    {
      scan->long_list_depth = 0;
      scan->result->limit = limit->in_all;
      return fail (scan, CR_JSON_SCAN_LISTS_TOO_LONG, offset, scan->depth - 1);
    }
  if (frame->count > limit->per_list && scan->long_list_depth == 0)
    scan->long_list_depth = scan->depth;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static int
read_hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

/* A string from the '"' at *pos; leaves *pos after its closing quote. A
 * member's name is decoded into @name, the way json-glib will read it, so
 * that "a" and "\u0061" are found to be the same name. */
static gboolean
read_string (Scan    *scan,
             gsize   *pos,
             GString *name)
{
  const char *data = scan->data;
  gsize i = *pos + 1;

  while (TRUE)
    {
      guchar c;

      if (i >= scan->len)
        return fail (scan, CR_JSON_SCAN_SYNTAX, scan->len, scan->depth);
      c = (guchar) data[i];

      if (c == '"')
        break;

      if (c < 0x20)
        {
          scan->result->token = g_strdup_printf ("U+%04X", c);
          scan->result->token_end = i + 1;
          return fail (scan, CR_JSON_SCAN_CONTROL_CHARACTER, i, scan->depth);
        }

      if (c != '\\')
        {
          if (name != NULL)
            g_string_append_c (name, (char) c);
          i++;
          continue;
        }

      if (i + 1 >= scan->len)
        return fail (scan, CR_JSON_SCAN_SYNTAX, scan->len, scan->depth);

      switch (data[i + 1])
        {
        case '"': case '\\': case '/':
          if (name != NULL)
            g_string_append_c (name, data[i + 1]);
          i += 2;
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (name != NULL)
            g_string_append_c (name, data[i + 1] == 'b' ? '\b' : data[i + 1] == 'f' ? '\f' :
                                     data[i + 1] == 'n' ? '\n' : data[i + 1] == 'r' ? '\r' : '\t');
          i += 2;
          break;
        case 'u':
          {
            int unit = i + 6 <= scan->len ? read_hex4 (data + i + 2) : -1;

            if (unit < 0)
              {
                gsize end = MIN (scan->len, i + 6);

                scan->result->token = shorten (data + i, end - i);
                scan->result->token_end = end;
                return fail (scan, CR_JSON_SCAN_BAD_ESCAPE, i, scan->depth);
              }
            if (unit == 0)
              return fail (scan, CR_JSON_SCAN_NUL_ESCAPE, i, scan->depth);
            if (unit >= 0xd800 && unit < 0xe000)
              {
                int low = -1;

                /* Half of a pair alone names no character, and json-glib
                 * swallows the character after it (a closing quote, say),
                 * so that it no longer reads the text as the scan does. */
                if (unit < 0xdc00 && i + 12 <= scan->len && data[i + 6] == '\\' && data[i + 7] == 'u')
                  low = read_hex4 (data + i + 8);
                if (low < 0xdc00 || low >= 0xe000)
                  {
                    scan->result->in_name = name != NULL;
                    if (name != NULL)
                      g_string_append (name, "\ufffd");
                    return fail (scan, CR_JSON_SCAN_LONE_SURROGATE, i, scan->depth);
                  }
                if (name != NULL)
                  g_string_append_unichar (name, 0x10000 + ((gunichar) (unit - 0xd800) << 10) +
                                                 (gunichar) (low - 0xdc00));
                i += 12;
                break;
              }
            if (name != NULL)
              g_string_append_unichar (name, (gunichar) unit);
            i += 6;
          }
          break;
        default:
          {
            const char *next = g_utf8_next_char (data + i + 1);

            scan->result->token_end = MIN ((gsize) (next - data), scan->len);
            scan->result->token = shorten (data + i, scan->result->token_end - i);
            return fail (scan, CR_JSON_SCAN_BAD_ESCAPE, i, scan->depth);
          }
        }
    }

  *pos = i + 1;
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* Strictly -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, followed by
 * something that cannot continue it: an integer that a 64-bit integer
 * holds (json-glib wraps one that does not), a fraction that is not read
 * as zero. */
static gboolean
read_number (Scan  *scan,
             gsize *pos)
{
  const char *data = scan->data;
  gsize start = *pos, i = *pos, end;
  gboolean integer = TRUE, nonzero = FALSE, ok = TRUE;
  g_autofree char *text = NULL;

  if (i < scan->len && data[i] == '-')
    i++;
  if (i < scan->len && data[i] == '0')
    i++;
  else if (i < scan->len && data[i] >= '1' && data[i] <= '9')
    {
      nonzero = TRUE;
      while (i < scan->len && g_ascii_isdigit (data[i]))
        i++;
    }
  else
    ok = FALSE;

  if (ok && i < scan->len && data[i] == '.')
    {
      integer = FALSE;
      i++;
      if (i >= scan->len || !g_ascii_isdigit (data[i]))
        ok = FALSE;
      while (i < scan->len && g_ascii_isdigit (data[i]))
        nonzero |= data[i++] != '0';
    }
  if (ok && i < scan->len && (data[i] == 'e' || data[i] == 'E'))
    {
      integer = FALSE;
      i++;
      if (i < scan->len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= scan->len || !g_ascii_isdigit (data[i]))
        ok = FALSE;
      while (i < scan->len && g_ascii_isdigit (data[i]))
        i++;
    }

  end = i;
  if (!ok || (end < scan->len && is_word_char (data[end])))
    {
      while (end < scan->len && is_word_char (data[end]))
        end++;
      scan->result->token = shorten (data + start, end - start);
      scan->result->token_end = end;
      return fail (scan, CR_JSON_SCAN_BAD_NUMBER, start, scan->depth);
    }

  text = g_strndup (data + start, end - start);
  errno = 0;
  if (integer)
    g_ascii_strtoll (text, NULL, 10);
  else
    {
      double value = g_ascii_strtod (text, NULL);

      /* Too small to tell from zero would be read as zero. Too large is
       * read as infinity, which every place that takes a number refuses
       * with its own message. */
      errno = value == 0.0 && nonzero ? ERANGE : 0;
    }
  if (errno == ERANGE)
    {
      scan->result->token = shorten (text, end - start);
      return fail (scan, CR_JSON_SCAN_NUMBER_RANGE, start, scan->depth);
    }

  *pos = end;
  return TRUE;
}

static gboolean
read_word (Scan       *scan,
           gsize      *pos,
           const char *word)
{
  gsize n = strlen (word);

  if (scan->len - *pos < n || memcmp (scan->data + *pos, word, n) != 0 ||
      (*pos + n < scan->len && is_word_char (scan->data[*pos + n])))
    return fail (scan, CR_JSON_SCAN_SYNTAX, *pos, scan->depth);
  *pos += n;
  return TRUE;
}

/* A value that starts at *pos with @c, other than an object or a list. */
static gboolean
read_scalar (Scan  *scan,
             gsize *pos,
             char   c)
{
  gsize start = *pos;

  switch (c)
    {
    case '"':
      if (!read_string (scan, pos, NULL))
        return FALSE;
      return grow_tree (scan, TREE_STRING + (*pos - start), start);
    case 't':
      return read_word (scan, pos, "true") && grow_tree (scan, TREE_VALUE, start);
    case 'f':
      return read_word (scan, pos, "false") && grow_tree (scan, TREE_VALUE, start);
    case 'n':
      return read_word (scan, pos, "null") && grow_tree (scan, TREE_VALUE, start);
    case '\'':
      return fail (scan, CR_JSON_SCAN_SINGLE_QUOTE, start, scan->depth);
    default:
      if (c == '-' || c == '.' || g_ascii_isdigit (c))
        return read_number (scan, pos) && grow_tree (scan, TREE_VALUE, start);
      return fail (scan, CR_JSON_SCAN_SYNTAX, start, scan->depth);
    }
}

void
cr_json_scan_locate (const char *data,
                     gsize       offset,
                     guint      *line,
                     guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static gboolean
read_member_name (Scan  *scan,
                  gsize *pos)
{
  Frame *frame = top (scan);
  gsize start = *pos;
  gpointer first;

  frame->count++;
  g_string_truncate (frame->member, 0);
  if (!read_string (scan, pos, frame->member))
    return FALSE;

  if (frame->names == NULL)
    frame->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_lookup (frame->names, frame->member->str);
  if (first != NULL)
    {
      scan->result->token = shorten (frame->member->str, frame->member->len);
      cr_json_scan_locate (scan->data, GPOINTER_TO_SIZE (first) - 1,
              &scan->result->first_line, &scan->result->first_column);
      /* The place is the object's; the message names the member. */
      return fail (scan, CR_JSON_SCAN_DUPLICATE, start, scan->depth - 1);
    }
  g_hash_table_insert (frame->names, g_strndup (frame->member->str, frame->member->len),
                       GSIZE_TO_POINTER (start + 1));

  return grow_tree (scan, TREE_MEMBER + (*pos - start), start);
}

/* The '}' or ']' at *pos ends the container on top. */
static gboolean
close_container (Scan  *scan,
                 gsize *pos,
                 Want  *want)
{
  if (!pop (scan, *pos))
    return FALSE;
  (*pos)++;
  *want = scan->depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
  return TRUE;
}

static gboolean
scan_document (Scan *scan)
{
  const char *data = scan->data;
  gsize pos = 0;
  Want want = WANT_VALUE;
  gboolean any = FALSE;

  /* Editors on some systems put a byte order mark in front of UTF-8. */
  if (scan->len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    pos = 3;

  while (TRUE)
    {
      char c;

      while (pos < scan->len && (data[pos] == ' ' || data[pos] == '\n' ||
                                 data[pos] == '\r' || data[pos] == '\t'))
        pos++;

      if (pos >= scan->len)
        {
          /* Nothing at all is for the caller to call empty. */
          if (want == WANT_END || !any)
            return TRUE;
          return fail (scan, CR_JSON_SCAN_SYNTAX, scan->len, scan->depth);
        }

      c = data[pos];
      any = TRUE;
      /* json-glib takes any '/' for the start of a comment, which it
       * then ends where it likes. */
      if (c == '/')
        return fail (scan, CR_JSON_SCAN_COMMENT, pos, scan->depth);
      /* json-glib skips a '$' as if it were a space. */
      if (c == '$')
        return fail (scan, CR_JSON_SCAN_STRAY_DOLLAR, pos, scan->depth);

      switch (want)
        {
        case WANT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              if (!close_container (scan, &pos, &want))
                return FALSE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_VALUE:
          if (top (scan) != NULL && !top (scan)->object && !count_element (scan, pos))
            return FALSE;
          if (c == '{' || c == '[')
            {
              if (!push (scan, c == '{', pos))
                return FALSE;
              pos++;
              want = c == '{' ? WANT_NAME_OR_CLOSE : WANT_VALUE_OR_CLOSE;
              break;
            }
          if (!read_scalar (scan, &pos, c))
            return FALSE;
          want = scan->depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
          break;

        case WANT_NAME_OR_CLOSE:
          if (c == '}')
            {
              if (!close_container (scan, &pos, &want))
                return FALSE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_NAME:
          if (c == '\'')
            return fail (scan, CR_JSON_SCAN_SINGLE_QUOTE, pos, scan->depth);
          if (c != '"')
            return fail (scan, CR_JSON_SCAN_SYNTAX, pos, scan->depth);
          if (!read_member_name (scan, &pos))
            return FALSE;
          want = WANT_COLON;
          break;

        case WANT_COLON:
          if (c != ':')
            return fail (scan, CR_JSON_SCAN_SYNTAX, pos, scan->depth);
          pos++;
          want = WANT_VALUE;
          break;

        case WANT_COMMA_OR_CLOSE:
          if (c == ',')
            {
              pos++;
              want = top (scan)->object ? WANT_NAME : WANT_VALUE;
              break;
            }
          if (c != (top (scan)->object ? '}' : ']'))
            return fail (scan, CR_JSON_SCAN_SYNTAX, pos, scan->depth);
          if (!close_container (scan, &pos, &want))
            return FALSE;
          break;

        case WANT_END:
        default:
          return fail (scan, CR_JSON_SCAN_TRAILING, pos, 0);
        }
    }
}

gboolean
cr_json_scan (const char             *data,
              gsize                   len,
              const CrJsonScanLimits *limits,
              CrJsonScanResult       *result)
{
  Scan scan = { 0 };
  guint n_lists = 0;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  for (; limits->lists != NULL && limits->lists[n_lists].pattern != NULL; n_lists++)
    ;

  scan.data = data != NULL ? data : "";
  scan.len = len;
  scan.limits = limits;
  scan.frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (scan.frames, frame_clear);
  scan.in_all = g_new0 (guint, n_lists + 1);
  scan.scratch = g_string_new (NULL);
  scan.result = result;

  ok = scan_document (&scan);
  if (!ok)
    cr_json_scan_locate (scan.data, result->offset, &result->line, &result->column);

  g_string_free (scan.scratch, TRUE);
  g_free (scan.in_all);
  g_array_unref (scan.frames);
  return ok;
}

void
cr_json_scan_result_clear (CrJsonScanResult *result)
{
  g_clear_pointer (&result->path, g_free);
  g_clear_pointer (&result->token, g_free);
}

gboolean
cr_json_glib_error_split (const char  *message,
                          guint       *line,
                          guint       *column,
                          const char **reason)
{
  const char *p;
  char *end = NULL;
  guint64 l, c;

  if (!g_str_has_prefix (message, "<data>:"))
    return FALSE;
  p = message + strlen ("<data>:");
  l = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  c = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");

  *line = (guint) l;
  *column = (guint) c;
  *reason = p;
  return TRUE;
}

/* json-glib's own explanation of why it refuses @text, or NULL when it
 * accepts it. */
static char *
json_glib_words (const char *text,
                 gsize       len,
                 guint      *line,
                 guint      *column)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *valid = NULL;
  const char *reason;
  guint l, c;

  if (json_parser_load_from_data (parser, text, (gssize) len, &error))
    return NULL;
  /* json-glib quotes the offending token cut at a byte count, which can
   * split a character: a message shown in a label must be valid UTF-8. */
  valid = g_utf8_make_valid (error->message, -1);
  if (!cr_json_glib_error_split (valid, &l, &c, &reason))
    return NULL;
  *line = l;
  *column = c;
  return g_strdup (reason);
}

/* Whether json-glib refuses the offending text even on its own, wrapped
 * in a list (or in a string, for a control character). Its scanner
 * reads a token the same wherever it stands, so it then refuses the whole
 * document right there, never past what the scan let through. */
static gboolean
json_glib_refuses_token (const CrJsonScanResult *r,
                         const char             *data,
                         gsize                   len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) mini = g_string_new (NULL);
  gsize end = MIN (r->token_end, len);

  if (end <= r->offset)
    return FALSE;

  switch (r->problem)
    {
    case CR_JSON_SCAN_BAD_NUMBER:
      /* To json-glib a '-' is a token of its own, and what it skips may
       * stand between it and the number. */
      if (data[r->offset] == '-' && r->offset + 1 < len && strchr (" \t\r\n$/", data[r->offset + 1]) != NULL)
        return FALSE;
      g_string_append_c (mini, '[');
      g_string_append_len (mini, data + r->offset, end - r->offset);
      g_string_append_c (mini, ']');
      break;
    case CR_JSON_SCAN_CONTROL_CHARACTER:
      g_string_append (mini, "[\"a");
      g_string_append_len (mini, data + r->offset, end - r->offset);
      g_string_append (mini, "b\"]");
      break;
    default:
      return FALSE;
    }
  return !json_parser_load_from_data (parser, mini->str, (gssize) mini->len, NULL);
}

/* Whether json-glib, handed the whole document, would stop at the
 * problem: then its words are the ones the file was always refused with. */
static gboolean
json_glib_stops_there (const CrJsonScanResult *r,
                       const char             *data,
                       gsize                   len)
{
  switch (r->problem)
    {
    case CR_JSON_SCAN_SYNTAX:
      /* A bracket, a comma or a word out of place, or the end too early:
       * json-glib's grammar refuses them where the scan does. */
      return TRUE;
    case CR_JSON_SCAN_TRAILING:
      {
        gsize i = r->offset;

        /* After the first document json-glib reads another one whole
         * ('[' or '{'), or a comment as far as it likes ('/'), so only
         * anything else is refused at once. */
        while (i < len && strchr (" \t\r\n$", data[i]) != NULL)
          i++;
        return i < len && strchr ("[{/", data[i]) == NULL;
      }
    case CR_JSON_SCAN_BAD_NUMBER:
    case CR_JSON_SCAN_CONTROL_CHARACTER:
      return json_glib_refuses_token (r, data, len);
    default:
      /* Comments, single quotes, '$' and any escape it accepts, reading
       * on as it likes ("\x" is "x", "\u" takes what hex digits come). */
      return FALSE;
    }
}

static char *
own_words (const CrJsonScanResult *r,
           gsize                   len)
{
  const char *path = r->path != NULL && r->path[0] != '\0' ? r->path : NULL;

  switch (r->problem)
    {
    case CR_JSON_SCAN_COMMENT:
      return g_strdup (_("a comment; JSON has no comments, so remove it"));
    case CR_JSON_SCAN_SINGLE_QUOTE:
      return g_strdup (_("a text in single quotes; JSON puts texts and names in double quotes (\")"));
    case CR_JSON_SCAN_BAD_NUMBER:
      /* Translators: %s is what the file has where a number was expected */
      return g_strdup_printf (_("“%s” is not a number as JSON writes them: no hexadecimal, no leading zeros, digits on both sides of the point"),
                              r->token);
    case CR_JSON_SCAN_CONTROL_CHARACTER:
      /* Translators: %s is a character code such as U+0009 */
      return g_strdup_printf (_("a control character (%s) inside a text; JSON writes it as an escape such as \\n or \\t"),
                              r->token);
    case CR_JSON_SCAN_BAD_ESCAPE:
      /* Translators: %s is an escape such as \x41 */
      return g_strdup_printf (_("“%s” is not an escape JSON knows; write a backslash as \\\\"),
                              r->token);
    case CR_JSON_SCAN_TRAILING:
      return g_strdup (_("more text after the end of the document; a file holds one JSON value"));
    case CR_JSON_SCAN_STRAY_DOLLAR:
      return g_strdup (_("a “$” where JSON allows none; remove it"));
    case CR_JSON_SCAN_NUL_ESCAPE:
      if (path != NULL)
        /* Translators: %s is a place in the file such as "workshop.notes[2].text" */
        return g_strdup_printf (_("%s: \\u0000 (a NUL character) would cut the text short there; remove it"), path);
      return g_strdup (_("\\u0000 (a NUL character) would cut the text short there; remove it"));
    case CR_JSON_SCAN_NUMBER_RANGE:
      if (path != NULL)
        /* Translators: the first %s is a place in the file, the second a number */
        return g_strdup_printf (_("%s: %s does not fit in a number Crossroads can keep"), path, r->token);
      /* Translators: %s is a number */
      return g_strdup_printf (_("%s does not fit in a number Crossroads can keep"), r->token);
    case CR_JSON_SCAN_DUPLICATE:
      if (path != NULL)
        /* Translators: the first %s is a place in the file, the second a member name,
         * the %u the line and column of its first use */
        return g_strdup_printf (_("%s: “%s” is given twice in one object (first at line %u, column %u); keep one"),
                                path, r->token, r->first_line, r->first_column);
      /* Translators: %s is a member name, the %u the line and column of its first use */
      return g_strdup_printf (_("“%s” is given twice in one object (first at line %u, column %u); keep one"),
                              r->token, r->first_line, r->first_column);
    case CR_JSON_SCAN_SYNTAX:
    default:
      if (r->offset >= len)
        return g_strdup (_("the text ends before the document does"));
      return g_strdup (_("unexpected text here"));
    }
}

gboolean
cr_json_scan_explain (const CrJsonScanResult  *result,
                      const char              *data,
                      gsize                    len,
                      guint                   *line,
                      guint                   *column,
                      char                   **explanation)
{
  g_return_val_if_fail (result != NULL && result->problem != CR_JSON_SCAN_OK, FALSE);
  g_return_val_if_fail (line != NULL && column != NULL && explanation != NULL, FALSE);

  *line = result->line;
  *column = result->column;
  *explanation = NULL;

  switch (result->problem)
    {
    case CR_JSON_SCAN_NUL_ESCAPE:
    case CR_JSON_SCAN_NUMBER_RANGE:
    case CR_JSON_SCAN_DUPLICATE:
      *explanation = own_words (result, len);
      return FALSE;
    default:
      if (json_glib_stops_there (result, data, len))
        *explanation = json_glib_words (data, len, line, column);
      if (*explanation == NULL)
        {
          *line = result->line;
          *column = result->column;
          *explanation = own_words (result, len);
        }
      return TRUE;
    }
}
