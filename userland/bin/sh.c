/*
 * sh - Freeport's shell: a small POSIX-style command interpreter.
 *
 *   sh                       read commands from standard input (a prompt if it is a terminal)
 *   sh -c 'commands' [name [arguments...]]
 *   sh script [arguments...]
 *
 * Layer: user program (portable POSIX C: also builds and runs on Linux).
 * One line goes through four stages, one section of this file each:
 *   1. lexer     the line -> tokens: raw words (quotes kept) and operators
 *   2. parser    tokens -> a list of and-or chains of pipelines of commands
 *   3. expansion each raw word, when its command runs -> fields: quotes,
 *                backslashes, $NAME ${NAME} $? $$ $! $# $0-$9, and field
 *                splitting of unquoted expansions
 *   4. execution redirections (< > >> N> N>&M), builtins in the shell,
 *                other commands in a child (execvp), `&` in a background child
 * Supported syntax: ; & && || | newlines and # comments, NAME=value (alone,
 * or before a command for its environment), quotes and backslashes across
 * lines. A pipeline needs pipe(), which Freeport's kernel does not have yet
 * ("pipes not supported yet"). Not supported: globbing, if/while/for,
 * functions, subshells, command substitution, here-documents.
 *
 * Invariant: everything built for a line lives in the line arena, which is
 * emptied when the line is done; an error in a line (syntax, arena full)
 * abandons it with longjmp back to run_text.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools.h"

#define ARENA_SIZE      (64 * 1024)
#define LINE_MAX_LENGTH 4096
#define MAX_WORDS       128 /* words in a command, fields after expansion */
#define MAX_REDIRECTS   8   /* per command */
#define MAX_COMMANDS    16  /* per pipeline */
#define MAX_PIPELINES   16  /* per and-or chain */
#define MAX_CHAINS      32  /* per line */
#define MAX_VARIABLES   256

/* ---- shell state ------------------------------------------------------ */

static int last_status;       /* $? */
static pid_t shell_pid;       /* $$: the shell's, also in its children */
static pid_t last_background; /* $! */
static bool in_child;         /* a child forked to run a command or chain */
static bool interactive;
static char **positional; /* $0 $1 ...: script name and arguments */
static int positional_count;
/* What SIGINT and SIGQUIT become in a command's child: the default, or
   ignored in a background chain (a Ctrl-C is not meant for it). */
static void (*child_interrupt_disposition)(int) = SIG_DFL;
static jmp_buf abandon_line;

extern char **environ;

/* ---- the line arena --------------------------------------------------- */

static char arena[ARENA_SIZE];
static size_t arena_used;

/* Reports an error and abandons the line (a child, which has no read loop
   to go back to, exits). */
static _Noreturn __attribute__((format(printf, 1, 2))) void line_error(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fputs("sh: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    if (in_child)
        exit(2);
    longjmp(abandon_line, 1);
}

static void *arena_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size > ARENA_SIZE - arena_used)
        line_error("line too long");
    void *memory = arena + arena_used;
    arena_used += size;
    return memory;
}

/* ---- variables -------------------------------------------------------- */

struct variable {
    char *name;
    char *value;
    bool exported;
};

static struct variable variables[MAX_VARIABLES];
static int variable_count;

static bool is_name_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static struct variable *variable_find(const char *name, size_t length)
{
    for (int i = 0; i < variable_count; i++)
        if (strlen(variables[i].name) == length && strncmp(variables[i].name, name, length) == 0)
            return &variables[i];
    return NULL;
}

static const char *variable_get(const char *name, size_t length)
{
    struct variable *variable = variable_find(name, length);
    return variable != NULL ? variable->value : NULL;
}

/* Sets name (length bytes of name) to value; exported only ever turns on. */
static int variable_set(const char *name, size_t length, const char *value, bool exported)
{
    struct variable *variable = variable_find(name, length);
    if (variable == NULL) {
        if (variable_count == MAX_VARIABLES) {
            fprintf(stderr, "sh: too many variables\n");
            return -1;
        }
        variable = &variables[variable_count++];
        variable->name = strndup(name, length);
        variable->value = NULL;
        variable->exported = false;
    }
    char *copy = strdup(value); /* value may be the old value itself */
    free(variable->value);
    variable->value = copy;
    variable->exported |= exported;
    return 0;
}

