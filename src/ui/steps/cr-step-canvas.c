/* cr-step-canvas.c
 *
 * One column per option of the template: a card saying what the option is,
 * and under it the room's notes in three lanes. The lanes follow the
 * workshop's notes model and each note's option and kind; a change moves,
 * adds or drops only the rows it concerns, so the row being typed in keeps
 * its focus whatever else changes (undo included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "cr-canvas-state.h"
#include "cr-label.h"
#include "cr-note-row.h"
#include "cr-step-canvas.h"
#include "cr-widget-util.h"

/* Three columns fit beside the agenda on the window's default 1100 px; on a
 * narrower screen the agenda folds away (cr_step_canvas_get_min_width). */
#define COLUMN_MIN_WIDTH 250
#define COLUMN_SPACING   18
#define CANVAS_MARGIN    18

typedef struct
{
  CrStepCanvas *canvas;       /* unowned: the canvas owns the lane */
  guint         option_index;
  CrNoteKind    kind;
  GtkListBox   *list;
  GtkWidget    *add_row;      /* AdwEntryRow, always the list's last row */
} Lane;

struct _CrStepCanvas
{
  CrStep        parent_instance;

  GListModel   *notes;

  GtkBox       *columns;      /* the step's content box, turned sideways */
  GtkSizeGroup *card_group;
  GPtrArray    *lanes;        /* Lane*, option_index * CR_N_NOTE_KINDS + kind */
  GHashTable   *rows;         /* CrNote* -> CrNoteRow*, both referenced */
};

G_DEFINE_FINAL_TYPE (CrStepCanvas, cr_step_canvas, CR_TYPE_STEP)

static const char *
add_title (CrNoteKind kind)
{
  switch (kind)
    {
    case CR_NOTE_STRENGTH:
      return _("Add a strength");
    case CR_NOTE_RISK:
      return _("Add a risk");
    case CR_NOTE_QUESTION:
      return _("Add a question");
    default:
      g_return_val_if_reached (NULL);
    }
}

static Lane *
get_lane (CrStepCanvas *self,
          guint         option_index,
          CrNoteKind    kind)
{
  return g_ptr_array_index (self->lanes, option_index * CR_N_NOTE_KINDS + kind);
}

static Lane *
lane_of_list (CrStepCanvas *self,
              GtkWidget    *list)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      if (GTK_WIDGET (lane->list) == list)
        return lane;
    }
  return NULL;
}

static void sync_lanes (CrStepCanvas *self);

static void
on_note_place (CrStepCanvas *self,
               GParamSpec   *pspec,
               CrNote       *note)
{
  sync_lanes (self);
}

static void
forget_row (CrStepCanvas *self,
            CrNote       *note,
            GtkWidget    *row)
{
  GtkWidget *parent = gtk_widget_get_parent (row);

  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
  g_signal_handlers_disconnect_by_data (note, self);
}

static GtkWidget *
ensure_row (CrStepCanvas *self,
            CrNote       *note)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, note);

  if (row != NULL)
    return row;

  row = g_object_ref_sink (cr_note_row_new (cr_step_get_workshop (CR_STEP (self)), note));
  g_hash_table_insert (self->rows, g_object_ref (note), row);
  g_signal_connect_object (note, "notify::option", G_CALLBACK (on_note_place),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (note, "notify::kind", G_CALLBACK (on_note_place),
                           self, G_CONNECT_SWAPPED);
  return row;
}

/* Brings every lane in line with the workshop, touching only the rows that
 * are new, gone or elsewhere, then gives focus back if a change took it. */
