/*
 * signal.c - posting signals, and delivering them on the way to user mode.
 *
 * Layer: processes (the rules are in signal.h). Delivery of a caught signal
 * builds a struct signal_frame on the user stack, below the 128-byte red
 * zone the x86-64 ABI lets leaf functions use:
 *
 *     higher addresses   the interrupted stack (its red zone is skipped)
 *                        fpu_state      the interrupted x87/SSE registers
 *                        signal         the signal number
 *                        blocked        the mask to restore on return
 *                        registers      the whole interrupted context
 *     handler's rsp  ->  return_address the restorer (libc's sigreturn stub)
 *
 * and points the thread at handler(signal) with that rsp, as if the
 * interrupted code had called it (rsp + 8 is 16-byte aligned, as after a
 * call), with clean x87/SSE registers. The handler's `ret` enters the restorer, which calls sigreturn;
 * sigreturn finds the frame just below its rsp and restores it (the
 * registers only after user_frame_restore has checked them).
 *
 * Invariants: pending/blocked change with interrupts off (alarms and other
 * processes post from interrupt context or other threads); a frame is
 * built only for the current process, on its own stack.
 */
#include <stddef.h>
#include "proc/signal.h"
#include "proc/exit.h"
#include "proc/job_control.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/sleep.h"
#include "proc/usercopy.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "errno.h"
#include "lib/string.h"
#include "uapi/freeport/syscall.h"

#define RED_ZONE_SIZE 128

/* Signals whose default action is to do nothing (SIGCONT's continuing
 * happens when it is posted). */
#define SIGNAL_DEFAULT_IGNORED                                                                               \
    (SIGNAL_BIT(FP_SIGCHLD) | SIGNAL_BIT(FP_SIGURG) | SIGNAL_BIT(FP_SIGWINCH) | SIGNAL_BIT(FP_SIGCONT))

struct signal_frame {
    uint64_t return_address;
    uint8_t registers[USER_FRAME_SIZE];
    uint64_t blocked;
    uint64_t signal;
    uint8_t fpu_state[ARCH_FPU_STATE_SIZE] __attribute__((aligned(16)));
};

_Static_assert(offsetof(struct signal_frame, registers) % 16 == 8, "the handler's rsp + 8 is aligned");

bool signal_is_ignored(const struct signal_state *state, int signal)
{
    uint64_t handler = state->actions[signal].handler;

    return handler == FP_SIG_IGN || (handler == FP_SIG_DFL && (SIGNAL_DEFAULT_IGNORED & SIGNAL_BIT(signal)));
}

/* A stopped process takes nothing but SIGKILL until it is continued. */
static uint64_t deliverable_set(const struct signal_state *state)
{
    uint64_t set = state->pending & ~(state->blocked & ~SIGNAL_UNBLOCKABLE);

    return state->stopped ? set & SIGNAL_BIT(FP_SIGKILL) : set;
}

bool signal_is_deliverable(const struct process *process)
{
    return deliverable_set(&process->signals) != 0;
}

/* Posts `signal` to `process`, with no regard for who it is. */
static void signal_post(struct process *process, int signal)
{
    int enabled = arch_irq_save();

    if (process->state == PROCESS_ALIVE && signal == FP_SIGCONT)
        job_control_continue(process);
    if (SIGNAL_BIT(signal) & SIGNAL_STOPS)
        process->signals.pending &= ~SIGNAL_BIT(FP_SIGCONT);
    if (process->state == PROCESS_ALIVE && !signal_is_ignored(&process->signals, signal)) {
        process->signals.pending |= SIGNAL_BIT(signal);
        if (signal_is_deliverable(process) && process->thread)
            wait_queue_interrupt(process->thread);
    }
    arch_irq_restore(enabled);
}

/* Init, as on Linux, takes only the signals it has a handler for: a
 * default action would end or stop the machine's first process, and its
 * end is a panic. So kill -9 1, ^C on a console init shares, or a kill(0)
 * from a program in init's group cannot take the machine down; a fault of
 * init's own still can (signal_force). */
static bool init_refuses(const struct process *process, int signal)
{
    return process->pid == PROCESS_INIT_PID && process->signals.actions[signal].handler == FP_SIG_DFL;
}

void signal_send(struct process *process, int signal)
{
    if (!init_refuses(process, signal))
        signal_post(process, signal);
}

bool signal_force(struct process *process, int signal)
{
    struct signal_state *state = &process->signals;

    state->blocked &= ~SIGNAL_BIT(signal);
    if (state->actions[signal].handler == FP_SIG_IGN)
        state->actions[signal].handler = FP_SIG_DFL;
    signal_post(process, signal);
    return state->actions[signal].handler == FP_SIG_DFL;
}

/* The lowest deliverable signal, taken off `pending`; 0 if none. */
static int take_deliverable(struct signal_state *state)
{
    uint64_t set = deliverable_set(state);

    if (!set)
        return 0;
    int signal = __builtin_ctzll(set) + 1;
    state->pending &= ~SIGNAL_BIT(signal);
    return signal;
}

