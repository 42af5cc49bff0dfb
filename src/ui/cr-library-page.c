/* cr-library-page.c: the library of workshops, grouped by organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-library"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-bundle.h"
#include "cr-compare.h"
#include "cr-export.h"
#include "cr-library.h"
#include "cr-library-order.h"
#include "cr-library-page.h"
#include "cr-library-row.h"
#include "cr-new-workshop-dialog.h"
#include "cr-widget-util.h"

struct _CrLibraryPage
{
  AdwBin              parent_instance;

  CrStore            *store;
  CrLibrary          *library;
  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  /* Only the rows near the top are built; more as the list scrolls. */
  GtkSliceListModel  *slice_model;
  guint               show_more_source;
  /* Puts the keyboard on the workshops once the page is on screen. */
  guint               focus_source;
  GtkCustomSorter    *sorter;
  GtkCustomFilter    *filter;

  CrLibraryGroups    *groups;
  gboolean            ranks_changed;
  /* Template id -> title, for the rows' subtitles. */
  GHashTable         *template_titles;
  /* The search, case-folded; NULL when empty. */
  char               *search;

  /* Deletions still offering Undo; the trash is purged when none is left. */
  guint               n_pending_deletes;
  GtkNativeDialog    *file_chooser;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (CrLibraryPage, cr_library_page, ADW_TYPE_BIN)

/* Rows built at first, about a window's worth: measuring each row's
 * wrapping labels is most of the first frame (a callgrind of the start with
 * 1,000 workshops: 22 million instructions a row). More follow from an idle
 * right after, and as the list scrolls. */
#define ROWS_PER_PAGE 12

static int
compare_workshops (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  CrLibraryPage *self = user_data;

  /* Unchecked: the sort model holds nothing else, and the checks were a
   * quarter of sorting a large library. GtkOrdering is -1, 0, 1. */
  return cr_library_groups_compare (self->groups, (CrWorkshopInfo *) a, (CrWorkshopInfo *) b);
}

static gboolean
match_workshop (gpointer item,
                gpointer user_data)
{
  CrLibraryPage *self = user_data;

  return cr_library_search_matches (self->search, CR_WORKSHOP_INFO (item));
}

static const char *
template_title (CrLibraryPage  *self,
                CrWorkshopInfo *info)
{
  const char *template_id = cr_workshop_info_get_template_id (info);
  const char *title;

  /* A template of the workshop's own is named by its title, not its id. */
  if (cr_workshop_info_get_template_title (info) != NULL)
    return cr_workshop_info_get_template_title (info);
  if (template_id == NULL)
    return NULL;

  title = g_hash_table_lookup (self->template_titles, template_id);
  if (title == NULL)
    {
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (template_id, NULL);

      /* An id that is neither built in nor stored: the id is all there is. */
      title = template ? cr_template_get_title (template) : template_id;
      g_hash_table_insert (self->template_titles, g_strdup (template_id), g_strdup (title));
      title = g_hash_table_lookup (self->template_titles, template_id);
    }
  return title;
}

static char *
build_subtitle (CrLibraryPage  *self,
                CrWorkshopInfo *info)
{
  const char *parts[3];
  guint n = 0;
  g_autofree char *date = cr_library_format_date (cr_workshop_info_get_date (info));

  parts[n++] = date;
  parts[n] = template_title (self, info);
  if (parts[n] != NULL && parts[n][0] != '\0')
    n++;
  parts[n] = cr_workshop_info_get_facilitator (info);
  if (parts[n] != NULL && parts[n][0] != '\0')
    n++;

  if (n == 3)
    /* Translators: under a workshop's title: date · template · facilitator */
    return g_strdup_printf (_("%s · %s · %s"), parts[0], parts[1], parts[2]);
  if (n == 2)
    /* Translators: under a workshop's title: date · template (or facilitator) */
    return g_strdup_printf (_("%s · %s"), parts[0], parts[1]);
  return g_strdup (parts[0]);
}

