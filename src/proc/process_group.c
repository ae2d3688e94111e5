/*
 * process_group.c - setpgid, getpgid, setsid, getsid, and the group-wide
 * operations job control needs (see process_group.h).
 *
 * Layer: processes (system calls and helpers). Groups and sessions are
 * found by walking the process table (PROCESS_MAX slots): no list to keep
 * consistent, and the table is small.
 */
#include "proc/process_group.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/syscall.h"
#include "errno.h"

int process_group_signal(int pgid, int signal)
{
    int count = 0;

    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process->state == PROCESS_ALIVE && process->pgid == pgid) {
            count++;
            if (signal)
                signal_send(process, signal);
        }
    }
    return count;
}

bool process_group_in_session(int pgid, int sid)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process->state == PROCESS_ALIVE && process->pgid == pgid && process->sid == sid)
            return true;
    }
    return false;
}

/* Does `member`'s parent, in another group of the same session, keep the
 * group from being orphaned? */
static bool has_parent_outside(const struct process *member, const struct process *leaving)
{
    const struct process *parent = member->parent;

    return parent && parent != leaving && parent->state == PROCESS_ALIVE && parent->pgid != member->pgid &&
           parent->sid == member->sid;
}

bool process_group_is_orphaned(int pgid, const struct process *leaving)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process != leaving && process->state == PROCESS_ALIVE && process->pgid == pgid &&
            has_parent_outside(process, leaving))
            return false;
    }
    return true;
}

static bool group_has_stopped_member(int pgid)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process->state == PROCESS_ALIVE && process->pgid == pgid && process->signals.stopped)
            return true;
    }
    return false;
}

/* POSIX: a group newly orphaned with a stopped member would stay stopped
 * for ever; it is hung up and continued instead. */
static void hang_up_if_orphaned(int pgid, const struct process *leaving)
{
    if (group_has_stopped_member(pgid) && process_group_is_orphaned(pgid, leaving)) {
        process_group_signal(pgid, FP_SIGHUP);
        process_group_signal(pgid, FP_SIGCONT);
    }
}

void process_group_exit(struct process *exiting)
{
    hang_up_if_orphaned(exiting->pgid, exiting);
    list_for_each(node, &exiting->children) {
        struct process *child = list_entry(node, struct process, sibling_node);
        if (child->pgid != exiting->pgid && child->sid == exiting->sid)
            hang_up_if_orphaned(child->pgid, exiting);
    }
}

void session_set_terminal(int sid, struct terminal *terminal)
{
    for (unsigned index = 0; index < PROCESS_MAX; index++) {
        struct process *process = process_at(index);
        if (process && process->sid == sid)
            process->controlling_terminal = terminal;
    }
}

/* pid 0 is the caller; others must exist (zombies too). */
static struct process *find_target(int pid)
{
    return pid == 0 ? process_current() : process_find(pid);
}

/* setpgid's checks on `target` (POSIX): the caller or its child, not yet
 * exec'd, in the caller's session and not a session leader; the group
 * joined must be the target's own new one or exist in that session. */
static long check_setpgid(const struct process *self, const struct process *target, int pgid)
{
    if (!target || (target != self && target->parent != self))
        return -ESRCH;
    if (target != self && target->has_exec)
        return -EACCES;
    if (target->sid != self->sid || target->pid == target->sid)
        return -EPERM;
    if (pgid != target->pid && !process_group_in_session(pgid, self->sid))
        return -EPERM;
    return 0;
}

long sys_setpgid(int pid, int pgid)
{
    struct process *self = process_current();
    struct process *target = pid < 0 ? NULL : find_target(pid);
    long error;

    if (pid < 0 || pgid < 0)
        return -EINVAL;
    if (target && pgid == 0)
        pgid = target->pid;
    error = check_setpgid(self, target, pgid);
    if (error == 0)
        target->pgid = pgid;
    return error;
}

long sys_getpgid(int pid)
{
    struct process *target = pid < 0 ? NULL : find_target(pid);

    return target ? target->pgid : -ESRCH;
}

long sys_getsid(int pid)
{
    struct process *target = pid < 0 ? NULL : find_target(pid);

    return target ? target->sid : -ESRCH;
}

/* A group leader cannot start a session: its group would straddle two.
 * (Nor can a process whose pid is some group's id.) */
long sys_setsid(void)
{
    struct process *self = process_current();

    if (process_group_signal(self->pid, 0) > 0)
        return -EPERM;
    self->pgid = self->sid = self->pid;
    self->controlling_terminal = NULL;
    return self->sid;
}
