/* test-workshop-flow.c: a whole workshop through the real window
 *
 * From the empty library to an exported Markdown and PDF file, driven
 * through the widgets as a facilitator would: the new-workshop dialog,
 * participants, context, canvas notes, a round of each voting method
 * (with a show of hands, a reveal and a re-vote), an action, the export.
 * Then the database and the exported files are checked, not the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "cr-ballot-dialog.h"
#include "cr-export.h"
#include "cr-library-page.h"
#include "cr-new-workshop-dialog.h"
#include "cr-step-export.h"
#include "cr-test-ui-util.h"
#include "cr-test-util.h"
#include "cr-window.h"
#include "cr-workshop-page.h"
#include "cr-workshop.h"

static GtkApplication *app;

#define ORGANISATION "Northwind Logistics"
#define TITLE "Where do People services go next?"
#define STRENGTH "Clear catalogue the business already knows"
#define RISK "Funding follows projects, not teams"
#define QUESTION "Who owns the employee journey end to end?"
#define ACTION_TEXT "Pick a pilot people product"
#define ACTION_OWNER "Ben Okafor"
#define ACTION_DUE "2025-06-30"

/* ---- Finding widgets ----------------------------------------------------- */

/* A label on screen that contains @needle. */
static gboolean
match_shown_label_with (GtkWidget     *widget,
                        gconstpointer  needle)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  return cr_test_ui_need (root, cr_test_ui_match_name, name);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static GtkWidget *
find_toplevel_named (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (toplevel), name) == 0)
        return toplevel;
    }
  return NULL;
}

/* ---- Conditions ---------------------------------------------------------- */

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static gboolean
toplevel_is_open (gpointer type)
{
  gpointer toplevel = find_toplevel (GPOINTER_TO_SIZE (type));

  return toplevel != NULL && gtk_widget_get_mapped (toplevel);
}

static gboolean
toplevel_is_gone (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

static gboolean
named_toplevel_is_open (gpointer name)
{
  GtkWidget *toplevel = find_toplevel_named (name);

  return toplevel != NULL && gtk_widget_get_mapped (toplevel);
}

static gboolean
named_toplevel_is_gone (gpointer name)
{
  return find_toplevel_named (name) == NULL;
}

typedef struct
{
  CrStore    *store;
  const char *table;
  gint64      rows;
} RowCount;

static gboolean
rows_are (gpointer data)
{
  const RowCount *count = data;

  return cr_test_count_rows (cr_store_get_path (count->store), count->table) == count->rows;
}

static void
wait_for_rows (CrStore    *store,
               const char *table,
               gint64      rows)
{
  RowCount count = { store, table, rows };
  g_autofree char *what = g_strdup_printf ("%" G_GINT64_FORMAT " rows in %s", rows, table);

  cr_test_ui_wait_until (rows_are, &count, what);
}

/* ---- Driving ------------------------------------------------------------- */

/* gtk_widget_activate() on a button emits "clicked" ~250 ms later; the
 * callers wait for what the click does. */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_activate (button));
}

/* Enter in an entry (GtkEntry has no activate_signal for gtk_widget_activate). */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (entry, "activate");
}

/* Picks the combo row's entry that reads @label, as a click in its list does. */
static void
choose (GtkWidget  *combo,
        const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
        return;
      }
  g_error ("no entry '%s' in the combo row", label);
}

/* ---- The workshop page --------------------------------------------------- */

typedef struct
{
  CrWorkshopPage *page;
  const char     *step_id;
} StepWait;

static gboolean
step_is_shown (gpointer data)
{
  const StepWait *wait = data;
  GtkWidget *step;

  if (g_strcmp0 (cr_workshop_page_get_step_id (wait->page), wait->step_id) != 0)
    return FALSE;
  step = cr_workshop_page_get_step_widget (wait->page, wait->step_id);
  return step != NULL && gtk_widget_get_mapped (step);
}