/* The system call a signal interrupted runs again, unless it is one POSIX
 * says must fail. */
static void restart_syscall(struct trap_frame *frame)
{
    long number = thread_current()->syscall_number;

    if (number < 0 || user_frame_result(frame) != -EINTR)
        return;
    if (number != SYS_sigsuspend && number != SYS_nanosleep && number != SYS_ppoll)
        user_frame_restart_syscall(frame, number);
}

/* ... after a handler that asked for SA_RESTART. */
static void maybe_restart_syscall(struct trap_frame *frame, const struct freeport_sigaction *action)
{
    if (action->flags & FP_SA_RESTART)
        restart_syscall(frame);
}

/* A stop, then SIGCONT: the interrupted call goes on as if nothing had
 * happened (no handler ran), as on Linux. */
static void stop(struct trap_frame *frame, struct process *process, int signal)
{
    job_control_stop(process, signal);
    if (!process->signals.stopped)
        restart_syscall(frame);
}

/* The mask sigreturn will restore: sigsuspend's caller's, if the signal
 * ends a sigsuspend. */
static uint64_t mask_to_restore(struct signal_state *state)
{
    if (!state->suspended)
        return state->blocked;
    state->suspended = false;
    return state->suspend_saved_mask;
}

static int enter_handler(struct trap_frame *frame, struct signal_state *state, int signal)
{
    const struct freeport_sigaction *action = &state->actions[signal];
    struct signal_frame saved = {.return_address = action->restorer, .signal = (uint64_t)signal};
    uintptr_t stack = user_frame_stack_pointer(frame) - RED_ZONE_SIZE - sizeof(saved);

    stack = (stack & ~(uintptr_t)15) - 8;
    maybe_restart_syscall(frame, action);
    memcpy(saved.registers, frame, USER_FRAME_SIZE);
    saved.blocked = mask_to_restore(state);
    arch_fpu_save(saved.fpu_state);
    if (copy_to_user((void *)stack, &saved, sizeof(saved)) < 0)
        return -EFAULT;
    arch_fpu_init_state(saved.fpu_state);
    arch_fpu_restore(saved.fpu_state);
    state->blocked |= (action->mask | SIGNAL_BIT(signal)) & ~SIGNAL_UNBLOCKABLE;
    user_frame_enter_handler(frame, action->handler, stack, signal);
    return 0;
}

void signal_deliver(struct trap_frame *frame)
{
    struct process *process = process_current();
    int signal;

    if (!process)
        return;
    while ((signal = take_deliverable(&process->signals)) != 0) {
        uint64_t handler = process->signals.actions[signal].handler;
        if (handler == FP_SIG_IGN)
            continue;
        if (handler == FP_SIG_DFL && (SIGNAL_BIT(signal) & SIGNAL_STOPS)) {
            stop(frame, process, signal);
            continue;
        }
        if (handler == FP_SIG_DFL)
            process_exit(FP_W_SIGNALED(signal));
        if (enter_handler(frame, &process->signals, signal) < 0)
            process_exit(FP_W_SIGNALED(FP_SIGSEGV));
    }
    if (process->signals.suspended)
        process->signals.blocked = mask_to_restore(&process->signals);
    thread_current()->syscall_number = -1;
}

long signal_return(struct trap_frame *frame)
{
    struct process *process = process_current();
    struct signal_frame saved;
    uintptr_t stack = user_frame_stack_pointer(frame) - sizeof(saved.return_address);

    thread_current()->syscall_number = -1; /* the restored rax is not this call's result */
    if (copy_from_user(&saved, (const void *)stack, sizeof(saved)) < 0 ||
        !user_frame_restore(frame, saved.registers))
        process_exit(FP_W_SIGNALED(FP_SIGSEGV));
    arch_fpu_sanitize(saved.fpu_state);
    arch_fpu_restore(saved.fpu_state);
    process->signals.blocked = saved.blocked & SIGNAL_ALL & ~SIGNAL_UNBLOCKABLE;
    return user_frame_result(frame);
}

void signal_state_fork(struct signal_state *child, const struct signal_state *parent)
{
    *child = *parent;
    child->pending = 0;
    child->alarm_tick = 0;
    child->suspended = false;
    child->stopped = false;
}

void signal_state_exec(struct signal_state *state)
{
    for (int signal = 1; signal < FP_NSIG; signal++)
        if (state->actions[signal].handler != FP_SIG_IGN)
            state->actions[signal] = (struct freeport_sigaction){.handler = FP_SIG_DFL};
}

void signal_check_alarms(uint64_t now)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process->signals.alarm_tick && process->signals.alarm_tick <= now) {
            process->signals.alarm_tick = 0;
            signal_send(process, FP_SIGALRM);
        }
    }
}