static GMenuModel *
build_row_menu (gint64 id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Re-run for the Same Client…"), NULL);
  g_menu_item_set_action_and_target_value (item, "library.rerun", g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("_Export Bundle…"), NULL);
  g_menu_item_set_action_and_target_value (item, "library.export", g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  g_clear_object (&section);
  section = g_menu_new ();
  /* Not "Delete" alone: the menu shows the Delete key beside it. */
  item = g_menu_item_new (_("_Delete Workshop"), NULL);
  g_menu_item_set_action_and_target_value (item, "library.delete", g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* The menu is built when it is first opened: a popover per row before the
 * first frame would cost more than the rows themselves. */
static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  const gint64 *id = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  menu = build_row_menu (*id);
  gtk_menu_button_set_menu_model (button, menu);
}


static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrLibraryPage *self = user_data;
  CrWorkshopInfo *info = CR_WORKSHOP_INFO (item);
  gint64 id = cr_workshop_info_get_id (info);
  g_autofree char *subtitle = build_subtitle (self, info);
  GtkEventController *shortcuts;
  GtkWidget *row;
  GtkWidget *button;

  /* A re-run says what moved since the workshop it re-runs: worked out
   * as its row is made, which the list does a page at a time. */
  if (cr_workshop_info_is_rerun (info) && self->store != NULL)
    {
      g_autoptr(CrWorkshop) workshop = cr_workshop_load (self->store, id, NULL);
      g_autofree char *moved = workshop != NULL ? cr_comparison_describe_rerun (workshop) : NULL;

      if (moved != NULL)
        {
          /* Translators: a workshop's line in the library, then what moved since the one it re-runs, e.g. "… · Since last time: People Experience as a Product, target: +22 pts" */
          g_autofree char *longer = g_strdup_printf (_("%s · Since last time: %s"), subtitle, moved);

          g_free (subtitle);
          subtitle = g_steal_pointer (&longer);
        }
    }
  row = cr_library_row_new (cr_workshop_info_get_title (info), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cr-workshop-id", g_memdup2 (&id, sizeof id), g_free);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_row_menu,
                                         g_memdup2 (&id, sizeof id), g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Workshop Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workshop actions"),
                                  -1);
  cr_library_row_add_suffix (CR_LIBRARY_ROW (row), button);

  /* Delete on a focused row deletes it; the toast offers Undo. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                         gtk_named_action_new ("library.delete"),
                                                                         "x", id));
  gtk_widget_add_controller (row, shortcuts);

  return row;
}

static CrWorkshopInfo *
row_info (CrLibraryPage *self,
          GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->filter_model), index);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CrLibraryPage *self = user_data;
  g_autoptr(CrWorkshopInfo) info = row_info (self, row);
  g_autoptr(CrWorkshopInfo) before_info = before ? row_info (self, before) : NULL;
  const char *organisation;
  GtkWidget *header;

  if (info == NULL)
    return;
  if (before_info != NULL
      && cr_library_groups_rank (self->groups, info) == cr_library_groups_rank (self->groups, before_info))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  organisation = cr_workshop_info_get_organisation (info);
  if (organisation == NULL || organisation[0] == '\0')
    organisation = _("No Organisation");

  header = gtk_list_box_row_get_header (row);
  if (header != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (header)), organisation) == 0)
    return;

  header = gtk_label_new (organisation);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "cr-library-group");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 18);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
update_page (CrLibraryPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *subtitle = NULL;

  /* A status page's large icon is set when the page is first shown: set in
   * the template, it would be loaded (and an SVG loader with it) for a
   * page most starts never show. */
  if (n_all == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, APP_ID "-symbolic");
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (n_shown == 0)
    {
      adw_status_page_set_icon_name (self->no_results_page, "system-search-symbolic");
      gtk_stack_set_visible_child_name (self->stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  /* While searching, what is shown out of all, so "no more than these"
   * reads at a glance. */
  if (n_all > 0 && self->search != NULL)
    /* Translators: the library's subtitle while searching: how many
     * workshops the search shows of all of them, "3 of 300 workshops";
     * the plural follows the second number, the library's size. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u workshop", "%u of %u workshops", n_all),
                                n_shown, n_all);
  else if (n_all > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops", n_all),
                                n_all);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Nothing to search in an empty library; a search in progress stays visible. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button),
                            n_all > 0 || gtk_search_bar_get_search_mode (self->search_bar));
}

static void
on_library_changed_before (CrLibraryPage *self)
{
  self->ranks_changed = cr_library_groups_update (self->groups, G_LIST_MODEL (self->library));
}

static void
on_library_changed_after (CrLibraryPage *self)
{
  /* A group whose newest workshop changed moves as a whole. */
  if (self->ranks_changed)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  self->ranks_changed = FALSE;
  update_page (self);
}

static void
on_search_changed (CrLibraryPage  *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *folded = cr_library_search_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (folded, self->search) == 0)
    return;

  switch (cr_library_search_change (self->search, folded))
    {
    case CR_LIBRARY_SEARCH_NARROWER:
      change = GTK_FILTER_CHANGE_MORE_STRICT;
      break;
    case CR_LIBRARY_SEARCH_WIDER:
      change = GTK_FILTER_CHANGE_LESS_STRICT;
      break;
    case CR_LIBRARY_SEARCH_DIFFERENT:
    default:
      break;
    }

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_page (self);
}

static void
on_search_activated (CrLibraryPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, 0);

  /* Enter in the search opens the first match. */
  if (row != NULL)
    g_signal_emit_by_name (self->list_box, "row-activated", row);
}

static void
on_row_activated (CrLibraryPage *self,
                  GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "cr-workshop-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "library.open", "x", *id);
}

static CrWorkshop *
load_workshop (CrLibraryPage *self,
               gint64         id)
{
  g_autoptr(GError) error = NULL;
  CrWorkshop *workshop = cr_workshop_load (self->store, id, &error);

  if (workshop == NULL)
    cr_widget_show_error (GTK_WIDGET (self), error);
  return workshop;
}

static CrWorkshopInfo *
find_info (CrLibraryPage *self,
           gint64         id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrWorkshopInfo) info = g_list_model_get_item (G_LIST_MODEL (self->library), i);

      if (cr_workshop_info_get_id (info) == id)
        return g_steal_pointer (&info);
    }
  return NULL;
}

