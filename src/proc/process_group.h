/*
 * process_group.h - process groups and sessions: the units job control
 * signals and a terminal serves.
 *
 * Layer: processes. A process group is the set of processes with the same
 * pgid, a session the set with the same sid; neither is an object of its
 * own (a group exists while a process has its id, as in POSIX). A group's
 * id is the pid of the process that made it (its leader), a session's the
 * pid of the process that called setsid (its leader). A session has at
 * most one controlling terminal (fs/terminal.h), shared by all its members
 * through process->controlling_terminal.
 *
 * Invariants: every member of a group is in the group leader's session
 * (setpgid refuses to cross sessions); a session leader is the leader of
 * its own group and never moves (EPERM). Only threads in system calls
 * change pgid/sid (not preempted: no lock on one CPU).
 */
#ifndef FREEPORT_PROC_PROCESS_GROUP_H
#define FREEPORT_PROC_PROCESS_GROUP_H

#include <stdbool.h>

struct process;
struct terminal;

/* Post `signal` to every live process of group `pgid` (0: just check):
 * how many there are. */
int process_group_signal(int pgid, int signal);

/* Is there a live process in group `pgid` whose session is `sid`? */
bool process_group_in_session(int pgid, int sid);

/* POSIX's orphaned group: no member has a parent in another group of the
 * same session (nobody left to resume it), or it has no live member.
 * `leaving` is ignored (an exiting process still in the table). */
bool process_group_is_orphaned(int pgid, const struct process *leaving);

/* `exiting` is about to end: each group its end orphans (its own, its
 * children's) that has a stopped member gets SIGHUP then SIGCONT. */
void process_group_exit(struct process *exiting);

/* Every member of session `sid` gets `terminal` (NULL: none) as its
 * controlling terminal. */
void session_set_terminal(int sid, struct terminal *terminal);

#endif
