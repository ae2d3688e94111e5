/*
 * job_control.c - stop, continue, and the reports waitpid gives of them
 * (see job_control.h).
 *
 * Layer: processes. Runs with interrupts off: SIGCONT may be posted from
 * any thread, and the stopped flag is read by the sleep code.
 */
#include "proc/job_control.h"
#include "proc/process.h"
#include "proc/process_group.h"
#include "proc/signal.h"

/* The parent learns of a stop or continue: waitpid wakes, and SIGCHLD
 * comes unless the parent asked for none (SA_NOCLDSTOP). */
static void tell_parent(struct process *process, enum job_report report)
{
    struct process *parent = process->parent;

    process->job_report = report;
    if (!parent)
        return;
    wait_queue_wake_all(&parent->child_changed);
    if (!(parent->signals.actions[FP_SIGCHLD].flags & FP_SA_NOCLDSTOP))
        signal_send(parent, FP_SIGCHLD);
}

void job_control_stop(struct process *process, int signal)
{
    if (signal != FP_SIGSTOP && process_group_is_orphaned(process->pgid, NULL))
        return;
    process->signals.stopped = true;
    process->stop_signal = signal;
    tell_parent(process, JOB_REPORT_STOPPED);
    while (process->signals.stopped && !signal_is_deliverable(process))
        wait_queue_sleep(&process->continued);
}

void job_control_continue(struct process *process)
{
    process->signals.pending &= ~SIGNAL_STOPS;
    if (!process->signals.stopped)
        return;
    process->signals.stopped = false;
    wait_queue_wake_all(&process->continued);
    tell_parent(process, JOB_REPORT_CONTINUED);
}

bool job_control_take_report(struct process *child, int options, int *status)
{
    if (child->job_report == JOB_REPORT_STOPPED && (options & FP_WUNTRACED))
        *status = FP_W_STOPPED(child->stop_signal);
    else if (child->job_report == JOB_REPORT_CONTINUED && (options & FP_WCONTINUED))
        *status = FP_W_CONTINUED;
    else
        return false;
    child->job_report = JOB_REPORT_NONE;
    return true;
}
