/* cr-step.c: the base of a workshop's steps
 *
 * Every step is a page that scrolls down a clamped column (cr-step.ui); the
 * subclasses fill its content box, in code or with <child> elements of their
 * own template, and say in their class_init how wide and how spaced their
 * page is, so that each keeps the sizes it had. A step gets its workshop as
 * a construct-only property: its constructed() may read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cr-rounds-watch.h"
#include "cr-step.h"

typedef struct
{
  CrWorkshop        *workshop;
  CrRoundsWatch     *watch;

  /* The scroller is the bin's child: adw_bin_get_child(). */
  AdwClamp          *clamp;
  GtkBox            *content;
} CrStepPrivate;

static void cr_step_buildable_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CrStep, cr_step, ADW_TYPE_BIN,
                                  G_ADD_PRIVATE (CrStep)
                                  G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, cr_step_buildable_init))

enum {
  PROP_0,
  PROP_WORKSHOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* A subclass template's <child> elements go into the content box, not in
 * place of the scrolled page (as AdwPreferencesPage does with its groups). */
static void
cr_step_buildable_add_child (GtkBuildable *buildable,
                             GtkBuilder   *builder,
                             GObject      *child,
                             const char   *type)
{
  CrStepPrivate *priv = cr_step_get_instance_private (CR_STEP (buildable));

  if (priv->content != NULL && type == NULL && GTK_IS_WIDGET (child))
    gtk_box_append (priv->content, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
cr_step_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = cr_step_buildable_add_child;
}

static void
cr_step_constructed (GObject *object)
{
  CrStep *self = CR_STEP (object);
  CrStepPrivate *priv = cr_step_get_instance_private (self);
  CrStepClass *klass = CR_STEP_GET_CLASS (self);

  G_OBJECT_CLASS (cr_step_parent_class)->constructed (object);

  g_assert (CR_IS_WORKSHOP (priv->workshop));

  /* Only now is the subclass's class the instance's: in cr_step_init it
   * is still CrStep's own. */
  if (klass->maximum_size > 0)
    {
      adw_clamp_set_maximum_size (priv->clamp, klass->maximum_size);
      adw_clamp_set_tightening_threshold (priv->clamp, klass->tightening_threshold);
      gtk_widget_set_margin_start (GTK_WIDGET (priv->content), klass->side_margin);
      gtk_widget_set_margin_end (GTK_WIDGET (priv->content), klass->side_margin);
      gtk_box_set_spacing (priv->content, klass->spacing);
    }
}

static void
cr_step_dispose (GObject *object)
{
  CrStep *self = CR_STEP (object);
  CrStepPrivate *priv = cr_step_get_instance_private (self);

  g_clear_object (&priv->watch);
  /* No gtk_widget_dispose_template() here: on GTK 4.8 it reads the template
   * of the instance's class, a subclass's, not CrStep's (a critical for a
   * step without one, an abort for the vote step). The clamp and the
   * content box are not the bin's child: they go with the widget. */

  G_OBJECT_CLASS (cr_step_parent_class)->dispose (object);

  /* After the children: what they disconnect on the way out may read it. */
  g_clear_object (&priv->workshop);
}

static void
cr_step_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CrStepPrivate *priv = cr_step_get_instance_private (CR_STEP (object));

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      g_value_set_object (value, priv->workshop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_step_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CrStepPrivate *priv = cr_step_get_instance_private (CR_STEP (object));

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      priv->workshop = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_step_class_init (CrStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cr_step_constructed;
  object_class->dispose = cr_step_dispose;
  object_class->get_property = cr_step_get_property;
  object_class->set_property = cr_step_set_property;

  properties[PROP_WORKSHOP] =
    g_param_spec_object ("workshop", NULL, NULL, CR_TYPE_WORKSHOP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/crossroads/Crossroads/ui/cr-step.ui");
  gtk_widget_class_bind_template_child_private (widget_class, CrStep, clamp);
  gtk_widget_class_bind_template_child_private (widget_class, CrStep, content);
}

static void
cr_step_init (CrStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The page's width and spacing, for every step of @klass: the clamp's
 * @maximum_size and @tightening_threshold, the content's margin at either
 * side and the @spacing between its parts. Call it from class_init. */
void
cr_step_class_set_page (CrStepClass *klass,
                        int          maximum_size,
                        int          tightening_threshold,
                        int          side_margin,
                        int          spacing)
{
  g_return_if_fail (CR_IS_STEP_CLASS (klass));
  g_return_if_fail (maximum_size > 0);

  klass->maximum_size = maximum_size;
  klass->tightening_threshold = tightening_threshold;
  klass->side_margin = side_margin;
  klass->spacing = spacing;
}

CrWorkshop *
cr_step_get_workshop (CrStep *self)
{
  CrStepPrivate *priv = cr_step_get_instance_private (self);

  g_return_val_if_fail (CR_IS_STEP (self), NULL);

  return priv->workshop;
}

/* The vertical box the step fills. */
GtkBox *
cr_step_get_content (CrStep *self)
{
  CrStepPrivate *priv = cr_step_get_instance_private (self);

  g_return_val_if_fail (CR_IS_STEP (self), NULL);

  return priv->content;
}

GtkScrolledWindow *
cr_step_get_scroller (CrStep *self)
{
  g_return_val_if_fail (CR_IS_STEP (self), NULL);

  return GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
}

AdwClamp *
cr_step_get_clamp (CrStep *self)
{
  CrStepPrivate *priv = cr_step_get_instance_private (self);

  g_return_val_if_fail (CR_IS_STEP (self), NULL);

  return priv->clamp;
}

/* Removes everything from the content box, for a rebuild. */
void
cr_step_clear (CrStep *self)
{
  CrStepPrivate *priv = cr_step_get_instance_private (self);
  GtkWidget *child;

  g_return_if_fail (CR_IS_STEP (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (priv->content))) != NULL)
    gtk_box_remove (priv->content, child);
}

/* Runs the step's rebuild, if it has one; a signal handler as it is. */
void
cr_step_rebuild (CrStep *self)
{
  g_return_if_fail (CR_IS_STEP (self));

  if (CR_STEP_GET_CLASS (self)->rebuild != NULL)
    CR_STEP_GET_CLASS (self)->rebuild (self);
}

/* Rebuilds the step once after any burst of changes to the rounds (and,
 * @with_context, to the context's answers): see cr-rounds-watch.h. */
void
cr_step_rebuild_on_rounds (CrStep   *self,
                           gboolean  with_context)
{
  CrStepPrivate *priv = cr_step_get_instance_private (self);

  g_return_if_fail (CR_IS_STEP (self));
  g_return_if_fail (priv->watch == NULL);

  priv->watch = cr_rounds_watch_new (priv->workshop, with_context);
  g_signal_connect_object (priv->watch, "changed", G_CALLBACK (cr_step_rebuild), self, G_CONNECT_SWAPPED);
}

/* The dimmed line a step's list shows while it has no rows. */
GtkWidget *
cr_step_new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}
