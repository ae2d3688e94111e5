/*
 * sh/expand.c - stage 3, expansion: a raw word, when its command runs ->
 * fields. Removes quotes and backslashes, replaces $NAME ${NAME} $? $$ $!
 * $# $0-$9, and splits the results of unquoted expansions at blanks.
 *
 * Layer: user program (Freeport's shell, see sh.h); reads variables.c and
 * the shell's state, used by command.c and redirect.c.
 * Invariants: the fields are built in one scratch buffer, then copied to the
 * line arena; a quoted empty word ("" or '') is still a field, an unquoted
 * empty expansion is none.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "sh.h"

/* The fields of the words being expanded (copied to the arena when done). */
struct fields {
    char *list[MAX_WORDS];
    int count;
    char buffer[LINE_MAX_LENGTH]; /* the field being built */
    size_t length;
    bool started; /* the current field exists (even if empty: "") */
    bool split;   /* unquoted expansions are split at blanks */
};

static struct fields fields_scratch;

static void field_append(struct fields *fields, char c)
{
    if (fields->length == sizeof(fields->buffer) - 1)
        line_error("word too long");
    fields->buffer[fields->length++] = c;
    fields->started = true;
}

static void field_finish(struct fields *fields)
{
    if (!fields->started)
        return;
    if (fields->count == MAX_WORDS - 1)
        line_error("too many words");
    char *field = arena_alloc(fields->length + 1);
    memcpy(field, fields->buffer, fields->length);
    field[fields->length] = '\0';
    fields->list[fields->count++] = field;
    fields->length = 0;
    fields->started = false;
}

static void fields_append_value(struct fields *fields, const char *value, bool quoted)
{
    for (; *value != '\0'; value++) {
        if (!quoted && fields->split && isspace((unsigned char)*value))
            field_finish(fields);
        else
            field_append(fields, *value);
    }
}

/* The value of the parameter named after the '$' at *cursor (moved past the
   name); NULL if unset. Sets *is_parameter to false when the '$' is literal. */
static const char *parameter_value(const char **cursor, bool *is_parameter)
{
    static char number[24];
    const char *p = *cursor;
    *is_parameter = true;
    if (*p == '?' || *p == '$' || *p == '!' || *p == '#') {
        long value = *p == '?'   ? last_status
                     : *p == '$' ? (long)shell_pid
                     : *p == '!' ? (long)last_background
                                 : (long)(positional_count > 0 ? positional_count - 1 : 0);
        *cursor = p + 1;
        snprintf(number, sizeof(number), "%ld", value);
        return number;
    }
    if (isdigit((unsigned char)*p)) {
        *cursor = p + 1;
        return *p - '0' < positional_count ? positional[*p - '0'] : NULL;
    }
    bool braced = *p == '{';
    const char *name = p + braced;
    size_t length = is_name_start(name[0]) ? 1 : 0;
    while (length > 0 && is_name_char(name[length]))
        length++;
    if (length == 0 || (braced && name[length] != '}')) {
        if (braced)
            line_error("bad substitution");
        *is_parameter = false;
        return NULL;
    }
    *cursor = name + length + braced;
    return variable_get(name, length);
}

static void expand_dollar(struct fields *fields, const char **cursor, bool quoted)
{
    bool is_parameter;
    const char *value = parameter_value(cursor, &is_parameter);
    if (!is_parameter)
        field_append(fields, '$');
    else if (value != NULL)
        fields_append_value(fields, value, quoted);
}

/* Expands one raw word into fields->list (zero or more fields). */
static void expand_word(struct fields *fields, const char *word)
{
    bool in_double_quotes = false;
    const char *p = word;
    while (*p != '\0') {
        char c = *p++;
        if (c == '\'' && !in_double_quotes) {
            fields->started = true;
            while (*p != '\'')
                field_append(fields, *p++);
            p++;
        } else if (c == '"') {
            in_double_quotes = !in_double_quotes;
            fields->started = true;
        } else if (c == '\\' && *p != '\0') {
            if (in_double_quotes && strchr("$\"\\`", *p) == NULL)
                field_append(fields, '\\');
            field_append(fields, *p++);
        } else if (c == '$') {
            expand_dollar(fields, &p, in_double_quotes);
        } else {
            field_append(fields, c);
        }
    }
    field_finish(fields);
}

static struct fields *fields_start(bool split)
{
    struct fields *fields = &fields_scratch;
    fields->count = 0;
    fields->length = 0;
    fields->started = !split; /* an unsplit word is one string, maybe "" */
    fields->split = split;
    return fields;
}

/* Expands words into a NULL-terminated argv in the arena. */
char **expand_words(const char *const *words, int count, int *argc)
{
    struct fields *fields = fields_start(true);
    for (int i = 0; i < count; i++)
        expand_word(fields, words[i]);
    char **argv = arena_alloc(sizeof(char *) * ((size_t)fields->count + 1));
    memcpy(argv, fields->list, sizeof(char *) * (size_t)fields->count);
    argv[fields->count] = NULL;
    *argc = fields->count;
    return argv;
}

/* Expands a word that must stay one string: an assignment's value, a redirection's target. */
char *expand_single(const char *word)
{
    struct fields *fields = fields_start(false);
    expand_word(fields, word);
    return fields->list[0];
}
