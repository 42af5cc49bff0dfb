/* cr-workshop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cr-workshop.h"
#include "cr-workshop-private.h"

struct _CrWorkshop
{
  GObject     parent_instance;

  CrStore    *store;
  CrTemplate *template;
  gint64      id;
  gint64      rerun_of;
  char       *title;
  char       *organisation;
  char       *facilitator;
  char       *date;
  char       *function_name;

  GHashTable *context;        /* field id -> CrContextValue* */
  GListStore *participants;
  GListStore *notes;
  GListStore *rounds;
  GListStore *actions;
};

G_DEFINE_FINAL_TYPE (CrWorkshop, cr_workshop, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_FACILITATOR,
  PROP_DATE,
  PROP_FUNCTION_NAME,
  N_PROPS
};

enum {
  CONTEXT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Context values                                                          */

void
cr_context_value_free (CrContextValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_free (value);
}

CrContextValue *
cr_context_value_copy (const CrContextValue *value)
{
  CrContextValue *copy;

  g_return_val_if_fail (value != NULL, NULL);

  copy = g_new0 (CrContextValue, 1);
  copy->is_number = value->is_number;
  copy->number = value->number;
  copy->text = g_strdup (value->text);
  return copy;
}

/* ---------------------------------------------------------------------- */
/* Dates                                                                   */

gboolean
cr_date_is_valid (const char *date)
{
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (date, NULL, 10);
  m = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ---------------------------------------------------------------------- */
/* Row-level writes                                                        */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static gint64
insert_returning_id (CrStore       *store,
                     sqlite3_stmt  *stmt,
                     const char    *doing,
                     GError       **error)
{
  if (!cr_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cr_store_get_db (store));
}

gint64
_cr_store_insert_workshop (CrStore     *store,
                           const char  *title,
                           const char  *organisation,
                           const char  *facilitator,
                           const char  *date,
                           const char  *function_name,
                           const char  *template_id,
                           const char  *template_json,
                           gint64       rerun_of,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO workshops (title, organisation, facilitator, date,"
                           " function_name, template_id, template_json, rerun_of)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, facilitator ? facilitator : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, function_name ? function_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, template_id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 7, template_json);
  bind_id_or_null (stmt, 8, rerun_of);
  return insert_returning_id (store, stmt, _("saving the workshop"), error);
}

static void
bind_context_value (sqlite3_stmt         *stmt,
                    int                   index,
                    const CrContextValue *value)
{
  /* The column has no type affinity: numbers stay numbers, text stays text. */
  if (!value->is_number)
    sqlite3_bind_text (stmt, index, value->text ? value->text : "", -1, SQLITE_TRANSIENT);
  else if (value->number == floor (value->number) && fabs (value->number) < 9.0e15)
    sqlite3_bind_int64 (stmt, index, (gint64) value->number);
  else
    sqlite3_bind_double (stmt, index, value->number);
}

gboolean
_cr_store_insert_context (CrStore               *store,
                          gint64                 workshop_id,
                          const char            *field_id,
                          const CrContextValue  *value,
                          GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT OR REPLACE INTO context_answers (workshop_id, field, value)"
                           " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, field_id, -1, SQLITE_TRANSIENT);
  bind_context_value (stmt, 3, value);
  return cr_store_step_done (store, stmt, error);
}

gint64
_cr_store_insert_participant (CrStore     *store,
                              gint64       workshop_id,
                              const char  *key,
                              const char  *name,
                              const char  *role,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO participants (workshop_id, key, name, role)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, name);
  sqlite3_bind_text (stmt, 4, role ? role : "", -1, SQLITE_TRANSIENT);
  return insert_returning_id (store, stmt, _("saving a participant"), error);
}

gint64
_cr_store_insert_note (CrStore     *store,
                       gint64       workshop_id,
                       const char  *option_id,
                       CrNoteKind   kind,
                       const char  *text,
                       gint64       participant_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO notes (workshop_id, option, kind, text, participant_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, option_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cr_note_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 5, participant_id);
  return insert_returning_id (store, stmt, _("saving a note"), error);
}

gint64
_cr_store_insert_round (CrStore     *store,
                        gint64       workshop_id,
                        const char  *question_id,
                        guint        number,
                        gboolean     revealed,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO rounds (workshop_id, question, number, revealed)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, question_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, number);
  sqlite3_bind_int (stmt, 4, revealed ? 1 : 0);
  return insert_returning_id (store, stmt, _("opening a round"), error);
}

gboolean
_cr_store_insert_vote (CrStore       *store,
                       gint64         round_id,
                       const CrVote  *vote,
                       GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO votes (round_id, participant_id, option, criterion, value)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  bind_id_or_null (stmt, 2, vote->participant_id);
  sqlite3_bind_text (stmt, 3, vote->option, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, vote->criterion);
  sqlite3_bind_int (stmt, 5, vote->value);
  return cr_store_step_done (store, stmt, error);
}

gint64
_cr_store_insert_action (CrStore     *store,
                         gint64       workshop_id,
                         const char  *text,
                         const char  *owner,
                         const char  *due,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cr_store_prepare (store,
                           "INSERT INTO actions (workshop_id, text, owner, due)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner ? owner : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, due);
  return insert_returning_id (store, stmt, _("saving an action"), error);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
cr_workshop_finalize (GObject *object)
{
  CrWorkshop *self = (CrWorkshop *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->template);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->facilitator, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->function_name, g_free);
  g_clear_pointer (&self->context, g_hash_table_unref);
  g_clear_object (&self->participants);
  g_clear_object (&self->notes);
  g_clear_object (&self->rounds);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (cr_workshop_parent_class)->finalize (object);
}

static void
cr_workshop_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrWorkshop *self = CR_WORKSHOP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case PROP_FACILITATOR:
      g_value_set_string (value, self->facilitator);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_FUNCTION_NAME:
      g_value_set_string (value, self->function_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_workshop_class_init (CrWorkshopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_workshop_finalize;
  object_class->get_property = cr_workshop_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACILITATOR] =
    g_param_spec_string ("facilitator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FUNCTION_NAME] =
    g_param_spec_string ("function-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrWorkshop::context-changed:
   * @field_id: the context field whose answer changed
   */
  signals[CONTEXT_CHANGED] =
    g_signal_new ("context-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cr_workshop_init (CrWorkshop *self)
{
  self->context = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cr_context_value_free);
  self->participants = g_list_store_new (CR_TYPE_PARTICIPANT);
  self->notes = g_list_store_new (CR_TYPE_NOTE);
  self->rounds = g_list_store_new (CR_TYPE_ROUND);
  self->actions = g_list_store_new (CR_TYPE_ACTION);
}

/* ---------------------------------------------------------------------- */
/* Checks shared by every writer                                           */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CR_STORE_ERROR, CR_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
check_details (const char  *title,
               const char  *organisation,
               const char  *date,
               GError     **error)
{
  if (title == NULL || !g_utf8_validate (title, -1, NULL) || title[strspn (title, " \t\r\n")] == '\0')
    return invalid (error, "%s", _("A workshop needs a title."));
  if (organisation == NULL || !g_utf8_validate (organisation, -1, NULL))
    return invalid (error, "%s", _("The organisation must be text."));
  if (!cr_date_is_valid (date))
    return invalid (error,
                    /* Translators: %s is what the user typed */
                    _("'%s' is not a real date; write it as YYYY-MM-DD."),
                    date ? date : "");
  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error,
                    /* Translators: %s is a field, e.g. "the note" */
                    _("%s must be valid UTF-8 text."), what);
  return TRUE;
}

gboolean
cr_votes_check (CrTemplate        *template,
                const CrQuestion  *question,
                gboolean           show_of_hands,
                const CrVote      *votes,
                guint              n_votes,
                guint             *bad_index,
                GError           **error)
{
  gboolean has_criteria;
  gint64 dots = 0;
  guint dummy;

  g_return_val_if_fail (CR_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (bad_index == NULL)
    bad_index = &dummy;
  *bad_index = n_votes;

  has_criteria = question->method == CR_METHOD_SCORE &&
                 question->criteria != NULL && question->criteria->len > 0;

  if (show_of_hands && question->method == CR_METHOD_SCORE)
    return invalid (error,
                    /* Translators: %s is a question id */
                    _("question '%s' is scored per participant; a show of hands cannot record scores"),
                    question->id);

  for (guint i = 0; i < n_votes; i++)
    {
      const CrVote *vote = &votes[i];

      *bad_index = i;

      if (vote->option == NULL || cr_template_find_option (template, vote->option) == NULL)
        return invalid (error,
                        /* Translators: first %s is an option id, second a template id */
                        _("'%s' is not an option of template '%s'"),
                        vote->option ? vote->option : "", cr_template_get_id (template));

      if (has_criteria)
        {
          if (vote->criterion == NULL)
            return invalid (error,
                            /* Translators: %s is a question id */
                            _("question '%s' is scored per criterion; the vote names none"),
                            question->id);
          if (cr_question_find_criterion (question, vote->criterion) == NULL)
            return invalid (error,
                            /* Translators: first %s is a criterion id, second a question id */
                            _("'%s' is not a criterion of question '%s'"),
                            vote->criterion, question->id);
        }
      else if (vote->criterion != NULL)
        return invalid (error,
                        /* Translators: %s is a question id */
                        _("question '%s' has no criteria; the vote must not name one"),
                        question->id);

      switch (question->method)
        {
        case CR_METHOD_SINGLE:
          if (show_of_hands ? vote->value < 0 : vote->value != 1)
            return invalid (error, "%s", show_of_hands
                            ? _("a count of hands cannot be negative")
                            : _("a single-choice vote has the value 1"));
          break;

        case CR_METHOD_DOTS:
          if (vote->value < (show_of_hands ? 0 : 1))
            return invalid (error, "%s", show_of_hands
                            ? _("a count of hands cannot be negative")
                            : _("a participant places at least one dot on an option"));
          dots += vote->value;
          break;

        case CR_METHOD_SCORE:
          if (vote->value < question->scale_min || vote->value > question->scale_max)
            return invalid (error,
                            /* Translators: %d are numbers: the score given and the scale */
                            _("the score %d is outside the scale %d to %d"),
                            vote->value, question->scale_min, question->scale_max);
          break;

        default:
          g_assert_not_reached ();
        }

      /* Nobody chooses the same thing twice: one entry per option (and criterion). */
      if (question->method != CR_METHOD_DOTS || show_of_hands)
        for (guint j = 0; j < i; j++)
          if (votes[j].option == vote->option || g_strcmp0 (votes[j].option, vote->option) == 0)
            if (g_strcmp0 (votes[j].criterion, vote->criterion) == 0)
              {
                if (question->method == CR_METHOD_SCORE)
                  return invalid (error,
                                  /* Translators: first %s an option id, second a criterion id or "-" */
                                  _("a second score for option '%s' and criterion '%s' from the same participant"),
                                  vote->option, vote->criterion ? vote->criterion : "-");
                return invalid (error,
                                /* Translators: %s is an option id */
                                _("option '%s' appears twice"), vote->option);
              }

      if (question->method == CR_METHOD_SINGLE && !show_of_hands && i > 0)
        return invalid (error, "%s",
                        _("more than one vote from the same participant in a single-choice round"));
    }

  if (question->method == CR_METHOD_DOTS && !show_of_hands && dots > question->budget)
    {
      *bad_index = n_votes;
      return invalid (error,
                      /* Translators: %d are numbers of dots */
                      _("the participant's dots add up to %d, over the budget of %d"),
                      (int) dots, question->budget);
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

static gboolean
load_rows (CrWorkshop  *self,
           GError     **error)
{
  CrStore *store = self->store;
  sqlite3_stmt *stmt;
  int rc;
  guint seat = 0;

  stmt = cr_store_prepare (store, "SELECT field, value FROM context_answers WHERE workshop_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrContextValue *value = g_new0 (CrContextValue, 1);

      if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        value->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      else
        {
          value->is_number = TRUE;
          value->number = sqlite3_column_double (stmt, 1);
        }
      g_hash_table_insert (self->context, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), value);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, key, name, role FROM participants WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrParticipant) p =
        _cr_participant_new (sqlite3_column_int64 (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2),
                             (const char *) sqlite3_column_text (stmt, 3),
                             ++seat);
      g_list_store_append (self->participants, p);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, option, kind, text, participant_id FROM notes WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrNoteKind kind = CR_NOTE_STRENGTH;
      g_autoptr(CrNote) note = NULL;

      cr_note_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      note = _cr_note_new (sqlite3_column_int64 (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1),
                           kind,
                           (const char *) sqlite3_column_text (stmt, 3),
                           sqlite3_column_int64 (stmt, 4));
      g_list_store_append (self->notes, note);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store, "SELECT id, question, number, revealed FROM rounds WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrRound) round = _cr_round_new (sqlite3_column_int64 (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (guint) sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int (stmt, 3) != 0);
      g_list_store_append (self->rounds, round);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = cr_store_prepare (store,
                           "SELECT v.round_id, v.participant_id, v.option, v.criterion, v.value"
                           " FROM votes v JOIN rounds r ON r.id = v.round_id"
                           " WHERE r.workshop_id = ?1 ORDER BY v.round_id, v.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  {
    CrRound *current = NULL;
    guint next = 0, n_rounds = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 round_id = sqlite3_column_int64 (stmt, 0);
        CrVote vote;

        /* Rounds and votes both come in id order, so one pass pairs them. */
        while (current == NULL || cr_round_get_id (current) != round_id)
          {
            g_clear_object (&current);
            if (next >= n_rounds)
              break;
            current = g_list_model_get_item (G_LIST_MODEL (self->rounds), next++);
          }
        if (current == NULL)
          break;

        vote.participant_id = sqlite3_column_int64 (stmt, 1);
        vote.option = (const char *) sqlite3_column_text (stmt, 2);
        vote.criterion = (const char *) sqlite3_column_text (stmt, 3);
        vote.value = sqlite3_column_int (stmt, 4);
        _cr_round_add_vote (current, &vote);
      }
    g_clear_object (&current);
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    goto fail;
  sqlite3_reset (stmt);

  stmt = cr_store_prepare (store, "SELECT id, text, owner, due FROM actions WHERE workshop_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrAction) action = _cr_action_new (sqlite3_column_int64 (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 1),
                                                   (const char *) sqlite3_column_text (stmt, 2),
                                                   (const char *) sqlite3_column_text (stmt, 3));
      g_list_store_append (self->actions, action);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  return TRUE;

fail:
  cr_store_set_error (store, error, _("reading the workshop"));
  sqlite3_reset (stmt);
  return FALSE;
}

CrWorkshop *
cr_workshop_load (CrStore     *store,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(CrWorkshop) self = NULL;
  g_autoptr(GError) template_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = cr_store_prepare (store,
                           "SELECT title, organisation, facilitator, date, function_name,"
                           " template_id, template_json, rerun_of FROM workshops WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   /* Translators: %lld is a workshop id */
                   _("There is no workshop with ID %lld; run crossroads --list to see them."),
                   (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      cr_store_set_error (store, error, _("reading the workshop"));
      sqlite3_reset (stmt);
      return NULL;
    }

  self = g_object_new (CR_TYPE_WORKSHOP, NULL);
  self->store = g_object_ref (store);
  self->id = id;
  self->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->facilitator = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  self->function_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->rerun_of = sqlite3_column_int64 (stmt, 7);

  if (sqlite3_column_type (stmt, 6) == SQLITE_TEXT)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_text (stmt, 6),
                                             sqlite3_column_bytes (stmt, 6));
      self->template = cr_template_new_from_bytes (bytes, &template_error);
    }
  else
    self->template = cr_template_lookup_builtin ((const char *) sqlite3_column_text (stmt, 5),
                                                 &template_error);
  sqlite3_reset (stmt);

  if (self->template == NULL)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_FAILED,
                   /* Translators: %s is the reason the template could not be read */
                   _("The workshop's template cannot be read: %s"),
                   template_error->message);
      return NULL;
    }

  if (!load_rows (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

CrWorkshop *
cr_workshop_create (CrStore     *store,
                    CrTemplate  *template,
                    const char  *title,
                    const char  *organisation,
                    const char  *facilitator,
                    const char  *date,
                    const char  *function_name,
                    GError     **error)
{
  g_autofree char *template_json = NULL;
  gint64 id;

  g_return_val_if_fail (CR_IS_STORE (store), NULL);
  g_return_val_if_fail (CR_IS_TEMPLATE (template), NULL);

  if (!check_details (title, organisation, date, error) ||
      !check_text (facilitator ? facilitator : "", _("The facilitator"), error) ||
      !check_text (function_name ? function_name : "", _("The function name"), error))
    return NULL;

  /* A custom template travels with the workshop, so it opens on any laptop. */
  if (!cr_template_is_builtin (template))
    template_json = json_to_string (cr_template_get_json (template), FALSE);

  if (!cr_store_begin (store, error))
    return NULL;
  id = _cr_store_insert_workshop (store, title, organisation, facilitator, date, function_name,
                                  cr_template_get_id (template), template_json, 0, error);
  if (id == 0 || !cr_store_commit (store, error))
    {
      cr_store_rollback (store);
      return NULL;
    }

  return cr_workshop_load (store, id, error);
}

gboolean
cr_workshop_delete (CrStore     *store,
                    gint64       id,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_STORE (store), FALSE);

  if (!cr_store_begin (store, error))
    return FALSE;
  stmt = cr_store_prepare (store, "DELETE FROM workshops WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cr_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (cr_store_get_db (store)) == 0)
    {
      g_set_error (error, CR_STORE_ERROR, CR_STORE_ERROR_NOT_FOUND,
                   _("There is no workshop with ID %lld; run crossroads --list to see them."),
                   (long long) id);
      goto fail;
    }
  return cr_store_commit (store, error);

fail:
  cr_store_rollback (store);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Getters                                                                 */

CrStore *
cr_workshop_get_store (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->store;
}

CrTemplate *
cr_workshop_get_template (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->template;
}

gint64
cr_workshop_get_id (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);
  return self->id;
}

const char *
cr_workshop_get_title (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->title;
}

const char *
cr_workshop_get_organisation (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->organisation;
}

const char *
cr_workshop_get_facilitator (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->facilitator;
}

const char *
cr_workshop_get_date (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->date;
}

const char *
cr_workshop_get_function_name (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->function_name;
}

gint64
cr_workshop_get_rerun_of (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), 0);
  return self->rerun_of;
}

GListModel *
cr_workshop_get_participants (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->participants);
}

GListModel *
cr_workshop_get_notes (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->notes);
}

GListModel *
cr_workshop_get_rounds (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

GListModel *
cr_workshop_get_actions (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return G_LIST_MODEL (self->actions);
}

GHashTable *
cr_workshop_get_context_table (CrWorkshop *self)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return self->context;
}

const CrContextValue *
cr_workshop_get_context (CrWorkshop *self,
                         const char *field_id)
{
  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  return g_hash_table_lookup (self->context, field_id);
}

static gboolean
find_in_store (GListStore *store,
               gpointer    item,
               guint      *position)
{
  return g_list_store_find (store, item, position);
}

CrParticipant *
cr_workshop_find_participant (CrWorkshop *self,
                              gint64      participant_id)
{
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      if (cr_participant_get_id (p) == participant_id)
        return p;  /* the list store holds the reference */
    }
  return NULL;
}

CrRound *
cr_workshop_find_latest_round (CrWorkshop *self,
                               const char *question_id,
                               gboolean    revealed_only)
{
  CrRound *best = NULL;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

      if (g_strcmp0 (cr_round_get_question (round), question_id) != 0)
        continue;
      if (revealed_only && !cr_round_get_revealed (round))
        continue;
      if (best == NULL || cr_round_get_number (round) > cr_round_get_number (best))
        best = round;
    }
  return best;
}

