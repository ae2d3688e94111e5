/*
 * bench/signal.c - workload of a context-switch ping-pong between two
 * processes, by signals.
 *
 * Layer: user program (see bench.h). Signals were the blocking primitive
 * both systems had before Freeport's pipes, and need no IPC object. SIGUSR1
 * and SIGUSR2 stay blocked in both processes except inside sigsuspend, so a
 * signal sent before its receiver waits stays pending, not lost. One
 * operation is a round trip: kill, sigsuspend, handler and sigreturn on
 * each side, and two context switches.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

struct pingpong {
    pid_t child;
    sigset_t wait_for_pong; /* the blocked set during the parent's sigsuspend */
    sigset_t blocked_before;
};

static volatile sig_atomic_t last_signal;

static void note_signal(int signal_number)
{
    last_signal = signal_number;
}

/* sigsuspend until `expected` has been handled. */
static int await_signal(const sigset_t *wait_mask, int expected)
{
    while (last_signal != expected)
        if (sigsuspend(wait_mask) < 0 && errno != EINTR)
            return -1;
    last_signal = 0;
    return 0;
}

/* The child: answer every SIGUSR1 with a SIGUSR2, until killed. */
static void pingpong_child(const sigset_t *wait_for_ping)
{
    pid_t parent = getppid();
    for (;;)
        if (await_signal(wait_for_ping, SIGUSR1) < 0 || kill(parent, SIGUSR2) < 0)
            _exit(1);
}

int signal_pingpong_setup(size_t size, void **state)
{
    (void)size;
    struct pingpong *pingpong = malloc(sizeof *pingpong);
    struct sigaction action = {.sa_handler = note_signal};
    sigset_t both, wait_for_ping;

    if (pingpong == NULL)
        return -1;
    sigemptyset(&action.sa_mask);
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    if (sigaction(SIGUSR1, &action, NULL) < 0 || sigaction(SIGUSR2, &action, NULL) < 0 ||
        sigprocmask(SIG_BLOCK, &both, &pingpong->blocked_before) < 0)
        goto fail;
    pingpong->wait_for_pong = pingpong->blocked_before;
    sigaddset(&pingpong->wait_for_pong, SIGUSR1);
    wait_for_ping = pingpong->blocked_before;
    sigaddset(&wait_for_ping, SIGUSR2);
    last_signal = 0;
    pingpong->child = fork();
    if (pingpong->child < 0) {
        int error = errno;
        sigprocmask(SIG_SETMASK, &pingpong->blocked_before, NULL);
        errno = error;
        goto fail;
    }
    if (pingpong->child == 0)
        pingpong_child(&wait_for_ping);
    *state = pingpong;
    return 0;
fail:
    free(pingpong);
    return -1;
}

int signal_pingpong_run(void *state)
{
    struct pingpong *pingpong = state;
    if (kill(pingpong->child, SIGUSR1) < 0)
        return -1;
    return await_signal(&pingpong->wait_for_pong, SIGUSR2);
}

int signal_pingpong_teardown(void *state)
{
    struct pingpong *pingpong = state;
    int status, result = 0;

    if (kill(pingpong->child, SIGKILL) < 0 || waitpid(pingpong->child, &status, 0) != pingpong->child ||
        sigprocmask(SIG_SETMASK, &pingpong->blocked_before, NULL) < 0)
        result = -1;
    free(pingpong);
    return result;
}
