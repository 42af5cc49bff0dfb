/* cr-library-order.c: the library's order (groups of organisations, newest
 * first) and its search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cr-library-order.h"

struct _CrLibraryGroups
{
  /* Organisation key -> rank of its newest workshop (0 is the newest). */
  GHashTable *ranks;
  /* The library's current items -> their group's rank + 1: sorting 10,000
   * workshops asks for a rank 230,000 times. */
  GHashTable *item_ranks;
};

/* Kept on the item, which a reload replaces: sorting 10,000 workshops
 * compares each one a dozen times, and a search looks at every one. */
static const char *
info_organisation_key (CrWorkshopInfo *info)
{
  static GQuark quark;
  char *key;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cr-library-organisation-key");
  key = g_object_get_qdata (G_OBJECT (info), quark);
  if (key == NULL)
    {
      key = cr_library_organisation_key (cr_workshop_info_get_organisation (info));
      g_object_set_qdata_full (G_OBJECT (info), quark, key, g_free);
    }
  return key;
}

CrLibraryGroups *
cr_library_groups_new (void)
{
  CrLibraryGroups *groups = g_new0 (CrLibraryGroups, 1);

  groups->ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return groups;
}

void
cr_library_groups_free (CrLibraryGroups *groups)
{
  if (groups == NULL)
    return;
  g_clear_pointer (&groups->ranks, g_hash_table_unref);
  g_clear_pointer (&groups->item_ranks, g_hash_table_unref);
  g_free (groups);
}

/* The library lists newest first, so an organisation's first appearance is
 * its newest workshop, and the order of first appearances orders the groups. */
gboolean
cr_library_groups_update (CrLibraryGroups *groups,
                          GListModel      *library)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) item_ranks = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (library);
  gboolean changed = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrWorkshopInfo) info = g_list_model_get_item (library, i);
      const char *org_key = info_organisation_key (info);
      gpointer rank;

      if (!g_hash_table_lookup_extended (ranks, org_key, NULL, &rank))
        {
          rank = GUINT_TO_POINTER (g_hash_table_size (ranks));
          g_hash_table_insert (ranks, g_strdup (org_key), rank);
        }
      /* The library holds the item for as long as it is a key here. */
      g_hash_table_insert (item_ranks, info, GUINT_TO_POINTER (GPOINTER_TO_UINT (rank) + 1));
    }

  g_hash_table_iter_init (&iter, groups->ranks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer new_value;

      if (g_hash_table_lookup_extended (ranks, key, NULL, &new_value) && new_value != value)
        {
          changed = TRUE;
          break;
        }
    }

  g_clear_pointer (&groups->ranks, g_hash_table_unref);
  groups->ranks = g_steal_pointer (&ranks);
  g_clear_pointer (&groups->item_ranks, g_hash_table_unref);
  groups->item_ranks = g_steal_pointer (&item_ranks);
  return changed;
}

guint
cr_library_groups_rank (CrLibraryGroups *groups,
                        CrWorkshopInfo  *info)
{
  gpointer rank = groups->item_ranks ? g_hash_table_lookup (groups->item_ranks, info) : NULL;

  /* Items a sort model still holds from before a reload are looked up by key. */
  if (rank != NULL)
    return GPOINTER_TO_UINT (rank) - 1;
  return GPOINTER_TO_UINT (g_hash_table_lookup (groups->ranks, info_organisation_key (info)));
}

int
cr_library_groups_compare (CrLibraryGroups *groups,
                           CrWorkshopInfo  *a,
                           CrWorkshopInfo  *b)
{
  guint rank_a = cr_library_groups_rank (groups, a);
  guint rank_b = cr_library_groups_rank (groups, b);
  gint64 id_a, id_b;
  int cmp;

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  /* Inside a group, newest first, as the library lists them. */
  cmp = g_strcmp0 (cr_workshop_info_get_date (b), cr_workshop_info_get_date (a));
  if (cmp != 0)
    return cmp < 0 ? -1 : 1;
  id_a = cr_workshop_info_get_id (a);
  id_b = cr_workshop_info_get_id (b);
  if (id_a != id_b)
    return id_a > id_b ? -1 : 1;
  return 0;
}

/* Letters a facilitator types plainly that Unicode does not decompose into
 * a plain letter and a mark: typing "oe" finds "Œuvre", "lukasz" finds
 * "Łukasz". Lowercase, since they are looked up after case folding. */
static const struct {
  gunichar    letter;
  const char *plain;
} plain_letters[] = {
  { 0x00E6, "ae" },  /* æ */
  { 0x0153, "oe" },  /* œ */
  { 0x00F8, "o" },   /* ø */
  { 0x0142, "l" },   /* ł */
  { 0x0111, "d" },   /* đ */
  { 0x00F0, "d" },   /* ð */
  { 0x00FE, "th" },  /* þ */
  { 0x0131, "i" },   /* dotless ı */
  { 0x00DF, "ss" },  /* ß, should case folding have left it */
  { 0x2018, "'" },   /* ‘ typographic quotes, as in "Margie’s Travel" */
  { 0x2019, "'" },   /* ’ */
  { 0x2013, "-" },   /* – en dash */
  { 0x2014, "-" },   /* — em dash */
};

