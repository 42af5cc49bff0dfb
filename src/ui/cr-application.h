/* cr-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CR_TYPE_APPLICATION (cr_application_get_type ())
G_DECLARE_FINAL_TYPE (CrApplication, cr_application, CR, APPLICATION, AdwApplication)

CrApplication *cr_application_new               (void);
/* The library file given with --database, or the default one. */
const char    *cr_application_get_database_path (CrApplication *self);
/* The app's settings after startup, or NULL when the schema is not
 * installed (then every setting keeps its default). */
GSettings     *cr_application_get_settings      (CrApplication *self);

G_END_DECLS