/* Page Down, as a presentation clicker sends it; returns the new step. */
static GtkWidget *
next_step (CrWorkshopPage *page,
           const char     *step_id)
{
  StepWait wait = { page, step_id };
  g_autofree char *what = g_strdup_printf ("step '%s' on screen", step_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workshop.next-step", NULL));
  cr_test_ui_wait_until (step_is_shown, &wait, what);
  cr_test_ui_settle ();
  return cr_workshop_page_get_step_widget (page, step_id);
}

/* ---- Voting -------------------------------------------------------------- */

static const char *
option_title (CrTemplate *template,
              const char *option_id)
{
  const CrOption *option = cr_template_find_option (template, option_id);

  g_assert_nonnull (option);
  return option->title;
}

static GtkWidget *
open_ballot (GtkWidget  *step,
             const char *row_title)
{
  GtkWidget *row = cr_test_ui_need (step, cr_test_ui_match_row_title, row_title);

  g_assert_null (find_toplevel (CR_TYPE_BALLOT_DIALOG));
  g_assert_true (gtk_widget_activate (row));
  cr_test_ui_wait_until (toplevel_is_open, GSIZE_TO_POINTER (CR_TYPE_BALLOT_DIALOG), "the ballot dialog");
  return find_toplevel (CR_TYPE_BALLOT_DIALOG);
}

static void
save_ballot (GtkWidget *dialog)
{
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "_Save"));
  cr_test_ui_wait_until (toplevel_is_gone, GSIZE_TO_POINTER (CR_TYPE_BALLOT_DIALOG), "the ballot dialog to close");
  cr_test_ui_settle ();
}

static void
vote_single (GtkWidget  *step,
             CrTemplate *template,
             const char *who,
             const char *option_id)
{
  GtkWidget *dialog = open_ballot (step, who);
  GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, option_title (template, option_id));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (cr_test_ui_find (row, GTK_TYPE_CHECK_BUTTON)), TRUE);
  save_ballot (dialog);
}

static void
add_dot (GtkWidget  *dialog,
         CrTemplate *template,
         const char *option_id)
{
  g_autofree char *tooltip = g_strdup_printf ("Add a dot to %s", option_title (template, option_id));
  GtkWidget *button = cr_test_ui_need (dialog, cr_test_ui_match_tooltip, tooltip);

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Two dots on @twice, one on @once: the whole budget of 3. */
static void
vote_dots (GtkWidget  *step,
           CrTemplate *template,
           const char *who,
           const char *twice,
           const char *once)
{
  GtkWidget *dialog = open_ballot (step, who);

  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "3 of 3 dots left"));
  add_dot (dialog, template, twice);
  add_dot (dialog, template, twice);
  add_dot (dialog, template, once);
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, "0 of 3 dots left"));
  save_ballot (dialog);
}

/* Hands per option, in the template's option order. */
static void
count_hands (GtkWidget  *step,
             CrTemplate *template,
             const int  *hands)
{
  GtkWidget *dialog = open_ballot (step, "Count Hands");
  int total = 0;
  g_autofree char *status = NULL;

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      GtkWidget *row = cr_test_ui_need (dialog, cr_test_ui_match_row_title, cr_template_get_option (template, o)->title);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (cr_test_ui_find (row, GTK_TYPE_SPIN_BUTTON)), hands[o]);
      total += hands[o];
    }
  status = g_strdup_printf ("%d hands in all", total);
  g_assert_nonnull (cr_test_ui_find_match (dialog, cr_test_ui_match_label_text, status));
  save_ballot (dialog);
}

