/* cr-paste.c: a pasted list of participants, one a line, read into names,
 * roles and anonymous seats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-paste"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cr-paste.h"

void
cr_paste_entry_free (CrPasteEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->role);
  g_free (entry);
}

static CrPasteEntry *
entry_new (const char *name,
           const char *role)
{
  CrPasteEntry *entry = g_new0 (CrPasteEntry, 1);

  entry->name = (name != NULL && name[0] != '\0') ? g_strdup (name) : NULL;
  entry->role = g_strdup (role != NULL ? role : "");
  return entry;
}

/* Drops a leading list bullet: "- ", "* ", "• ", "– ", "1. ", "2) ". */
static const char *
skip_bullet (const char *line)
{
  static const char * const bullets[] = { "- ", "* ", "• ", "– ", "— ", "· " };
  const char *p = line;

  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (g_str_has_prefix (line, bullets[i]))
      return line + strlen (bullets[i]);

  while (g_ascii_isdigit (*p))
    p++;
  if (p != line && (*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t'))
    return p + 2;
  return line;
}

/* "3", "+3", "3 seats", "+ 1 seat", "2 anonymous", "2 anonymous seats":
 * returns the count, or -1 when the line is not a seat count. */
static int
parse_seats (const char *line)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;
  guint64 n;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^\\+?\\s*(\\d{1,9})\\s*(anonymous\\s+seats?|anonymous|anon|seats?)?$",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  if (!g_regex_match (regex, line, 0, &match))
    return -1;
  digits = g_match_info_fetch (match, 1);
  n = g_ascii_strtoull (digits, NULL, 10);
  if (n > CR_PASTE_MAX_SEATS)
    return -1;
  return (int) n;
}

/* Splits at the first separator in order of strength: a tab, a spaced dash,
 * then a comma. Returns FALSE when the line has none. */
static gboolean
split_line (const char  *line,
            char       **name,
            char       **role)
{
  static const char * const dashes[] = { " – ", " — ", " - " };
  const char *sep = NULL;
  gsize sep_len = 0;

  if ((sep = strchr (line, '\t')) != NULL)
    sep_len = 1;
  for (guint i = 0; sep == NULL && i < G_N_ELEMENTS (dashes); i++)
    if ((sep = strstr (line, dashes[i])) != NULL)
      sep_len = strlen (dashes[i]);
  if (sep == NULL && (sep = strchr (line, ',')) != NULL)
    sep_len = 1;
  if (sep == NULL)
    return FALSE;

  *name = g_strstrip (g_strndup (line, sep - line));
  *role = g_strstrip (g_strdup (sep + sep_len));
  return TRUE;
}

GPtrArray *
cr_paste_parse (const char *text)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_paste_entry_free);
  g_auto(GStrv) lines = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return entries;

  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *role = NULL;
      const char *line = g_strstrip (lines[i]);
      int seats;

      if (line[0] == '\0')
        continue;

      if ((seats = parse_seats (line)) >= 0)
        {
          for (int s = 0; s < seats; s++)
            g_ptr_array_add (entries, entry_new (NULL, NULL));
          continue;
        }

      line = skip_bullet (line);
      if (!split_line (line, &name, &role))
        {
          name = g_strstrip (g_strdup (line));
          role = g_strdup ("");
        }
      if (name[0] == '\0' && role[0] == '\0')
        continue;
      g_ptr_array_add (entries, entry_new (name, role));
    }
  return entries;
}

void
cr_paste_count (GPtrArray *entries,
                guint     *n_named,
                guint     *n_anonymous)
{
  guint named = 0, anonymous = 0;

  g_return_if_fail (entries != NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const CrPasteEntry *entry = g_ptr_array_index (entries, i);

      if (entry->name != NULL)
        named++;
      else
        anonymous++;
    }
  if (n_named != NULL)
    *n_named = named;
  if (n_anonymous != NULL)
    *n_anonymous = anonymous;
}

char *
cr_paste_describe (GPtrArray *entries)
{
  g_autofree char *named_text = NULL;
  g_autofree char *anonymous_text = NULL;
  guint named, anonymous;

  g_return_val_if_fail (entries != NULL, NULL);

  cr_paste_count (entries, &named, &anonymous);
  if (named == 0 && anonymous == 0)
    return g_strdup (_("No participants"));

  named_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants", named),
                                named);
  anonymous_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u anonymous seat",
                                                 "%u anonymous seats", anonymous),
                                    anonymous);
  if (anonymous == 0)
    return g_steal_pointer (&named_text);
  if (named == 0)
    return g_steal_pointer (&anonymous_text);
  /* Translators: "4 participants, 2 anonymous seats" */
  return g_strdup_printf (_("%s, %s"), named_text, anonymous_text);
}