/* ---------------------------------------------------------------------- */
/* Changes                                                                 */

static void
replace_string (CrWorkshop  *self,
                char       **field,
                const char  *value,
                guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
cr_workshop_set_details (CrWorkshop  *self,
                         const char  *title,
                         const char  *organisation,
                         const char  *facilitator,
                         const char  *date,
                         const char  *function_name,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);

  facilitator = facilitator ? facilitator : "";
  function_name = function_name ? function_name : "";
  if (!check_details (title, organisation, date, error) ||
      !check_text (facilitator, _("The facilitator"), error) ||
      !check_text (function_name, _("The function name"), error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE workshops SET title = ?2, organisation = ?3, facilitator = ?4,"
                           " date = ?5, function_name = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, facilitator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, function_name, -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  replace_string (self, &self->title, title, PROP_TITLE);
  replace_string (self, &self->organisation, organisation, PROP_ORGANISATION);
  replace_string (self, &self->facilitator, facilitator, PROP_FACILITATOR);
  replace_string (self, &self->date, date, PROP_DATE);
  replace_string (self, &self->function_name, function_name, PROP_FUNCTION_NAME);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

static gboolean
check_context_value (CrWorkshop            *self,
                     const CrContextField  *field,
                     const CrContextValue  *value,
                     GError               **error)
{
  switch (field->kind)
    {
    case CR_CONTEXT_NUMBER:
      if (!value->is_number || !isfinite (value->number) || value->number < 0)
        return invalid (error,
                        /* Translators: %s is a field label */
                        _("%s must be a number of zero or more"), field->label);
      break;
    case CR_CONTEXT_SCALE:
      if (!value->is_number || value->number != floor (value->number) ||
          value->number < field->scale_min || value->number > field->scale_max)
        return invalid (error,
                        /* Translators: %s is a field label, %d the ends of its scale */
                        _("%s must be a whole number from %d to %d"),
                        field->label, field->scale_min, field->scale_max);
      break;
    case CR_CONTEXT_CHOICE:
      if (value->is_number || cr_context_field_find_choice (field, value->text) == NULL)
        return invalid (error,
                        /* Translators: first %s is a value, second a field label */
                        _("'%s' is not one of the choices of %s"),
                        value->is_number ? "" : value->text, field->label);
      break;
    case CR_CONTEXT_TEXT:
      if (value->is_number)
        return invalid (error, _("%s must be text"), field->label);
      return check_text (value->text, field->label, error);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
cr_workshop_set_context (CrWorkshop            *self,
                         const char            *field_id,
                         const CrContextValue  *value,
                         GError               **error)
{
  const CrContextField *field;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);

  field = cr_template_find_context (self->template, field_id);
  if (field == NULL)
    return invalid (error,
                    /* Translators: first %s is a context field id, second a template id */
                    _("'%s' is not a context field of template '%s'"),
                    field_id, cr_template_get_id (self->template));
  if (value != NULL && !check_context_value (self, field, value, error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  if (value != NULL)
    {
      if (!_cr_store_insert_context (self->store, self->id, field_id, value, error))
        goto fail;
    }
  else
    {
      stmt = cr_store_prepare (self->store,
                               "DELETE FROM context_answers WHERE workshop_id = ?1 AND field = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_text (stmt, 2, field_id, -1, SQLITE_TRANSIENT);
      if (!cr_store_step_done (self->store, stmt, error))
        goto fail;
    }
  if (!cr_store_commit (self->store, error))
    goto fail;

  if (value != NULL)
    g_hash_table_replace (self->context, g_strdup (field_id), cr_context_value_copy (value));
  else
    g_hash_table_remove (self->context, field_id);
  g_signal_emit (self, signals[CONTEXT_CHANGED], 0, field_id);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

/* Keys are stable handles in bundles: "p1", "p2"... never reused in a workshop. */
static char *
next_participant_key (CrWorkshop *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  guint64 highest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      const char *key = cr_participant_get_key (p);
      guint64 number;

      if (key[0] == 'p' && g_ascii_string_to_unsigned (key + 1, 10, 0, G_MAXUINT32, &number, NULL))
        highest = MAX (highest, number);
    }
  return g_strdup_printf ("p%" G_GUINT64_FORMAT, highest + 1);
}

static const char *
empty_to_null (const char *name)
{
  return (name != NULL && name[0] != '\0') ? name : NULL;
}

CrParticipant *
cr_workshop_add_participant (CrWorkshop  *self,
                             const char  *name,
                             const char  *role,
                             GError     **error)
{
  g_autofree char *key = NULL;
  CrParticipant *participant;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  name = empty_to_null (name);
  if ((name != NULL && !check_text (name, _("The name"), error)) ||
      !check_text (role ? role : "", _("The role"), error))
    return NULL;

  key = next_participant_key (self);
  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_participant (self->store, self->id, key, name, role, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  participant = _cr_participant_new (id, key, name, role,
                                     g_list_model_get_n_items (G_LIST_MODEL (self->participants)) + 1);
  g_list_store_append (self->participants, participant);
  g_object_unref (participant);
  return participant;
}

gboolean
cr_workshop_update_participant (CrWorkshop     *self,
                                CrParticipant  *participant,
                                const char     *name,
                                const char     *role,
                                GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_PARTICIPANT (participant), FALSE);

  name = empty_to_null (name);
  if ((name != NULL && !check_text (name, _("The name"), error)) ||
      !check_text (role ? role : "", _("The role"), error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE participants SET name = ?2, role = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_participant_get_id (participant));
  bind_text_or_null (stmt, 2, name);
  sqlite3_bind_text (stmt, 3, role ? role : "", -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_participant_set (participant, name, role);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_remove_participant (CrWorkshop     *self,
                                CrParticipant  *participant,
                                GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  guint position, n;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_PARTICIPANT (participant), FALSE);

  if (!find_in_store (self->participants, participant, &position))
    return invalid (error, "%s", _("That participant is not part of this workshop."));

  id = cr_participant_get_id (participant);
  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store, "DELETE FROM participants WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  /* The database cascaded: their votes are gone, their notes stay unattributed. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);
      _cr_round_remove_votes (round, id);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->notes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes), i);
      if (cr_note_get_participant_id (note) == id)
        _cr_note_clear_participant (note);
    }
  g_list_store_remove (self->participants, position);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

static gboolean
check_note (CrWorkshop  *self,
            const char  *option_id,
            CrNoteKind   kind,
            const char  *text,
            GError     **error)
{
  if (option_id == NULL || cr_template_find_option (self->template, option_id) == NULL)
    return invalid (error, _("'%s' is not an option of template '%s'"),
                    option_id ? option_id : "", cr_template_get_id (self->template));
  if (kind > CR_NOTE_QUESTION)
    return invalid (error, "%s", _("A note is a strength, a risk or a question."));
  return check_text (text, _("The note"), error);
}

CrNote *
cr_workshop_add_note (CrWorkshop  *self,
                      const char  *option_id,
                      CrNoteKind   kind,
                      const char  *text,
                      gint64       participant_id,
                      GError     **error)
{
  CrNote *note;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  if (!check_note (self, option_id, kind, text, error))
    return NULL;
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    {
      invalid (error, "%s", _("That participant is not part of this workshop."));
      return NULL;
    }

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_note (self->store, self->id, option_id, kind, text, participant_id, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  note = _cr_note_new (id, option_id, kind, text, participant_id);
  g_list_store_append (self->notes, note);
  g_object_unref (note);
  return note;
}

gboolean
cr_workshop_update_note (CrWorkshop  *self,
                         CrNote      *note,
                         const char  *option_id,
                         CrNoteKind   kind,
                         const char  *text,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_NOTE (note), FALSE);

  if (!check_note (self, option_id, kind, text, error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE notes SET option = ?2, kind = ?3, text = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_note_get_id (note));
  sqlite3_bind_text (stmt, 2, option_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cr_note_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_note_set (note, option_id, kind, text);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

static gboolean
delete_row (CrWorkshop  *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, self->id);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_remove_note (CrWorkshop  *self,
                         CrNote      *note,
                         GError     **error)
{
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_NOTE (note), FALSE);

  if (!find_in_store (self->notes, note, &position))
    return invalid (error, "%s", _("That note is not part of this workshop."));
  if (!delete_row (self, "DELETE FROM notes WHERE id = ?1 AND workshop_id = ?2",
                   cr_note_get_id (note), error))
    return FALSE;
  g_list_store_remove (self->notes, position);
  return TRUE;
}

CrRound *
cr_workshop_open_round (CrWorkshop  *self,
                        const char  *question_id,
                        GError     **error)
{
  const CrQuestion *question;
  CrRound *latest, *round;
  guint number;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  question = question_id ? cr_template_find_question (self->template, question_id) : NULL;
  if (question == NULL)
    {
      invalid (error,
               /* Translators: first %s is a question id, second a template id */
               _("'%s' is not a question of template '%s'"),
               question_id ? question_id : "", cr_template_get_id (self->template));
      return NULL;
    }

  latest = cr_workshop_find_latest_round (self, question_id, FALSE);
  number = latest ? cr_round_get_number (latest) + 1 : 1;

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_round (self->store, self->id, question_id, number, FALSE, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  round = _cr_round_new (id, question_id, number, FALSE);
  g_list_store_append (self->rounds, round);
  g_object_unref (round);
  return round;
}

gboolean
cr_workshop_reveal_round (CrWorkshop  *self,
                          CrRound     *round,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ROUND (round), FALSE);

  if (!find_in_store (self->rounds, round, &position))
    return invalid (error, "%s", _("That round is not part of this workshop."));
  if (cr_round_get_revealed (round))
    return TRUE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store, "UPDATE rounds SET revealed = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_round_get_id (round));
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_round_set_revealed (round, TRUE);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_record_votes (CrWorkshop    *self,
                          CrRound       *round,
                          gint64         participant_id,
                          const CrVote  *votes,
                          guint          n_votes,
                          GError       **error)
{
  const CrQuestion *question;
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ROUND (round), FALSE);
  g_return_val_if_fail (votes != NULL || n_votes == 0, FALSE);

  if (!find_in_store (self->rounds, round, &position))
    return invalid (error, "%s", _("That round is not part of this workshop."));
  if (participant_id != 0 && cr_workshop_find_participant (self, participant_id) == NULL)
    return invalid (error, "%s", _("That participant is not part of this workshop."));

  question = cr_template_find_question (self->template, cr_round_get_question (round));
  g_assert (question != NULL);

  for (guint i = 0; i < n_votes; i++)
    if (votes[i].participant_id != participant_id)
      return invalid (error, "%s", _("Every vote recorded together must come from the same participant."));

  if (!cr_votes_check (self->template, question, participant_id == 0, votes, n_votes, NULL, error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "DELETE FROM votes WHERE round_id = ?1 AND participant_id IS ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_round_get_id (round));
  bind_id_or_null (stmt, 2, participant_id);
  if (!cr_store_step_done (self->store, stmt, error))
    goto fail;
  for (guint i = 0; i < n_votes; i++)
    if (!_cr_store_insert_vote (self->store, cr_round_get_id (round), &votes[i], error))
      goto fail;
  if (!cr_store_commit (self->store, error))
    goto fail;

  _cr_round_remove_votes (round, participant_id);
  for (guint i = 0; i < n_votes; i++)
    _cr_round_add_vote (round, &votes[i]);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

static gboolean
check_action (const char  *text,
              const char  *owner,
              const char  *due,
              GError     **error)
{
  if (!check_text (text, _("The action"), error) ||
      !check_text (owner ? owner : "", _("The owner"), error))
    return FALSE;
  if (due != NULL && !cr_date_is_valid (due))
    return invalid (error, _("'%s' is not a real date; write it as YYYY-MM-DD."), due);
  return TRUE;
}

CrAction *
cr_workshop_add_action (CrWorkshop  *self,
                        const char  *text,
                        const char  *owner,
                        const char  *due,
                        GError     **error)
{
  CrAction *action;
  gint64 id;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), NULL);

  due = empty_to_null (due);
  if (!check_action (text, owner, due, error))
    return NULL;

  if (!cr_store_begin (self->store, error))
    return NULL;
  id = _cr_store_insert_action (self->store, self->id, text, owner, due, error);
  if (id == 0 || !cr_store_commit (self->store, error))
    {
      cr_store_rollback (self->store);
      return NULL;
    }

  action = _cr_action_new (id, text, owner, due);
  g_list_store_append (self->actions, action);
  g_object_unref (action);
  return action;
}

gboolean
cr_workshop_update_action (CrWorkshop  *self,
                           CrAction    *action,
                           const char  *text,
                           const char  *owner,
                           const char  *due,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ACTION (action), FALSE);

  due = empty_to_null (due);
  if (!check_action (text, owner, due, error))
    return FALSE;

  if (!cr_store_begin (self->store, error))
    return FALSE;
  stmt = cr_store_prepare (self->store,
                           "UPDATE actions SET text = ?2, owner = ?3, due = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cr_action_get_id (action));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner ? owner : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, due);
  if (!cr_store_step_done (self->store, stmt, error) ||
      !cr_store_commit (self->store, error))
    goto fail;

  _cr_action_set (action, text, owner, due);
  return TRUE;

fail:
  cr_store_rollback (self->store);
  return FALSE;
}

gboolean
cr_workshop_remove_action (CrWorkshop  *self,
                           CrAction    *action,
                           GError     **error)
{
  guint position;

  g_return_val_if_fail (CR_IS_WORKSHOP (self), FALSE);
  g_return_val_if_fail (CR_IS_ACTION (action), FALSE);

  if (!find_in_store (self->actions, action, &position))
    return invalid (error, "%s", _("That action is not part of this workshop."));
  if (!delete_row (self, "DELETE FROM actions WHERE id = ?1 AND workshop_id = ?2",
                   cr_action_get_id (action), error))
    return FALSE;
  g_list_store_remove (self->actions, position);
  return TRUE;
}
