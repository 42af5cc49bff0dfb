/* cr-template-warnings.h: what a valid template leaves to chance
 *
 * A template the checker accepts always gives a workshop that runs to its
 * end (cr-agenda.h adds the steps its agenda leaves out), but some of what
 * the file says may not do what its author meant: a question no step puts
 * to the vote, rules that name no context, a view of today against the
 * target that cannot be drawn. Each warning is one located message, as the
 * checker's problems are ("questions[0]: ...").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cr-template.h"

G_BEGIN_DECLS

/* The warnings of @template as its file wrote it (char*, "path:
 * message"): the agenda's, the rules', then today against the target's;
 * an empty array when there is nothing to say. */
GPtrArray *cr_template_warnings (CrTemplate *template);

G_END_DECLS
