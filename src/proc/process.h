/*
 * process.h - a process: an address space, open files, a working directory,
 * signal state, and the threads that run in it.
 *
 * Layer: processes. Fields other layers read are listed first and keep their
 * names: the file layer uses `files`, `cwd` and `umask` of process_current().
 * Lifetime: created by process_create_init()/fork, a zombie after exit until
 * its parent's waitpid() reaps it; its pid is not reused while it exists.
 *
 * The process table has PROCESS_MAX slots; a process keeps its slot
 * (table_index) from creation until it is reaped. Parent and children are
 * linked both ways; when a process exits, its children become init's.
 * Kernel threads belong to no process: process_current() is NULL there.
 * Invariants: only the process's own thread changes its memory, files and
 * signal actions; other threads only post signals (signal.c) and, for the
 * parent, reap a zombie. Kernel code is not preempted (scheduler.h), so
 * none of this needs a lock on one CPU.
 */
#ifndef FREEPORT_PROC_PROCESS_H
#define FREEPORT_PROC_PROCESS_H

#include <stdint.h>
#include "lib/list.h"
#include "proc/signal.h"
#include "proc/waitqueue.h"

struct fd_table;
struct vnode;
struct address_space;
struct thread;
struct user_memory;
struct ipc_process;
struct terminal;

#define PROCESS_MAX      64
#define PROCESS_NAME_MAX 32
#define PROCESS_INIT_PID 1

enum process_state { PROCESS_ALIVE, PROCESS_ZOMBIE };

/* What waitpid has yet to tell the parent about a live child (job_control.c). */
enum job_report { JOB_REPORT_NONE, JOB_REPORT_STOPPED, JOB_REPORT_CONTINUED };

struct process {
    int pid;
    char name[PROCESS_NAME_MAX];
    struct fd_table *files; /* fs/fd_table.h; NULL for kernel-only processes */
    struct vnode *cwd;      /* fs/vnode.h; holds a reference */
    uint32_t umask;
    struct address_space *address_space; /* = &memory->pages, or NULL once exited */

    /* Job control (process_group.c, job_control.c). A child starts in its
     * parent's group and session, with its controlling terminal; exec keeps
     * them. controlling_terminal (fs/terminal.h) is the session's: every
     * member of a session has the same one, and the terminal clears it in
     * all of them when it goes (terminal_forget). */
    int pgid, sid;
    struct terminal *controlling_terminal;
    bool has_exec;                /* setpgid on a child that has exec'd: EACCES */
    enum job_report job_report;   /* for the parent's waitpid (WUNTRACED, WCONTINUED) */
    int stop_signal;              /* the signal that stopped it, for WSTOPSIG */
    struct wait_queue continued;  /* a stopped process sleeps here until SIGCONT */

    /* Process management state: owned by src/proc/. */
    struct user_memory *memory; /* user_memory.h: regions, break, page tables */
    enum process_state state;
    int exit_status;           /* FP_W_EXITED/FP_W_SIGNALED, once a zombie */
    struct thread *thread;     /* NULL once exited */
    struct process *parent;    /* NULL only for init */
    struct list_node children; /* of struct process, through sibling_node */
    struct list_node sibling_node;
    struct wait_queue child_changed; /* waitpid sleeps here until a child exits */
    struct signal_state signals;
    uint64_t user_ticks, system_ticks;                   /* CPU time, in ticks */
    uint64_t children_user_ticks, children_system_ticks; /* of reaped children */
    uint64_t syscalls;                                   /* made so far (syscall_dispatch counts) */
    unsigned table_index;

    /* Native IPC's per-process state (capability table, ...): owned by
     * src/ipc/ipc_process.c, opaque here, released through the hook below. */
    struct ipc_process *ipc;
};

/* A higher layer (native IPC) releases its per-process state in `hook`,
 * which process_release_resources() calls first, while the process still
 * has its memory and files. One hook; set once at boot. */
void process_set_release_hook(void (*hook)(struct process *process));

/* The process the running thread belongs to. */
struct process *process_current(void);

/* A new ALIVE process with a fresh pid in a free table slot, a child of
 * `parent` (NULL for init), with no memory, files or thread yet.
 * NULL when the table is full or memory is out. */
struct process *process_alloc(struct process *parent, const char *name);

/* Give back the table slot and structure (a reaped zombie, a failed fork). */
void process_free(struct process *process);

/* The process with this pid (zombies too), or NULL. */
struct process *process_find(int pid);

/* The process in table slot `index` (NULL if free). */
struct process *process_at(unsigned index);

/* Processes in the table, zombies included (SYS_kstat). */
uint64_t process_count(void);

/* name = the last component of `path`, truncated to fit. */
void process_set_name(struct process *process, const char *path);

/* Move every child of `process` to `new_parent`. */
void process_reparent_children(struct process *process, struct process *new_parent);

/* Table slots, pids, threads and family links agree; problems go into
 * `report` (kcheck.h, SYS_kcheck). */
struct freeport_kcheck;
void process_check(struct freeport_kcheck *report);

#endif
