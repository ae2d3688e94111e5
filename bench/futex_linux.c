/*
 * bench/futex_linux.c - Linux's cheapest blocking hand-off between two
 * processes, the baseline for Freeport's port_call (Linux only).
 *
 * Layer: user program (see bench.h). The two processes share an anonymous
 * MAP_SHARED page holding a turn word and a buffer. One operation is a
 * round trip, shaped like port_call: the parent copies N bytes in, sets
 * the turn to the child and FUTEX_WAKEs it, then FUTEX_WAITs while the
 * turn is not back; the child copies the N bytes out, copies N bytes of
 * answer in, gives the turn back and wakes the parent, who copies them out.
 */
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define BUFFER_MAX 4096

enum turn { PARENT, CHILD, STOP };

struct shared {
    _Atomic uint32_t turn;
    uint8_t buffer[BUFFER_MAX];
};

struct futex_peer {
    struct shared *shared;
    size_t size;
    pid_t child;
    uint8_t own[BUFFER_MAX]; /* this process's copy of the bytes */
};

static long futex(_Atomic uint32_t *word, int operation, uint32_t value)
{
    return syscall(SYS_futex, word, operation, value, NULL, NULL, 0);
}

/* Wait until the turn is `mine`. */
static int await_turn(struct shared *shared, uint32_t mine)
{
    uint32_t seen;

    while ((seen = atomic_load(&shared->turn)) != mine && seen != STOP)
        if (futex(&shared->turn, FUTEX_WAIT, seen) < 0 && errno != EAGAIN && errno != EINTR)
            return -1;
    return 0;
}

static int give_turn(struct shared *shared, uint32_t to)
{
    atomic_store(&shared->turn, to);
    return futex(&shared->turn, FUTEX_WAKE, 1) < 0 ? -1 : 0;
}

static void futex_child(struct futex_peer *peer)
{
    struct shared *shared = peer->shared;

    for (;;) {
        if (await_turn(shared, CHILD) < 0)
            _exit(1);
        if (atomic_load(&shared->turn) == STOP)
            _exit(0);
        memcpy(peer->own, shared->buffer, peer->size);
        memcpy(shared->buffer, peer->own, peer->size);
        if (give_turn(shared, PARENT) < 0)
            _exit(1);
    }
}

int futex_pingpong_setup(size_t size, void **state)
{
    struct futex_peer *peer = calloc(1, sizeof(*peer));

    if (peer == NULL)
        return -1;
    peer->size = size;
    peer->shared =
        mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (peer->shared == MAP_FAILED) {
        free(peer);
        return -1;
    }
    atomic_store(&peer->shared->turn, PARENT);
    peer->child = fork();
    if (peer->child < 0) {
        munmap(peer->shared, sizeof(struct shared));
        free(peer);
        return -1;
    }
    if (peer->child == 0)
        futex_child(peer);
    *state = peer;
    return 0;
}

int futex_pingpong_run(void *state)
{
    struct futex_peer *peer = state;

    memcpy(peer->shared->buffer, peer->own, peer->size);
    if (give_turn(peer->shared, CHILD) < 0 || await_turn(peer->shared, PARENT) < 0)
        return -1;
    memcpy(peer->own, peer->shared->buffer, peer->size);
    return 0;
}

int futex_pingpong_teardown(void *state)
{
    struct futex_peer *peer = state;
    int status, result = 0;

    if (give_turn(peer->shared, STOP) < 0 || waitpid(peer->child, &status, 0) != peer->child ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        result = -1;
    munmap(peer->shared, sizeof(struct shared));
    free(peer);
    return result;
}
