/* test-a11y.c: every interactive widget of every page has an accessible name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-ballot-dialog.h"
#include "cr-bundle.h"
#include "cr-new-workshop-dialog.h"
#include "cr-preferences-window.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

/* One walk over all the pages: the widgets already seen (so a button shown on
 * every step is reported once) and the offenders, each with its path. */
typedef struct
{
  GHashTable *seen;
  GPtrArray  *offenders;
  guint       n_checked;
} Audit;

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

/* A widget inside another control that the other control names for it:
 * the text of an entry, the toggle of a menu button or a drop-down. */
static gboolean
is_internal_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_TEXT (widget))
    for (GtkWidget *up = parent; up != NULL; up = gtk_widget_get_parent (up))
      if (GTK_IS_EDITABLE (up))
        return TRUE;
  /* GTK's own parts of a composite control: the spin button's steppers
   * (the spin button is checked) and the calendar's month and year arrows. */
  if (GTK_IS_SPIN_BUTTON (parent) || gtk_widget_get_ancestor (widget, GTK_TYPE_CALENDAR) != NULL)
    return TRUE;
  return GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent);
}

static gboolean
is_interactive (GtkWidget *widget)
{
  if (is_internal_part (widget))
    return FALSE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget);
  return GTK_IS_BUTTON (widget) ||   /* toggle and link buttons too */
         GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) ||
         GTK_IS_TEXT (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_SCALE (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_TEXT_VIEW (widget);
}

/* Visible text inside the widget: what a screen reader falls back to for a
 * button or a row without a label of its own. */
static gboolean
has_visible_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && has_text (gtk_label_get_text (GTK_LABEL (widget))))
    return TRUE;
  if (GTK_IS_INSCRIPTION (widget) && has_text (gtk_inscription_get_text (GTK_INSCRIPTION (widget))))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;
  return FALSE;
}

static char *
placeholder_of (GtkWidget *widget)
{
  char *placeholder = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "placeholder-text") != NULL)
    g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return placeholder;
}

static gboolean
is_titled_row (GtkWidget *widget)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
}

/* The widget @widget is labelled by, searched under @root: there is no
 * getter, but the test API compares the relation with a candidate. */
static GtkWidget *
find_labelled_by (GtkWidget *widget,
                  GtkWidget *root)
{
  g_autofree char *mismatch = NULL;

  if (root != widget)
    {
      mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                     root, NULL);
      if (mismatch == NULL)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_by (widget, child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK makes every button labelled by its child, an icon as much as a
 * label: the relation only names the widget when its target shows text. */
static gboolean
labelled_by_text (GtkWidget *widget)
{
  GtkWidget *target = find_labelled_by (widget, widget);

  if (target == NULL)
    target = find_labelled_by (widget, GTK_WIDGET (gtk_widget_get_root (widget)));
  return target != NULL && has_visible_text (target);
}

/* Where the widget's name comes from, or NULL when it has none. */
static const char *
name_source (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  /* There is no getter for the label in GTK 4.8; the test API can still
   * tell an empty label from a real one. */
  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (accessible,
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                      "");

      if (mismatch != NULL)
        return "accessible label";
    }
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      labelled_by_text (widget))
    return "labelled-by";
  if (has_text (gtk_widget_get_tooltip_text (widget)))
    return "tooltip";
  if (is_titled_row (widget))
    return "row title";

  if (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget))
    {
      g_autofree char *placeholder = placeholder_of (widget);

      if (has_text (placeholder))
        return "placeholder";
      /* A field in a titled row (an entry or a spin button as the row's
       * suffix) is read with the row's title. */
      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
        {
          if (is_titled_row (up))
            return "enclosing row title";
          if (GTK_IS_LIST_BOX_ROW (up))
            break;
        }
      return NULL;
    }

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
      GTK_IS_LIST_BOX_ROW (widget))
    return has_visible_text (widget) ? "visible text" : NULL;
  return NULL;
}

/* What the offender looks like, so the report says which control it is. */
static void
describe (GtkWidget *widget,
          GString   *out)
{
  const char *action = NULL;
  const char *icon = NULL;

  if (GTK_IS_ACTIONABLE (widget))
    action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
  if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (icon == NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (widget);
         child != NULL && icon == NULL;
         child = gtk_widget_get_first_child (child))
      if (GTK_IS_IMAGE (child))
        icon = gtk_image_get_icon_name (GTK_IMAGE (child));
  if (icon != NULL)
    g_string_append_printf (out, " icon=%s", icon);
  if (action != NULL)
    g_string_append_printf (out, " action=%s", action);
  if (gtk_widget_get_css_classes (widget) != NULL)
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
      g_autofree char *joined = g_strjoinv (".", classes);

      if (*joined != '\0')
        g_string_append_printf (out, " css=.%s", joined);
    }
}

static char *
path_of (GtkWidget  *widget,
         const char *where)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (where);

  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    g_ptr_array_insert (names, 0, (gpointer) G_OBJECT_TYPE_NAME (up));
  g_string_append (path, ": ");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (path, "%s%s", i > 0 ? " > " : "", (const char *) g_ptr_array_index (names, i));
  describe (widget, path);
  return g_string_free (path, FALSE);
}

