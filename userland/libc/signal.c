/*
 * userland/libc/signal.c - POSIX signals on the kernel's signal calls.
 *
 * Layer: libfreeport. Replaces newlib's signal() and raise(), which only
 * emulate signals inside the process (userland.mk deletes them from the
 * SDK's libc.a). Two conversions happen here and nowhere else:
 *   - signal sets: newlib uses bit `signal`, the kernel bit `signal - 1`;
 *   - struct sigaction <-> struct freeport_sigaction, whose restorer is always
 *     libc_signal_restorer (sigreturn.S).
 * signal() has BSD semantics, like glibc's: the handler stays installed and
 * interrupted calls restart (SA_RESTART).
 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include "libc.h"
#include "syscall.h"

#define KERNEL_SIGNAL_BITS ((UINT64_C(1) << (FP_NSIG - 1)) - 1)

extern void libc_signal_restorer(void);

uint64_t libc_sigset_to_kernel(sigset_t set)
{
    return ((uint64_t)set >> 1) & KERNEL_SIGNAL_BITS;
}

static sigset_t sigset_from_kernel(uint64_t set)
{
    return (sigset_t)((set & KERNEL_SIGNAL_BITS) << 1);
}

int kill(pid_t pid, int signal_number)
{
    return syscall_result(SYSCALL(SYS_kill, pid, signal_number));
}

int raise(int signal_number)
{
    return kill(getpid(), signal_number);
}

static struct freeport_sigaction sigaction_to_kernel(const struct sigaction *action)
{
    return (struct freeport_sigaction){
        .handler = (uint64_t)(uintptr_t)action->sa_handler,
        .mask = libc_sigset_to_kernel(action->sa_mask),
        .flags = (uint32_t)action->sa_flags,
        .restorer = (uint64_t)(uintptr_t)libc_signal_restorer,
    };
}

static void sigaction_from_kernel(struct sigaction *action, const struct freeport_sigaction *kernel)
{
    action->sa_handler = (void (*)(int))(uintptr_t)kernel->handler;
    action->sa_mask = sigset_from_kernel(kernel->mask);
    action->sa_flags = (int)kernel->flags;
}

int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old_action)
{
    struct freeport_sigaction kernel_action, kernel_old;
    if (action != NULL)
        kernel_action = sigaction_to_kernel(action);
    long result = SYSCALL(SYS_sigaction, signal_number, action != NULL ? &kernel_action : NULL,
                          old_action != NULL ? &kernel_old : NULL);
    if (result < 0)
        return syscall_result(result);
    if (old_action != NULL)
        sigaction_from_kernel(old_action, &kernel_old);
    return 0;
}

void (*signal(int signal_number, void (*handler)(int)))(int)
{
    struct sigaction action = {.sa_handler = handler, .sa_mask = 0, .sa_flags = SA_RESTART};
    struct sigaction old_action = {.sa_handler = SIG_DFL};
    if (sigaction(signal_number, &action, &old_action) < 0)
        return SIG_ERR;
    return old_action.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old_set)
{
    uint64_t kernel_set = set != NULL ? libc_sigset_to_kernel(*set) : 0;
    uint64_t kernel_old = 0;
    long result =
        SYSCALL(SYS_sigprocmask, how, set != NULL ? &kernel_set : NULL, old_set != NULL ? &kernel_old : NULL);
    if (result < 0)
        return syscall_result(result);
    if (old_set != NULL)
        *old_set = sigset_from_kernel(kernel_old);
    return 0;
}

int sigpending(sigset_t *set)
{
    uint64_t kernel_set;
    long result = SYSCALL(SYS_sigpending, &kernel_set);
    if (result < 0)
        return syscall_result(result);
    *set = sigset_from_kernel(kernel_set);
    return 0;
}

int sigsuspend(const sigset_t *mask)
{
    uint64_t kernel_mask = libc_sigset_to_kernel(*mask);
    return syscall_result(SYSCALL(SYS_sigsuspend, &kernel_mask));
}

int pause(void)
{
    sigset_t current = 0;
    sigprocmask(SIG_BLOCK, NULL, &current);
    return sigsuspend(&current);
}

unsigned alarm(unsigned seconds)
{
    return (unsigned)SYSCALL(SYS_alarm, seconds);
}
