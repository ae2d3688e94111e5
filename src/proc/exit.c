/*
 * exit.c - _exit, waitpid: the end of a process, told to its parent.
 *
 * Layer: processes, on the file layer's fd_table_destroy and vnode_put.
 * An exiting process becomes a zombie (state, pid, exit status, CPU times)
 * until its parent reaps it with waitpid; its children go to init, which
 * reaps them in turn. The parent sleeps on its child_changed queue; every
 * exit wakes it.
 *
 * Invariants: a zombie holds no memory, files or thread; a process's
 * `children` holds its live and zombie children; init (pid 1) never
 * becomes a zombie: its end ends the machine.
 */
#include "proc/exit.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "proc/usercopy.h"
#include "arch/arch.h"
#include "errno.h"
#include "fs/fd_table.h"
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

static bool child_matches(const struct process *child, int pid)
{
    return pid <= 0 || child->pid == pid;
}

/* A zombie child matching `pid`, or NULL; *any says whether any child matches. */
static struct process *find_zombie(struct process *parent, int pid, bool *any)
{
    *any = false;
    list_for_each(node, &parent->children) {
        struct process *child = list_entry(node, struct process, sibling_node);
        if (!child_matches(child, pid))
            continue;
        *any = true;
        if (child->state == PROCESS_ZOMBIE)
            return child;
    }
    return NULL;
}

static long reap(struct process *parent, struct process *zombie, int *user_status)
{
    int pid = zombie->pid;

    if (user_status && copy_to_user(user_status, &zombie->exit_status, sizeof(int)) < 0)
        return -EFAULT;
    parent->children_user_ticks += zombie->user_ticks + zombie->children_user_ticks;
    parent->children_system_ticks += zombie->system_ticks + zombie->children_system_ticks;
    process_free(zombie);
    return pid;
}

/* pid > 0: that child; -1 (or any pid <= 0: there are no process groups):
 * any child. */
long sys_waitpid(int pid, int *user_status, int options)
{
    struct process *self = process_current();
    bool any;

    if (options & ~(FP_WNOHANG | FP_WUNTRACED))
        return -EINVAL;
    for (;;) {
        int enabled = arch_irq_save();
        struct process *zombie = find_zombie(self, pid, &any);
        int error = 0;
        if (any && !zombie && !(options & FP_WNOHANG))
            error = wait_queue_sleep(&self->child_changed);
        arch_irq_restore(enabled);
        if (!any)
            return -ECHILD;
        if (zombie)
            return reap(self, zombie, user_status);
        if (options & FP_WNOHANG)
            return 0;
        if (error)
            return error;
    }
}
