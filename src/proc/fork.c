/*
 * fork.c - fork(): a new process that is a copy of the caller.
 *
 * Layer: processes. The child gets: a copy of the address space sharing
 * every page copy-on-write (user_memory_fork), the same open files with
 * shared offsets (fd_table_clone), the working directory and umask, the
 * signal actions and mask (no pending signals, no alarm), and one thread
 * whose user registers (x87/SSE included) are the parent's at the syscall
 * instruction, with 0 as the result. The parent gets the child's pid.
 *
 * Invariants: on failure nothing of the child remains (its table slot,
 * memory, files and thread are given back) and the parent is unchanged
 * but for pages now marked copy-on-write, which behave the same.
 */
#include "proc/exit.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "arch/context.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/vnode.h"
#include "lib/string.h"

static int copy_resources(struct process *child, struct process *parent)
{
    child->memory = user_memory_fork(parent->memory);
    if (!child->memory)
        return -ENOMEM;
    child->address_space = &child->memory->pages;
    if (parent->files && !(child->files = fd_table_clone(parent->files)))
        return -ENOMEM;
    if (parent->cwd)
        child->cwd = vnode_get(parent->cwd);
    child->umask = parent->umask;
    signal_state_fork(&child->signals, &parent->signals);
    return 0;
}

static struct thread *start_child_thread(struct process *child)
{
    struct thread *thread = thread_create_user(child);

    if (!thread)
        return NULL;
    memcpy(thread->user_frame, thread_current()->user_frame, USER_FRAME_SIZE);
    user_frame_set_result(thread->user_frame, 0);
    arch_fpu_save(thread->fpu_state); /* the parent's live registers */
    child->thread = thread;
    scheduler_make_ready(thread);
    return thread;
}

long sys_fork(void)
{
    struct process *parent = process_current();
    struct process *child = process_alloc(parent, parent->name);
    int error;

    if (!child)
        return -EAGAIN;
    error = copy_resources(child, parent);
    if (!error && !start_child_thread(child))
        error = -ENOMEM;
    if (error) {
        process_release_resources(child);
        process_free(child);
        return error;
    }
    return child->pid;
}