static void variable_unset(const char *name)
{
    struct variable *variable = variable_find(name, strlen(name));
    if (variable == NULL)
        return;
    free(variable->name);
    free(variable->value);
    *variable = variables[--variable_count];
}

static void variables_import(char **environment)
{
    for (char **entry = environment; *entry != NULL; entry++) {
        char *equals = strchr(*entry, '=');
        if (equals != NULL)
            variable_set(*entry, (size_t)(equals - *entry), equals + 1, true);
    }
}

/* ---- 1. lexer ---------------------------------------------------------- */

enum token_type {
    TOKEN_WORD,
    TOKEN_SEMICOLON,  /* ; */
    TOKEN_NEWLINE,    /* a newline: like ;, and allowed after && || | */
    TOKEN_BACKGROUND, /* & */
    TOKEN_AND,        /* && */
    TOKEN_OR,         /* || */
    TOKEN_PIPE,       /* | */
    TOKEN_REDIRECT,   /* < > >> <& >&, with the fd they apply to */
    TOKEN_END,
};

enum redirect_kind { REDIRECT_IN, REDIRECT_OUT, REDIRECT_APPEND, REDIRECT_DUP };

struct token {
    enum token_type type;
    const char *text;            /* TOKEN_WORD: the raw word, quotes kept */
    enum redirect_kind redirect; /* TOKEN_REDIRECT */
    int fd;                      /* TOKEN_REDIRECT: the fd redirected */
};

struct lexer {
    const char *cursor;
};

