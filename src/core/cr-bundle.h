/* cr-bundle.h: the workshop bundle (JSON, version 1): import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cr-store.h"
#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_IMPORT_ERROR (cr_import_error_quark ())

typedef enum
{
  CR_IMPORT_ERROR_READ,      /* the file could not be read */
  CR_IMPORT_ERROR_TOO_LARGE,
  CR_IMPORT_ERROR_PARSE,     /* not JSON, not UTF-8, nested too deeply */
  CR_IMPORT_ERROR_FORMAT,    /* unknown format or a version from the future */
  CR_IMPORT_ERROR_INVALID,   /* breaks a rule; the message names the place */
  CR_IMPORT_ERROR_EXISTS,    /* its workshop.id is in the library already */
  CR_IMPORT_ERROR_ID_TAKEN,  /* another workshop in the library has its workshop.id */
} CrImportError;

/* What an import does with a bundle whose workshop.id the library has. */
typedef enum
{
  CR_IMPORT_REFUSE_EXISTING, /* CR_IMPORT_ERROR_EXISTS, nothing written */
  CR_IMPORT_REPLACE,         /* the library's copy goes; the import takes its ID */
  CR_IMPORT_KEEP_BOTH,       /* the import gets a workshop.id of its own */
} CrImportMode;

#define CR_BUNDLE_FORMAT   "crossroads-workshop"
#define CR_BUNDLE_VERSION  1
/* Larger files are refused before parsing. */
#define CR_BUNDLE_MAX_SIZE (64 * 1024 * 1024)
/* Deeper nesting is refused before parsing; a valid bundle needs 6 levels. */
#define CR_BUNDLE_MAX_DEPTH 64
/* What json-glib's tree of a bundle may take, as cr_json_scan() estimates
 * it before parsing: the largest workshop within cr-limits.h needs less. */
#define CR_BUNDLE_MAX_TREE (256 * 1024 * 1024)

GQuark    cr_import_error_quark (void);

/* Validates the whole document, then writes it in one transaction.
 * Returns the new workshop's id, or 0 with @error set and nothing written.
 * A bundle whose workshop.id is in the library already is refused
 * (CR_IMPORT_ERROR_EXISTS, or CR_IMPORT_ERROR_ID_TAKEN when the library's
 * workshop of that identifier is of another template, organisation or
 * date); the _full variants say what to do instead. */
gint64    cr_bundle_import       (CrStore     *store,
                                  GBytes      *data,
                                  GError     **error);
gint64    cr_bundle_import_file  (CrStore     *store,
                                  const char  *path,
                                  GError     **error);
gint64    cr_bundle_import_gfile (CrStore     *store,
                                  GFile       *file,
                                  GError     **error);
gint64    cr_bundle_import_full       (CrStore      *store,
                                       GBytes       *data,
                                       CrImportMode  mode,
                                       GError      **error);
gint64    cr_bundle_import_file_full  (CrStore      *store,
                                       const char   *path,
                                       CrImportMode  mode,
                                       GError      **error);
gint64    cr_bundle_import_gfile_full (CrStore      *store,
                                       GFile        *file,
                                       CrImportMode  mode,
                                       GError      **error);

/* The bundle with its "results". A round not yet revealed keeps its votes
 * in "workshop" ("revealed": false), and has no tally in "results". */
JsonNode *cr_bundle_export       (CrWorkshop  *workshop);

/* Pretty-printed, ending with a newline. */
char     *cr_bundle_export_string (CrWorkshop *workshop);

G_END_DECLS
