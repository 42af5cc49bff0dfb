/* cr-migrations.h: ordered schema steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes; PRAGMA user_version holds it. */
int      cr_migrations_latest_version (void);

/* Applies every step after @from_version, inside the caller's transaction. */
gboolean cr_migrations_apply          (sqlite3  *db,
                                       int       from_version,
                                       GError  **error);

/* The same, up to @to_version only: a library as that version made it
 * (restoring checks a backup's tables against one). */
gboolean cr_migrations_apply_to       (sqlite3  *db,
                                       int       from_version,
                                       int       to_version,
                                       GError  **error);

/* The SQL of one step (1-based), for tests that build older libraries. */
const char *cr_migrations_get_step    (int       version);

G_END_DECLS