static void
sync_lanes (CrStepCanvas *self)
{
  g_autoptr(CrCanvasState) state = cr_canvas_state_new (cr_step_get_workshop (CR_STEP (self)));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkWidget) focus = NULL;
  g_autoptr(GtkWidget) focus_row = NULL;
  Lane *focus_lane = NULL;
  int focus_index = -1;
  GHashTableIter iter;
  gpointer key, value;

  if (root != NULL && gtk_root_get_focus (root) != NULL)
    {
      focus = g_object_ref (gtk_root_get_focus (root));
      if (gtk_widget_get_ancestor (focus, CR_TYPE_NOTE_ROW) != NULL)
        {
          focus_row = g_object_ref (gtk_widget_get_ancestor (focus, CR_TYPE_NOTE_ROW));
          focus_lane = lane_of_list (self, gtk_widget_get_parent (focus_row));
          focus_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus_row));
        }
    }

  /* Under GTK 4.8, taking the focused row out of its list while it holds
   * the focus kept the canvas alive after its window was gone; so let go
   * of the focus first when that row is about to go or move. */
  if (focus_row != NULL)
    {
      CrNote *note = cr_note_row_get_note (CR_NOTE_ROW (focus_row));
      guint option_index;
      CrNoteKind kind;

      if (!cr_canvas_state_find (state, note, &option_index, &kind) ||
          get_lane (self, option_index, kind) != focus_lane)
        gtk_root_set_focus (root, NULL);
    }

  /* Rows of notes that left the canvas, or that sit in the wrong lane. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CrNote *note = key;
      GtkWidget *row = value;
      GtkWidget *parent = gtk_widget_get_parent (row);
      guint option_index;
      CrNoteKind kind;

      if (!cr_canvas_state_find (state, note, &option_index, &kind))
        {
          forget_row (self, note, row);
          g_hash_table_iter_remove (&iter);
        }
      else if (parent != NULL && parent != GTK_WIDGET (get_lane (self, option_index, kind)->list))
        gtk_list_box_remove (GTK_LIST_BOX (parent), row);
    }

  /* Now each lane holds only its own rows; put them in the workshop's order. */
  for (guint i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, i);
      GPtrArray *notes = cr_canvas_state_get_lane (state, lane->option_index, lane->kind);

      for (guint n = 0; n < notes->len; n++)
        {
          GtkWidget *row = ensure_row (self, g_ptr_array_index (notes, n));

          if (GTK_WIDGET (gtk_list_box_get_row_at_index (lane->list, n)) == row)
            continue;
          if (gtk_widget_get_parent (row) != NULL)
            gtk_list_box_remove (lane->list, row);
          gtk_list_box_insert (lane->list, row, n);
        }
    }

  if (root == NULL || focus == NULL || gtk_root_get_focus (root) == focus)
    return;

  if (focus_row != NULL && gtk_widget_get_root (focus_row) != NULL)
    {
      /* Moved: keep typing or moving it where it went. */
      if (gtk_widget_get_root (focus) != NULL)
        gtk_widget_grab_focus (focus);
      else
        gtk_widget_grab_focus (focus_row);
    }
  else if (focus_lane != NULL)
    {
      /* Gone: its neighbour in the lane, or the lane's entry. */
      guint n_notes = cr_canvas_state_get_lane (state, focus_lane->option_index, focus_lane->kind)->len;
      int index = n_notes == 0 ? 0 : MIN (focus_index, (int) n_notes - 1);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (focus_lane->list, MAX (index, 0));

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
on_notes_changed (CrStepCanvas *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  sync_lanes (self);
}

static void
add_note (Lane *lane)
{
  CrStepCanvas *self = lane->canvas;
  const CrOption *option = cr_template_get_option (cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self))),
                                                   lane->option_index);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (lane->add_row))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (cr_workshop_add_note (cr_step_get_workshop (CR_STEP (self)), option->id, lane->kind, text, 0, &error) == NULL)
    {
      cr_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  /* Ready for the next one: the entry keeps the focus. */
  gtk_editable_set_text (GTK_EDITABLE (lane->add_row), "");
}

static void
on_add_activated (Lane        *lane,
                  AdwEntryRow *row)
{
  add_note (lane);
}

static void
on_add_clicked (Lane      *lane,
                GtkButton *button)
{
  add_note (lane);
  gtk_widget_grab_focus (lane->add_row);
}

static void
on_row_activated (CrStepCanvas  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  if (CR_IS_NOTE_ROW (row))
    cr_note_row_start_editing (CR_NOTE_ROW (row));
}

