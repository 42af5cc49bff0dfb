/* cr-library.c: the workshops in a store as a GListModel, for the library
 * page, re-read when the store changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "cr-library.h"
#include "cr-template.h"

struct _CrWorkshopInfo
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *organisation;
  char    *facilitator;
  char    *date;
  char    *participants;     /* names and roles, one a line, for a search */
  char    *template_id;
  char    *template_title;   /* a template of the workshop's own; NULL for a built-in */
  gboolean rerun;            /* it re-runs another workshop (workshop.previous) */
  gint64   previous_id;      /* that workshop's id in this library, or 0 */
};

G_DEFINE_FINAL_TYPE (CrWorkshopInfo, cr_workshop_info, G_TYPE_OBJECT)

enum {
  INFO_PROP_0,
  INFO_PROP_ID,
  INFO_PROP_TITLE,
  INFO_PROP_ORGANISATION,
  INFO_PROP_FACILITATOR,
  INFO_PROP_DATE,
  INFO_PROP_TEMPLATE_ID,
  INFO_N_PROPS
};

static GParamSpec *info_properties[INFO_N_PROPS];

static void
cr_workshop_info_finalize (GObject *object)
{
  CrWorkshopInfo *self = (CrWorkshopInfo *)object;

  g_free (self->title);
  g_free (self->organisation);
  g_free (self->facilitator);
  g_free (self->date);
  g_free (self->participants);
  g_free (self->template_id);
  g_free (self->template_title);

  G_OBJECT_CLASS (cr_workshop_info_parent_class)->finalize (object);
}

static void
cr_workshop_info_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrWorkshopInfo *self = CR_WORKSHOP_INFO (object);

  switch (prop_id)
    {
    case INFO_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case INFO_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case INFO_PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case INFO_PROP_FACILITATOR:
      g_value_set_string (value, self->facilitator);
      break;
    case INFO_PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case INFO_PROP_TEMPLATE_ID:
      g_value_set_string (value, self->template_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_workshop_info_class_init (CrWorkshopInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_workshop_info_finalize;
  object_class->get_property = cr_workshop_info_get_property;

  info_properties[INFO_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_FACILITATOR] =
    g_param_spec_string ("facilitator", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_TEMPLATE_ID] =
    g_param_spec_string ("template-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, INFO_N_PROPS, info_properties);
}

static void
cr_workshop_info_init (CrWorkshopInfo *self)
{
}

gint64
cr_workshop_info_get_id (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), 0);
  return self->id;
}

const char *
cr_workshop_info_get_title (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->title;
}

const char *
cr_workshop_info_get_organisation (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->organisation;
}

const char *
cr_workshop_info_get_facilitator (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->facilitator;
}

const char *
cr_workshop_info_get_date (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->date;
}

const char *
cr_workshop_info_get_participants (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->participants;
}

gboolean
cr_workshop_info_is_rerun (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), FALSE);
  return self->rerun;
}

const char *
cr_workshop_info_get_template_title (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->template_title;
}

const char *
cr_workshop_info_get_template_id (CrWorkshopInfo *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP_INFO (self), NULL);
  return self->template_id;
}

/* The title of a template stored with its workshop, in the language the
 * template offers for this run; NULL for a built-in (no JSON stored) or a
 * template that cannot be read. */
static char *
template_title (GHashTable *titles,
                const char *json)
{
  const char *cached;

  if (json == NULL)
    return NULL;
  cached = g_hash_table_lookup (titles, json);
  if (cached == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
      g_autoptr(CrTemplate) template = cr_template_new_from_bytes (bytes, NULL);

      cached = template != NULL ? cr_template_get_title (template) : "";
      g_hash_table_insert (titles, g_strdup (json), g_strdup (cached));
      cached = g_hash_table_lookup (titles, json);
    }
  return cached[0] != '\0' ? g_strdup (cached) : NULL;
}

char *
cr_library_organisation_key (const char *organisation)
{
  g_autofree char *stripped = g_strstrip (g_strdup (organisation ? organisation : ""));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : stripped, -1);
}

/* The date as the facilitator's language writes it; it is stored as
 * YYYY-MM-DD, which is also what is shown when it cannot be read. The
 * library shows it and a search reads it as shown. */
