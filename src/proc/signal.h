/*
 * signal.h - POSIX signals: posting, default actions, delivery to handlers.
 *
 * Layer: processes. A signal is posted to a process (signal_send: kill,
 * alarm, a child's exit, a user fault), sits in `pending` until the process
 * is about to return to user mode with it unblocked, and is then delivered
 * (signal_deliver): ignored signals were already discarded when posted, a
 * default "terminate" action ends the process, a handler gets a signal
 * frame on the user stack (signal_frame.c). Sets have bit n - 1 for signal
 * n, as in <freeport/abi.h>.
 *
 * Invariants: SIGKILL and SIGSTOP are never blocked, caught or ignored;
 * `pending` never holds a signal whose action is to ignore it. A posted
 * signal that is not blocked wakes the process from any sleep
 * (wait_queue_sleep returns -EINTR). A stop signal with the default
 * action stops the process (job_control.h); while stopped, only SIGKILL is
 * deliverable and SIGCONT (posted) continues it.
 */
#ifndef FREEPORT_PROC_SIGNAL_H
#define FREEPORT_PROC_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "uapi/freeport/abi.h"

struct process;
struct trap_frame;

#define SIGNAL_BIT(signal) (UINT64_C(1) << ((signal)-1))
#define SIGNAL_ALL         (SIGNAL_BIT(FP_NSIG) - 1) /* signals 1 .. FP_NSIG - 1 */
#define SIGNAL_UNBLOCKABLE (SIGNAL_BIT(FP_SIGKILL) | SIGNAL_BIT(FP_SIGSTOP))
#define SIGNAL_STOPS                                                                                         \
    (SIGNAL_BIT(FP_SIGSTOP) | SIGNAL_BIT(FP_SIGTSTP) | SIGNAL_BIT(FP_SIGTTIN) | SIGNAL_BIT(FP_SIGTTOU))

struct signal_state {
    uint64_t pending;
    uint64_t blocked;
    struct freeport_sigaction actions[FP_NSIG]; /* [signal]; [0] unused */
    uint64_t alarm_tick;                        /* arch_ticks() when SIGALRM is due; 0: no alarm */
    bool suspended; /* in sigsuspend: restore suspend_saved_mask after the handler */
    bool stopped;   /* by a stop signal, until SIGCONT (job_control.c) */
    uint64_t suspend_saved_mask;
};

static inline bool signal_is_valid(long signal)
{
    return signal >= 1 && signal < FP_NSIG;
}

/* Is `signal` thrown away when posted, by its action in `state` (SIG_IGN,
 * or the default of a signal whose default is to do nothing)? */
bool signal_is_ignored(const struct signal_state *state, int signal);

/* Post `signal` to `process` (discarded if its action is to ignore it,
 * and for init if its action is the default one). SIGCONT continues a
 * stopped process whatever its action. */
void signal_send(struct process *process, int signal);

/* A fault's signal: unblocked, and back to the default action if it was
 * ignored, then posted. Returns true if it will end the process (no handler). */
bool signal_force(struct process *process, int signal);

/* A pending signal is not blocked: a sleep must end with -EINTR. */
bool signal_is_deliverable(const struct process *process);

/* On the way back to user mode (thread_return_to_user): deliver every
 * deliverable signal of the current process by changing `frame`, or end
 * the process. */
void signal_deliver(struct trap_frame *frame);

/* sigreturn: restore the context saved when the handler was entered (the
 * signal frame just below the user stack pointer); a bad frame ends the
 * process with SIGSEGV. Returns the restored rax. */
long signal_return(struct trap_frame *frame);

/* fork: the child inherits actions and mask, not pending signals or alarms. */
void signal_state_fork(struct signal_state *child, const struct signal_state *parent);

/* execve: caught signals go back to their default action. */
void signal_state_exec(struct signal_state *state);

/* The tick: post SIGALRM to each process whose alarm is due. */
void signal_check_alarms(uint64_t now);

#endif
