/* cr-template.h: workshop templates (JSON, format version 1)
 *
 * A template is data: the options compared on the canvas, the context fields,
 * the questions put to the room, the agenda and the recommendation rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CR_TEMPLATE_ERROR (cr_template_error_quark ())

typedef enum
{
  CR_TEMPLATE_ERROR_PARSE,    /* not JSON */
  CR_TEMPLATE_ERROR_INVALID,  /* JSON, but not a valid template */
  CR_TEMPLATE_ERROR_UNKNOWN,  /* no built-in template of that id */
} CrTemplateError;

#define CR_TEMPLATE_FORMAT  "crossroads-template"
#define CR_TEMPLATE_VERSION 1

typedef enum
{
  CR_CONTEXT_NUMBER,
  CR_CONTEXT_CHOICE,
  CR_CONTEXT_SCALE,
  CR_CONTEXT_TEXT,
} CrContextKind;

typedef enum
{
  CR_METHOD_SINGLE,
  CR_METHOD_DOTS,
  CR_METHOD_SCORE,
} CrMethod;

typedef struct
{
  char *id;
  char *label;
} CrChoice;

typedef struct
{
  char  *id;
  char  *title;
  char  *summary;      /* one line */
  char  *product;      /* what is treated as the product */
  char  *found_in;     /* where it is usually found */
  GStrv  strengths;
  GStrv  risks;
} CrOption;

typedef struct
{
  char          *id;
  char          *label;
  char          *help;        /* one line explaining the field */
  CrContextKind  kind;
  GPtrArray     *choices;     /* CrChoice*, for CR_CONTEXT_CHOICE */
  int            scale_min;   /* CR_CONTEXT_SCALE */
  int            scale_max;
  char          *min_label;   /* CR_CONTEXT_SCALE, may be NULL */
  char          *max_label;
} CrContextField;

typedef struct
{
  char   *id;
  char   *label;
  double  weight;             /* > 0 */
} CrCriterion;

typedef struct
{
  char      *id;
  char      *prompt;
  char      *help;            /* may be NULL */
  CrMethod   method;
  int        budget;          /* CR_METHOD_DOTS: dots per participant */
  int        scale_min;       /* CR_METHOD_SCORE */
  int        scale_max;
  GPtrArray *criteria;        /* CrCriterion*; empty: one score per option */
} CrQuestion;

typedef struct
{
  char *id;
  char *title;
  char *page;                 /* setup|context|canvas|vote|results|recommendation|actions|export */
  char *question;             /* for page "vote": the question id */
  char *description;          /* may be NULL */
  int   minutes;              /* time box */
} CrAgendaStep;

/* A rule: when a context value matches, each listed option's fit moves by
 * its weight, and the reason is shown beside it. */
typedef struct
{
  char      *context;         /* context field id; NULL: always applies */
  char      *equals;          /* choice/text value, or NULL */
  gboolean   has_min;         /* number/scale: inclusive bounds */
  double     min;
  gboolean   has_max;
  double     max;
  GPtrArray *option_ids;      /* char*, parallel to weights */
  GArray    *weights;         /* double */
  char      *reason;
} CrRule;

/* How the room's votes weigh in on where to aim (ordered templates). */
typedef struct
{
  char   *question;           /* question id whose latest revealed round counts, or NULL */
  double  destination_weight; /* pull towards the last stage */
  double  vote_weight;        /* pull of the room's vote share */
} CrAimRule;

/* What one of the room's questions tells the recommendation. */
typedef enum
{
  CR_ROOM_TODAY,              /* where the room says it is today */
  CR_ROOM_TARGET,             /* where it wants to be */
  CR_ROOM_FIT,                /* how well it scored each option's fit */
} CrRoomMeaning;

/* One of the room's votes weighed beside the context: on where to start
 * (ordered options) or on what the recommendation points to (unordered).
 * An ordered template's target vote weighs on the aim instead (CrAimRule). */