static bool is_operator_char(char c)
{
    return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '\n';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Skips blanks and a comment (up to, not past, the newline). */
static const char *skip_blanks(const char *p)
{
    while (is_blank(*p))
        p++;
    if (*p == '#')
        p += strcspn(p, "\n");
    return p;
}

/* Returns the end of the raw word starting at start, or NULL if a quote is
   left open. */
static const char *word_end(const char *start)
{
    const char *p = start;
    char quote = 0;
    for (; *p != '\0'; p++) {
        if (quote == '\'') {
            quote = *p == '\'' ? 0 : quote;
        } else if (*p == '\\' && p[1] != '\0') {
            p++;
        } else if (quote == '"') {
            quote = *p == '"' ? 0 : quote;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (is_blank(*p) || is_operator_char(*p)) {
            break;
        }
    }
    return quote ? NULL : p;
}

static struct token lex_redirect(struct lexer *lexer, int fd)
{
    const char *p = lexer->cursor;
    struct token token = {.type = TOKEN_REDIRECT, .fd = fd};
    bool input = *p++ == '<';
    if (token.fd < 0)
        token.fd = input ? 0 : 1;
    if (*p == '&') {
        token.redirect = REDIRECT_DUP;
        p++;
    } else if (!input && *p == '>') {
        token.redirect = REDIRECT_APPEND;
        p++;
    } else {
        token.redirect = input ? REDIRECT_IN : REDIRECT_OUT;
    }
    lexer->cursor = p;
    return token;
}

static struct token lex_operator(struct lexer *lexer)
{
    const char *p = lexer->cursor;
    if (*p == '<' || *p == '>')
        return lex_redirect(lexer, -1);
    if (*p == '\n') {
        lexer->cursor++;
        return (struct token){.type = TOKEN_NEWLINE};
    }
    bool doubled = p[1] == p[0] && *p != ';';
    lexer->cursor += doubled ? 2 : 1;
    if (*p == '&')
        return (struct token){.type = doubled ? TOKEN_AND : TOKEN_BACKGROUND};
    if (*p == '|')
        return (struct token){.type = doubled ? TOKEN_OR : TOKEN_PIPE};
    return (struct token){.type = TOKEN_SEMICOLON};
}

static struct token lex_next(struct lexer *lexer)
{
    lexer->cursor = skip_blanks(lexer->cursor);
    const char *start = lexer->cursor;
    if (*start == '\0')
        return (struct token){.type = TOKEN_END};
    if (is_operator_char(*start))
        return lex_operator(lexer);
    const char *end = word_end(start);
    if (end == NULL)
        line_error("syntax error: unterminated quote");
    lexer->cursor = end;
    size_t length = (size_t)(end - start);
    if ((*end == '<' || *end == '>') && strspn(start, "0123456789") == length)
        return lex_redirect(lexer, atoi(start));
    char *text = arena_alloc(length + 1);
    memcpy(text, start, length);
    text[length] = '\0';
    return (struct token){.type = TOKEN_WORD, .text = text};
}

/* ---- 2. parser --------------------------------------------------------- */

struct redirect {
    enum redirect_kind kind;
    int fd;
    const char *target; /* raw word: a file, or for DUP an fd or "-" */
};

struct command {
    const char *words[MAX_WORDS]; /* raw words, NAME=value assignments first */
    int word_count;
    struct redirect redirects[MAX_REDIRECTS];
    int redirect_count;
};

struct pipeline {
    struct command *commands[MAX_COMMANDS];
    int count;
};

struct chain { /* pipelines joined by && and || */
    struct pipeline *pipelines[MAX_PIPELINES];
    enum token_type joins[MAX_PIPELINES]; /* joins[i] precedes pipelines[i], i >= 1 */
    int count;
    bool background;
};

struct line {
    struct chain *chains[MAX_CHAINS];
    int count;
};

struct parser {
    struct lexer lexer;
    struct token token; /* the current, not yet consumed token */
};

static const char *token_name(const struct token *token)
{
    static const char *const names[] = {
        [TOKEN_WORD] = "word",       [TOKEN_SEMICOLON] = ";",
        [TOKEN_NEWLINE] = "newline", [TOKEN_BACKGROUND] = "&",
        [TOKEN_AND] = "&&",          [TOKEN_OR] = "||",
        [TOKEN_PIPE] = "|",          [TOKEN_REDIRECT] = "redirection",
        [TOKEN_END] = "end of line",
    };
    return token->type == TOKEN_WORD ? token->text : names[token->type];
}

static void parser_advance(struct parser *parser)
{
    parser->token = lex_next(&parser->lexer);
}

static void skip_newlines(struct parser *parser)
{
    while (parser->token.type == TOKEN_NEWLINE)
        parser_advance(parser);
}

static void syntax_error(const struct parser *parser)
{
    line_error("syntax error near '%s'", token_name(&parser->token));
}

static void parse_redirect(struct parser *parser, struct command *command)
{
    struct token redirect = parser->token;
    parser_advance(parser);
    if (parser->token.type != TOKEN_WORD)
        syntax_error(parser);
    if (command->redirect_count == MAX_REDIRECTS)
        line_error("too many redirections");
    command->redirects[command->redirect_count++] =
        (struct redirect){.kind = redirect.redirect, .fd = redirect.fd, .target = parser->token.text};
    parser_advance(parser);
}

static struct command *parse_command(struct parser *parser)
{
    struct command *command = arena_alloc(sizeof(*command));
    command->word_count = command->redirect_count = 0;
    for (;;) {
        if (parser->token.type == TOKEN_REDIRECT) {
            parse_redirect(parser, command);
        } else if (parser->token.type == TOKEN_WORD) {
            if (command->word_count == MAX_WORDS - 1)
                line_error("too many words");
            command->words[command->word_count++] = parser->token.text;
            parser_advance(parser);
        } else {
            break;
        }
    }
    if (command->word_count == 0 && command->redirect_count == 0)
        syntax_error(parser);
    return command;
}

static struct pipeline *parse_pipeline(struct parser *parser)
{
    struct pipeline *pipeline = arena_alloc(sizeof(*pipeline));
    pipeline->count = 0;
    for (;;) {
        if (pipeline->count == MAX_COMMANDS)
            line_error("pipeline too long");
        pipeline->commands[pipeline->count++] = parse_command(parser);
        if (parser->token.type != TOKEN_PIPE)
            return pipeline;
        parser_advance(parser);
        skip_newlines(parser);
    }
}

static struct chain *parse_chain(struct parser *parser)
{
    struct chain *chain = arena_alloc(sizeof(*chain));
    chain->count = 0;
    chain->background = false;
    for (;;) {
        chain->pipelines[chain->count++] = parse_pipeline(parser);
        if (parser->token.type != TOKEN_AND && parser->token.type != TOKEN_OR)
            return chain;
        if (chain->count == MAX_PIPELINES)
            line_error("too many && and ||");
        chain->joins[chain->count] = parser->token.type;
        parser_advance(parser);
        skip_newlines(parser);
    }
}

/* Parses the chains up to the end of the line, leaving the newline (or the
   end of the text) as the current token. */
static struct line *parse_line(struct parser *parser)
{
    struct line *line = arena_alloc(sizeof(*line));
    line->count = 0;
    while (parser->token.type != TOKEN_NEWLINE && parser->token.type != TOKEN_END) {
        if (line->count == MAX_CHAINS)
            line_error("too many commands");
        struct chain *chain = parse_chain(parser);
        line->chains[line->count++] = chain;
        enum token_type end = parser->token.type;
        if (end == TOKEN_BACKGROUND || end == TOKEN_SEMICOLON)
            parser_advance(parser);
        else if (end != TOKEN_NEWLINE && end != TOKEN_END)
            syntax_error(parser);
        chain->background = end == TOKEN_BACKGROUND;
    }
    return line;
}

/* ---- 3. expansion ------------------------------------------------------ */

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
static char **expand_words(const char *const *words, int count, int *argc)
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
static char *expand_single(const char *word)
{
    struct fields *fields = fields_start(false);
    expand_word(fields, word);
    return fields->list[0];
}

/* NAME=value: the length of NAME, or 0 if word is not an assignment. */
static size_t assignment_name_length(const char *word)
{
    if (!is_name_start(word[0]))
        return 0;
    size_t length = 1;
    while (is_name_char(word[length]))
        length++;
    return word[length] == '=' ? length : 0;
}

/* ---- 4. execution: redirections ------------------------------------------ */

static int open_redirect_target(const struct redirect *redirect, const char *target)
{
    switch (redirect->kind) {
    case REDIRECT_IN: return open(target, O_RDONLY);
    case REDIRECT_OUT: return open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    case REDIRECT_APPEND: return open(target, O_WRONLY | O_CREAT | O_APPEND, 0666);
    case REDIRECT_DUP: break;
    }
    if (target[0] != '\0' && strspn(target, "0123456789") == strlen(target))
        return dup(atoi(target));
    errno = EBADF;
    return -1;
}

static int apply_redirect(const struct redirect *redirect)
{
    const char *target = expand_single(redirect->target);
    if (redirect->kind == REDIRECT_DUP && strcmp(target, "-") == 0) {
        close(redirect->fd);
        return 0;
    }
    int fd = open_redirect_target(redirect, target);
    if (fd < 0) {
        fprintf(stderr, "sh: %s: %s\n", target, strerror(errno));
        return -1;
    }
    if (fd != redirect->fd) {
        dup2(fd, redirect->fd);
        close(fd);
    }
    return 0;
}

static int apply_redirects(const struct command *command)
{
    for (int i = 0; i < command->redirect_count; i++)
        if (apply_redirect(&command->redirects[i]) < 0)
            return -1;
    return 0;
}

/* Builtins run in the shell itself: their redirections are undone afterwards. */
struct saved_fds {
    int fd[MAX_REDIRECTS];
    int copy[MAX_REDIRECTS]; /* -1: fd was closed before */
    int count;
};

static void save_fds(const struct command *command, struct saved_fds *saved)
{
    saved->count = command->redirect_count;
    for (int i = 0; i < saved->count; i++) {
        saved->fd[i] = command->redirects[i].fd;
        saved->copy[i] = fcntl(saved->fd[i], F_DUPFD_CLOEXEC, 10);
    }
}

static void restore_fds(const struct saved_fds *saved)
{
    for (int i = saved->count - 1; i >= 0; i--) {
        if (saved->copy[i] < 0) {
            close(saved->fd[i]);
        } else {
            dup2(saved->copy[i], saved->fd[i]);
            close(saved->copy[i]);
        }
    }
}

/* ---- 4. execution: builtins ---------------------------------------------- */

static int builtin_cd(int argc, char **argv)
{
    const char *home = variable_get("HOME", 4);
    const char *target = argc > 1 ? argv[1] : (home != NULL ? home : "/");
    if (chdir(target) < 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", target, strerror(errno));
        return 1;
    }
    char cwd[LINE_MAX_LENGTH];
    if (getcwd(cwd, sizeof(cwd)) != NULL)
        variable_set("PWD", 3, cwd, true);
    return 0;
}

static int builtin_exit(int argc, char **argv)
{
    exit(argc > 1 ? atoi(argv[1]) : last_status);
}

static int builtin_export(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        size_t length = assignment_name_length(argv[i]);
        if (length > 0) {
            variable_set(argv[i], length, argv[i] + length + 1, true);
        } else if (is_name_start(argv[i][0])) {
            const char *current = variable_get(argv[i], strlen(argv[i]));
            variable_set(argv[i], strlen(argv[i]), current != NULL ? current : "", true);
        } else {
            fprintf(stderr, "sh: export: %s: not a valid name\n", argv[i]);
            status = 1;
        }
    }
    return status;
}

static int builtin_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        variable_unset(argv[i]);
    return 0;
}

