/*
 * process.c - the process table: slots, pids, the family tree.
 *
 * Layer: processes. PROCESS_MAX slots; a process holds its slot from
 * process_alloc() until it is reaped (process_free()). Pids count up from 1
 * and wrap at PID_MAX, skipping pids still in the table, so a pid is not
 * reused while its process (or zombie) exists, nor while a process group
 * or session has it as its id.
 *
 * Invariants: process_table[p->table_index] == p for every live p; a
 * process is on its parent's `children` list exactly while it has a parent.
 * Only threads in system calls change the table (never preempted, see
 * scheduler.h), so it needs no lock on one CPU; the tick only reads it.
 */
#include "proc/process.h"
#include "proc/scheduler.h"
#include "kcheck.h"
#include "lib/string.h"
#include "mm/heap.h"

#define PID_MAX 32767

static struct process *process_table[PROCESS_MAX];
static int last_pid;

struct process *process_current(void)
{
    return thread_current()->process;
}

/* Taken while a process has it as its pid, or as the id of its group or
 * session (POSIX: a group's id is not reused while the group exists). */
static bool pid_in_use(int pid)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        const struct process *process = process_table[index];
        if (process && (process->pid == pid || process->pgid == pid || process->sid == pid))
            return true;
    }
    return false;
}

static int pid_next(void)
{
    do
        last_pid = last_pid == PID_MAX ? 1 : last_pid + 1;
    while (pid_in_use(last_pid));
    return last_pid;
}

static int free_slot(void)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++)
        if (!process_table[index])
            return (int)index;
    return -1;
}

struct process *process_alloc(struct process *parent, const char *name)
{
    int slot = free_slot();
    struct process *process;

    if (slot < 0 || !(process = kzalloc(sizeof(*process))))
        return NULL;
    process->pid = pid_next();
    process->table_index = (unsigned)slot;
    process->parent = parent;
    process->state = PROCESS_ALIVE;
    process->pgid = parent ? parent->pgid : process->pid;
    process->sid = parent ? parent->sid : process->pid;
    process->controlling_terminal = parent ? parent->controlling_terminal : NULL;
    strlcpy(process->name, name, sizeof(process->name));
    list_init(&process->children);
    list_init(&process->sibling_node);
    wait_queue_init(&process->child_changed);
    wait_queue_init(&process->continued);
    if (parent)
        list_push_back(&parent->children, &process->sibling_node);
    process_table[slot] = process;
    return process;
}

void process_free(struct process *process)
{
    list_remove(&process->sibling_node);
    process_table[process->table_index] = NULL;
    kfree(process);
}

struct process *process_find(int pid)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++)
        if (process_table[index] && process_table[index]->pid == pid)
            return process_table[index];
    return NULL;
}

struct process *process_at(unsigned index)
{
    return index < PROCESS_MAX ? process_table[index] : NULL;
}

uint64_t process_count(void)
{
    uint64_t count = 0;

    for (unsigned index = 0; index < PROCESS_MAX; index++)
        count += process_table[index] != NULL;
    return count;
}

void process_set_name(struct process *process, const char *path)
{
    const char *slash = strchr(path, '/'), *base = path;

    for (; slash; slash = strchr(slash + 1, '/'))
        base = slash + 1;
    strlcpy(process->name, *base ? base : path, sizeof(process->name));
}

void process_reparent_children(struct process *process, struct process *new_parent)
{
    struct list_node *node;

    while ((node = list_pop_front(&process->children)) != NULL) {
        struct process *child = list_entry(node, struct process, sibling_node);
        child->parent = new_parent;
        list_push_back(&new_parent->children, node);
    }
}

/* `child` is on `parent`'s list of children (bounded: the table's size). */
static bool is_child_of(const struct process *child, const struct process *parent)
{
    unsigned seen = 0;

    list_for_each(node, &parent->children) {
        if (node == &child->sibling_node)
            return true;
        if (++seen > PROCESS_MAX)
            return false;
    }
    return false;
}

static void check_process(struct freeport_kcheck *report, unsigned index, const struct process *process)
{
    const struct process *parent = process->parent;

    if (process->table_index != index || process->pid <= 0 || process_find(process->pid) != process)
        kcheck_problem(report, FP_KCHECK_PROCESSES, "slot %u: pid %d, table_index %u, pid not unique", index,
                       process->pid, process->table_index);
    if ((process->state == PROCESS_ALIVE) != (process->thread != NULL) ||
        (process->thread && process->thread->process != process))
        kcheck_problem(report, FP_KCHECK_PROCESSES, "pid %d: state %d with thread %p", process->pid,
                       process->state, (void *)process->thread);
    if (parent && (process_at(parent->table_index) != parent || !is_child_of(process, parent)))
        kcheck_problem(report, FP_KCHECK_PROCESSES, "pid %d: parent %p is not in the table or disowns it",
                       process->pid, (const void *)parent);
}

/* Each child on the list names `process` as its parent; a list longer
 * than the table is corrupt. */
static void check_children(struct freeport_kcheck *report, const struct process *process)
{
    unsigned seen = 0;

    list_for_each(node, &process->children) {
        if (++seen > PROCESS_MAX || list_entry(node, struct process, sibling_node)->parent != process) {
            kcheck_problem(report, FP_KCHECK_PROCESSES, "pid %d: its list of children is corrupt", process->pid);
            return;
        }
    }
}

void process_check(struct freeport_kcheck *report)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        if (process_table[index]) {
            check_process(report, index, process_table[index]);
            check_children(report, process_table[index]);
        }
    }
}
