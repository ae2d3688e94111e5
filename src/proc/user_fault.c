/*
 * user_fault.c - what a fault in user mode means for the process.
 *
 * Layer: processes. trap.c hands every user-mode exception here. A page
 * fault may be the kernel's business, not an error: the first touch of a
 * lazily mapped page, or the first write to a copy-on-write page
 * (user_memory_page resolves both, and the instruction runs again). Any
 * other fault is the program's error: it gets the matching signal, forced
 * through (a blocked or ignored SIGSEGV would fault again forever), and,
 * if that will kill it, one line on the console saying why. A page that
 * cannot be made for want of memory kills a process (SIGKILL): the one
 * holding the most memory when none is left (out_of_memory says why).
 *
 * Invariants: runs with interrupts off on the thread's kernel stack; never
 * panics, whatever the program did.
 */
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/signal.h"
#include "proc/user_memory.h"
#include "arch/context.h"
#include "errno.h"
#include "mm/frame.h"
#include "printk.h"

/* 0 (resolved), -EFAULT (the program's error) or -ENOMEM. */
static int resolve_page_fault(struct process *process, const struct user_fault *fault)
{
    uint64_t frame;

    if (fault->present && !fault->write)
        return -EFAULT; /* an instruction fetch from a no-execute page */
    return user_memory_page(process->memory, fault->address, fault->write, &frame);
}

static const struct {
    int signal;
    const char *what;
} fault_signals[] = {
    [USER_FAULT_PAGE] = {FP_SIGSEGV, "segmentation fault"},
    [USER_FAULT_PROTECTION] = {FP_SIGSEGV, "segmentation fault (general protection)"},
    [USER_FAULT_INSTRUCTION] = {FP_SIGILL, "illegal instruction"},
    [USER_FAULT_ARITHMETIC] = {FP_SIGFPE, "arithmetic exception"},
    [USER_FAULT_ALIGNMENT] = {FP_SIGBUS, "bus error (alignment)"},
    [USER_FAULT_TRAP] = {FP_SIGTRAP, "trap"},
};

static void report(const struct process *process, const struct user_fault *fault, struct trap_frame *frame)
{
    const char *what = fault_signals[fault->kind].what;
    unsigned long rip = user_frame_instruction_pointer(frame);

    if (fault->kind == USER_FAULT_PAGE)
        printk("pid %d (%s): %s at 0x%lx (rip 0x%lx)\n", process->pid, process->name, what,
               (unsigned long)fault->address, rip);
    else
        printk("pid %d (%s): %s (rip 0x%lx)\n", process->pid, process->name, what, rip);
}

/* The live process holding the most pages, init spared (its end is the
 * machine's); `fallback` if there is none. */
static struct process *largest_process(struct process *fallback)
{
    struct process *largest = fallback;

    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *candidate = process_at(index);
        if (candidate && candidate->memory && candidate->pid != PROCESS_INIT_PID &&
            candidate->memory->resident_pages > largest->memory->resident_pages)
            largest = candidate;
    }
    return largest;
}

/* No frame for a page the program may use. With frames still free, the
 * failure was this process's alone (an allocation failed on purpose,
 * mm/fault_inject.h): it cannot go on. With none left, the process holding
 * the most memory is killed instead - a program that filled memory (the
 * kernel reading a huge untouched buffer for it makes every page) must not
 * get an innocent one killed at its next page fault - and this one lets the
 * victim run and exit, then retries its page. */
static void out_of_memory(struct process *process, const struct user_fault *fault, struct trap_frame *frame)
{
    struct process *victim = frame_stats().free ? process : largest_process(process);

    printk("pid %d (%s): out of memory at 0x%lx (rip 0x%lx): pid %d (%s), with %lu pages, killed\n",
           process->pid, process->name, (unsigned long)fault->address,
           (unsigned long)user_frame_instruction_pointer(frame), victim->pid, victim->name,
           (unsigned long)victim->memory->resident_pages);
    signal_send(victim, FP_SIGKILL);
    if (victim != process)
        scheduler_yield();
}

void user_fault_handle(struct trap_frame *frame, const struct user_fault *fault)
{
    struct process *process = process_current();
    int error = fault->kind == USER_FAULT_PAGE ? resolve_page_fault(process, fault) : -EFAULT;

    if (error == -ENOMEM)
        out_of_memory(process, fault, frame);
    else if (error && signal_force(process, fault_signals[fault->kind].signal))
        report(process, fault, frame);
    thread_return_to_user(frame);
}
