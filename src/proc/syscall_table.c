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
 * returns with interrupts off, as syscall_entry.S expects. Every call is
 * counted in its process (procinfo's `syscalls`: tests prove with it that
 * a channel send entered no kernel).
 */
#include "proc/syscall.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "errno.h"
#include "fs/syscalls.h"
#include "ipc/freeworld_syscalls.h"
#include "ipc/syscalls.h"
#include "posix/syscalls.h"
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
    [SYS_reboot] = SYSCALL(sys_reboot),

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

    [SYS_port_create] = SYSCALL(sys_port_create),
    [SYS_port_send] = SYSCALL(sys_port_send),
    [SYS_port_receive] = SYSCALL(sys_port_receive),
    [SYS_port_call] = SYSCALL(sys_port_call),
    [SYS_port_reply] = SYSCALL(sys_port_reply),
    [SYS_port_configure] = SYSCALL(sys_port_configure),
    [SYS_cap_close] = SYSCALL(sys_cap_close),
    [SYS_cap_derive] = SYSCALL(sys_cap_derive),
    [SYS_cap_revoke] = SYSCALL(sys_cap_revoke),
    [SYS_cap_info] = SYSCALL(sys_cap_info),
    [SYS_ns_bind] = SYSCALL(sys_ns_bind),
    [SYS_ns_lookup] = SYSCALL(sys_ns_lookup),
    [SYS_ns_unbind] = SYSCALL(sys_ns_unbind),
    [SYS_ipc_stats] = SYSCALL(sys_ipc_stats),
    [SYS_ipc_trace_control] = SYSCALL(sys_ipc_trace_control),
    [SYS_ipc_trace_read] = SYSCALL(sys_ipc_trace_read),

    [SYS_kcheck] = SYSCALL(sys_kcheck),
    [SYS_fault_inject] = SYSCALL(sys_fault_inject),

    [SYS_channel_create] = SYSCALL(sys_channel_create),
    [SYS_channel_map] = SYSCALL(sys_channel_map),
    [SYS_channel_wait] = SYSCALL(sys_channel_wait),
    [SYS_channel_wake] = SYSCALL(sys_channel_wake),
    [SYS_shm_create] = SYSCALL(sys_shm_create),
    [SYS_shm_map] = SYSCALL(sys_shm_map),
    [SYS_shm_unmap] = SYSCALL(sys_shm_unmap),
    [SYS_shm_transfer] = SYSCALL(sys_shm_transfer),
    [SYS_waitset_create] = SYSCALL(sys_waitset_create),
    [SYS_waitset_add] = SYSCALL(sys_waitset_add),
    [SYS_waitset_remove] = SYSCALL(sys_waitset_remove),
    [SYS_waitset_wait] = SYSCALL(sys_waitset_wait),
    [SYS_broadcast_create] = SYSCALL(sys_broadcast_create),
    [SYS_broadcast_subscribe] = SYSCALL(sys_broadcast_subscribe),
    [SYS_broadcast_unsubscribe] = SYSCALL(sys_broadcast_unsubscribe),
    [SYS_broadcast_publish] = SYSCALL(sys_broadcast_publish),
    [SYS_broadcast_stats] = SYSCALL(sys_broadcast_stats),
    [SYS_system_subscribe] = SYSCALL(sys_system_subscribe),
    [SYS_system_stats] = SYSCALL(sys_system_stats),
    [SYS_ipc_transport_stats] = SYSCALL(sys_ipc_transport_stats),

    [SYS_pipe2] = SYSCALL(sys_pipe2),
    [SYS_ppoll] = SYSCALL(sys_ppoll),
    [SYS_mq_open] = SYSCALL(sys_mq_open),
    [SYS_mq_unlink] = SYSCALL(sys_mq_unlink),
    [SYS_mq_timedsend] = SYSCALL(sys_mq_timedsend),
    [SYS_mq_timedreceive] = SYSCALL(sys_mq_timedreceive),
    [SYS_mq_notify] = SYSCALL(sys_mq_notify),
    [SYS_mq_getsetattr] = SYSCALL(sys_mq_getsetattr),

    [SYS_socket] = SYSCALL(sys_socket),
    [SYS_bind] = SYSCALL(sys_bind),
    [SYS_listen] = SYSCALL(sys_listen),
    [SYS_connect] = SYSCALL(sys_connect),
    [SYS_accept4] = SYSCALL(sys_accept4),
    [SYS_sockname] = SYSCALL(sys_sockname),
    [SYS_sendmsg] = SYSCALL(sys_sendmsg),
    [SYS_recvmsg] = SYSCALL(sys_recvmsg),
    [SYS_shutdown] = SYSCALL(sys_shutdown),
    [SYS_getsockopt] = SYSCALL(sys_getsockopt),
    [SYS_setsockopt] = SYSCALL(sys_setsockopt),

    [SYS_fw_create] = SYSCALL(sys_fw_create),
    [SYS_fw_open] = SYSCALL(sys_fw_open),
    [SYS_fw_close] = SYSCALL(sys_fw_close),
    [SYS_fw_send] = SYSCALL(sys_fw_send),
    [SYS_fw_receive] = SYSCALL(sys_fw_receive),

    [SYS_setpgid] = SYSCALL(sys_setpgid),
    [SYS_getpgid] = SYSCALL(sys_getpgid),
    [SYS_setsid] = SYSCALL(sys_setsid),
    [SYS_getsid] = SYSCALL(sys_getsid),
    [SYS_openpty] = SYSCALL(sys_openpty),
    [SYS_device_claim] = SYSCALL(sys_device_claim),
};

long syscall_dispatch(uint64_t number, const uint64_t arguments[6])
{
    struct thread *self = thread_current();
    long result = -ENOSYS;

    self->in_syscall = true;
    self->syscall_number = (long)number;
    self->process->syscalls++;
    arch_irq_enable();
    if (number < SYS_COUNT && syscall_table[number])
        result = syscall_table[number](arguments[0], arguments[1], arguments[2], arguments[3], arguments[4],
                                       arguments[5]);
    arch_irq_save();
    self->in_syscall = false;
    return result;
}