static int builtin_wait(int argc, char **argv)
{
    int wait_status, status = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            status = waitpid(atoi(argv[i]), &wait_status, 0) > 0 ? exit_status_of(wait_status) : 127;
        return status;
    }
    while (waitpid(-1, &wait_status, 0) > 0)
        status = exit_status_of(wait_status);
    return status;
}

static int builtin_true(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int builtin_false(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

static bool test_file(char check, const char *path)
{
    struct stat status;
    if (check == 'r' || check == 'w' || check == 'x')
        return access(path, check == 'r' ? R_OK : check == 'w' ? W_OK : X_OK) == 0;
    if (stat(path, &status) < 0)
        return false;
    return check == 'e' || (check == 'f' && S_ISREG(status.st_mode)) ||
           (check == 'd' && S_ISDIR(status.st_mode)) || (check == 's' && status.st_size > 0);
}

static int test_compare_numbers(const char *left, const char *comparison, const char *right)
{
    static const char *const names[] = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
    long a = strtol(left, NULL, 10), b = strtol(right, NULL, 10);
    const bool results[] = {a == b, a != b, (a < b), a <= b, (a > b), a >= b};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(comparison, names[i]) == 0)
            return results[i] ? 0 : 1;
    fprintf(stderr, "sh: test: unknown comparison %s\n", comparison);
    return 2;
}

/* test's expression, argv[0..argc-1] without "test" or the brackets. */
static int test_evaluate(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "!") == 0) {
        int result = test_evaluate(argc - 1, argv + 1);
        return result == 2 ? 2 : !result;
    }
    if (argc == 0)
        return 1;
    if (argc == 1)
        return argv[0][0] == '\0';
    if (argc == 2 && argv[0][0] == '-' && argv[0][1] != '\0' && argv[0][2] == '\0') {
        if (argv[0][1] == 'z' || argv[0][1] == 'n')
            return (argv[1][0] == '\0') == (argv[0][1] == 'z') ? 0 : 1;
        if (strchr("efdrwxs", argv[0][1]) != NULL)
            return test_file(argv[0][1], argv[1]) ? 0 : 1;
    }
    if (argc == 3 && strcmp(argv[1], "=") == 0)
        return strcmp(argv[0], argv[2]) == 0 ? 0 : 1;
    if (argc == 3 && strcmp(argv[1], "!=") == 0)
        return strcmp(argv[0], argv[2]) != 0 ? 0 : 1;
    if (argc == 3 && argv[1][0] == '-')
        return test_compare_numbers(argv[0], argv[1], argv[2]);
    fprintf(stderr, "sh: test: bad expression\n");
    return 2;
}

