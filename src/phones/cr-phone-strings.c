/* cr-phone-strings.c
 *
 * Why the catalogues are read here rather than through gettext: gettext
 * picks a language per process (LANGUAGE, global) or per thread through
 * uselocale, and uselocale needs the phone's locale installed on the
 * laptop (a Flatpak runtime or a fresh Debian has only the user's own,
 * often only C.UTF-8). The compiled catalogue (.mo) of each language is a
 * plain table; the few strings of the page are read from it once per
 * language, in the host's thread, with nothing shared. For the laptop's
 * own language the usual g_dpgettext2 is used, which only reads the
 * process's locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "crossroads-phones"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-phone-strings.h"

#define CONTEXT "phone page"
#define MO_MAGIC 0x950412deU
/* A header longer than this, or with more languages, is cut: it is the
 * phone's, and only its first wishes matter. */
#define MAX_HEADER 512
#define MAX_WISHES 16

typedef struct
{
  const char *key;
  const char *text;
} PageString;

/* The page's words, by the key phone.js uses. Placeholders in braces are
 * filled in by the page. */
static const PageString page_strings[] = {
  /* Translators: the language tag of this translation, as in HTML's lang
   * attribute: de, fr, pt-BR. */
  { "lang", NC_("phone page", "en") },
  { "connecting", NC_("phone page", "Connecting…") },
  { "offline", NC_("phone page", "No connection to the laptop. Trying again…") },
  { "back", NC_("phone page", "Connected again.") },
  { "join_title", NC_("phone page", "Join the vote") },
  { "code_label", NC_("phone page", "Room code") },
  { "code_hint", NC_("phone page", "The six characters on the shared screen.") },
  { "join", NC_("phone page", "Join") },
  { "wrong_code", NC_("phone page", "That code is not right. Check the screen and try again.") },
  { "too_many", NC_("phone page", "Too many tries. Wait a moment, then try again.") },
  { "closed", NC_("phone page", "This room cannot be joined now. Ask the facilitator.") },
  { "full", NC_("phone page", "This room is full.") },
  { "seats_title", NC_("phone page", "Choose your seat") },
  { "seats_legend", NC_("phone page", "Who are you?") },
  { "new_seat", NC_("phone page", "A new anonymous seat") },
  /* Translators: after the name of a seat another phone holds. */
  { "taken", NC_("phone page", "taken") },
  { "take_seat", NC_("phone page", "Take this seat") },
  { "seat_taken", NC_("phone page", "Someone else has just taken that seat. Choose another.") },
  { "seats_full", NC_("phone page", "All the seats the facilitator allows are taken.") },
  /* Translators: {seat} is a participant's name or "Seat 3". */
  { "you_are", NC_("phone page", "You are {seat}") },
  { "change_seat", NC_("phone page", "Change seat") },
  { "leave_seat", NC_("phone page", "Leave this seat") },
  { "keep_seat", NC_("phone page", "Keep my seat") },
  { "waiting_title", NC_("phone page", "Waiting for the facilitator") },
  { "waiting_text", NC_("phone page", "The next round will appear here by itself.") },
  /* Translators: {number} is the round's number: 1, 2, … */
  { "round", NC_("phone page", "Round {number}") },
  { "single_legend", NC_("phone page", "Choose one option") },
  /* Translators: {budget} is the number of dots a voter has, 3 or more. */
  { "dots_legend", NC_("phone page", "Spread your {budget} dots over the options") },
  /* Translators: {left} and {budget} are numbers of dots. */
  { "dots_left", NC_("phone page", "Dots left: {left} of {budget}") },
  /* Translators: {option} is an option's title. */
  { "dot_add", NC_("phone page", "Add a dot to {option}") },
  /* Translators: {option} is an option's title. */
  { "dot_remove", NC_("phone page", "Take a dot from {option}") },
  /* Translators: {min} and {max} are the ends of the scale, such as 1 and 5. */
  { "score_legend", NC_("phone page", "Score each option from {min} (low) to {max} (high)") },
  /* Translators: a "+" was tapped with the budget spent. */
  { "no_dots", NC_("phone page", "No dots left: take one off an option first.") },
  /* Translators: the one score of an option when the question has no criteria. */
  { "score", NC_("phone page", "Score") },
  { "send", NC_("phone page", "Send my vote") },
  { "change", NC_("phone page", "Change my vote") },
  { "saving", NC_("phone page", "Saving…") },
  { "saved", NC_("phone page", "Saved. You can change your vote until the round closes.") },
  { "saved_short", NC_("phone page", "Your vote is saved.") },
  { "not_sent", NC_("phone page", "Not saved yet: no connection. Trying again…") },
  /* Translators: {message} is the app's reason, such as "Too many dots". */
  { "invalid", NC_("phone page", "Not saved: {message}") },
  /* Translators: the laptop refused a ballot because of the room's other
   * votes; the phone is not told which, so as not to give away a count. */
  { "not_taken", NC_("phone page", "This ballot cannot be taken now. Ask the facilitator.") },
  { "round_closed", NC_("phone page", "This round has closed; your last change was not saved.") },
  { "no_seat", NC_("phone page", "You have no seat. Choose one first.") },
  { "voted", NC_("phone page", "You voted in this round.") },
  { "result_title", NC_("phone page", "What the room voted") },
  /* Translators: {mean} is an average score, such as 3.4. */
  { "mean", NC_("phone page", "average {mean}") },
};