static void
append_section (GtkBox     *box,
                const char *heading,
                GtkWidget  *content)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = cr_label_new_wrapping (heading, "heading");

  gtk_box_append (GTK_BOX (section), title);
  gtk_box_append (GTK_BOX (section), content);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (content),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);
  gtk_box_append (box, section);
}

static GtkWidget *
new_bullets (const char * const *items)
{
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bullet = gtk_label_new ("•");
      GtkWidget *text = cr_label_new_wrapping (items[i], NULL);

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (item), bullet);
      gtk_box_append (GTK_BOX (item), text);
      gtk_box_append (GTK_BOX (list), item);
    }
  gtk_widget_add_css_class (list, "dim-label");
  return list;
}

static GtkWidget *
build_card (CrStepCanvas   *self,
            const CrOption *option)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = cr_label_new_wrapping (option->title, "title-2");

  /* Twenty characters of a title's large type would make the column wider
   * than the paragraphs under it need, and the canvas wider than a small
   * screen. */
  gtk_label_set_width_chars (GTK_LABEL (title), CR_LABEL_MIN_CHARS / 2);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (card), box);

  gtk_box_append (GTK_BOX (head), title);
  gtk_box_append (GTK_BOX (head), cr_label_new_wrapping (option->summary, NULL));
  gtk_box_append (GTK_BOX (box), head);

  append_section (GTK_BOX (box), _("What is the product"), cr_label_new_wrapping (option->product, NULL));
  append_section (GTK_BOX (box), _("Usually found in"), cr_label_new_wrapping (option->found_in, NULL));
  if (option->strengths != NULL && option->strengths[0] != NULL)
    append_section (GTK_BOX (box), _("Strengths"),
                    new_bullets ((const char * const *) option->strengths));
  if (option->risks != NULL && option->risks[0] != NULL)
    append_section (GTK_BOX (box), _("Risks"),
                    new_bullets ((const char * const *) option->risks));

  /* The lanes start at one height in every column, so they read across. */
  gtk_size_group_add_widget (self->card_group, card);
  return card;
}

static GtkWidget *
build_lane (CrStepCanvas   *self,
            const CrOption *option,
            guint           option_index,
            CrNoteKind      kind)
{
  Lane *lane = g_new0 (Lane, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = cr_label_new_wrapping (cr_note_kind_get_lane_title (kind), "heading");
  GtkWidget *add_button;
  g_autofree char *list_label = NULL;
  g_autofree char *add_label = NULL;
  g_autofree char *name = NULL;

  lane->canvas = self;
  lane->option_index = option_index;
  lane->kind = kind;
  g_ptr_array_add (self->lanes, lane);

  gtk_widget_set_margin_start (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  lane->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (lane->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (lane->list), "boxed-list");
  name = g_strdup_printf ("lane:%s:%s", option->id, cr_note_kind_to_string (kind));
  gtk_widget_set_name (GTK_WIDGET (lane->list), name);
  /* Translators: a lane of notes, e.g. "Risks we see: People Experience as a Product" */
  list_label = g_strdup_printf (_("%s: %s"), cr_note_kind_get_lane_title (kind), option->title);
  cr_widget_set_accessible_label (GTK_WIDGET (lane->list), list_label);
  g_signal_connect_object (lane->list, "row-activated", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (lane->list));

  lane->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lane->add_row), add_title (kind));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (lane->add_row), FALSE);
  g_free (name);
  name = g_strdup_printf ("add:%s:%s", option->id, cr_note_kind_to_string (kind));
  gtk_widget_set_name (lane->add_row, name);
  /* Translators: e.g. "Add a risk to People Experience as a Product" */
  add_label = g_strdup_printf (_("%s to %s"), add_title (kind), option->title);
  cr_widget_set_accessible_label (lane->add_row, add_label);
  g_signal_connect_swapped (lane->add_row, "entry-activated", G_CALLBACK (on_add_activated), lane);

  add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_tooltip_text (add_button, _("Add Note"));
  cr_widget_set_accessible_label (add_button, add_label);
  /* Enter in the entry does the same; the button is for the mouse. */
  gtk_widget_set_focusable (add_button, FALSE);
  g_signal_connect_swapped (add_button, "clicked", G_CALLBACK (on_add_clicked), lane);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (lane->add_row), add_button);

  gtk_list_box_append (lane->list, lane->add_row);
  return box;
}