static int builtin_test(int argc, char **argv)
{
    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            fprintf(stderr, "sh: [: missing ]\n");
            return 2;
        }
        argc--;
    }
    return test_evaluate(argc - 1, argv + 1);
}

struct builtin {
    const char *name;
    int (*run)(int argc, char **argv);
};

static const struct builtin builtins[] = {
    {"cd", builtin_cd},       {"exit", builtin_exit}, {"export", builtin_export}, {"unset", builtin_unset},
    {"wait", builtin_wait},   {"test", builtin_test}, {"[", builtin_test},        {"true", builtin_true},
    {"false", builtin_false}, {":", builtin_true},
};

static const struct builtin *builtin_find(const char *name)
{
    for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

/* ---- 4. execution: commands, pipelines, chains --------------------------- */

/* A command after expansion: assignments split from the arguments. */
struct expanded {
    char **assignments; /* raw NAME=value words */
    int assignment_count;
    char **argv;
    int argc;
};

static struct expanded expand_command(const struct command *command)
{
    struct expanded expanded = {.assignments = (char **)command->words};
    while (expanded.assignment_count < command->word_count &&
           assignment_name_length(command->words[expanded.assignment_count]) > 0)
        expanded.assignment_count++;
    expanded.argv = expand_words(command->words + expanded.assignment_count,
                                 command->word_count - expanded.assignment_count, &expanded.argc);
    return expanded;
}

static void apply_assignments(const struct expanded *expanded, bool exported)
{
    for (int i = 0; i < expanded->assignment_count; i++) {
        const char *word = expanded->assignments[i];
        size_t length = assignment_name_length(word);
        variable_set(word, length, expand_single(word + length + 1), exported);
    }
}

/* The environment of a command: exported variables (assignments already applied). */
static char **build_environment(void)
{
    char **environment = arena_alloc(sizeof(char *) * (MAX_VARIABLES + 1));
    int count = 0;
    for (int i = 0; i < variable_count; i++) {
        if (!variables[i].exported)
            continue;
        size_t length = strlen(variables[i].name) + strlen(variables[i].value) + 2;
        environment[count] = arena_alloc(length);
        snprintf(environment[count++], length, "%s=%s", variables[i].name, variables[i].value);
    }
    environment[count] = NULL;
    return environment;
}

/* In a child: runs the expanded command and exits with its status. */
static _Noreturn void exec_expanded(const struct command *command, const struct expanded *expanded)
{
    apply_assignments(expanded, true);
    if (apply_redirects(command) < 0)
        exit(1);
    if (expanded->argc == 0)
        exit(0);
    const struct builtin *builtin = builtin_find(expanded->argv[0]);
    if (builtin != NULL)
        exit(builtin->run(expanded->argc, expanded->argv));
    signal(SIGINT, child_interrupt_disposition);
    signal(SIGQUIT, child_interrupt_disposition);
    environ = build_environment();
    execvp(expanded->argv[0], expanded->argv);
    int error = errno;
    fprintf(stderr, "sh: %s: %s\n", expanded->argv[0], error == ENOENT ? "not found" : strerror(error));
    exit(error == ENOENT ? 127 : 126);
}

static _Noreturn void exec_command(const struct command *command)
{
    struct expanded expanded = expand_command(command);
    exec_expanded(command, &expanded);
}

static int wait_for(pid_t pid)
{
    int wait_status;
    while (waitpid(pid, &wait_status, 0) < 0) {
        if (errno != EINTR)
            return 127;
    }
    if (WIFSIGNALED(wait_status) && WTERMSIG(wait_status) != SIGINT && WTERMSIG(wait_status) != SIGPIPE)
        fprintf(stderr, "%s\n", strsignal(WTERMSIG(wait_status)));
    return exit_status_of(wait_status);
}

static pid_t fork_or_report(void)
{
    pid_t pid = fork();
    if (pid < 0)
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
    if (pid == 0)
        in_child = true;
    return pid;
}

/* A builtin, or assignments alone, run in the shell; anything else in a child. */
static int run_simple_command(const struct command *command)
{
    struct expanded expanded = expand_command(command);
    const struct builtin *builtin = expanded.argc > 0 ? builtin_find(expanded.argv[0]) : NULL;
    if (expanded.argc > 0 && builtin == NULL) {
        pid_t pid = fork_or_report();
        if (pid == 0)
            exec_expanded(command, &expanded);
        return pid < 0 ? 1 : wait_for(pid);
    }
    apply_assignments(&expanded, false);
    struct saved_fds saved;
    save_fds(command, &saved);
    int status = 1;
    if (apply_redirects(command) == 0)
        status = builtin != NULL ? builtin->run(expanded.argc, expanded.argv) : 0;
    restore_fds(&saved);
    return status;
}

/* Starts one command of a pipeline reading from input_fd (-1: the shell's
   stdin) and writing to output_fd (-1: the shell's stdout). */
static pid_t start_piped(const struct command *command, int input_fd, int output_fd, int unused_fd)
{
    pid_t pid = fork_or_report();
    if (pid != 0)
        return pid;
    if (input_fd >= 0) {
        dup2(input_fd, 0);
        close(input_fd);
    }
    if (output_fd >= 0) {
        dup2(output_fd, 1);
        close(output_fd);
    }
    if (unused_fd >= 0)
        close(unused_fd);
    exec_command(command);
}

static int run_pipeline(const struct pipeline *pipeline)
{
    if (pipeline->count == 1)
        return run_simple_command(pipeline->commands[0]);
    pid_t pids[MAX_COMMANDS];
    int started = 0, input_fd = -1;
    for (int i = 0; i < pipeline->count; i++) {
        int pipe_fds[2] = {-1, -1};
        if (i < pipeline->count - 1 && pipe(pipe_fds) < 0) {
            fprintf(stderr, "sh: %s\n", errno == ENOSYS ? "pipes not supported yet" : strerror(errno));
            break;
        }
        pid_t pid = start_piped(pipeline->commands[i], input_fd, pipe_fds[1], pipe_fds[0]);
        if (input_fd >= 0)
            close(input_fd);
        if (pipe_fds[1] >= 0)
            close(pipe_fds[1]);
        input_fd = pipe_fds[0];
        if (pid < 0)
            break;
        pids[started++] = pid;
    }
    if (input_fd >= 0)
        close(input_fd);
    int status = 1;
    for (int i = 0; i < started; i++)
        status = wait_for(pids[i]);
    return started == pipeline->count ? status : 1;
}

static int run_chain(const struct chain *chain)
{
    int status = run_pipeline(chain->pipelines[0]);
    for (int i = 1; i < chain->count; i++) {
        if ((chain->joins[i] == TOKEN_AND) == (status == 0))
            status = run_pipeline(chain->pipelines[i]);
    }
    return status;
}

static void run_in_background(const struct chain *chain)
{
    pid_t pid = fork_or_report();
    if (pid == 0) {
        child_interrupt_disposition = SIG_IGN;
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        exit(run_chain(chain));
    }
    if (pid > 0) {
        last_background = pid;
        if (interactive)
            fprintf(stderr, "[%d]\n", (int)pid);
    }
    last_status = pid < 0 ? 1 : 0;
}

static void run_line(const struct line *line)
{
    for (int i = 0; i < line->count; i++) {
        if (line->chains[i]->background)
            run_in_background(line->chains[i]);
        else
            last_status = run_chain(line->chains[i]);
    }
}

/* Runs text (an input line, or a -c string of any number of lines) one line
   at a time: each is parsed whole, then run, then the arena is emptied. An
   error abandons the rest of the text. */
static void run_text(const char *text)
{
    struct parser parser = {.lexer = {.cursor = text}, .token = {.type = TOKEN_NEWLINE}};
    if (setjmp(abandon_line) != 0) {
        last_status = 2;
        if (!interactive)
            exit(2);
        return;
    }
    while (parser.token.type == TOKEN_NEWLINE) {
        arena_used = 0;
        parser_advance(&parser);
        run_line(parse_line(&parser));
    }
}

/* ---- reading lines ----------------------------------------------------- */

struct reader {
    int fd;
    bool one_byte_at_a_time; /* stdin: leave the rest to the commands we run */
    char buffer[512];
    size_t start, end;
};

static int reader_byte(struct reader *reader)
{
    if (reader->start == reader->end) {
        size_t want = reader->one_byte_at_a_time ? 1 : sizeof(reader->buffer);
        ssize_t got;
        do
            got = read(reader->fd, reader->buffer, want);
        while (got < 0 && errno == EINTR);
        if (got <= 0)
            return EOF;
        reader->start = 0;
        reader->end = (size_t)got;
    }
    return (unsigned char)reader->buffer[reader->start++];
}

/* Reads one line into line (without the newline); false at end of input. */
static bool reader_line(struct reader *reader, char *line, size_t size)
{
    size_t length = 0;
    int c;
    while ((c = reader_byte(reader)) != EOF && c != '\n') {
        if (length < size - 1)
            line[length++] = (char)c;
    }
    line[length] = '\0';
    return c != EOF || length > 0;
}

/* Whether the text ends inside a quote (a comment's quotes do not count). */
static bool quote_open(const char *text)
{
    for (const char *p = skip_blanks(text); *p != '\0'; p = skip_blanks(p)) {
        if (is_operator_char(*p)) {
            p++;
        } else {
            p = word_end(p);
            if (p == NULL)
                return true;
        }
    }
    return false;
}

static bool ends_with_backslash(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && text[length - 1 - count] == '\\')
        count++;
    return count % 2 == 1;
}

