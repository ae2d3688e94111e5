/*
 * sys_kcheck.c - the robustness system calls: kcheck runs every kernel
 * integrity check, fault_inject makes allocations fail on purpose.
 *
 * Layer: processes (system-call side). The checks live next to what they
 * check (kcheck.h lists them); the failures are decided in
 * mm/fault_inject.c, which knows nothing of processes, so the scope it
 * asks about ("is this allocation for a descendant of the process that
 * turned injection on?") is answered here. docs/robustness.md shows both
 * at work.
 */
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/syscall.h"
#include "proc/usercopy.h"
#include "errno.h"
#include "kcheck.h"
#include "mm/fault_inject.h"
#include "mm/frame.h"
#include "mm/heap.h"

long sys_kcheck(struct freeport_kcheck *user_report)
{
    struct freeport_kcheck report = {0};

    heap_check(&report);
    frame_check(&report);
    scheduler_check(&report);
    process_check(&report);
    if (user_report) {
        int error = copy_to_user(user_report, &report, sizeof(report));
        if (error)
            return error;
    }
    return report.problems;
}

static int fault_scope_pid; /* injection applies to this process's descendants */

static bool in_fault_scope(void)
{
    const struct process *process = process_current();

    for (process = process ? process->parent : NULL; process; process = process->parent)
        if (process->pid == fault_scope_pid)
            return true;
    return false;
}

long sys_fault_inject(uint64_t one_in, uint64_t seed, unsigned sites)
{
    unsigned fault_sites = 0;

    if (sites & ~(unsigned)(FP_FAULT_HEAP | FP_FAULT_FRAMES))
        return -EINVAL;
    if (sites & FP_FAULT_HEAP)
        fault_sites |= FAULT_SITE_HEAP;
    if (sites & FP_FAULT_FRAMES)
        fault_sites |= FAULT_SITE_FRAMES;
    fault_scope_pid = process_current()->pid;
    fault_inject_set_scope(in_fault_scope);
    fault_inject_configure(one_in, seed, fault_sites);
    return 0;
}