char *
cr_library_format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (iso);
  if ((date = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso);
  /* Translators: how a workshop's date is shown in the library, as a
   * g_date_time_format() format: "%Y-%m-%d" gives 2025-03-14, "%d.%m.%Y"
   * gives 14.03.2025. Use numbers only for the month.
   * xgettext:no-c-format */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

GPtrArray *
cr_library_list (CrStore  *store,
                 GError  **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) titles = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);

  stmt = cr_store_prepare (store,
                           "SELECT w.id, w.title, w.organisation, w.facilitator, w.date, w.template_id, w.template_json,"
                           " w.previous, (SELECT p.id FROM workshops p WHERE p.uuid = w.previous AND p.trashed = 0),"
                           /* What a search reads of the people who took part. */
                           " (SELECT group_concat (coalesce (p.name, '') || char (10) || p.role, char (10))"
                           "  FROM participants p WHERE p.workshop_id = w.id)"
                           " FROM workshops w WHERE w.trashed = 0 ORDER BY w.date DESC, w.id DESC", error);
  if (stmt == NULL)
    return NULL;

  /* A template of one's own is read once however many workshops use it. */
  titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrWorkshopInfo *info = g_object_new (CR_TYPE_WORKSHOP_INFO, NULL);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->facilitator = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->date = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      info->template_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      info->template_title = template_title (titles, (const char *) sqlite3_column_text (stmt, 6));
      info->rerun = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      info->previous_id = sqlite3_column_int64 (stmt, 8);
      info->participants = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (items, info);
    }
  if (rc != SQLITE_DONE)
    {
      cr_store_set_error (store, error, _("listing the workshops"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&items);
}

struct _CrLibrary
{
  GObject    parent_instance;

  CrStore   *store;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrLibrary, cr_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
cr_library_get_item_type (GListModel *model)
{
  return CR_TYPE_WORKSHOP_INFO;
}

static guint
cr_library_get_n_items (GListModel *model)
{
  return CR_LIBRARY (model)->items->len;
}

static gpointer
cr_library_get_item (GListModel *model,
                     guint       position)
{
  CrLibrary *self = CR_LIBRARY (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cr_library_get_item_type;
  iface->get_n_items = cr_library_get_n_items;
  iface->get_item = cr_library_get_item;
}

static void
cr_library_finalize (GObject *object)
{
  CrLibrary *self = (CrLibrary *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_library_parent_class)->finalize (object);
}

static void
cr_library_class_init (CrLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cr_library_finalize;
}

static void
cr_library_init (CrLibrary *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CrLibrary *
cr_library_new (CrStore *store)
{
  CrLibrary *self;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);

  self = g_object_new (CR_TYPE_LIBRARY, NULL);
  self->store = g_object_ref (store);
  return self;
}

static gboolean
same_info (CrWorkshopInfo *a,
           CrWorkshopInfo *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->organisation, b->organisation) == 0 &&
         g_strcmp0 (a->facilitator, b->facilitator) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 &&
         /* A search finds the workshop by them. */
         g_strcmp0 (a->participants, b->participants) == 0 &&
         /* A re-run's row says what moved since the one it re-runs, once
          * that one is here. */
         a->previous_id == b->previous_id;
}

/* A workshop's votes, context or decision changed, which a reload does not
 * see: its row and the rows of the workshops that re-run it say what moved
 * since last time, so they are made anew. */
void
cr_library_refresh_series (CrLibrary *self,
                           gint64     id)
{
  g_return_if_fail (CR_IS_LIBRARY (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      CrWorkshopInfo *info = g_ptr_array_index (self->items, i);

      if ((info->id == id && info->rerun) || (id != 0 && info->previous_id == id))
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
}

gboolean
cr_library_reload (CrLibrary  *self,
                   GError    **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint old_len, new_len, prefix = 0, suffix = 0;

  g_return_val_if_fail (CR_IS_LIBRARY (self), FALSE);

  fresh = cr_library_list (self->store, error);
  if (fresh == NULL)
    return FALSE;

  /* Report only the changed middle, so a view keeps its scroll position and
   * selection when one workshop is added or removed. */
  old_len = self->items->len;
  new_len = fresh->len;
  while (prefix < old_len && prefix < new_len &&
         same_info (g_ptr_array_index (self->items, prefix), g_ptr_array_index (fresh, prefix)))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         same_info (g_ptr_array_index (self->items, old_len - 1 - suffix),
                    g_ptr_array_index (fresh, new_len - 1 - suffix)))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return TRUE;

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix, new_len - prefix - suffix);
  return TRUE;
}
