/* cr-template-private.h: what the template's checker and its warnings share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>

#include <glib.h>

G_BEGIN_DECLS

/* Adds "path: message" to @notes: a problem or a warning, located in the
 * file as the checker names places ("options[2].risks"). */
void _cr_template_note (GPtrArray  *notes,
                        const char *path,
                        const char *format,
                        va_list     args) G_GNUC_PRINTF (3, 0);

G_END_DECLS
