/* cr-ballot-dialog.h: one participant's ballot (or the show of hands) in a round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_BALLOT_DIALOG (cr_ballot_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrBallotDialog, cr_ballot_dialog, CR, BALLOT_DIALOG, AdwWindow)

/* A modal window for the ballot of @participant_id in @round (0: the show
 * of hands, which starts from its counts; a ballot always starts empty),
 * with the widget that fits the question's method, recording it with one
 * cr_workshop_record_votes() call on Save. A score grid is filled in by
 * keyboard: number keys, arrows, + and -. "Save and Next" then emits
 * "open-next" with the next participant without a ballot. It closes itself
 * when the round is revealed or goes away, so a hidden vote is never left
 * on screen. */
GtkWidget *cr_ballot_dialog_new (CrWorkshop *workshop,
                                 CrRound    *round,
                                 gint64      participant_id);

G_END_DECLS