static void
build_columns (CrStepCanvas *self)
{
  CrTemplate *template = cr_workshop_get_template (cr_step_get_workshop (CR_STEP (self)));
  guint n_options = cr_template_get_n_options (template);

  for (guint i = 0; i < n_options; i++)
    {
      const CrOption *option = cr_template_get_option (template, i);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

      gtk_widget_set_size_request (column, COLUMN_MIN_WIDTH, -1);
      gtk_box_append (GTK_BOX (column), build_card (self, option));
      for (guint k = 0; k < CR_N_NOTE_KINDS; k++)
        gtk_box_append (GTK_BOX (column), build_lane (self, option, i, k));
      gtk_box_append (self->columns, column);
    }
}

static void
cr_step_canvas_dispose (GObject *object)
{
  CrStepCanvas *self = (CrStepCanvas *)object;

  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  if (self->rows != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_signal_handlers_disconnect_by_data (key, self);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_object (&self->card_group);
  g_clear_object (&self->notes);

  G_OBJECT_CLASS (cr_step_canvas_parent_class)->dispose (object);
}

/* Narrower than its columns, the canvas scrolls sideways: then a scrollbar
 * that stays in sight says that there is a model further right. Wide
 * enough, the scrollbars only show while scrolling and take no width. */
static void
on_hadjustment_changed (GtkAdjustment     *adjustment,
                        GtkScrolledWindow *scrolled)
{
  gboolean overflows = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)
                       > gtk_adjustment_get_page_size (adjustment) + 0.5;

  if (gtk_scrolled_window_get_overlay_scrolling (scrolled) == overflows)
    gtk_scrolled_window_set_overlay_scrolling (scrolled, !overflows);
}

static void
cr_step_canvas_constructed (GObject *object)
{
  CrStepCanvas *self = CR_STEP_CANVAS (object);

  G_OBJECT_CLASS (cr_step_canvas_parent_class)->constructed (object);

  self->notes = g_object_ref (cr_workshop_get_notes (cr_step_get_workshop (CR_STEP (self))));

  build_columns (self);
  g_signal_connect_object (self->notes, "items-changed", G_CALLBACK (on_notes_changed),
                           self, G_CONNECT_SWAPPED);
  sync_lanes (self);
}

static void
cr_step_canvas_class_init (CrStepCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_step_canvas_constructed;
  object_class->dispose = cr_step_canvas_dispose;
  /* Wide: the options side by side, as many as fit. */
  cr_step_class_set_page (CR_STEP_CLASS (klass), 1800, 1400, CANVAS_MARGIN, COLUMN_SPACING);
}

static void
cr_step_canvas_init (CrStepCanvas *self)
{
  GtkScrolledWindow *scrolled = cr_step_get_scroller (CR_STEP (self));

  self->lanes = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->card_group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

  /* The only step that scrolls sideways, its columns in one row. */
  gtk_scrolled_window_set_policy (scrolled, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (scrolled), "changed",
                           G_CALLBACK (on_hadjustment_changed), scrolled, 0);

  self->columns = cr_step_get_content (CR_STEP (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_homogeneous (self->columns, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->columns), CANVAS_MARGIN);
}

GtkWidget *
cr_step_canvas_new (CrWorkshop *workshop)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  return g_object_new (CR_TYPE_STEP_CANVAS, "workshop", workshop, NULL);
}

int
cr_step_canvas_get_min_width (guint n_options)
{
  if (n_options == 0)
    return 2 * CANVAS_MARGIN;
  return (int) n_options * COLUMN_MIN_WIDTH + ((int) n_options - 1) * COLUMN_SPACING + 2 * CANVAS_MARGIN;
}
