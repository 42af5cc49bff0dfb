/* cr-library.h: the workshops in a store, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cr-store.h"

G_BEGIN_DECLS

#define CR_TYPE_WORKSHOP_INFO (cr_workshop_info_get_type ())
G_DECLARE_FINAL_TYPE (CrWorkshopInfo, cr_workshop_info, CR, WORKSHOP_INFO, GObject)

gint64      cr_workshop_info_get_id           (CrWorkshopInfo *self);
const char *cr_workshop_info_get_title        (CrWorkshopInfo *self);
const char *cr_workshop_info_get_organisation (CrWorkshopInfo *self);
const char *cr_workshop_info_get_facilitator  (CrWorkshopInfo *self);
const char *cr_workshop_info_get_date         (CrWorkshopInfo *self);
const char *cr_workshop_info_get_template_id  (CrWorkshopInfo *self);
/* The participants' names and roles, one a line (what a search reads of
 * them); NULL when nobody is listed. */
const char *cr_workshop_info_get_participants (CrWorkshopInfo *self);
/* The title of the workshop's own template (one loaded from a file or
 * imported with a bundle); NULL for a built-in template. */
const char *cr_workshop_info_get_template_title (CrWorkshopInfo *self);
/* Whether it re-runs another workshop, which may or may not be here. */
gboolean    cr_workshop_info_is_rerun          (CrWorkshopInfo *self);

/* Newest first (date, then most recently created). */
#define CR_TYPE_LIBRARY (cr_library_get_type ())
G_DECLARE_FINAL_TYPE (CrLibrary, cr_library, CR, LIBRARY, GObject)

CrLibrary  *cr_library_new    (CrStore    *store);
/* Reads the store again; emits items-changed for what moved. */
gboolean    cr_library_reload (CrLibrary  *self,
                               GError    **error);
/* Makes the rows of workshop ID and of its re-runs anew: what moved
 * since last time is not in what a reload compares. */
void        cr_library_refresh_series (CrLibrary *self,
                                       gint64     id);

/* What tells an organisation's workshops apart from another's: its name,
 * stripped, normalised and case-folded ("Contoso" and "contoso " are one). */
char       *cr_library_organisation_key (const char *organisation);

/* A workshop's date (stored as YYYY-MM-DD) as the library shows it, in the
 * facilitator's language; the stored text when it cannot be read. */
char       *cr_library_format_date (const char *iso);

/* The same listing without a model, for the command line. */
GPtrArray  *cr_library_list   (CrStore    *store,
                               GError    **error);  /* CrWorkshopInfo */

G_END_DECLS
