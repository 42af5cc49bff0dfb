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

static char *
fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return NULL;
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normalized ? normalized : text, -1);
}

static void
free_search_texts (char **texts)
{
  for (guint i = 0; i < 3; i++)
    g_free (texts[i]);
  g_free (texts);
}

/* Title, organisation and facilitator, case-folded once per item. */
static const char * const *
info_search_texts (CrWorkshopInfo *info)
{
  static GQuark quark;
  char **texts;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cr-library-search-texts");
  texts = g_object_get_qdata (G_OBJECT (info), quark);
  if (texts == NULL)
    {
      texts = g_new0 (char *, 4);
      texts[0] = fold (cr_workshop_info_get_title (info));
      texts[1] = fold (cr_workshop_info_get_organisation (info));
      texts[2] = fold (cr_workshop_info_get_facilitator (info));
      g_object_set_qdata_full (G_OBJECT (info), quark, texts, (GDestroyNotify) free_search_texts);
    }
  return (const char * const *) texts;
}

char *
cr_library_search_fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  char *folded = fold (stripped);

  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);
  return folded;
}

gboolean
cr_library_search_matches (const char     *search,
                           CrWorkshopInfo *info)
{
  const char * const *texts;

  if (search == NULL)
    return TRUE;
  texts = info_search_texts (info);
  for (guint i = 0; i < 3; i++)
    if (texts[i] != NULL && strstr (texts[i], search) != NULL)
      return TRUE;
  return FALSE;
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
