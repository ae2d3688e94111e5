/*
 * service_table.c - parsing /etc/services (format: service_table.h).
 *
 * Layer: user program (init), pure C: strings in, a table and reports out.
 * Each line is cut into words first (blanks separate them, a word starting
 * with '#' ends the line), then the words are checked in field order; the
 * first problem found names the line's fault, and the line is skipped whole
 * so a half-understood service never starts.
 */
#include "service_table.h"
#include <stdbool.h>
#include <string.h>

#define WORDS_MAX (3 + SERVICE_ARGUMENTS_MAX + 1) /* one extra word: "too many" */

struct line_words {
    int count;
    const char *start[WORDS_MAX];
    size_t length[WORDS_MAX];
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Cuts line into words; false if it has more than WORDS_MAX. */
static bool split_words(const char *line, size_t length, struct line_words *words)
{
    size_t at = 0;

    words->count = 0;
    for (;;) {
        while (at < length && is_blank(line[at]))
            at++;
        if (at == length || line[at] == '#')
            return true;
        if (words->count == WORDS_MAX)
            return false;
        size_t begin = at;
        while (at < length && !is_blank(line[at]))
            at++;
        words->start[words->count] = line + begin;
        words->length[words->count] = at - begin;
        words->count++;
    }
}

static bool word_is(const char *word, size_t length, const char *expected)
{
    return length == strlen(expected) && memcmp(word, expected, length) == 0;
}

static bool has_prefix(const char *word, size_t length, const char *prefix)
{
    size_t prefix_length = strlen(prefix);
    return length >= prefix_length && memcmp(word, prefix, prefix_length) == 0;
}

static bool is_name_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static const char *parse_name(const char *word, size_t length, char *name)
{
    if (length >= SERVICE_NAME_MAX)
        return "name too long";
    for (size_t i = 0; i < length; i++) {
        if (!is_name_character(word[i]))
            return "name may hold only letters, digits, '-' and '_'";
    }
    memcpy(name, word, length);
    name[length] = '\0';
    return NULL;
}

static const char *parse_restart(const char *word, size_t length, enum restart_policy *policy)
{
    static const enum restart_policy policies[] = {RESTART_ALWAYS, RESTART_ON_FAILURE, RESTART_NEVER};

    for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
        if (word_is(word, length, restart_policy_name(policies[i]))) {
            *policy = policies[i];
            return NULL;
        }
    }
    return "restart policy must be always, on-failure or never";
}

/* Copies the absolute path after "key=" into path. */
static const char *parse_path_flag(const char *flag, size_t length, size_t key_length, char *path)
{
    const char *value = flag + key_length;
    size_t value_length = length - key_length;

    if (value_length == 0 || value[0] != '/')
        return "ready= and socket= need an absolute path";
    if (value_length >= SERVICE_PATH_MAX)
        return "path too long";
    memcpy(path, value, value_length);
    path[value_length] = '\0';
    return NULL;
}

static const char *parse_flag(const char *flag, size_t length, struct service_spec *spec)
{
    if (word_is(flag, length, "devices")) {
        spec->flags |= SERVICE_DEVICES;
        return NULL;
    }
    if (word_is(flag, length, "tty")) {
        spec->flags |= SERVICE_TTY;
        return NULL;
    }
    if (has_prefix(flag, length, "ready="))
        return parse_path_flag(flag, length, strlen("ready="), spec->ready_path);
    if (has_prefix(flag, length, "socket="))
        return parse_path_flag(flag, length, strlen("socket="), spec->socket_path);
    return "unknown flag (devices, tty, ready=PATH, socket=PATH)";
}

/* FLAGS: "-" or flag[,flag...]. */
static const char *parse_flags(const char *word, size_t length, struct service_spec *spec)
{
    if (word_is(word, length, "-"))
        return NULL;
    while (length > 0) {
        const char *comma = memchr(word, ',', length);
        size_t flag_length = comma ? (size_t)(comma - word) : length;
        const char *why = parse_flag(word, flag_length, spec);
        if (why)
            return why;
        if (!comma)
            break;
        word += flag_length + 1;
        length -= flag_length + 1;
        if (length == 0)
            return "empty flag after ','";
    }
    return NULL;
}

static const char *parse_command(const struct line_words *words, int first, struct service_spec *spec)
{
    size_t used = 0;

    if (words->count - first > SERVICE_ARGUMENTS_MAX)
        return "too many arguments";
    if (words->start[first][0] != '/')
        return "the command must be an absolute path";
    for (int i = first; i < words->count; i++) {
        if (used + words->length[i] + 1 > SERVICE_COMMAND_MAX)
            return "command too long";
        memcpy(spec->words + used, words->start[i], words->length[i]);
        used += words->length[i];
        spec->words[used++] = '\0';
    }
    spec->argc = words->count - first;
    return NULL;
}

static const char *parse_service(const struct line_words *words, struct service_spec *spec)
{
    const char *why;

    if (words->count < 4)
        return "expected NAME RESTART FLAGS COMMAND [ARG...]";
    memset(spec, 0, sizeof(*spec));
    if ((why = parse_name(words->start[0], words->length[0], spec->name)) != NULL)
        return why;
    if ((why = parse_restart(words->start[1], words->length[1], &spec->restart)) != NULL)
        return why;
    if ((why = parse_flags(words->start[2], words->length[2], spec)) != NULL)
        return why;
    return parse_command(words, 3, spec);
}

/* Parses one line into the table's next slot; NULL, or why it was skipped. */
static const char *parse_line(const char *line, size_t length, struct service_table *table, bool *empty)
{
    struct line_words words;
    struct service_spec *spec = &table->services[table->count];

    *empty = false;
    if (length >= SERVICE_LINE_MAX)
        return "line too long";
    if (!split_words(line, length, &words))
        return "too many arguments";
    if (words.count == 0) {
        *empty = true;
        return NULL;
    }
    if (table->count == SERVICE_MAX)
        return "too many services";
    const char *why = parse_service(&words, spec);
    if (why)
        return why;
    if (service_table_find(table, spec->name))
        return "a service of that name is already defined";
    return NULL;
}

int service_table_parse(const char *text, size_t length, struct service_table *table,
                        service_report_fn report, void *context)
{
    int skipped = 0;
    int line_number = 0;
    size_t at = 0;

    table->count = 0;
    while (at < length) {
        const char *end = memchr(text + at, '\n', length - at);
        size_t line_length = end ? (size_t)(end - (text + at)) : length - at;
        bool empty;
        const char *why = parse_line(text + at, line_length, table, &empty);

        line_number++;
        if (why) {
            report(line_number, why, context);
            skipped++;
        } else if (!empty) {
            table->count++;
        }
        at += line_length + 1;
    }
    return skipped;
}

void service_argv(const struct service_spec *spec, char **argv)
{
    const char *word = spec->words;

    for (int i = 0; i < spec->argc; i++) {
        argv[i] = (char *)word;
        word += strlen(word) + 1;
    }
    argv[spec->argc] = NULL;
}

const struct service_spec *service_table_find(const struct service_table *table, const char *name)
{
    for (int i = 0; i < table->count; i++) {
        if (strcmp(table->services[i].name, name) == 0)
            return &table->services[i];
    }
    return NULL;
}

const char *restart_policy_name(enum restart_policy policy)
{
    switch (policy) {
    case RESTART_ALWAYS: return "always";
    case RESTART_ON_FAILURE: return "on-failure";
    case RESTART_NEVER: return "never";
    }
    return "?";
}
