/* cr-widget-util.c: what any widget of the UI does without knowing the
 * window it is in: show a toast or a failed change, name itself for a
 * screen reader
 *
 * A step or a row tells the window nothing by calling it: it finds the
 * toast overlay above it, or asks for win.show-error, so the window stays
 * on top of the pages it holds and calls down into them only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* The log lines read as they did when the window wrote them. */
#define G_LOG_DOMAIN "crossroads-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-widget-util.h"

#define HELD_TOASTS "cr-held-toasts"

/* Whether @widget is in a page its parent does not show (a GtkStack hides
 * the pages it does not show this way), whether or not the window is on
 * screen yet. */
static gboolean
is_put_away (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_child_visible (widget))
      return TRUE;
  return FALSE;
}

/* The overlay is on screen again: the toasts that waited come up, in the
 * order they came. */
static void
on_overlay_map (GtkWidget *overlay)
{
  g_autoptr(GPtrArray) held = g_object_steal_data (G_OBJECT (overlay), HELD_TOASTS);

  g_signal_handlers_disconnect_by_func (overlay, on_overlay_map, NULL);
  for (guint i = 0; held != NULL && i < held->len; i++)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (g_ptr_array_index (held, i)));
}

void
cr_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay;
  GPtrArray *held;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      /* A widget shown outside the main window (a test, a preview). */
      g_debug ("Toast: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  if (!is_put_away (overlay))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  held = g_object_get_data (G_OBJECT (overlay), HELD_TOASTS);
  if (held == NULL)
    {
      held = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (overlay), HELD_TOASTS, held, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (overlay, "map", G_CALLBACK (on_overlay_map), NULL);
    }
  g_ptr_array_add (held, toast);
}

GtkWidget *
cr_widget_error_dialog_new (GtkWindow    *parent,
                            const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  /* A refused or failed change needs to be read, not to vanish like a toast. */
  dialog = adw_message_dialog_new (parent, _("The Change Was Not Made"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

void
cr_widget_show_error (GtkWidget    *widget,
                      const GError *error)
{
  g_autofree char *message = NULL;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    {
      g_message ("%s", error->message);
      return;
    }

  /* The error goes as its parts: an action's parameter is a GVariant,
   * whose strings are UTF-8. */
  message = g_utf8_make_valid (error->message, -1);
  if (gtk_widget_activate_action (widget, "win.show-error", "(sis)",
                                  g_quark_to_string (error->domain), error->code, message))
    return;
  gtk_window_present (GTK_WINDOW (cr_widget_error_dialog_new (GTK_WINDOW (root), error)));
}

void
cr_widget_set_accessible_label (GtkWidget  *widget,
                                const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

GtkWidget *
cr_widget_plain_row_new (const char *title,
                         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}