/* What a search compares: a name as a facilitator would type it on any
 * keyboard. NFKD splits accented letters into letter and mark, and
 * ligatures and other compatibility forms (ﬁ, ², full-width letters) into
 * plain ones; the marks are dropped, so "muller" finds "Müller" and
 * "societe" "Société" (and "Müller" finds "Muller": both sides are
 * folded); case folding makes case not matter and turns ß into ss; the
 * letters above become what is typed for them; a run of spaces is one.
 * German umlauts become the bare vowel (ü to u), not "ue": "muller" is
 * what is typed without the key, and "mueller" finds "Mueller" only. */
typedef struct {
  GString  *plain;
  gboolean  space;   /* a space is due before the next letter */
} Folding;

/* Adds @c, decomposed and case-folded already, to what @f has folded. */
static void
fold_add (Folding  *f,
          gunichar  c)
{
  const char *replacement = NULL;

  if (c >= 0x80 && g_unichar_ismark (c))
    return;
  if (c < 0x80 ? g_ascii_isspace (c) : g_unichar_isspace (c))
    {
      /* A line between fields stays, so no word runs across two. */
      if (c == '\n')
        {
          g_string_append_c (f->plain, '\n');
          f->space = FALSE;
        }
      else
        f->space = f->plain->len > 0 && f->plain->str[f->plain->len - 1] != '\n';
      return;
    }
  if (f->space)
    g_string_append_c (f->plain, ' ');
  f->space = FALSE;
  if (c < 0x80)
    {
      g_string_append_c (f->plain, (char) c);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain_letters); i++)
    if (plain_letters[i].letter == c)
      replacement = plain_letters[i].plain;
  if (replacement != NULL)
    g_string_append (f->plain, replacement);
  else
    g_string_append_unichar (f->plain, c);
}

static char *
fold (const char *text)
{
  Folding f = { NULL, FALSE };

  if (text == NULL)
    return NULL;
  f.plain = g_string_sized_new (strlen (text));
  /* Character by character, which gives what folding the whole text would
   * (neither NFKD nor case folding looks beyond a character once the marks
   * are dropped), so that plain ASCII, most of a library, costs no more
   * than lowering its case: a workshop's text is folded when a search
   * first meets it, 10,000 of them at the first key typed. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char one[8] = { 0 };
      g_autofree char *decomposed = NULL;
      g_autofree char *folded = NULL;

      if (c < 0x80)
        {
          fold_add (&f, g_ascii_tolower ((char) c));
          continue;
        }
      g_unichar_to_utf8 (c, one);
      decomposed = g_utf8_normalize (one, -1, G_NORMALIZE_NFKD);
      folded = g_utf8_casefold (decomposed ? decomposed : one, -1);
      for (const char *q = folded; *q != '\0'; q = g_utf8_next_char (q))
        fold_add (&f, g_utf8_get_char (q));
    }
  return g_string_free (f.plain, FALSE);
}

/* Everything a search reads of a workshop, folded, one field a line:
 * title, organisation, facilitator, the participants' names and roles,
 * and the date as stored and as shown. Folded once per item (the library
 * makes new items when it reloads), not at every key typed. */
static const char *
info_search_text (CrWorkshopInfo *info)
{
  static GQuark quark;
  char *text;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cr-library-search-text");
  text = g_object_get_qdata (G_OBJECT (info), quark);
  if (text == NULL)
    {
      g_autofree char *shown_date = cr_library_format_date (cr_workshop_info_get_date (info));
      const char *fields[] = {
        cr_workshop_info_get_title (info),
        cr_workshop_info_get_organisation (info),
        cr_workshop_info_get_facilitator (info),
        cr_workshop_info_get_participants (info),
        cr_workshop_info_get_date (info),
        shown_date,
      };
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_string_append (all, fields[i] ? fields[i] : "");
          g_string_append_c (all, '\n');
        }
      text = fold (all->str);
      g_object_set_qdata_full (G_OBJECT (info), quark, text, g_free);
    }
  return text;
}

char *
cr_library_search_fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  /* Lines typed or pasted into the search are spaces between words. */
  char *folded = fold (g_strdelimit (stripped, "\r\n", ' '));

  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);
  return folded;
}

/* Whether @text holds the @len bytes at @word. */
static gboolean
holds (const char *text,
       const char *word,
       gsize       len)
{
  for (const char *p = strchr (text, word[0]); p != NULL; p = strchr (p + 1, word[0]))
    if (strncmp (p, word, len) == 0)
      return TRUE;
  return FALSE;
}

/* Every word of the search, each in any field and in any order:
 * "woodgrove rivera" finds Woodgrove's workshop that Rivera took part in. */
gboolean
cr_library_search_matches (const char     *search,
                           CrWorkshopInfo *info)
{
  const char *text;

  if (search == NULL)
    return TRUE;
  text = info_search_text (info);
  /* The folded search has one space between words and none around them. */
  for (const char *word = search; *word != '\0';)
    {
      const char *end = strchr (word, ' ');
      gsize len = end ? (gsize) (end - word) : strlen (word);

      if (!holds (text, word, len))
        return FALSE;
      word += len;
      if (*word == ' ')
        word++;
    }
  return TRUE;
}

CrLibrarySearchChange
cr_library_search_change (const char *from,
                          const char *to)
{
  /* Typing on narrows the list; deleting widens it. */
  if (from == NULL || (to != NULL && strstr (to, from) != NULL))
    return CR_LIBRARY_SEARCH_NARROWER;
  if (to == NULL || strstr (from, to) != NULL)
    return CR_LIBRARY_SEARCH_WIDER;
  return CR_LIBRARY_SEARCH_DIFFERENT;
}