typedef struct
{
  char          *question;    /* question id; its latest revealed round counts */
  CrRoomMeaning  means;
  double         weight;      /* 0 .. 100 */
} CrRoomVote;

#define CR_TYPE_TEMPLATE (cr_template_get_type ())
G_DECLARE_FINAL_TYPE (CrTemplate, cr_template, CR, TEMPLATE, GObject)

GQuark       cr_template_error_quark   (void);

/* Loading. Errors name the place: "options[2].risks: expected a list of strings". */
CrTemplate  *cr_template_new_from_json  (JsonNode    *node,
                                         GError     **error);
CrTemplate  *cr_template_new_from_bytes (GBytes      *bytes,
                                         GError     **error);
CrTemplate  *cr_template_new_from_file  (const char  *path,
                                         GError     **error);
CrTemplate  *cr_template_new_from_file_with_budget (const char  *path,
                                                    int          default_budget,
                                                    GError     **error);

/* Every problem of a template file, one located message each; an empty
 * array means the file is valid. */
GPtrArray   *cr_template_check_file     (const char  *path);
GPtrArray   *cr_template_check_json     (JsonNode    *node);

/* Built-in templates ship in the GResource under /io/github/crossroads/Crossroads/templates/. */
const char * const *cr_template_builtin_ids (void);
CrTemplate  *cr_template_lookup_builtin (const char  *id,
                                         GError     **error);
gboolean     cr_template_is_builtin     (CrTemplate  *self);

/* The document as loaded, for embedding a custom template in a bundle.
 * Owned by the template: json_node_copy() it to keep or change it. */
JsonNode    *cr_template_get_json       (CrTemplate  *self);

const char  *cr_template_get_id          (CrTemplate *self);
const char  *cr_template_get_title       (CrTemplate *self);
const char  *cr_template_get_description (CrTemplate *self);
gboolean     cr_template_is_ordered      (CrTemplate *self);
int          cr_template_get_default_budget (CrTemplate *self);

guint                 cr_template_get_n_options  (CrTemplate *self);
const CrOption       *cr_template_get_option     (CrTemplate *self, guint i);
const CrOption       *cr_template_find_option    (CrTemplate *self, const char *id);
int                   cr_template_option_index   (CrTemplate *self, const char *id);

guint                 cr_template_get_n_context  (CrTemplate *self);
const CrContextField *cr_template_get_context    (CrTemplate *self, guint i);
const CrContextField *cr_template_find_context   (CrTemplate *self, const char *id);

guint                 cr_template_get_n_questions (CrTemplate *self);
const CrQuestion     *cr_template_get_question    (CrTemplate *self, guint i);
const CrQuestion     *cr_template_find_question   (CrTemplate *self, const char *id);

guint                 cr_template_get_n_steps     (CrTemplate *self);
const CrAgendaStep   *cr_template_get_step        (CrTemplate *self, guint i);

guint                 cr_template_get_n_rules     (CrTemplate *self);
const CrRule         *cr_template_get_rule        (CrTemplate *self, guint i);
const CrAimRule      *cr_template_get_aim         (CrTemplate *self); /* NULL when absent */
/* How much the fit with the context weighs beside the room's votes (1 when
 * the template does not say). */
double                cr_template_get_context_weight (CrTemplate *self);
guint                 cr_template_get_n_room_votes (CrTemplate *self);
const CrRoomVote     *cr_template_get_room_vote    (CrTemplate *self, guint i);
const char           *cr_room_meaning_to_string    (CrRoomMeaning means);

const CrCriterion    *cr_question_find_criterion  (const CrQuestion *q, const char *id);
const CrChoice       *cr_context_field_find_choice (const CrContextField *f, const char *id);
const char           *cr_method_to_string         (CrMethod method);
const char           *cr_context_kind_to_string   (CrContextKind kind);

G_END_DECLS
