/*
 * proc_pgrp - process groups, sessions and job control: setpgid, getpgid,
 * getpgrp, setsid, getsid and their errors; inheritance across fork and
 * exec; kill and waitpid on groups; stopping (SIGSTOP, SIGTSTP),
 * continuing (SIGCONT) and their reports (WUNTRACED, WCONTINUED, SIGCHLD,
 * SA_NOCLDSTOP); an orphaned group's stop refused, and one orphaned while
 * stopped hung up. All of it in a child whose counters are checked back
 * at baseline (check_in_child).
 *
 * Run as `proc_pgrp`; it re-executes itself as `proc_pgrp --ids PGID SID`
 * to see what exec keeps.
 */
#include <stdlib.h>
#include "check.h"

static const char *self_path;

static void wait_forever(void)
{
    for (;;)
        pause();
}

/* A child that leads a new group of its own and waits for signals. */
static pid_t fork_group_leader(void)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        setpgid(0, 0);
        wait_forever();
    }
    setpgid(pid, pid); /* both sides, as shells do: no race either way */
    return pid;
}

static void reap_killed(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void check_ids(void)
{
    CHECK(getpgrp() == getpgid(0) && getpgid(getpid()) == getpgrp(), "getpgrp() = getpgid(0) = getpgid(self)");
    CHECK(getsid(0) == getsid(getpid()) && getsid(0) > 0, "getsid(0) = getsid(self) = %d", (int)getsid(0));
    CHECK(getpgid(30000) == -1 && errno == ESRCH, "getpgid of no process: ESRCH");
    CHECK(getsid(30000) == -1 && errno == ESRCH, "getsid of no process: ESRCH");
    CHECK(getpgid(-5) == -1 && errno == ESRCH, "getpgid(-5): ESRCH");
    CHECK(getpgid(1) == 1 && getsid(1) == 1, "init leads group 1 and session 1");
}

static void check_inherited(void)
{
    int pipe_fds[2];
    pid_t ids[2] = {0, 0};

    pipe(pipe_fds);
    pid_t pid = fork_child();
    if (pid == 0) {
        pid_t mine[2] = {getpgrp(), getsid(0)};
        write(pipe_fds[1], mine, sizeof(mine));
        _exit(0);
    }
    read(pipe_fds[0], ids, sizeof(ids));
    waitpid(pid, NULL, 0);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    CHECK(ids[0] == getpgrp() && ids[1] == getsid(0), "a child starts in its parent's group and session");
}

/* The child makes its own group, then execs this program with the ids it
 * expects: exec keeps them. */
static void check_kept_across_exec(void)
{
    int status = -1;
    pid_t pid = fork_child();

    if (pid == 0) {
        char pgid[16], sid[16];
        setpgid(0, 0);
        snprintf(pgid, sizeof(pgid), "%d", (int)getpid());
        snprintf(sid, sizeof(sid), "%d", (int)getsid(0));
        execl(self_path, self_path, "--ids", pgid, sid, (char *)NULL);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec keeps the group and the session (status 0x%x)",
          status);
}

static void check_setpgid(void)
{
    pid_t leader = fork_group_leader();

    CHECK(getpgid(leader) == leader, "setpgid(pid, pid) makes a new group led by the child");
    pid_t joiner = fork_child();
    if (joiner == 0)
        wait_forever();
    CHECK(setpgid(joiner, leader) == 0 && getpgid(joiner) == leader, "a second child joins that group");
    CHECK(setpgid(joiner, 0) == 0 && getpgid(joiner) == joiner, "setpgid(pid, 0): its own group again");
    CHECK(setpgid(joiner, 30000) == -1 && errno == EPERM, "joining a group that does not exist: EPERM");
    CHECK(setpgid(joiner, -1) == -1 && errno == EINVAL, "a negative group: EINVAL");
    CHECK(setpgid(-1, 0) == -1 && errno == EINVAL, "a negative pid: EINVAL");
    CHECK(setpgid(1, 1) == -1 && errno == ESRCH, "init is not our child: ESRCH");
    CHECK(setpgid(30000, 0) == -1 && errno == ESRCH, "no such process: ESRCH");
    reap_killed(joiner);
    reap_killed(leader);
}

/* A child that has exec'd cannot be moved (EACCES); nor can a session
 * leader, nor anyone into another session's group (EPERM). */
static void check_setpgid_refusals(void)
{
    int ready[2];
    char byte;

    pipe(ready);
    pid_t execed = fork_child();
    if (execed == 0) {
        dup2(ready[1], 1);
        execl(self_path, self_path, "--pause", (char *)NULL);
        _exit(99);
    }
    read(ready[0], &byte, 1); /* it has exec'd */
    CHECK(setpgid(execed, execed) == -1 && errno == EACCES, "a child that has exec'd: EACCES");
    reap_killed(execed);

    pid_t leader = fork_child();
    if (leader == 0) {
        setsid();
        write(ready[1], "s", 1);
        wait_forever();
    }
    read(ready[0], &byte, 1);
    CHECK(setpgid(leader, leader) == -1 && errno == EPERM, "a child leading another session: EPERM");
    CHECK(setpgid(0, leader) == -1 && errno == EPERM, "joining a group of another session: EPERM");
    reap_killed(leader);
    close(ready[0]);
    close(ready[1]);
}

static void setsid_child(void)
{
    pid_t sid = setsid();
    bool made = sid == getpid() && getsid(0) == sid && getpgrp() == sid;
    bool again = setsid() == -1 && errno == EPERM;
    _exit(made && again ? 0 : 1);
}

static void leader_setsid(void)
{
    setpgid(0, 0);
    _exit(setsid() == -1 && errno == EPERM ? 0 : 1);
}

static void check_setsid(void)
{
    int status = run_in_child(setsid_child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "setsid: a new session and group with the caller's id; again: EPERM");
    status = run_in_child(leader_setsid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a group leader's setsid: EPERM");
}

static void check_kill_group(void)
{
    pid_t leader = fork_group_leader(), member = fork_child(), outsider = fork_child();
    int status;

    if (member == 0 || outsider == 0)
        wait_forever();
    setpgid(member, leader);
    CHECK(kill(-leader, 0) == 0, "kill(-pgid, 0): the group exists");
    CHECK(killpg(leader, SIGTERM) == 0, "killpg(pgid, SIGTERM)");
    CHECK(waitpid(leader, &status, 0) == leader && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "the leader got it");
    CHECK(waitpid(member, &status, 0) == member && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "the member got it");
    CHECK(waitpid(outsider, &status, WNOHANG) == 0, "the child outside the group did not");
    CHECK(kill(-leader, SIGTERM) == -1 && errno == ESRCH, "an empty group: ESRCH");
    CHECK(kill(-30000, SIGTERM) == -1 && errno == ESRCH, "no such group: ESRCH");
    CHECK(kill(0, 0) == 0, "kill(0, 0): the caller's own group exists");
    reap_killed(outsider);
}

/* waitpid(0) waits for the caller's group, waitpid(-pgid) for group pgid. */
static void check_wait_group(void)
{
    pid_t same = fork_child();
    if (same == 0)
        _exit(3);
    pid_t other = fork_child();
    if (other == 0) {
        setpgid(0, 0);
        _exit(4);
    }
    setpgid(other, other);
    int status;
    CHECK(waitpid(0, &status, 0) == same && WEXITSTATUS(status) == 3, "waitpid(0) reaps the child in our group");
    CHECK(waitpid(0, &status, 0) == -1 && errno == ECHILD, "then none is left in our group: ECHILD");
    CHECK(waitpid(-other, &status, 0) == other && WEXITSTATUS(status) == 4, "waitpid(-pgid) reaps the other");
}

/* What procinfo (ps) says of `pid`'s state, or 99 if it is not found. */
static uint32_t state_of(pid_t pid)
{
    struct freeport_procinfo info;

    for (int index = 0; index < 64; index++)
        if (freeport_procinfo(index, &info) == 0 && info.pid == pid)
            return info.state;
    return 99;
}

static void check_stop_and_continue(void)
{
    pid_t child = fork_group_leader();
    int status;

    CHECK(kill(child, SIGSTOP) == 0, "SIGSTOP sent");
    CHECK(waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
          "WUNTRACED reports it stopped by SIGSTOP (0x%x)", status);
    CHECK(waitpid(child, &status, WUNTRACED | WNOHANG) == 0, "a stop is reported once");
    CHECK(state_of(child) == FP_PROC_STOPPED, "procinfo (ps) shows it stopped");
    CHECK(waitpid(child, &status, WNOHANG) == 0, "without WUNTRACED a stopped child is not reported");
    CHECK(kill(child, SIGCONT) == 0, "SIGCONT sent");
    CHECK(waitpid(child, &status, WCONTINUED) == child && WIFCONTINUED(status),
          "WCONTINUED reports it continued (0x%x)", status);
    CHECK(state_of(child) != FP_PROC_STOPPED, "and procinfo no longer shows it stopped");
    CHECK(kill(child, SIGTSTP) == 0 && waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status) &&
              WSTOPSIG(status) == SIGTSTP,
          "SIGTSTP stops it too");
    CHECK(kill(child, SIGKILL) == 0 && waitpid(child, &status, 0) == child && WIFSIGNALED(status) &&
              WTERMSIG(status) == SIGKILL,
          "SIGKILL ends a stopped process");
    CHECK(waitpid(-1, &status, WUNTRACED | WCONTINUED | 0x100) == -1 && errno == EINVAL,
          "an unknown option with them: EINVAL");
}

static int usr1_pipe[2];

static void write_on_usr1(int signal)
{
    (void)signal;
    write(usr1_pipe[1], "u", 1);
}

/* A stopped process handles nothing until continued; then the signal that
 * was held comes in, and a read it was blocked in goes on (it is restarted,
 * not failed with EINTR). */
static void check_stopped_holds_signals(void)
{
    int data[2], status;
    char byte = 0;

    pipe(usr1_pipe);
    pipe(data);
    pid_t child = fork_child();
    if (child == 0) {
        setpgid(0, 0);
        signal(SIGUSR1, write_on_usr1);
        write(usr1_pipe[1], "r", 1);
        char got;
        ssize_t n = read(data[0], &got, 1);
        _exit(n == 1 && got == 'd' ? 0 : 1);
    }
    setpgid(child, child);
    read(usr1_pipe[0], &byte, 1); /* its handler is in place */
    kill(child, SIGSTOP);
    waitpid(child, &status, WUNTRACED);
    kill(child, SIGUSR1);
    CHECK(waitpid(child, &status, WNOHANG | WUNTRACED) == 0, "stopped, with SIGUSR1 pending");
    kill(child, SIGCONT);
    read(usr1_pipe[0], &byte, 1);
    CHECK(byte == 'u', "after SIGCONT the handler of the held SIGUSR1 ran");
    write(data[1], "d", 1);
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the read it was blocked in went on and got the byte (status 0x%x)", status);
    close(data[0]);
    close(data[1]);
    close(usr1_pipe[0]);
    close(usr1_pipe[1]);
}

static volatile int sigchld_count;

static void count_sigchld(int signal)
{
    (void)signal;
    sigchld_count++;
}

static void set_sigchld(int flags)
{
    struct sigaction action = {.sa_handler = count_sigchld, .sa_flags = flags};
    sigaction(SIGCHLD, &action, NULL);
}

static void check_sigchld_on_stop(void)
{
    pid_t child = fork_group_leader();
    int status;

    set_sigchld(0);
    sigchld_count = 0;
    kill(child, SIGSTOP);
    waitpid(child, &status, WUNTRACED);
    CHECK(sigchld_count == 1, "a stop sends SIGCHLD (%d)", sigchld_count);
    set_sigchld(SA_NOCLDSTOP);
    kill(child, SIGCONT);
    waitpid(child, &status, WCONTINUED);
    kill(child, SIGSTOP);
    waitpid(child, &status, WUNTRACED);
    CHECK(sigchld_count == 1, "with SA_NOCLDSTOP neither continue nor stop sends it (%d)", sigchld_count);
    reap_killed(child);
    CHECK(sigchld_count == 2, "an exit still does (%d)", sigchld_count);
    signal(SIGCHLD, SIG_DFL);
}

/* A child alone in a new session is an orphaned group: SIGTSTP cannot
 * stop it (POSIX: nobody could continue it); SIGSTOP still does. */
static void check_orphaned_group_not_stopped(void)
{
    int status;
    char byte = 0;

    pipe(usr1_pipe);
    pid_t child = fork_child();
    if (child == 0) {
        setsid();
        signal(SIGUSR1, write_on_usr1);
        write(usr1_pipe[1], "s", 1);
        wait_forever();
    }
    read(usr1_pipe[0], &byte, 1);
    kill(child, SIGTSTP);
    kill(child, SIGUSR1);
    read(usr1_pipe[0], &byte, 1);
    CHECK(byte == 'u' && waitpid(child, &status, WUNTRACED | WNOHANG) == 0,
          "SIGTSTP to an orphaned group is discarded");
    kill(child, SIGSTOP);
    CHECK(waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status), "SIGSTOP stops it anyway");
    reap_killed(child);
    close(usr1_pipe[0]);
    close(usr1_pipe[1]);
}