/* Scores every criterion of each option with scores[option]. */
static void
vote_score (GtkWidget        *step,
            CrTemplate       *template,
            const CrQuestion *question,
            const char       *who,
            const int        *scores)
{
  GtkWidget *dialog = open_ballot (step, who);

  for (guint o = 0; o < cr_template_get_n_options (template); o++)
    {
      g_autofree char *text = g_strdup_printf ("%d", scores[o]);
      GtkWidget *group = cr_test_ui_need (dialog, cr_test_ui_match_group_title, cr_template_get_option (template, o)->title);

      for (guint c = 0; c < question->criteria->len; c++)
        {
          const CrCriterion *criterion = g_ptr_array_index (question->criteria, c);
          GtkWidget *row = cr_test_ui_need (group, cr_test_ui_match_row_title, criterion->label);

          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cr_test_ui_need (row, cr_test_ui_match_button_label, text)), TRUE);
        }
    }
  save_ballot (dialog);
}

typedef struct
{
  CrWorkshop *workshop;
  const char *question;
  guint       n_rounds;
  gboolean    revealed;
} RoundWait;

/* The latest round of the question in the window's workshop. */
static gboolean
latest_round_is (gpointer data)
{
  const RoundWait *wait = data;
  CrRound *round = cr_workshop_find_latest_round (wait->workshop, wait->question, FALSE);

  return round != NULL && cr_round_get_number (round) == wait->n_rounds &&
         cr_round_get_revealed (round) == wait->revealed;
}

static void
wait_for_round (CrWorkshop *workshop,
                const char *question,
                guint       n_rounds,
                gboolean    revealed)
{
  RoundWait wait = { workshop, question, n_rounds, revealed };
  g_autofree char *what = g_strdup_printf ("round %u of '%s'%s", n_rounds, question,
                                           revealed ? " revealed" : " open");

  cr_test_ui_wait_until (latest_round_is, &wait, what);
  cr_test_ui_settle ();
}

/* Opens round @number of the question with the step's @button. */
static void
open_round (GtkWidget  *step,
            CrWorkshop *workshop,
            const char *question,
            const char *button,
            guint       number)
{
  press (cr_test_ui_need (step, cr_test_ui_match_button_label, button));
  wait_for_round (workshop, question, number, FALSE);
}

static void
reveal (GtkWidget  *step,
        CrWorkshop *workshop,
        const char *question)
{
  CrRound *round = cr_workshop_find_latest_round (workshop, question, FALSE);

  press (cr_test_ui_need (step, cr_test_ui_match_button_label, "_Reveal Results"));
  wait_for_round (workshop, question, cr_round_get_number (round), TRUE);
}

/* ---- Checking the database ----------------------------------------------- */

static guint
count_rounds (CrWorkshop *workshop,
              const char *question)
{
  GListModel *rounds = cr_workshop_get_rounds (workshop);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (rounds, i);

      n += g_strcmp0 (cr_round_get_question (round), question) == 0;
    }
  return n;
}

/* The sum of the values @participant_id gave @option in the round (-1: any
 * participant but the show of hands), and the number of vote rows. */
static int
sum_votes (CrRound    *round,
           gint64      participant_id,
           const char *option,
           guint      *n_rows)
{
  guint n_votes, rows = 0;
  const CrVote *votes = cr_round_get_votes (round, &n_votes);
  int sum = 0;

  for (guint i = 0; i < n_votes; i++)
    {
      gboolean who = participant_id < 0 ? votes[i].participant_id != 0
                                        : votes[i].participant_id == participant_id;

      if (who && (option == NULL || g_strcmp0 (votes[i].option, option) == 0))
        {
          sum += votes[i].value;
          rows++;
        }
    }
  if (n_rows != NULL)
    *n_rows = rows;
  return sum;
}

static CrParticipant *
participant_at (CrWorkshop *workshop,
                guint       i)
{
  CrParticipant *participant = g_list_model_get_item (cr_workshop_get_participants (workshop), i);

  g_assert_nonnull (participant);
  g_object_unref (participant);  /* the workshop keeps it */
  return participant;
}

static void
assert_context_text (CrWorkshop *workshop,
                     const char *id,
                     const char *text)
{
  const CrContextValue *value = cr_workshop_get_context (workshop, id);

  g_assert_nonnull (value);
  g_assert_false (value->is_number);
  g_assert_cmpstr (value->text, ==, text);
}

