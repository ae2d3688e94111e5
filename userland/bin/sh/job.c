/*
 * sh/job.c - job control for an interactive shell on its controlling
 * terminal: each foreground pipeline runs in a process group of its own,
 * which owns the terminal (tcsetpgrp) while it runs, so ^C, ^\ and ^Z
 * reach it and not the shell; the shell takes the terminal back after.
 *
 * Layer: user program (Freeport's shell, see sh.h; POSIX only). Used by
 * command.c and run.c around every fork and wait.
 * Invariants: job control is on only in the interactive shell itself
 * (never in a child it forked, nor for sh -c or a script), and only once
 * the shell leads its own group in the foreground of its terminal; the
 * shell ignores SIGTSTP, SIGTTIN and SIGTTOU (and, as before, SIGINT and
 * SIGQUIT), its commands get the defaults back. Background chains get a
 * group of their own, never the terminal.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define TERMINAL_FD 0

bool job_control;
static pid_t shell_pgid;

/* The shell's session must have the terminal on stdin as its controlling
 * terminal; a shell started without one (by init, say) makes a session
 * for itself and takes it. */
static bool have_controlling_terminal(void)
{
    if (tcgetpgrp(TERMINAL_FD) >= 0)
        return true;
    return setsid() >= 0 && ioctl(TERMINAL_FD, TIOCSCTTY, 0) == 0;
}

void job_control_start(void)
{
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    if (!have_controlling_terminal())
        return;
    if (getpid() != getsid(0) && setpgid(0, 0) < 0)
        return;
    shell_pgid = getpgrp();
    job_control = tcsetpgrp(TERMINAL_FD, shell_pgid) == 0;
}

static bool active(void)
{
    return job_control && !in_child;
}

pid_t fork_job_member(pid_t *pgid, bool foreground)
{
    bool managed = active();
    pid_t pid = fork_or_report();

    if (pid < 0 || !managed)
        return pid;
    if (pid == 0) {
        setpgid(0, *pgid);
        if (foreground)
            tcsetpgrp(TERMINAL_FD, getpgrp());
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        return 0;
    }
    if (*pgid == 0)
        *pgid = pid;
    setpgid(pid, *pgid);
    if (foreground)
        tcsetpgrp(TERMINAL_FD, *pgid);
    return pid;
}

void job_reclaim_terminal(void)
{
    if (active())
        tcsetpgrp(TERMINAL_FD, shell_pgid);
}

int job_wait_options(void)
{
    return active() ? WUNTRACED : 0;
}

void job_report_stopped(pid_t pid, int wait_status)
{
    fprintf(stderr, "\n[%d] Stopped (signal %d)\n", (int)pid, WSTOPSIG(wait_status));
}
