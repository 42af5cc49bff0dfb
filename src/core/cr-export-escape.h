/* cr-export-escape.h: typed text made safe for the format it lands in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A valid UTF-8 copy with the controls a document cannot show removed (tab
 * and line breaks stay), and every bidi embedding, override or isolate the
 * text opens closed at its end. @text may be NULL: "" comes back. */
char       *cr_export_clean_typed_text (const char *text);

/* Escaping, shared by the formats and tested on hostile strings. */
char       *cr_export_escape_markdown (const char *text);
char       *cr_export_escape_html     (const char *text);
/* One RFC 4180 field: quoted when needed, and a leading =, +, -, @, tab or
 * carriage return neutralised with a leading apostrophe. */
char       *cr_export_csv_field       (const char *text);

G_END_DECLS