static void
walk (Audit      *audit,
      GtkWidget  *widget,
      const char *where)
{
  /* A hidden subtree is not on screen; a popover is hidden until it pops
   * up, but its contents are already built and are checked with it. A
   * stack's other pages are checked when they are the one shown. */
  if ((!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget)) ||
      !gtk_widget_get_child_visible (widget))
    return;

  if (is_interactive (widget) && gtk_widget_is_sensitive (widget) &&
      !g_hash_table_contains (audit->seen, widget))
    {
      const char *source = name_source (widget);

      /* Held, so a destroyed dialog's widget cannot hand its address on
       * to a new widget that would then count as seen. */
      g_hash_table_add (audit->seen, g_object_ref (widget));
      audit->n_checked++;
      if (source == NULL)
        g_ptr_array_add (audit->offenders, path_of (widget, where));
      else if (g_test_verbose ())
        {
          g_autofree char *path = path_of (widget, where);

          g_test_message ("%s: named by %s", path, source);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (audit, child, where);
}

static void
walk_window (Audit      *audit,
             GtkWindow  *window,
             const char *where)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (window);

  cr_test_ui_spin (300);
  walk (audit, GTK_WIDGET (window), where);
  /* Usually a child already; walked again in case it is not (seen once). */
  if (titlebar != NULL)
    walk (audit, titlebar, where);
}

static CrWorkshopPage *
find_workshop_page (GtkWidget *root)
{
  if (CR_IS_WORKSHOP_PAGE (root))
    return CR_WORKSHOP_PAGE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CrWorkshopPage *found = find_workshop_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
walk_dialog (Audit      *audit,
             GtkWidget  *dialog,
             GtkWindow  *parent,
             const char *where)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
  cr_test_ui_wait_mapped (dialog);
  walk_window (audit, GTK_WINDOW (dialog), where);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cr_test_ui_spin (100);
}

static void
test_a11y_every_page (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = cr_test_source_path ("bundles", "workshop.json", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.crossroads.Crossroads");
  Audit audit = { g_hash_table_new_full (NULL, NULL, g_object_unref, NULL), g_ptr_array_new_with_free_func (g_free), 0 };
  CrWindow *window;
  CrWorkshopPage *page;
  CrWorkshop *workshop;
  CrTemplate *template;
  gint64 id;

  id = cr_bundle_import_file (store, bundle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  window = cr_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_mapped (GTK_WIDGET (window));

  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "list");
  walk_window (&audit, GTK_WINDOW (window), "library");
  walk_dialog (&audit, GTK_WIDGET (cr_new_workshop_dialog_new (GTK_WINDOW (window), store)),
               GTK_WINDOW (window), "new workshop dialog");
  walk_dialog (&audit, cr_preferences_window_new (GTK_WINDOW (window), settings),
               GTK_WINDOW (window), "preferences");

  g_assert_true (cr_window_open_workshop (window, id, &error));
  g_assert_no_error (error);
  cr_test_ui_spin (200);
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  page = find_workshop_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  workshop = cr_window_get_workshop (window);
  template = cr_workshop_get_template (workshop);

  walk_dialog (&audit, GTK_WIDGET (cr_new_workshop_dialog_new_rerun (GTK_WINDOW (window), workshop)),
               GTK_WINDOW (window), "re-run dialog");

  for (guint i = 0; i < cr_template_get_n_steps (template); i++)
    {
      const CrAgendaStep *step = cr_template_get_step (template, i);
      g_autofree char *where = g_strdup_printf ("step %s", step->id);

      g_assert_true (cr_workshop_page_set_step_id (page, step->id));
      walk_window (&audit, GTK_WINDOW (window), where);

      if (g_strcmp0 (step->page, "vote") == 0)
        {
          g_autofree char *open_where = g_strdup_printf ("step %s, round open", step->id);
          g_autofree char *ballot_where = NULL;
          g_autofree char *hands_where = NULL;
          g_autoptr(CrParticipant) participant = NULL;
          CrRound *round;

          round = cr_workshop_open_round (workshop, step->question, &error);
          g_assert_no_error (error);
          g_assert_nonnull (round);
          walk_window (&audit, GTK_WINDOW (window), open_where);

          participant = g_list_model_get_item (cr_workshop_get_participants (workshop), 0);
          g_assert_nonnull (participant);
          ballot_where = g_strdup_printf ("step %s, ballot", step->id);
          walk_dialog (&audit,
                       cr_ballot_dialog_new (workshop, round, cr_participant_get_id (participant)),
                       GTK_WINDOW (window), ballot_where);
          /* A score grid has no show of hands. */
          if (cr_template_find_question (template, step->question)->method != CR_METHOD_SCORE)
            {
              hands_where = g_strdup_printf ("step %s, show of hands", step->id);
              walk_dialog (&audit, cr_ballot_dialog_new (workshop, round, 0),
                           GTK_WINDOW (window), hands_where);
            }
        }
    }

  /* Sanity: the walk saw the window's controls, not an empty tree. */
  g_assert_cmpuint (audit.n_checked, >, 50);
  g_test_message ("%u interactive widgets checked, %u without an accessible name",
                  audit.n_checked, audit.offenders->len);
  if (audit.offenders->len > 0)
    {
      /* Every offender on its own line, so one run shows them all. */
      for (guint i = 0; i < audit.offenders->len; i++)
        g_test_message ("no accessible name: %s", (const char *) g_ptr_array_index (audit.offenders, i));
      g_test_fail_printf ("%u interactive widgets have no accessible name (listed above)",
                          audit.offenders->len);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_spin (100);
  g_hash_table_unref (audit.seen);
  g_ptr_array_unref (audit.offenders);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* With GTK_A11Y=none (the ui suite's default) widgets get no accessible
   * context at all, so there would be no accessible names to read back; the
   * test backend keeps them in memory and talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/a11y/every-page", test_a11y_every_page);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
