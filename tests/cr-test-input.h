/* cr-test-input.h: real key presses and clicks for the UI tests
 *
 * They go through the X server (XTest), so the window receives them as it
 * would from a keyboard, a presentation clicker or a mouse: to whatever
 * has the focus, or to the window itself when nothing has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @window the X keyboard focus, as a window manager would on a click. */
void cr_test_input_focus_window (GtkWindow  *window);

/* Presses and releases @accelerator ("Page_Down", "<Control>z",
 * "<Control><Shift>z") on @window, and returns once the window has
 * handled the press. */
void cr_test_input_press_key    (GtkWindow  *window,
                                 const char *accelerator);
/* The same for a key that @receiver handles: a popover of @window, which
 * takes the keys while it is open. */
void cr_test_input_press_key_to (GtkWindow  *window,
                                 GtkWidget  *receiver,
                                 const char *accelerator);

/* Moves the pointer to the middle of @widget and clicks it with the first
 * button, returning once its window has seen the release. */
void cr_test_input_click        (GtkWidget  *widget);

G_END_DECLS
