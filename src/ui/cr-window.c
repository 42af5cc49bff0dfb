/* cr-window.c: the main window, listing the library's workshops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-library.h"
#include "cr-window.h"

struct _CrWindow
{
  AdwApplicationWindow  parent_instance;

  CrStore              *store;
  CrLibrary            *library;

  /* Template widgets */
  GtkStack             *stack;
  GtkListBox           *list_box;
  AdwStatusPage        *error_page;
  AdwWindowTitle       *window_title;
};

G_DEFINE_FINAL_TYPE (CrWindow, cr_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrWorkshopInfo *info = CR_WORKSHOP_INFO (item);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: organisation · date, under a workshop's title */
  subtitle = g_strdup_printf (_("%s · %s"),
                              cr_workshop_info_get_organisation (info),
                              cr_workshop_info_get_date (info));
  row = adw_action_row_new ();
  /* Typed text is shown as text, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cr_workshop_info_get_title (info));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
update_page (CrWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  g_autofree char *subtitle = NULL;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops", n), n);
  adw_window_title_set_subtitle (self->window_title, n > 0 ? subtitle : NULL);
}

static void
on_items_changed (CrWindow   *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  update_page (self);
}

static void
cr_window_dispose (GObject *object)
{
  CrWindow *self = (CrWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_WINDOW);
  g_clear_object (&self->library);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cr_window_parent_class)->dispose (object);
}

static void
cr_window_class_init (CrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, window_title);
}

static void
cr_window_init (CrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrWindow *
cr_window_new (GtkApplication *application,
               CrStore        *store,
               const GError   *error)
{
  CrWindow *self;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || CR_IS_STORE (store), NULL);

  self = g_object_new (CR_TYPE_WINDOW, "application", application, NULL);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return self;
    }

  self->store = g_object_ref (store);
  self->library = cr_library_new (store);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->library), create_row, NULL, NULL);
  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (on_items_changed),
                           self, G_CONNECT_SWAPPED);

  if (!cr_library_reload (self->library, &local_error))
    {
      adw_status_page_set_description (self->error_page, local_error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return self;
    }
  update_page (self);
  return self;
}

const char *
cr_window_get_visible_page (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
