/*
 * exit.c - _exit, waitpid: the end of a process, told to its parent.
 *
 * Layer: processes, on the file layer's fd_table_destroy and vnode_put.
 * An exiting process becomes a zombie (state, pid, exit status, CPU times)
 * until its parent reaps it with waitpid; its children go to init, which
 * reaps them in turn. The parent sleeps on its child_changed queue; every
 * exit wakes it.
 *
 * A session leader's end hangs up its controlling terminal (terminal.h),
 * and a process group it orphans with a stopped member is hung up and
 * continued (process_group.c). waitpid also reports children that
 * stopped or continued (job_control.h) when its options ask.
 *
 * Invariants: a zombie holds no memory, files or thread; a process's
 * `children` holds its live and zombie children; init (pid 1) never
 * becomes a zombie: its end ends the machine.
 */
#include "proc/exit.h"
#include "proc/job_control.h"
#include "proc/process.h"
#include "proc/process_group.h"
#include "proc/scheduler.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "proc/usercopy.h"
#include "arch/arch.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/terminal.h"
#include "fs/vnode.h"
#include "panic.h"
#include "printk.h"

static void (*release_hook)(struct process *process);

void process_set_release_hook(void (*hook)(struct process *process))
{
    release_hook = hook;
}

/* The higher layer's state goes first, while the process is whole. Then the
 * memory, detached before it is freed: closing a file may sleep, and the
 * scheduler must not load a space being freed. */
void process_release_resources(struct process *process)
{
    struct user_memory *memory = process->memory;
    struct fd_table *files = process->files;
    struct vnode *cwd = process->cwd;

    if (release_hook)
        release_hook(process);

    process->memory = NULL;
    process->address_space = NULL;
    process->files = NULL;
    process->cwd = NULL;
    if (process == process_current())
        address_space_switch(&kernel_address_space);
    if (memory)
        user_memory_destroy(memory);
    if (files)
        fd_table_destroy(files);
    if (cwd)
        vnode_put(cwd);
}

/* The traditional shell convention for the machine's exit status. */
static int status_as_exit_code(int status)
{
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}

__attribute__((noreturn)) static void init_ended(int status)
{
    printk("init (pid 1) ended with %s %d: stopping\n", status & 0x7f ? "signal" : "status",
           status & 0x7f ? status & 0x7f : (status >> 8) & 0xff);
    kernel_exit(status_as_exit_code(status));
}

/* Wake init if a child handed to it is already a zombie. */
static void hand_children_to_init(struct process *process)
{
    struct process *init = process_find(PROCESS_INIT_PID);

    process_reparent_children(process, init);
    wait_queue_wake_all(&init->child_changed);
}

void process_exit(int status)
{
    struct process *process = process_current();

    thread_current()->in_syscall = true; /* never back to user mode: no tick may treat it so */
    process->exit_status = status;       /* the release hook reports it */
    process_release_resources(process);
    if (process->pid == PROCESS_INIT_PID)
        init_ended(status);
    if (process->pid == process->sid && process->controlling_terminal)
        terminal_session_ended(process->controlling_terminal);
    process_group_exit(process);
    hand_children_to_init(process);
    int enabled = arch_irq_save();
    process->state = PROCESS_ZOMBIE;
    process->thread = NULL;
    process->signals.pending = 0;
    process->signals.alarm_tick = 0;
    arch_irq_restore(enabled);
    signal_send(process->parent, FP_SIGCHLD);
    wait_queue_wake_all(&process->parent->child_changed);
    thread_exit();
}

long sys_exit(int status)
{
    process_exit(FP_W_EXITED(status));
}

/* pid > 0: that child; 0: any in the caller's group; -1: any; < -1: any
 * in group -pid. */
static bool child_matches(const struct process *parent, const struct process *child, int pid)
{
    if (pid > 0)
        return child->pid == pid;
    if (pid == 0)
        return child->pgid == parent->pgid;
    return pid == -1 || child->pgid == -pid;
}

/* A child matching `pid` with something to report - a zombie, or a stop
 * or continue `options` asks for (then taken, into *status) - or NULL;
 * *any says whether any child matches. */
static struct process *find_reportable(struct process *parent, int pid, int options, bool *any, int *status)
{
    *any = false;
    list_for_each(node, &parent->children) {
        struct process *child = list_entry(node, struct process, sibling_node);
        if (!child_matches(parent, child, pid))
            continue;
        *any = true;
        if (child->state == PROCESS_ZOMBIE) {
            *status = child->exit_status;
            return child;
        }
        if (job_control_take_report(child, options, status))
            return child;
    }
    return NULL;
}

/* Copy the status out, and free the child if it is a zombie. */
static long report(struct process *parent, struct process *child, int status, int *user_status)
{
    int pid = child->pid;

    if (user_status && copy_to_user(user_status, &status, sizeof(int)) < 0)
        return -EFAULT;
    if (child->state != PROCESS_ZOMBIE)
        return pid;
    parent->children_user_ticks += child->user_ticks + child->children_user_ticks;
    parent->children_system_ticks += child->system_ticks + child->children_system_ticks;
    process_free(child);
    return pid;
}

long sys_waitpid(int pid, int *user_status, int options)
{
    struct process *self = process_current();
    bool any;
    int status = 0;

    if (options & ~(FP_WNOHANG | FP_WUNTRACED | FP_WCONTINUED) || pid == INT32_MIN)
        return -EINVAL;
    for (;;) {
        int enabled = arch_irq_save();
        struct process *child = find_reportable(self, pid, options, &any, &status);
        int error = 0;
        if (any && !child && !(options & FP_WNOHANG))
            error = wait_queue_sleep(&self->child_changed);
        arch_irq_restore(enabled);
        if (!any)
            return -ECHILD;
        if (child)
            return report(self, child, status, user_status);
        if (options & FP_WNOHANG)
            return 0;
        if (error)
            return error;
    }
}