static void report_hangup(int signal)
{
    (void)signal;
    write(usr1_pipe[1], "H", 1);
    _exit(0);
}

/* The middle process leads a session; its child, in a group of its own,
 * stops; when the middle process exits that group is orphaned with a
 * stopped member, so the kernel sends it SIGHUP and SIGCONT. */
static void check_orphaned_stopped_group_hung_up(void)
{
    char byte = 0;

    pipe(usr1_pipe);
    pid_t middle = fork_child();
    if (middle == 0) {
        setsid();
        pid_t stopped = fork();
        if (stopped == 0) {
            setpgid(0, 0);
            signal(SIGHUP, report_hangup);
            raise(SIGSTOP);
            _exit(1);
        }
        int status;
        waitpid(stopped, &status, WUNTRACED);
        _exit(0);
    }
    close(usr1_pipe[1]);
    waitpid(middle, NULL, 0);
    CHECK(read(usr1_pipe[0], &byte, 1) == 1 && byte == 'H', "the orphaned stopped group got SIGHUP");
    CHECK(read(usr1_pipe[0], &byte, 1) == 0, "and is gone (its pipe end closed)");
    close(usr1_pipe[0]);
}

static void checks(const char *self)
{
    self_path = self;
    check_ids();
    check_inherited();
    check_kept_across_exec();
    check_setpgid();
    check_setpgid_refusals();
    check_setsid();
    check_kill_group();
    check_wait_group();
    check_stop_and_continue();
    check_stopped_holds_signals();
    check_sigchld_on_stop();
    check_orphaned_group_not_stopped();
    check_orphaned_stopped_group_hung_up();
    _exit(check_failures);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 4 && strcmp(argv[1], "--ids") == 0)
        return getpgrp() == atoi(argv[2]) && getsid(0) == atoi(argv[3]) ? 0 : 1;
    if (argc == 2 && strcmp(argv[1], "--pause") == 0) {
        write(1, "e", 1);
        wait_forever();
    }
    return check_in_child(checks, argv[0]);
}
