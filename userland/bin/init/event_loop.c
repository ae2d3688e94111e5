/*
 * event_loop.c - the one place init waits.
 *
 * Layer: user program (init). A SIGCHLD handler writes a byte to a
 * non-blocking pipe (the self-pipe trick: a signal between the checks and
 * poll would otherwise be lost until the next event). poll waits on that
 * pipe and the control socket's descriptors, with the timeout of the
 * earliest deadline (a restart due, a readiness timeout, a SIGKILL due, an
 * idle client). After poll: every ended child is reaped with
 * waitpid(-1, WNOHANG) - a service's, the watched one's, or an orphan the
 * kernel gave to init - then the control clients are served and the
 * supervisor and shutdown advance.
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "init.h"

#define POLL_FDS_MAX     16
#define POLL_WAIT_MAX_MS 60000

static int child_pipe[2] = {-1, -1};
static pid_t watched_pid;
static bool watched_done;
static int watched_status;

uint64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static void on_child_signal(int signal)
{
    int saved_errno = errno;
    char byte = (char)signal;

    (void)write(child_pipe[1], &byte, 1);
    errno = saved_errno;
}

int event_loop_init(void)
{
    struct sigaction action = {.sa_handler = on_child_signal};

    if (pipe2(child_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGCHLD, &action, NULL);
}

void event_loop_watch(pid_t pid)
{
    watched_pid = pid;
    watched_done = false;
}

bool event_loop_watched_exited(int *wait_status)
{
    if (watched_done)
        *wait_status = watched_status;
    return watched_done;
}

static void reap_children(void)
{
    char drained[32];
    int wait_status;
    pid_t pid;

    while (read(child_pipe[0], drained, sizeof(drained)) > 0)
        continue;
    while ((pid = waitpid(-1, &wait_status, WNOHANG)) > 0) {
        if (supervisor_child_exited(pid, wait_status))
            continue;
        if (pid == watched_pid) {
            watched_done = true;
            watched_status = wait_status;
        }
    }
}

static int poll_timeout(void)
{
    uint64_t deadline = supervisor_next_deadline();
    uint64_t control = control_drop_idle_clients();
    uint64_t now = now_ms();

    if (control < deadline)
        deadline = control;
    if (deadline <= now)
        return 0;
    return deadline - now > POLL_WAIT_MAX_MS ? POLL_WAIT_MAX_MS : (int)(deadline - now);
}

void event_loop_once(void)
{
    struct pollfd fds[POLL_FDS_MAX] = {{.fd = child_pipe[0], .events = POLLIN}};
    int count = 1 + control_poll_fds(fds + 1, POLL_FDS_MAX - 1);

    if (poll(fds, (nfds_t)count, poll_timeout()) > 0)
        control_handle(fds + 1, count - 1);
    reap_children();
    supervisor_tick();
    shutdown_tick();
}