static CrNote *
note_with_text (CrWorkshop *workshop,
                const char *text)
{
  GListModel *notes = cr_workshop_get_notes (workshop);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (notes, i);

      if (g_strcmp0 (cr_note_get_text (note), text) == 0)
        return note;
    }
  g_error ("no note '%s'", text);
  return NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("the export does not contain '%s':\n%s", needle, haystack);
}

/* ---- Export -------------------------------------------------------------- */

typedef struct
{
  CrStepExport *step;
  const char   *path;
} ExportWait;

static gboolean
export_is_done (gpointer data)
{
  const ExportWait *wait = data;

  return !cr_step_export_get_busy (wait->step) && g_file_test (wait->path, G_FILE_TEST_EXISTS);
}

static void
export_to (CrStepExport   *step,
           CrExportFormat  format,
           const char     *path)
{
  ExportWait wait = { step, path };

  g_assert_false (cr_step_export_get_busy (step));
  cr_step_export_export_to_path (step, format, path);
  cr_test_ui_wait_until (export_is_done, &wait, path);
  cr_test_ui_settle ();
}

/* ---- The test ------------------------------------------------------------ */

static void
destroy_and_finalize (CrWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cr_test_ui_settle ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_null (gtk_application_get_windows (app));
  /* GTK and the application have let go: the test's reference is the last. */
  g_assert_finalize_object (window);
}