typedef struct
{
  char       *name;       /* "de"; "" for the laptop's */
  char       *json;
} Cached;

struct _CrPhoneStrings
{
  char      *localedir;
  GPtrArray *cached;      /* Cached* */
};

static void
cached_free (Cached *cached)
{
  g_free (cached->name);
  g_free (cached->json);
  g_free (cached);
}

CrPhoneStrings *
cr_phone_strings_new (void)
{
  CrPhoneStrings *strings = g_new0 (CrPhoneStrings, 1);
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);

  strings->localedir = g_strdup (dir ? dir : LOCALEDIR);
  strings->cached = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_free);
  return strings;
}

void
cr_phone_strings_free (CrPhoneStrings *strings)
{
  if (strings == NULL)
    return;
  g_ptr_array_unref (strings->cached);
  g_free (strings->localedir);
  g_free (strings);
}

static char *
catalogue_path (CrPhoneStrings *strings,
                const char     *language)
{
  g_autofree char *file = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);

  return g_build_filename (strings->localedir, language, "LC_MESSAGES", file, NULL);
}

/* ---- Choosing the language ------------------------------------------------ */

typedef struct
{
  char   *tag;            /* "de", "pt_BR" */
  double  q;
  guint   order;
} Wish;

static int
compare_wishes (gconstpointer a,
                gconstpointer b)
{
  const Wish *x = a, *y = b;

  if (x->q != y->q)
    return x->q > y->q ? -1 : 1;
  return (int) x->order - (int) y->order;
}

/* "de-CH" -> "de_CH"; NULL for what is not a language tag. */
static char *
tag_to_catalogue_name (const char *tag)
{
  g_auto(GStrv) parts = g_strsplit (tag, "-", 3);
  GString *name;

  if (parts[0] == NULL || strlen (parts[0]) < 2 || strlen (parts[0]) > 3)
    return NULL;
  for (const char *c = parts[0]; *c; c++)
    if (!g_ascii_isalpha (*c))
      return NULL;
  name = g_string_new (NULL);
  g_string_append (name, parts[0]);
  g_string_ascii_down (name);
  if (parts[1] != NULL && strlen (parts[1]) == 2 && g_ascii_isalpha (parts[1][0]) && g_ascii_isalpha (parts[1][1]))
    {
      g_string_append_c (name, '_');
      g_string_append_c (name, g_ascii_toupper (parts[1][0]));
      g_string_append_c (name, g_ascii_toupper (parts[1][1]));
    }
  return g_string_free (name, FALSE);
}