static void
open_workshop (CrLibraryPage *self,
               gint64         id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-workshop", "x", id);
}

static void
show_toast (CrLibraryPage *self,
            AdwToast      *toast)
{
  /* A page taken out of its window has nowhere to show it. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    cr_widget_add_toast (GTK_WIDGET (self), toast);
  else
    g_object_unref (toast);
}

/* A toast title is markup: typed titles and file names are escaped. */
static char *
escape_for_toast (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

static void
on_workshop_created (CrLibraryPage *self,
                     CrWorkshop    *workshop)
{
  cr_library_page_reload (self);
  open_workshop (self, cr_workshop_get_id (workshop));
}

static GtkWindow *
parent_window (CrLibraryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);
  CrNewWorkshopDialog *dialog = cr_new_workshop_dialog_new (parent_window (self), self->store);

  g_signal_connect_object (dialog, "created", G_CALLBACK (on_workshop_created),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rerun_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);
  g_autoptr(CrWorkshop) source = load_workshop (self, g_variant_get_int64 (parameter));
  CrNewWorkshopDialog *dialog;

  if (source == NULL)
    return;

  dialog = cr_new_workshop_dialog_new_rerun (parent_window (self), source);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_workshop_created),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_workshop (CR_LIBRARY_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Delete with Undo ---------------------------------------------------- */

static gint64
toast_workshop_id (AdwToast *toast)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), "cr-workshop-id");

  return id ? *id : 0;
}

