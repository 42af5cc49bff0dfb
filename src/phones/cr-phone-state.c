/* cr-phone-state.c: what one phone is told, as JSON: the open round, its own
 * ballot, or the revealed result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <json-glib/json-glib.h>

#include "cr-phone-state.h"
#include "cr-tally.h"

CrRound *
cr_phone_state_find_round (CrWorkshop *workshop,
                           const char *question_id)
{
  GListModel *rounds;
  guint n;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  if (question_id != NULL)
    return cr_workshop_find_latest_round (workshop, question_id, FALSE);

  /* Rounds are listed as they were opened: the last is the newest. */
  rounds = cr_workshop_get_rounds (workshop);
  n = g_list_model_get_n_items (rounds);
  if (n == 0)
    return NULL;
  {
    g_autoptr(CrRound) last = g_list_model_get_item (rounds, n - 1);

    /* The workshop's list holds the reference. */
    return last;
  }
}

JsonNode *
cr_phone_state_result (CrWorkshop *workshop,
                       CrRound    *round)
{
  g_autoptr(CrTally) tally = NULL;

  if (round == NULL || !cr_round_get_revealed (round))
    return NULL;
  tally = cr_tally_compute (cr_workshop_get_template (workshop), round);
  return tally ? cr_tally_to_json (tally) : NULL;
}

static char *
to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_seat (JsonBuilder   *builder,
          CrParticipant *participant)
{
  g_autofree char *label = cr_participant_dup_display_name (participant);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "participant");
  json_builder_add_int_value (builder, cr_participant_get_id (participant));
  json_builder_set_member_name (builder, "name");
  if (cr_participant_get_name (participant) != NULL)
    json_builder_add_string_value (builder, cr_participant_get_name (participant));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, cr_participant_get_role (participant));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
}

static void
add_round (JsonBuilder *builder,
           CrWorkshop  *workshop,
           CrRound     *round,
           JsonNode    *result,
           gint64       participant_id)
{
  CrTemplate *template = cr_workshop_get_template (workshop);
  const CrQuestion *question = cr_template_find_question (template, cr_round_get_question (round));
  const CrVote *votes;
  guint n_votes;
  gboolean has_ballot = FALSE;

  g_assert (question != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, cr_round_get_id (round));
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, question->id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, cr_round_get_number (round));
  json_builder_set_member_name (builder, "open");
  json_builder_add_boolean_value (builder, !cr_round_get_revealed (round));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, question->prompt);
  json_builder_set_member_name (builder, "help");
  if (question->help != NULL)
    json_builder_add_string_value (builder, question->help);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, cr_method_to_string (question->method));

  json_builder_set_member_name (builder, "budget");
  if (question->method == CR_METHOD_DOTS)
    json_builder_add_int_value (builder, question->budget);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "scale");
  if (question->method == CR_METHOD_SCORE)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, question->scale_min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, question->scale_max);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; question->method == CR_METHOD_SCORE && question->criteria && i < question->criteria->len; i++)
    {
      const CrCriterion *criterion = g_ptr_array_index (question->criteria, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, criterion->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, criterion->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cr_template_get_n_options (template); i++)
    {
      const CrOption *option = cr_template_get_option (template, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, option->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, option->title);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, option->summary ? option->summary : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The phone's own saved ballot, and nobody else's. */
  json_builder_set_member_name (builder, "ballot");
  votes = cr_round_get_votes (round, &n_votes);
  for (guint i = 0; participant_id != 0 && i < n_votes; i++)
    {
      if (votes[i].participant_id != participant_id)
        continue;
      if (!has_ballot)
        json_builder_begin_array (builder);
      has_ballot = TRUE;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, votes[i].option);
      json_builder_set_member_name (builder, "criterion");
      if (votes[i].criterion != NULL)
        json_builder_add_string_value (builder, votes[i].criterion);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, votes[i].value);
      json_builder_end_object (builder);
    }
  if (has_ballot)
    json_builder_end_array (builder);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "result");
  if (result != NULL && cr_round_get_revealed (round))
    json_builder_add_value (builder, json_node_copy (result));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

char *
cr_phone_state_to_json (CrWorkshop *workshop,
                        CrRound    *round,
                        JsonNode   *result,
                        gint64      participant_id,
                        gboolean    own_ballot,
                        gboolean    joining,
                        guint64     version)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  CrParticipant *participant = NULL;

  g_return_val_if_fail (CR_IS_WORKSHOP (workshop), NULL);

  if (participant_id != 0)
    participant = cr_workshop_find_participant (workshop, participant_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, (gint64) version);
  json_builder_set_member_name (builder, "workshop");
  json_builder_add_string_value (builder, cr_workshop_get_title (workshop));
  json_builder_set_member_name (builder, "joining");
  json_builder_add_boolean_value (builder, joining);
  json_builder_set_member_name (builder, "seat");
  if (participant != NULL)
    {
      add_seat (builder, participant);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder,
                                 participant == NULL ? "no-seat" :
                                 round == NULL || cr_round_get_revealed (round) ? "waiting" : "voting");
  json_builder_set_member_name (builder, "round");
  if (round != NULL && participant != NULL)
    add_round (builder, workshop, round, result, own_ballot ? participant_id : 0);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return to_string (builder);
}

char *
cr_phone_state_seats_json (CrWorkshop     *workshop,
                           CrPhoneRoom    *room,
                           CrPhoneSession *session,
                           gboolean        can_add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GListModel *participants = cr_workshop_get_participants (workshop);
  guint cap = cr_phone_room_get_seat_cap (room);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seats");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(CrParticipant) participant = g_list_model_get_item (participants, i);
      CrPhoneSession *holder = cr_phone_room_find_claim (room, cr_participant_get_id (participant));

      add_seat (builder, participant);
      json_builder_set_member_name (builder, "claimed");
      json_builder_add_boolean_value (builder, holder != NULL);
      json_builder_set_member_name (builder, "mine");
      json_builder_add_boolean_value (builder, holder != NULL && holder == session);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "can_add");
  json_builder_add_boolean_value (builder, can_add);
  json_builder_set_member_name (builder, "cap");
  if (cap > 0)
    json_builder_add_int_value (builder, cap);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "claimed");
  json_builder_add_int_value (builder, cr_phone_room_get_n_claims (room));
  json_builder_end_object (builder);
  return to_string (builder);
}

char *
cr_phone_state_error_json (const char *code,
                           const char *detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, detail);
    }
  json_builder_end_object (builder);
  return to_string (builder);
}
