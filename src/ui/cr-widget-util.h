/* cr-widget-util.h: what any widget of the UI does without knowing the
 * window it is in: show a toast or a failed change, name itself for a
 * screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taken) in the nearest AdwToastOverlay around @widget. A
 * toast for an overlay that is off screen (the window shows the room view
 * in the facilitator's pages' place) waits until the overlay is back: the
 * room is not to read the facilitator's undo. Without an overlay (a widget
 * shown alone, in a test or a preview) the toast is only logged. */
void       cr_widget_add_toast            (GtkWidget    *widget,
                                           AdwToast     *toast);

/* Shows a refused or failed change to whoever made it: through the
 * action win.show-error ("(sis)": the error's domain, code and message)
 * when the window @widget is in installs one, so that the window can add
 * its own ways out; otherwise in a dialog over @widget's window, or in the
 * log when @widget is in none. */
void       cr_widget_show_error           (GtkWidget    *widget,
                                           const GError *error);

/* The dialog cr_widget_show_error() shows, with its Close response, for a
 * window's win.show-error to present (after adding responses of its own). */
GtkWidget *cr_widget_error_dialog_new     (GtkWindow    *parent,
                                           const GError *error);

/* A new AdwActionRow showing @title and @subtitle (none when NULL or
 * empty) as they are: names typed in the room ("R&D", "<Team>") are text,
 * not markup. */
GtkWidget *cr_widget_plain_row_new        (const char   *title,
                                           const char   *subtitle);

/* Names @widget for a screen reader (the accessible label). */
void       cr_widget_set_accessible_label (GtkWidget    *widget,
                                           const char   *label);

G_END_DECLS