static void
on_undo_clicked (AdwToast      *toast,
                 CrLibraryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!cr_workshop_restore (self->store, toast_workshop_id (toast), &error))
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  cr_library_page_reload (self);
}

static void
purge_trash (CrLibraryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!cr_workshop_purge_trash (self->store, &error))
    g_warning ("Could not empty the trash of %s: %s", cr_store_get_path (self->store), error->message);
}

static void
on_delete_toast_dismissed (AdwToast      *toast,
                           CrLibraryPage *self)
{
  if (self->store == NULL || self->n_pending_deletes == 0)
    return;

  /* Purging takes every trashed workshop, so wait until no Undo is on offer. */
  if (--self->n_pending_deletes == 0)
    purge_trash (self);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(CrWorkshopInfo) info = find_info (self, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!cr_workshop_trash (self->store, id, &error))
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  cr_library_page_reload (self);

  escaped = escape_for_toast (info ? cr_workshop_info_get_title (info) : NULL);
  /* Translators: a toast after deleting; %s is the workshop's title */
  toast = adw_toast_new_format (_("“%s” deleted"), escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "cr-workshop-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  self->n_pending_deletes++;
  show_toast (self, toast);
}

/* ---- Import and export ------------------------------------------------- */

static void
clear_file_chooser (CrLibraryPage *self)
{
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
}

static void
import_file (CrLibraryPage *self,
             GFile         *file,
             CrImportMode   mode);

static void
on_exists_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CrLibraryPage    *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "cr-file");

  if (g_strcmp0 (response, "replace") == 0)
    import_file (self, file, CR_IMPORT_REPLACE);
  else if (g_strcmp0 (response, "keep-both") == 0)
    import_file (self, file, CR_IMPORT_KEEP_BOTH);
}

/* The bundle's workshop is in the library already (the same workshop.id),
 * or another workshop there has its identifier (@error says which, with
 * its place): replace the one here, keep both, or leave it. */
