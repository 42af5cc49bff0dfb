/* cr-preferences-window.c: the app's preferences, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-preferences-window.h"
#include "cr-template.h"

struct _CrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  /* The template ids, in the order of the template row's items. */
  GStrv                 template_ids;

  /* Template widgets */
  AdwComboRow          *template_row;
  GtkSpinButton        *budget_spin;
  AdwComboRow          *color_scheme_row;
};

G_DEFINE_FINAL_TYPE (CrPreferencesWindow, cr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The colour scheme row's items, in the order of the schema's enum. */
static const char * const color_scheme_nicks[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_scheme_nicks); i++)
    if (g_strcmp0 (nick, color_scheme_nicks[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_scheme_nicks))
    return NULL;
  return g_variant_new_string (color_scheme_nicks[selected]);
}

static gboolean
template_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  CrPreferencesWindow *self = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; self->template_ids[i] != NULL; i++)
    if (g_strcmp0 (id, self->template_ids[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  /* An id no longer among the built-ins: new workshops fall back to the
   * first template, so show that one. */
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
template_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  CrPreferencesWindow *self = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length (self->template_ids))
    return NULL;
  return g_variant_new_string (self->template_ids[selected]);
}

/* The built-in templates by title; the ids stay behind in template_ids. */
static void
fill_templates (CrPreferencesWindow *self)
{
  const char * const *ids = cr_template_builtin_ids ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrTemplate) template = cr_template_lookup_builtin (ids[i], &error);

      /* The built-ins are tested; one that fails to load is left out rather
       * than offered and then refused. */
      if (template == NULL)
        {
          g_warning ("Built-in template “%s” left out of the preferences: %s", ids[i], error->message);
          continue;
        }
      gtk_string_list_append (titles, cr_template_get_title (template));
      g_strv_builder_add (builder, ids[i]);
    }

  self->template_ids = g_strv_builder_end (builder);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (titles));
}

static void
cr_preferences_window_dispose (GObject *object)
{
  CrPreferencesWindow *self = (CrPreferencesWindow *)object;

  /* The bindings hold pointers to self: drop them before the widgets go. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self->template_row, "selected");
      g_settings_unbind (self->budget_spin, "value");
      g_settings_unbind (self->color_scheme_row, "selected");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cr_preferences_window_parent_class)->dispose (object);
}

static void
cr_preferences_window_finalize (GObject *object)
{
  CrPreferencesWindow *self = (CrPreferencesWindow *)object;

  g_clear_pointer (&self->template_ids, g_strfreev);

  G_OBJECT_CLASS (cr_preferences_window_parent_class)->finalize (object);
}

static void
cr_preferences_window_class_init (CrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_preferences_window_dispose;
  object_class->finalize = cr_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, color_scheme_row);
}

static void
cr_preferences_window_init (CrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_templates (self);
}

GtkWidget *
cr_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  CrPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "default-template",
                                self->template_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                template_get_mapping, template_set_mapping,
                                self, NULL);
  g_settings_bind (settings, "dots-budget",
                   self->budget_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping,
                                NULL, NULL);

  return GTK_WIDGET (self);
}