static gboolean
has_catalogue (CrPhoneStrings *strings,
               const char     *name)
{
  g_autofree char *path = catalogue_path (strings, name);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

char *
cr_phone_strings_choose (CrPhoneStrings *strings,
                         const char     *accept_language)
{
  g_autofree char *header = NULL;
  g_auto(GStrv) items = NULL;
  g_autoptr(GArray) wishes = NULL;
  char *chosen = NULL;

  g_return_val_if_fail (strings != NULL, NULL);

  if (accept_language == NULL)
    return NULL;
  header = g_strndup (accept_language, MAX_HEADER);
  items = g_strsplit (header, ",", MAX_WISHES + 1);
  wishes = g_array_new (FALSE, TRUE, sizeof (Wish));

  for (guint i = 0; items[i] != NULL && i < MAX_WISHES; i++)
    {
      g_auto(GStrv) fields = g_strsplit (items[i], ";", 2);
      Wish wish = { NULL, 1.0, i };
      char *tag;

      /* An empty item ("de,,fr") splits into nothing. */
      if (fields[0] == NULL)
        continue;
      tag = g_strstrip (fields[0]);

      if (fields[1] != NULL)
        {
          const char *q = g_strstrip (fields[1]);

          if (g_str_has_prefix (q, "q="))
            wish.q = g_ascii_strtod (q + 2, NULL);
        }
      if (wish.q <= 0.0 || *tag == '\0' || strcmp (tag, "*") == 0)
        continue;
      wish.tag = tag_to_catalogue_name (tag);
      if (wish.tag != NULL)
        g_array_append_val (wishes, wish);
    }
  g_array_sort (wishes, compare_wishes);

  for (guint i = 0; i < wishes->len && chosen == NULL; i++)
    {
      Wish *wish = &g_array_index (wishes, Wish, i);
      g_autofree char *language = g_strndup (wish->tag, strcspn (wish->tag, "_"));

      /* The page is written in English: no catalogue needed. */
      if (strcmp (language, "en") == 0)
        chosen = g_strdup ("en");
      else if (has_catalogue (strings, wish->tag))
        chosen = g_strdup (wish->tag);
      else if (has_catalogue (strings, language))
        chosen = g_steal_pointer (&language);
    }
  for (guint i = 0; i < wishes->len; i++)
    g_free (g_array_index (wishes, Wish, i).tag);
  return chosen;
}

/* ---- Reading a catalogue ---------------------------------------------------- */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The page's translations in a compiled catalogue: "context\004msgid" ->
 * msgstr, for the page's context only. NULL when the file is not one. */
static GHashTable *
read_catalogue (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  const guint8 *data;
  guint32 magic, n, originals, translations;
  gboolean swap;
  GHashTable *table;
  const char prefix[] = CONTEXT "\004";

  if (!g_file_get_contents (path, &contents, &len, NULL) || len < 28)
    return NULL;
  data = (const guint8 *) contents;
  memcpy (&magic, data, sizeof magic);
  if (magic == MO_MAGIC)
    swap = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == MO_MAGIC)
    swap = TRUE;
  else
    return NULL;
  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);
  if (n > len / 16 || originals > len - (gsize) n * 8 || translations > len - (gsize) n * 8)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 key_len = read_u32 (data, originals + i * 8, swap);
      guint32 key_at = read_u32 (data, originals + i * 8 + 4, swap);
      guint32 value_len = read_u32 (data, translations + i * 8, swap);
      guint32 value_at = read_u32 (data, translations + i * 8 + 4, swap);

      if (key_at > len || key_len > len - key_at || value_at > len || value_len > len - value_at)
        continue;
      if (key_len < sizeof prefix - 1 || memcmp (data + key_at, prefix, sizeof prefix - 1) != 0)
        continue;
      g_hash_table_insert (table,
                           g_strndup ((const char *) data + key_at, key_len),
                           g_strndup ((const char *) data + value_at, value_len));
    }
  return table;
}

/* ---- The answer ------------------------------------------------------------- */

static char *
build_json (CrPhoneStrings *strings,
            const char     *language)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) catalogue = NULL;

  if (language != NULL && strcmp (language, "en") != 0)
    {
      g_autofree char *path = catalogue_path (strings, language);

      catalogue = read_catalogue (path);
    }

  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (page_strings); i++)
    {
      const char *text = page_strings[i].text;

      if (language == NULL)
        text = g_dpgettext2 (GETTEXT_PACKAGE, CONTEXT, text);
      else if (catalogue != NULL)
        {
          g_autofree char *key = g_strconcat (CONTEXT "\004", text, NULL);
          const char *found = g_hash_table_lookup (catalogue, key);

          /* An untranslated string is empty in a catalogue's table. */
          if (found != NULL && *found != '\0')
            text = found;
        }
      json_builder_set_member_name (builder, page_strings[i].key);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

const char *
cr_phone_strings_json (CrPhoneStrings *strings,
                       const char     *accept_language)
{
  g_autofree char *language = NULL;
  Cached *cached;

  g_return_val_if_fail (strings != NULL, NULL);

  language = cr_phone_strings_choose (strings, accept_language);
  for (guint i = 0; i < strings->cached->len; i++)
    {
      cached = g_ptr_array_index (strings->cached, i);
      if (g_strcmp0 (cached->name, language ? language : "") == 0)
        return cached->json;
    }
  cached = g_new0 (Cached, 1);
  cached->name = g_strdup (language ? language : "");
  cached->json = build_json (strings, language);
  g_ptr_array_add (strings->cached, cached);
  return cached->json;
}
