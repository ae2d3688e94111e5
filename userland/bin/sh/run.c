/*
 * sh/run.c - stage 4, execution: the structure of a line. A pipeline's
 * commands run in children joined by pipes; a chain runs its pipelines as
 * && and || say; a line runs its chains in order, a `&` chain in a
 * background child.
 *
 * Layer: user program (Freeport's shell, see sh.h); runs the tree parse.c
 * builds, one command at a time through command.c.
 * Invariants: a pipeline's status is its last command's (1 if one could not
 * be started); the shell closes its copies of every pipe end, so a reader
 * sees end of file when its writer exits; a background chain ignores SIGINT
 * and SIGQUIT, and sets $!. With job control (job.c) each pipeline is a
 * process group in the terminal's foreground while it runs.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* Starts one command of a pipeline reading from input_fd (-1: the shell's
   stdin) and writing to output_fd (-1: the shell's stdout). */
static pid_t start_piped(const struct command *command, int input_fd, int output_fd, int unused_fd, pid_t *pgid)
{
    pid_t pid = fork_job_member(pgid, true);
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
    pid_t pids[MAX_COMMANDS], pgid = 0;
    int started = 0, input_fd = -1;
    for (int i = 0; i < pipeline->count; i++) {
        int pipe_fds[2] = {-1, -1};
        if (i < pipeline->count - 1 && pipe(pipe_fds) < 0) {
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            break;
        }
        pid_t pid = start_piped(pipeline->commands[i], input_fd, pipe_fds[1], pipe_fds[0], &pgid);
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
    job_reclaim_terminal();
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
    pid_t pgid = 0;
    pid_t pid = fork_job_member(&pgid, false);
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

void run_line(const struct line *line)
{
    for (int i = 0; i < line->count; i++) {
        if (line->chains[i]->background)
            run_in_background(line->chains[i]);
        else
            last_status = run_chain(line->chains[i]);
    }
}
