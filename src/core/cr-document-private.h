/* cr-document-private.h: what the builders of a workshop's summary and of a comparison share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-document.h"

G_BEGIN_DECLS

/* "3.5 ± 0.5"; "—" when nobody scored. */
char *_cr_document_format_mean_spread (double              mean,
                                       double              spread,
                                       guint               n);
/* Actions as a table: what, who, by when, and (with @status) what became
 * of each. */
void  _cr_document_actions_table      (CrDocument         *doc,
                                       GListModel         *actions,
                                       gboolean            status);
/* Every part of @cmp, appended to @doc; its actions with @with_actions. */
void  _cr_document_add_comparison     (CrDocument         *doc,
                                       const CrComparison *cmp,
                                       gboolean            with_actions);

G_END_DECLS
