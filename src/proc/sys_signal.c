/*
 * sys_signal.c - the signal system calls: kill, sigaction, sigprocmask,
 * sigpending, sigsuspend, sigreturn, alarm. kill reaches a process, a
 * process group (pid 0: the caller's, pid < -1: group -pid), or all.
 *
 * Layer: processes (system-call side), on signal.c. Signal sets cross the
 * boundary as uint64_t with bit n - 1 for signal n; SIGKILL and SIGSTOP are
 * silently dropped from any mask, and their actions cannot change.
 */
#include "proc/process.h"
#include "proc/process_group.h"
#include "proc/scheduler.h"
#include "proc/signal.h"
#include "proc/syscall.h"
#include "proc/usercopy.h"
#include "arch/arch.h"
#include "errno.h"
#include "mm/layout.h"

/* Signal number 0 only checks that the target exists. */
static long kill_one(struct process *target, int signal)
{
    if (signal)
        signal_send(target, signal);
    return 0;
}

/* pid -1: every process but init and the caller. */
static long kill_all(int signal)
{
    struct process *self = process_current();
    long result = -ESRCH;

    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process != self && process->pid != PROCESS_INIT_PID)
            result = kill_one(process, signal);
    }
    return result;
}

/* pid 0: the caller's process group; pid < -1: group -pid. */
static long kill_group(int pgid, int signal)
{
    return process_group_signal(pgid, signal) > 0 ? 0 : -ESRCH;
}

long sys_kill(int pid, int signal)
{
    if (signal != 0 && !signal_is_valid(signal))
        return -EINVAL;
    if (pid == -1)
        return kill_all(signal);
    if (pid == 0)
        return kill_group(process_current()->pgid, signal);
    if (pid < 0)
        return pid == INT32_MIN ? -ESRCH : kill_group(-pid, signal);
    struct process *target = process_find(pid);
    return target ? kill_one(target, signal) : -ESRCH;
}

static int check_new_action(int signal, const struct freeport_sigaction *action)
{
    if (signal == FP_SIGKILL || signal == FP_SIGSTOP)
        return -EINVAL;
    if (action->handler != FP_SIG_DFL && action->handler != FP_SIG_IGN && action->handler >= USER_SPACE_END)
        return -EFAULT;
    return 0;
}

long sys_sigaction(int signal, const struct freeport_sigaction *user_action,
                   struct freeport_sigaction *user_old)
{
    struct signal_state *state = &process_current()->signals;
    struct freeport_sigaction action, old;
    int error = 0;

    if (!signal_is_valid(signal))
        return -EINVAL;
    old = state->actions[signal];
    if (user_action) {
        error = copy_from_user(&action, user_action, sizeof(action));
        if (!error)
            error = check_new_action(signal, &action);
    }
    if (!error && user_old)
        error = copy_to_user(user_old, &old, sizeof(old));
    if (error || !user_action)
        return error;
    action.mask &= SIGNAL_ALL & ~SIGNAL_UNBLOCKABLE;
    int enabled = arch_irq_save();
    state->actions[signal] = action;
    if (signal_is_ignored(state, signal))
        state->pending &= ~SIGNAL_BIT(signal);
    arch_irq_restore(enabled);
    return 0;
}

static int new_mask(int how, uint64_t blocked, uint64_t set, uint64_t *result)
{
    switch (how) {
    case FP_SIG_BLOCK: *result = blocked | set; break;
    case FP_SIG_UNBLOCK: *result = blocked & ~set; break;
    case FP_SIG_SETMASK: *result = set; break;
    default: return -EINVAL;
    }
    *result &= SIGNAL_ALL & ~SIGNAL_UNBLOCKABLE;
    return 0;
}

long sys_sigprocmask(int how, const uint64_t *user_set, uint64_t *user_old)
{
    struct signal_state *state = &process_current()->signals;
    uint64_t set, blocked = state->blocked;
    int error = 0;

    if (user_set) {
        error = copy_from_user(&set, user_set, sizeof(set));
        if (!error)
            error = new_mask(how, blocked, set, &blocked);
    }
    if (!error && user_old)
        error = copy_to_user(user_old, &state->blocked, sizeof(state->blocked));
    if (!error)
        state->blocked = blocked;
    return error;
}

long sys_sigpending(uint64_t *user_set)
{
    uint64_t pending = process_current()->signals.pending;

    return copy_to_user(user_set, &pending, sizeof(pending));
}

/* Sleep with `mask` blocked until a signal is delivered; the mask before
 * the call comes back when the handler returns (signal.c). */
long sys_sigsuspend(const uint64_t *user_mask)
{
    struct wait_queue nobody_wakes = WAIT_QUEUE_INIT(nobody_wakes);
    struct signal_state *state = &process_current()->signals;
    uint64_t mask;

    if (copy_from_user(&mask, user_mask, sizeof(mask)) < 0)
        return -EFAULT;
    state->suspend_saved_mask = state->blocked;
    state->suspended = true;
    state->blocked = mask & SIGNAL_ALL & ~SIGNAL_UNBLOCKABLE;
    while (wait_queue_sleep(&nobody_wakes) != -EINTR)
        continue;
    return -EINTR;
}

long sys_sigreturn(void)
{
    return signal_return(thread_current()->user_frame);
}

/* Seconds, rounded up, of the alarm that was set (0: none). */
long sys_alarm(unsigned seconds)
{
    struct signal_state *state = &process_current()->signals;
    uint64_t now = arch_ticks(), hz = arch_tick_hz();
    int enabled = arch_irq_save();
    uint64_t previous = state->alarm_tick > now ? (state->alarm_tick - now + hz - 1) / hz : 0;

    state->alarm_tick = seconds ? now + (uint64_t)seconds * hz : 0;
    arch_irq_restore(enabled);
    return (long)previous;
}
