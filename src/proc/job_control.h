/*
 * job_control.h - stopping and continuing processes (SIGSTOP, SIGTSTP,
 * SIGTTIN, SIGTTOU; SIGCONT), and telling the parent (waitpid's WUNTRACED
 * and WCONTINUED).
 *
 * Layer: processes, called by signal.c. A stop signal whose action is the
 * default is delivered like any other, on the way back to user mode: the
 * thread then sleeps on process->continued with signals.stopped set, and
 * sees no signal but SIGKILL until SIGCONT clears it (signal.c's
 * deliverable set). SIGCONT continues a stopped process when it is posted,
 * whatever its action, and throws away pending stop signals; a stop signal
 * posted throws away a pending SIGCONT (POSIX).
 *
 * Each change is reported once: job_report holds it for the parent's
 * waitpid, which wakes on child_changed, and the parent gets SIGCHLD
 * unless its SIGCHLD action has SA_NOCLDSTOP.
 */
#ifndef FREEPORT_PROC_JOB_CONTROL_H
#define FREEPORT_PROC_JOB_CONTROL_H

#include <stdbool.h>

struct process;

/* The current process stops on `signal` and sleeps until it is continued
 * or killed. A TSTP/TTIN/TTOU stop of an orphaned group is discarded
 * (POSIX: nobody could continue it). Interrupts off. */
void job_control_stop(struct process *process, int signal);

/* SIGCONT was posted to `process`. Interrupts off. */
void job_control_continue(struct process *process);

/* waitpid: if `child` has a change to report that `options` (FP_WUNTRACED,
 * FP_WCONTINUED) asks for, take it: true and *status set. */
bool job_control_take_report(struct process *child, int options, int *status);

#endif