static void
ask_about_existing (CrLibraryPage *self,
                    GFile         *file,
                    const GError  *error)
{
  AdwMessageDialog *dialog;

  if (g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_ID_TAKEN))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("Another Workshop Has the Same Identifier"),
                                                           NULL));
      adw_message_dialog_format_body (dialog, "%s\n\n%s", error->message,
                                      _("Replace that workshop with the one in the file, or keep both as separate workshops."));
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("This Workshop Is in the Library Already"),
                                                           NULL));
      adw_message_dialog_format_body (dialog, "%s",
                                      _("Replace the copy in the library with the one in the file, or keep both as separate workshops."));
    }
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep-both", _("_Keep Both"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cr-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_exists_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (CrLibraryPage *self,
             GFile         *file,
             CrImportMode   mode)
{
  g_autoptr(CrWorkshopInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  gint64 id;

  /* Through GIO, with the same limits: a file the portal hands over may
   * have no local path. */
  id = cr_bundle_import_gfile_full (self->store, file, mode, &error);
  if (id == 0 && (g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_EXISTS) ||
                  g_error_matches (error, CR_IMPORT_ERROR, CR_IMPORT_ERROR_ID_TAKEN)))
    {
      ask_about_existing (self, file, error);
      return;
    }
  if (id == 0)
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  cr_library_page_reload (self);
  info = find_info (self, id);
  escaped = escape_for_toast (info ? cr_workshop_info_get_title (info) : NULL);
  /* Translators: a toast after an import; %s is the workshop's title */
  show_toast (self, adw_toast_new_format (_("Imported “%s”"), escaped));
  open_workshop (self, id);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    CrLibraryPage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  clear_file_chooser (self);
  if (file == NULL)
    return;

  cr_library_page_import (self, file);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  clear_file_chooser (self);

  chooser = gtk_file_chooser_native_new (_("Import Workshop Bundle"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("Workshop Bundles (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), json);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (self->file_chooser);
}

typedef struct
{
  CrLibraryPage *self;
  char          *basename;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_free (data->basename);
  g_free (data);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportData *data = user_data;
  CrLibraryPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!cr_export_to_file_finish (CR_WORKSHOP (object), result, &error))
    {
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        cr_widget_show_error (GTK_WIDGET (self), error);
    }
  else
    {
      g_autofree char *escaped = escape_for_toast (data->basename);

      /* Translators: a toast after exporting a bundle; %s is the file name */
      show_toast (self, adw_toast_new_format (_("Saved “%s”"), escaped));
    }
  export_data_free (data);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    CrLibraryPage   *self)
{
  CrWorkshop *workshop = g_object_get_data (G_OBJECT (chooser), "cr-workshop");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      ExportData *data = g_new0 (ExportData, 1);

      data->self = g_object_ref (self);
      data->basename = g_file_get_basename (file);
      cr_export_to_file_async (workshop, CR_EXPORT_JSON, path, NULL, on_exported, data);
    }
  clear_file_chooser (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);
  g_autoptr(CrWorkshop) workshop = load_workshop (self, g_variant_get_int64 (parameter));
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (workshop == NULL)
    return;

  clear_file_chooser (self);
  chooser = gtk_file_chooser_native_new (_("Export Workshop Bundle"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = cr_export_suggest_filename (workshop, CR_EXPORT_JSON);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "cr-workshop", g_object_ref (workshop), g_object_unref);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (self->file_chooser);
}

/* ---- Class ------------------------------------------------------------- */

static void
cr_library_page_dispose (GObject *object)
{
  CrLibraryPage *self = (CrLibraryPage *)object;

  clear_file_chooser (self);
  g_clear_handle_id (&self->show_more_source, g_source_remove);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  /* With the window gone no Undo can come any more. */
  if (self->n_pending_deletes > 0 && self->store != NULL)
    {
      self->n_pending_deletes = 0;
      purge_trash (self);
    }

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_LIBRARY_PAGE);

  g_clear_object (&self->slice_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->library);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cr_library_page_parent_class)->dispose (object);
}

static void
cr_library_page_finalize (GObject *object)
{
  CrLibraryPage *self = (CrLibraryPage *)object;

  g_clear_pointer (&self->groups, cr_library_groups_free);
  g_clear_pointer (&self->template_titles, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (cr_library_page_parent_class)->finalize (object);
}

/* Whether every stack above @widget shows it: a page transitioning out of
 * a stack is still mapped. */
static gboolean
is_shown_in_stacks (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != w)
        return FALSE;
    }
  return TRUE;
}

/* Once the page is shown and its rows are built (on the way back from a
 * workshop the library reloads right after the page is shown), the
 * keyboard starts on the first workshop, or in the search when one is
 * open, rather than on a header button the first Tab reached. */