static void
test_workshop_flow (void)
{
  g_autoptr(CrStore) store = cr_test_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrTemplate) template = cr_template_lookup_builtin ("people-product-models", &error);
  g_autoptr(CrWorkshop) fresh = NULL;
  g_autofree char *dir = cr_test_make_tmpdir ();
  g_autofree char *md_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *pdf = NULL;
  const CrQuestion *fit_question;
  const char *hr = "hr-as-a-service", *projects = "projects-as-products", *px = "px-as-a-product";
  /* Show of hands in round 1 of "current", in option order: hr, projects, px. */
  const int hands[] = { 4, 2, 0 };
  /* Ana's scores for "fit", the same on every criterion of an option. */
  const int scores[] = { 2, 4, 5 };
  CrWindow *window;
  CrWorkshop *workshop;
  CrWorkshopPage *page;
  GtkWidget *step, *dialog;
  gint64 workshop_id, ana, ben, seat;
  gsize pdf_length;
  guint rows;

  g_assert_no_error (error);
  fit_question = cr_template_find_question (template, "fit");
  g_assert_nonnull (fit_question);

  window = g_object_ref (cr_window_new (app, store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cr_test_ui_wait_until (is_mapped, window, "the window to be mapped");
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "empty");

  /* 1. New workshop, from the empty library's Ctrl+N. */
  g_assert_true (gtk_widget_activate_action (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_LIBRARY_PAGE),
                                             "library.new", NULL));
  cr_test_ui_wait_until (toplevel_is_open, GSIZE_TO_POINTER (CR_TYPE_NEW_WORKSHOP_DIALOG), "the new-workshop dialog");
  dialog = find_toplevel (CR_TYPE_NEW_WORKSHOP_DIALOG);
  choose (cr_test_ui_find (dialog, ADW_TYPE_COMBO_ROW), cr_template_get_title (template));
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_need (dialog, cr_test_ui_match_row_title, "Organisation")), ORGANISATION);
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_need (dialog, cr_test_ui_match_row_title, "Title")), TITLE);
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_need (dialog, cr_test_ui_match_row_title, "Date (YYYY-MM-DD)")), "2025-03-14");
  gtk_editable_set_text (GTK_EDITABLE (cr_test_ui_need (dialog, cr_test_ui_match_row_title, "Facilitator")), "Sam Rivera");
  g_assert_true (cr_new_workshop_dialog_can_create (CR_NEW_WORKSHOP_DIALOG (dialog)));
  press (cr_test_ui_need (dialog, cr_test_ui_match_button_label, "C_reate"));
  cr_test_ui_wait_until (toplevel_is_gone, GSIZE_TO_POINTER (CR_TYPE_NEW_WORKSHOP_DIALOG), "the dialog to close");
  cr_test_ui_wait_until (is_mapped, cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE), "the workshop page");
  g_assert_cmpstr (cr_window_get_visible_page (window), ==, "workshop");
  workshop = cr_window_get_workshop (window);
  g_assert_nonnull (workshop);
  workshop_id = cr_workshop_get_id (workshop);
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "workshops"), ==, 1);
  page = CR_WORKSHOP_PAGE (cr_test_ui_find (GTK_WIDGET (window), CR_TYPE_WORKSHOP_PAGE));
  g_assert_cmpstr (cr_workshop_page_get_step_id (page), ==, "setup");
  step = cr_workshop_page_get_step_widget (page, "setup");
  cr_test_ui_wait_until (is_mapped, step, "the set-up step");

  /* 2. Set-up: a named participant by Enter, one pasted, anonymous seats. */
  gtk_editable_set_text (GTK_EDITABLE (named (step, "add-name")), "Ana Lima");
  gtk_editable_set_text (GTK_EDITABLE (named (step, "add-role")), "Chief People Officer");
  press_enter (named (step, "add-name"));
  wait_for_rows (store, "participants", 1);

  press (named (step, "paste"));
  cr_test_ui_wait_until (named_toplevel_is_open, (gpointer) "paste-dialog", "the paste dialog");
  dialog = find_toplevel_named ("paste-dialog");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (dialog, "paste-text"))),
                            "Ben Okafor, CFO\n", -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (dialog, "paste-preview"))), ==, "1 participant");
  press (named (dialog, "paste-add"));
  cr_test_ui_wait_until (named_toplevel_is_gone, (gpointer) "paste-dialog", "the paste dialog to close");
  wait_for_rows (store, "participants", 2);

  /* Six anonymous seats: the two named vote by ballot, the room by hands,
   * and hands count only the people without a ballot. */
  for (guint i = 0; i < 6; i++)
    {
      press (named (step, "add-seat"));
      wait_for_rows (store, "participants", 3 + i);
    }

  /* 3. Context. */
  step = next_step (page, "context");
  {
    GtkWidget *headcount = named (step, "headcount");

    gtk_editable_set_text (GTK_EDITABLE (headcount), "1200");
    g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (headcount)), "activate");
  }
  choose (named (step, "stage"), "Enterprise");
  choose (named (step, "positioning"), "A support function");
  choose (named (step, "team_makeup"), "Specialists in separate teams");
  choose (named (step, "leader_mindset"), "Procurement-led: buy and administer services");
  wait_for_rows (store, "context_answers", 5);

  /* 4. Canvas: one note in each lane kind, each under another option. */
  step = next_step (page, "canvas");
  {
    struct { const char *option, *kind, *text; } notes[] = {
      { hr, "strength", STRENGTH },
      { projects, "risk", RISK },
      { px, "question", QUESTION },
    };

    for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
      {
        g_autofree char *name = g_strdup_printf ("add:%s:%s", notes[i].option, notes[i].kind);
        GtkWidget *entry_row = named (step, name);

        gtk_widget_grab_focus (entry_row);
        gtk_editable_set_text (GTK_EDITABLE (entry_row), notes[i].text);
        g_signal_emit_by_name (cr_test_ui_find (entry_row, GTK_TYPE_TEXT), "activate");
        wait_for_rows (store, "notes", i + 1);
        /* Ready for the next note: the entry is empty again. */
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "");
      }
  }

  /* 5a. Where are we now (one choice): two ballots and a show of hands,
   * reveal, then after discussion a second round. */
  step = next_step (page, "vote-current");
  open_round (step, workshop, "current", "_Open Round", 1);
  vote_single (step, template, "Ana Lima", px);
  vote_single (step, template, "Ben Okafor", hr);
  count_hands (step, template, hands);
  g_assert_nonnull (cr_test_ui_find_match (step, match_shown_label_with, "2 of 8 participants have voted"));
  reveal (step, workshop, "current");
  open_round (step, workshop, "current", "_Start Another Round", 2);
  vote_single (step, template, "Ana Lima", projects);
  vote_single (step, template, "Ben Okafor", projects);
  reveal (step, workshop, "current");

  /* 5b. Where should we go (dots, a budget of 3 each). */
  step = next_step (page, "vote-target");
  open_round (step, workshop, "target", "_Open Round", 1);
  vote_dots (step, template, "Ana Lima", px, projects);
  vote_dots (step, template, "Ben Okafor", projects, hr);
  reveal (step, workshop, "target");

  /* 5c. Fit (a score per criterion): one participant scores. */
  step = next_step (page, "vote-fit");
  open_round (step, workshop, "fit", "_Open Round", 1);
  vote_score (step, template, fit_question, "Ana Lima", scores);
  reveal (step, workshop, "fit");

  /* 6. Through results and recommendation to the actions. */
  next_step (page, "results");
  next_step (page, "recommendation");
  step = next_step (page, "actions");
  gtk_editable_set_text (GTK_EDITABLE (named (step, "add-text")), ACTION_TEXT);
  gtk_editable_set_text (GTK_EDITABLE (named (step, "add-owner")), ACTION_OWNER);
  gtk_editable_set_text (GTK_EDITABLE (named (step, "add-due")), ACTION_DUE);
  press (named (step, "add-action"));
  wait_for_rows (store, "actions", 1);

  /* 7. Export. */
  step = next_step (page, "export");
  export_to (CR_STEP_EXPORT (step), CR_EXPORT_MARKDOWN, md_path);
  export_to (CR_STEP_EXPORT (step), CR_EXPORT_PDF, pdf_path);

  /* ---- What the database holds, read afresh ---- */
  fresh = cr_workshop_load (store, workshop_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_workshop_get_title (fresh), ==, TITLE);
  g_assert_cmpstr (cr_workshop_get_organisation (fresh), ==, ORGANISATION);
  g_assert_cmpstr (cr_workshop_get_facilitator (fresh), ==, "Sam Rivera");
  g_assert_cmpstr (cr_workshop_get_date (fresh), ==, "2025-03-14");
  g_assert_cmpstr (cr_template_get_id (cr_workshop_get_template (fresh)), ==, "people-product-models");

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_participants (fresh)), ==, 8);
  g_assert_cmpstr (cr_participant_get_name (participant_at (fresh, 0)), ==, "Ana Lima");
  g_assert_cmpstr (cr_participant_get_role (participant_at (fresh, 0)), ==, "Chief People Officer");
  g_assert_cmpstr (cr_participant_get_name (participant_at (fresh, 1)), ==, "Ben Okafor");
  g_assert_cmpstr (cr_participant_get_role (participant_at (fresh, 1)), ==, "CFO");
  g_assert_null (cr_participant_get_name (participant_at (fresh, 2)));
  ana = cr_participant_get_id (participant_at (fresh, 0));
  ben = cr_participant_get_id (participant_at (fresh, 1));
  seat = cr_participant_get_id (participant_at (fresh, 2));

  {
    const CrContextValue *headcount = cr_workshop_get_context (fresh, "headcount");

    g_assert_nonnull (headcount);
    g_assert_true (headcount->is_number);
    g_assert_cmpfloat (headcount->number, ==, 1200);
  }
  assert_context_text (fresh, "stage", "enterprise");
  assert_context_text (fresh, "positioning", "support");
  assert_context_text (fresh, "team_makeup", "siloed-specialists");
  assert_context_text (fresh, "leader_mindset", "procurement");
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "context_answers"), ==, 5);

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_notes (fresh)), ==, 3);
  g_assert_cmpstr (cr_note_get_option (note_with_text (fresh, STRENGTH)), ==, hr);
  g_assert_cmpint (cr_note_get_kind (note_with_text (fresh, STRENGTH)), ==, CR_NOTE_STRENGTH);
  g_assert_cmpstr (cr_note_get_option (note_with_text (fresh, RISK)), ==, projects);
  g_assert_cmpint (cr_note_get_kind (note_with_text (fresh, RISK)), ==, CR_NOTE_RISK);
  g_assert_cmpstr (cr_note_get_option (note_with_text (fresh, QUESTION)), ==, px);
  g_assert_cmpint (cr_note_get_kind (note_with_text (fresh, QUESTION)), ==, CR_NOTE_QUESTION);

  /* Rounds: current twice, target and fit once, every one revealed. */
  g_assert_cmpint (cr_test_count_rows (cr_store_get_path (store), "rounds"), ==, 4);
  g_assert_cmpuint (count_rounds (fresh, "current"), ==, 2);
  g_assert_cmpuint (count_rounds (fresh, "target"), ==, 1);
  g_assert_cmpuint (count_rounds (fresh, "fit"), ==, 1);
  g_assert_true (cr_round_get_revealed (cr_test_find_round (fresh, "current", 1)));
  g_assert_true (cr_round_get_revealed (cr_test_find_round (fresh, "current", 2)));
  g_assert_true (cr_round_get_revealed (cr_test_find_round (fresh, "target", 1)));
  g_assert_true (cr_round_get_revealed (cr_test_find_round (fresh, "fit", 1)));

  /* current, round 1: Ana px, Ben hr, hands hr 4 and projects 2 (none for px). */
  {
    CrRound *round = cr_test_find_round (fresh, "current", 1);

    g_assert_cmpint (sum_votes (round, ana, px, &rows), ==, 1);
    g_assert_cmpuint (rows, ==, 1);
    sum_votes (round, ana, NULL, &rows);
    g_assert_cmpuint (rows, ==, 1);
    g_assert_cmpint (sum_votes (round, ben, hr, &rows), ==, 1);
    sum_votes (round, ben, NULL, &rows);
    g_assert_cmpuint (rows, ==, 1);
    sum_votes (round, seat, NULL, &rows);
    g_assert_cmpuint (rows, ==, 0);
    g_assert_cmpint (sum_votes (round, 0, hr, NULL), ==, 4);
    g_assert_cmpint (sum_votes (round, 0, projects, NULL), ==, 2);
    g_assert_cmpint (sum_votes (round, 0, NULL, &rows), ==, 6);
    g_assert_cmpuint (rows, ==, 2);
  }
  /* current, round 2: both on projects, no hands. */
  {
    CrRound *round = cr_test_find_round (fresh, "current", 2);

    g_assert_cmpint (sum_votes (round, ana, projects, NULL), ==, 1);
    g_assert_cmpint (sum_votes (round, ben, projects, NULL), ==, 1);
    sum_votes (round, -1, NULL, &rows);
    g_assert_cmpuint (rows, ==, 2);
    sum_votes (round, 0, NULL, &rows);
    g_assert_cmpuint (rows, ==, 0);
  }
  /* target: Ana px 2 + projects 1, Ben projects 2 + hr 1. */
  {
    CrRound *round = cr_test_find_round (fresh, "target", 1);

    g_assert_cmpint (sum_votes (round, ana, px, NULL), ==, 2);
    g_assert_cmpint (sum_votes (round, ana, projects, NULL), ==, 1);
    g_assert_cmpint (sum_votes (round, ana, NULL, NULL), ==, 3);
    g_assert_cmpint (sum_votes (round, ben, projects, NULL), ==, 2);
    g_assert_cmpint (sum_votes (round, ben, hr, NULL), ==, 1);
    g_assert_cmpint (sum_votes (round, ben, NULL, NULL), ==, 3);
    sum_votes (round, 0, NULL, &rows);
    g_assert_cmpuint (rows, ==, 0);
  }
  /* fit: Ana alone, every criterion of every option. */
  {
    CrRound *round = cr_test_find_round (fresh, "fit", 1);
    guint n_cells = cr_template_get_n_options (template) * fit_question->criteria->len;

    sum_votes (round, ana, NULL, &rows);
    g_assert_cmpuint (rows, ==, n_cells);
    sum_votes (round, ben, NULL, &rows);
    g_assert_cmpuint (rows, ==, 0);
    g_assert_cmpint (sum_votes (round, ana, hr, NULL), ==, 2 * (int) fit_question->criteria->len);
    g_assert_cmpint (sum_votes (round, ana, projects, NULL), ==, 4 * (int) fit_question->criteria->len);
    g_assert_cmpint (sum_votes (round, ana, px, NULL), ==, 5 * (int) fit_question->criteria->len);
  }

  g_assert_cmpuint (g_list_model_get_n_items (cr_workshop_get_actions (fresh)), ==, 1);
  {
    g_autoptr(CrAction) action = g_list_model_get_item (cr_workshop_get_actions (fresh), 0);

    g_assert_cmpstr (cr_action_get_text (action), ==, ACTION_TEXT);
    g_assert_cmpstr (cr_action_get_owner (action), ==, ACTION_OWNER);
    g_assert_cmpstr (cr_action_get_due (action), ==, ACTION_DUE);
  }

  /* ---- What the exported files say ---- */
  g_assert_true (g_file_get_contents (md_path, &markdown, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (markdown, -1, NULL));
  assert_contains (markdown, ORGANISATION);
  assert_contains (markdown, TITLE);
  assert_contains (markdown, STRENGTH);
  assert_contains (markdown, RISK);
  assert_contains (markdown, QUESTION);
  /* The tallies, counted by hand from the ballots above. current, round 1:
   * hr 1 + 4 hands = 5, projects 2 hands, px 1, of 8. */
  assert_contains (markdown, "Show of hands counted: 6.");
  assert_contains (markdown, "| Productised HR as a Service | 5 | 62.5 % |");
  assert_contains (markdown, "| Projects and Programmes as Products | 2 | 25.0 % |");
  assert_contains (markdown, "| People Experience as a Product | 1 | 12.5 % |");
  /* Round 2: both on projects. */
  assert_contains (markdown, "| Projects and Programmes as Products | 2 | 100.0 % |");
  /* ...and what changed: hr lost 5 votes and 62.5 points, projects gained 75 points. */
  assert_contains (markdown, "| Productised HR as a Service | -62.5 | -5 |");
  assert_contains (markdown, "| Projects and Programmes as Products | +75.0 | 0 |");
  /* target: projects 1 + 2 = 3 dots, px 2, hr 1, of 6. */
  assert_contains (markdown, "| Projects and Programmes as Products | 3 | 50.0 % |");
  assert_contains (markdown, "| People Experience as a Product | 2 | 33.3 % |");
  assert_contains (markdown, "| Productised HR as a Service | 1 | 16.7 % |");
  /* fit: one scorer, so every mean is the score given and the spread 0. */
  assert_contains (markdown, "| People Experience as a Product | 5.0 \u00b1 0.0 |");
  assert_contains (markdown, "| Projects and Programmes as Products | 4.0 \u00b1 0.0 |");
  assert_contains (markdown, "| Productised HR as a Service | 2.0 \u00b1 0.0 |");
  assert_contains (markdown, "| " ACTION_TEXT " | " ACTION_OWNER " | " ACTION_DUE " |");

  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  destroy_and_finalize (window);
  g_clear_object (&fresh);
  g_remove (md_path);
  g_remove (pdf_path);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = cr_test_ui_init (&argc, &argv);

  g_test_add_func ("/workshop-flow/whole-workshop", test_workshop_flow);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
