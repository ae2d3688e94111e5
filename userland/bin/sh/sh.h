/*
 * sh/sh.h - what the files of Freeport's shell share: the limits, the
 * shell's state, the tokens and the command tree, and each stage's entry
 * points.
 *
 * Layer: user program (portable POSIX C: also builds and runs on Linux).
 * One line goes through four stages, one or more files each:
 *   1. lexer     lex.c: the line -> tokens: raw words (quotes kept) and
 *                operators
 *   2. parser    parse.c: tokens -> a list of and-or chains of pipelines of
 *                commands
 *   3. expansion expand.c: each raw word, when its command runs -> fields:
 *                quotes, backslashes, $NAME ${NAME} $? $$ $! $# $0-$9, and
 *                field splitting of unquoted expansions
 *   4. execution redirect.c: redirections (< > >> N> N>&M); builtins.c and
 *                test.c: builtins in the shell; command.c: other commands in
 *                a child (execvp); run.c: pipelines, && ||, `&` in a
 *                background child
 * Around them: main.c (arguments, the read-run loop), input.c (reading
 * lines), arena.c (the line arena, line errors), variables.c (variables),
 * job.c (job control: process groups and the terminal, when interactive).
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
#ifndef USERLAND_BIN_SH_SH_H
#define USERLAND_BIN_SH_SH_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LINE_MAX_LENGTH 4096
#define MAX_WORDS       128 /* words in a command, fields after expansion */
#define MAX_REDIRECTS   8   /* per command */
#define MAX_COMMANDS    16  /* per pipeline */
#define MAX_PIPELINES   16  /* per and-or chain */
#define MAX_CHAINS      32  /* per line */

/* ---- shell state (main.c) --------------------------------------------- */

extern int last_status;       /* $? */
extern pid_t shell_pid;       /* $$: the shell's, also in its children */
extern pid_t last_background; /* $! */
extern bool in_child;         /* a child forked to run a command or chain */
extern bool interactive;
extern char **positional; /* $0 $1 ...: script name and arguments */
extern int positional_count;
/* What SIGINT and SIGQUIT become in a command's child: the default, or
   ignored in a background chain (a Ctrl-C is not meant for it). */
extern void (*child_interrupt_disposition)(int);

extern char **environ; /* POSIX: the environment a program is given */

/* ---- the line arena (arena.c) ----------------------------------------- */

extern jmp_buf abandon_line; /* where line_error goes back to: run_text */

_Noreturn __attribute__((format(printf, 1, 2))) void line_error(const char *format, ...);
void *arena_alloc(size_t size);
void arena_reset(void);

/* ---- variables (variables.c) ------------------------------------------ */

bool is_name_start(char c);
bool is_name_char(char c);
const char *variable_get(const char *name, size_t length);
int variable_set(const char *name, size_t length, const char *value, bool exported);
void variable_unset(const char *name);
void variables_import(char **environment);
char **build_environment(void);
size_t assignment_name_length(const char *word);

/* ---- 1. lexer (lex.c) ------------------------------------------------- */

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

struct token lex_next(struct lexer *lexer);
bool quote_open(const char *text);

/* ---- 2. parser (parse.c) ---------------------------------------------- */

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

void parser_advance(struct parser *parser);
struct line *parse_line(struct parser *parser);

/* ---- 3. expansion (expand.c) ------------------------------------------ */

char **expand_words(const char *const *words, int count, int *argc);
char *expand_single(const char *word);

/* ---- 4. execution: redirections (redirect.c) -------------------------- */

int apply_redirects(const struct command *command);

/* Builtins run in the shell itself: their redirections are undone afterwards. */
struct saved_fds {
    int fd[MAX_REDIRECTS];
    int copy[MAX_REDIRECTS]; /* -1: fd was closed before */
    int count;
};

void save_fds(const struct command *command, struct saved_fds *saved);
void restore_fds(const struct saved_fds *saved);

/* ---- 4. execution: builtins (builtins.c, test.c) ---------------------- */

struct builtin {
    const char *name;
    int (*run)(int argc, char **argv);
};

const struct builtin *builtin_find(const char *name);
int builtin_test(int argc, char **argv);

/* ---- 4. execution: commands (command.c), pipelines and chains (run.c) - */

pid_t fork_or_report(void);

/* ---- job control (job.c) ---------------------------------------------- */

extern bool job_control; /* the interactive shell runs jobs in their own groups */
/* Interactive: take the terminal, ignore the job-control stop signals. */
void job_control_start(void);
/* fork_or_report, and with job control the child joins group *pgid (0: a
   new group led by it, whose id is then stored in *pgid) which gets the
   terminal when `foreground`; the child's stop signals are the defaults. */
pid_t fork_job_member(pid_t *pgid, bool foreground);
/* The shell's group owns the terminal again (after a foreground job). */
void job_reclaim_terminal(void);
/* waitpid's options for a foreground job: WUNTRACED with job control. */
int job_wait_options(void);
void job_report_stopped(pid_t pid, int wait_status);
int wait_for(pid_t pid);
int run_simple_command(const struct command *command);
_Noreturn void exec_command(const struct command *command);
void run_line(const struct line *line);

/* ---- reading lines (input.c) ------------------------------------------ */

struct reader {
    int fd;
    bool one_byte_at_a_time; /* stdin: leave the rest to the commands we run */
    char buffer[512];
    size_t start, end;
};

bool read_command_line(struct reader *reader, char *line, size_t size);

#endif
