/* cr-width-bin.h: a bin whose natural width is a number we choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CR_TYPE_WIDTH_BIN (cr_width_bin_get_type ())
G_DECLARE_FINAL_TYPE (CrWidthBin, cr_width_bin, CR, WIDTH_BIN, AdwBin)

GtkWidget *cr_width_bin_new               (void);
int        cr_width_bin_get_natural_width (CrWidthBin *self);
void       cr_width_bin_set_natural_width (CrWidthBin *self,
                                           int         width);

G_END_DECLS
