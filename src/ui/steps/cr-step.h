/* cr-step.h: the base of a workshop's steps: the workshop they show, their scrolled and clamped page, and a rebuild
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cr-workshop.h"

G_BEGIN_DECLS

#define CR_TYPE_STEP (cr_step_get_type ())
G_DECLARE_DERIVABLE_TYPE (CrStep, cr_step, CR, STEP, AdwBin)

struct _CrStepClass
{
  AdwBinClass parent_class;

  /* Empties the page and fills it again from the workshop; the steps that
   * read out the rounds run it whenever what they show changes. */
  void (*rebuild) (CrStep *self);

  /*< private >*/
  /* Set with cr_step_class_set_page(); 0 keeps cr-step.ui's sizes. */
  int maximum_size;
  int tightening_threshold;
  int side_margin;
  int spacing;
};

void                cr_step_class_set_page (CrStepClass *klass,
                                            int          maximum_size,
                                            int          tightening_threshold,
                                            int          side_margin,
                                            int          spacing);

CrWorkshop         *cr_step_get_workshop   (CrStep *self);
GtkBox             *cr_step_get_content    (CrStep *self);
GtkScrolledWindow  *cr_step_get_scroller   (CrStep *self);
AdwClamp           *cr_step_get_clamp      (CrStep *self);
void                cr_step_clear          (CrStep *self);
void                cr_step_rebuild        (CrStep *self);
void                cr_step_rebuild_on_rounds (CrStep   *self,
                                               gboolean  with_context);

GtkWidget          *cr_step_new_placeholder (const char *text);

G_END_DECLS
