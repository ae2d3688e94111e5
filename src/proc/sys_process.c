/*
 * sys_process.c - small process and system calls: getpid, getppid,
 * sched_yield, uname, poweroff, and the introspection calls kstat and
 * procinfo that tests and tools (ps) use.
 *
 * Layer: processes (system-call side). kstat's counters come from the
 * layers that own them: frames, heap and injected failures (mm/),
 * processes and threads (here), open files and vnodes (fs/).
 */
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "proc/usercopy.h"
#include "arch/arch.h"
#include "errno.h"
#include "fs/file.h"
#include "fs/vnode.h"
#include "lib/string.h"
#include "mm/fault_inject.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "panic.h"
#include "printk.h"
#include "version.h"

long sys_getpid(void)
{
    return process_current()->pid;
}

long sys_getppid(void)
{
    struct process *parent = process_current()->parent;

    return parent ? parent->pid : 0;
}

long sys_sched_yield(void)
{
    scheduler_yield();
    return 0;
}

long sys_uname(struct freeport_utsname *user_name)
{
    struct freeport_utsname name = {
        .sysname = "Freeport",
        .nodename = "freeport",
        .release = FREEPORT_VERSION,
        .version = "Freeport " FREEPORT_VERSION " (" __DATE__ ")",
        .machine = "x86_64",
    };

    return copy_to_user(user_name, &name, sizeof(name));
}

/* Only init may end the machine (status: the emulator's exit status). */
long sys_poweroff(int status)
{
    if (process_current()->pid != PROCESS_INIT_PID)
        return -EPERM;
    printk("init: power off, status %d\n", status);
    kernel_exit(status);
}

long sys_kstat(struct freeport_kstat *user_counters)
{
    struct frame_stats frames = frame_stats();
    struct heap_stats heap = heap_stats();
    struct freeport_kstat counters = {
        .frames_total = frames.total,
        .frames_free = frames.free,
        .heap_bytes_in_use = heap.bytes_in_use,
        .heap_allocations = heap.allocations,
        .processes = process_count(),
        .threads = thread_count(),
        .open_files = fs_count_open_files(),
        .vnodes = fs_count_vnodes(),
        .ticks = arch_ticks(),
        .tick_hz = arch_tick_hz(),
        .faults_injected = fault_inject_count(),
    };

    return copy_to_user(user_counters, &counters, sizeof(counters));
}

static uint32_t process_state_code(const struct process *process)
{
    if (process->state == PROCESS_ZOMBIE)
        return FP_PROC_ZOMBIE;
    if (process->signals.stopped)
        return FP_PROC_STOPPED;
    return process->thread->state == THREAD_SLEEPING ? FP_PROC_SLEEPING : FP_PROC_RUNNING;
}

long sys_procinfo(int index, struct freeport_procinfo *user_info)
{
    if (index < 0 || index >= PROCESS_MAX)
        return -EINVAL;
    struct process *process = process_at((unsigned)index);
    if (!process)
        return -ESRCH;
    struct freeport_procinfo info = {
        .pid = process->pid,
        .ppid = process->parent ? process->parent->pid : 0,
        .state = process_state_code(process),
        .threads = process->thread ? 1 : 0,
        .memory_bytes = process->memory ? process->memory->resident_pages * PAGE_SIZE : 0,
        .cpu_ticks = process->user_ticks + process->system_ticks,
        .syscalls = process->syscalls,
    };
    strlcpy(info.name, process->name, sizeof(info.name));
    return copy_to_user(user_info, &info, sizeof(info));
}
