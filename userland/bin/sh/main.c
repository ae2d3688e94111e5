/*
 * sh/main.c - Freeport's shell, a small POSIX-style command interpreter: its
 * state, its arguments, and the loop that reads text and runs it one line at
 * a time. sh.h lists the stages a line goes through, and their files.
 *
 *   sh                       read commands from standard input (a prompt if it is a terminal)
 *   sh -c 'commands' [name [arguments...]]
 *   sh script [arguments...]
 *
 * Layer: user program (portable POSIX C: also builds and runs on Linux).
 * Invariant: run_text is the only setjmp(abandon_line): a line error comes
 * back here, which ends a non-interactive shell with status 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools.h"
#include "sh.h"

/* The shell's state; sh.h says what each variable is. */
int last_status;
pid_t shell_pid;
pid_t last_background;
bool in_child;
bool interactive;
char **positional;
int positional_count;
void (*child_interrupt_disposition)(int) = SIG_DFL;

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
        arena_reset();
        parser_advance(&parser);
        run_line(parse_line(&parser));
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
        job_control_start();
    }
    return run_input(0, true);
}