static void prompt(const char *text)
{
    if (interactive)
        fputs(text, stderr);
}

/* Reads a command line, going on to the next lines while a quote is open
   (keeping the newline) or the line ends with a backslash (dropping both). */
static bool read_command_line(struct reader *reader, char *line, size_t size)
{
    prompt("$ ");
    if (!reader_line(reader, line, size))
        return false;
    for (;;) {
        size_t length = strlen(line);
        if (quote_open(line) && length < size - 1)
            line[length++] = '\n';
        else if (ends_with_backslash(line, length))
            length--;
        else
            return true;
        prompt("> ");
        if (!reader_line(reader, line + length, size - length))
            return true;
    }
}

static void report_finished_jobs(void)
{
    int wait_status;
    pid_t pid;
    while ((pid = waitpid(-1, &wait_status, WNOHANG)) > 0)
        fprintf(stderr, "[%d] Done (%d)\n", (int)pid, exit_status_of(wait_status));
}

static int run_input(int fd, bool stdin_input)
{
    static struct reader reader;
    static char line[LINE_MAX_LENGTH];
    reader.fd = fd;
    reader.one_byte_at_a_time = stdin_input;
    while (true) {
        if (interactive)
            report_finished_jobs();
        if (!read_command_line(&reader, line, sizeof(line)))
            break;
        run_text(line);
    }
    return last_status;
}

int main(int argc, char **argv)
{
    shell_pid = getpid();
    variables_import(environ);
    if (argc == 2 && strcmp(argv[1], "-c") == 0) {
        fprintf(stderr, "sh: -c needs a command string\n");
        return 2;
    }
    if (argc > 2 && strcmp(argv[1], "-c") == 0) {
        positional = argv + 3;
        positional_count = argc - 3;
        if (positional_count == 0) {
            positional = argv;
            positional_count = 1;
        }
        run_text(argv[2]);
        return last_status;
    }
    positional = argv + (argc > 1);
    positional_count = argc - (argc > 1);
    if (argc > 1) {
        int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
            return 127;
        }
        return run_input(fd, false);
    }
    interactive = isatty(0);
    if (interactive) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    return run_input(0, true);
}