static gboolean
focus_workshops (gpointer data)
{
  CrLibraryPage *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkListBoxRow *first;

  self->focus_source = 0;
  /* On the workshops or in the search already, the keyboard stays, and
   * so it does outside the page (a workshop opened at once has it, while
   * the library is still mapped for the transition out). GTK itself may
   * have moved it to a header button when the page it was on went away:
   * that is the one it leaves. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !is_shown_in_stacks (GTK_WIDGET (self)) ||
      (focus != NULL && (!gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ||
                         gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)) ||
                         gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))))
    return G_SOURCE_REMOVE;

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (first != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  return G_SOURCE_REMOVE;
}

static void
cr_library_page_map (GtkWidget *widget)
{
  CrLibraryPage *self = CR_LIBRARY_PAGE (widget);

  GTK_WIDGET_CLASS (cr_library_page_parent_class)->map (widget);
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (focus_workshops, self);
}

static void
cr_library_page_class_init (CrLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_library_page_dispose;
  object_class->finalize = cr_library_page_finalize;
  widget_class->map = cr_library_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/crossroads/Crossroads/ui/cr-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryPage, list_box);

  gtk_widget_class_install_action (widget_class, "library.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "library.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "library.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "library.open", "x", open_activated);
  gtk_widget_class_install_action (widget_class, "library.rerun", "x", rerun_activated);
  gtk_widget_class_install_action (widget_class, "library.export", "x", export_activated);
  gtk_widget_class_install_action (widget_class, "library.delete", "x", delete_activated);
}

static gboolean
show_more (gpointer user_data)
{
  CrLibraryPage *self = user_data;

  self->show_more_source = 0;
  gtk_slice_list_model_set_size (self->slice_model,
                                 gtk_slice_list_model_get_size (self->slice_model) + ROWS_PER_PAGE);
  return G_SOURCE_REMOVE;
}

/* Builds the next rows before the list is scrolled to its end, so scrolling
 * and keyboard navigation never meet the end of a partial list; in an idle,
 * since this runs while the list is being laid out. */
static void
maybe_show_more (CrLibraryPage *self,
                 GtkAdjustment *adjustment)
{
  double page_size = gtk_adjustment_get_page_size (adjustment);

  if (self->slice_model == NULL || page_size <= 0 || self->show_more_source != 0)
    return;
  if (gtk_slice_list_model_get_size (self->slice_model) >=
      g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)))
    return;
  if (gtk_adjustment_get_value (adjustment) + 1.5 * page_size >= gtk_adjustment_get_upper (adjustment))
    self->show_more_source = g_idle_add (show_more, self);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action_name)));
}

static void
cr_library_page_init (CrLibraryPage *self)
{
  GtkEventController *shortcuts;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = cr_library_groups_new ();
  self->template_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_activated),
                           self, G_CONNECT_SWAPPED);

  /* Managed scope: the shortcuts work wherever the focus is in the window,
   * for as long as the library is on screen. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_n, GDK_CONTROL_MASK, "library.new");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_f, GDK_CONTROL_MASK, "library.search");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->list_box),
                                                                                                  GTK_TYPE_SCROLLED_WINDOW)));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_show_more), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cr_library_page_new (CrStore *store)
{
  CrLibraryPage *self;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);

  self = g_object_new (CR_TYPE_LIBRARY_PAGE, NULL);
  self->store = g_object_ref (store);
  self->library = cr_library_new (store);

  /* Connected before the models below, so the groups are known by the time
   * the sorter sees the new items. */
  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (on_library_changed_before),
                           self, G_CONNECT_SWAPPED);

  self->sorter = gtk_custom_sorter_new (compare_workshops, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->library)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->filter = gtk_custom_filter_new (match_workshop, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->slice_model = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                                0, ROWS_PER_PAGE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->slice_model), create_row, self, NULL);

  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (on_library_changed_after),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  cr_library_page_reload (self);
  update_page (self);
  return GTK_WIDGET (self);
}

void
cr_library_page_reload (CrLibraryPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CR_IS_LIBRARY_PAGE (self));

  if (!cr_library_reload (self->library, &error))
    cr_widget_show_error (GTK_WIDGET (self), error);
}

/* Back from workshop ID: what moved since last time may have changed on
 * its row and on the rows of its re-runs, which a reload does not see. */
void
cr_library_page_refresh_series (CrLibraryPage *self,
                                gint64         id)
{
  g_return_if_fail (CR_IS_LIBRARY_PAGE (self));

  cr_library_refresh_series (self->library, id);
}

void
cr_library_page_import (CrLibraryPage *self,
                        GFile         *file)
{
  g_return_if_fail (CR_IS_LIBRARY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  import_file (self, file, CR_IMPORT_REFUSE_EXISTING);
}

const char *
cr_library_page_get_visible_page (CrLibraryPage *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
