/*
 * sh/command.c - stage 4, execution: one simple command. Its words are
 * expanded into assignments and argv; a builtin, or assignments alone, run
 * in the shell, anything else in a child that applies the redirections and
 * the assignments (exported) and calls execvp.
 *
 * Layer: user program (Freeport's shell, see sh.h); uses expand.c,
 * redirect.c, builtins.c; used by run.c.
 * Invariants: a command's status is its exit code, 128 + N if signal N
 * killed it, 127 if it was not found, 126 if it could not be run; a
 * builtin's redirections are undone once it is done (save_fds/restore_fds).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools.h"
#include "sh.h"

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

_Noreturn void exec_command(const struct command *command)
{
    struct expanded expanded = expand_command(command);
    exec_expanded(command, &expanded);
}

/* A stopped command (^Z) counts as 128 + the signal, as bash's $? says. */
int wait_for(pid_t pid)
{
    int wait_status;
    while (waitpid(pid, &wait_status, job_wait_options()) < 0) {
        if (errno != EINTR)
            return 127;
    }
    if (WIFSTOPPED(wait_status)) {
        job_report_stopped(pid, wait_status);
        return 128 + WSTOPSIG(wait_status);
    }
    if (WIFSIGNALED(wait_status) && WTERMSIG(wait_status) != SIGINT && WTERMSIG(wait_status) != SIGPIPE)
        fprintf(stderr, "%s\n", strsignal(WTERMSIG(wait_status)));
    else if (WIFSIGNALED(wait_status) && job_control)
        fputc('\n', stderr); /* after the terminal's ^C, the prompt on a line of its own */
    return exit_status_of(wait_status);
}

pid_t fork_or_report(void)
{
    pid_t pid = fork();
    if (pid < 0)
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
    if (pid == 0)
        in_child = true;
    return pid;
}

/* A builtin, or assignments alone, run in the shell; anything else in a child. */
int run_simple_command(const struct command *command)
{
    struct expanded expanded = expand_command(command);
    const struct builtin *builtin = expanded.argc > 0 ? builtin_find(expanded.argv[0]) : NULL;
    if (expanded.argc > 0 && builtin == NULL) {
        pid_t pgid = 0;
        pid_t pid = fork_job_member(&pgid, true);
        if (pid == 0)
            exec_expanded(command, &expanded);
        int status = pid < 0 ? 1 : wait_for(pid);
        job_reclaim_terminal();
        return status;
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
