/*
 * syscall_table.c - system call numbers to kernel functions, and the
 * dispatcher every `syscall` instruction reaches.
 *
 * Layer: processes (the one place that knows every system call: the file
 * layer's come from fs/syscalls.h). The table is indexed by the numbers of
 * <freeport/syscall.h>; an empty slot or a number past the end is -ENOSYS.
 *
 * Calling convention: every function is called with the six argument
 * registers as 64-bit integers, whatever its C prototype says. The x86-64
 * ABI makes this safe for the prototypes used here (integers of 32 or 64
 * bits, pointers, at most six): each parameter is read from its register
 * and the extra ones are ignored. SYSCALL() casts through void (*)(void),
 * the one cast gcc accepts between function types. No prototype may take
 * a parameter narrower than 32 bits (char, short, bool): their upper bits
 * would be garbage.
 *
 * Invariants: while a call runs, thread->in_syscall is set (the thread is
 * never preempted, scheduler.h) and interrupts are on; the dispatcher
 * returns with interrupts off, as syscall_entry.S expects.
 */
#include "proc/syscall.h"
#include "proc/scheduler.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "errno.h"
#include "fs/syscalls.h"
#include "uapi/freeport/syscall.h"

typedef long (*syscall_function)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

#define SYSCALL(function) ((syscall_function)(void (*)(void))(function))

static const syscall_function syscall_table[SYS_COUNT] = {
    [SYS_exit] = SYSCALL(sys_exit),
    [SYS_fork] = SYSCALL(sys_fork),
    [SYS_execve] = SYSCALL(sys_execve),
    [SYS_waitpid] = SYSCALL(sys_waitpid),
    [SYS_getpid] = SYSCALL(sys_getpid),
    [SYS_getppid] = SYSCALL(sys_getppid),
    [SYS_brk] = SYSCALL(sys_brk),
    [SYS_mmap] = SYSCALL(sys_mmap),
    [SYS_munmap] = SYSCALL(sys_munmap),
    [SYS_mprotect] = SYSCALL(sys_mprotect),
    [SYS_sched_yield] = SYSCALL(sys_sched_yield),
    [SYS_uname] = SYSCALL(sys_uname),
    [SYS_poweroff] = SYSCALL(sys_poweroff),

    [SYS_kill] = SYSCALL(sys_kill),
    [SYS_sigaction] = SYSCALL(sys_sigaction),
    [SYS_sigprocmask] = SYSCALL(sys_sigprocmask),
    [SYS_sigpending] = SYSCALL(sys_sigpending),
    [SYS_sigsuspend] = SYSCALL(sys_sigsuspend),
    [SYS_sigreturn] = SYSCALL(sys_sigreturn),
    [SYS_alarm] = SYSCALL(sys_alarm),

    [SYS_nanosleep] = SYSCALL(sys_nanosleep),
    [SYS_clock_gettime] = SYSCALL(sys_clock_gettime),
    [SYS_times] = SYSCALL(sys_times),

    [SYS_read] = SYSCALL(sys_read),
    [SYS_write] = SYSCALL(sys_write),
    [SYS_open] = SYSCALL(sys_open),
    [SYS_close] = SYSCALL(sys_close),
    [SYS_lseek] = SYSCALL(sys_lseek),
    [SYS_readv] = SYSCALL(sys_readv),
    [SYS_writev] = SYSCALL(sys_writev),
    [SYS_stat] = SYSCALL(sys_stat),
    [SYS_fstat] = SYSCALL(sys_fstat),
    [SYS_lstat] = SYSCALL(sys_lstat),
    [SYS_dup] = SYSCALL(sys_dup),
    [SYS_dup2] = SYSCALL(sys_dup2),
    [SYS_fcntl] = SYSCALL(sys_fcntl),
    [SYS_ioctl] = SYSCALL(sys_ioctl),
    [SYS_mkdir] = SYSCALL(sys_mkdir),
    [SYS_rmdir] = SYSCALL(sys_rmdir),
    [SYS_unlink] = SYSCALL(sys_unlink),
    [SYS_rename] = SYSCALL(sys_rename),
    [SYS_getdents] = SYSCALL(sys_getdents),
    [SYS_chdir] = SYSCALL(sys_chdir),
    [SYS_getcwd] = SYSCALL(sys_getcwd),
    [SYS_umask] = SYSCALL(sys_umask),
    [SYS_access] = SYSCALL(sys_access),
    [SYS_mknod] = SYSCALL(sys_mknod),

    [SYS_kstat] = SYSCALL(sys_kstat),
    [SYS_procinfo] = SYSCALL(sys_procinfo),
};

long syscall_dispatch(uint64_t number, const uint64_t arguments[6])
{
    struct thread *self = thread_current();
    long result = -ENOSYS;

    self->in_syscall = true;
    self->syscall_number = (long)number;
    arch_irq_enable();
    if (number < SYS_COUNT && syscall_table[number])
        result = syscall_table[number](arguments[0], arguments[1], arguments[2], arguments[3], arguments[4],
                                       arguments[5]);
    arch_irq_save();
    self->in_syscall = false;
    return result;
}
