/*
 * bench/shm_linux.c - shm_copy on Linux: the same operation as Freeport's
 * (bench/channel_freeport.c), with Linux's own primitives.
 *
 * Layer: user program (the Linux build of bench/). The region is an
 * anonymous MAP_SHARED mapping the child inherits; the doorbells are two
 * futex words in its first page: ring = increment + FUTEX_WAKE, wait =
 * FUTEX_WAIT while the word still holds what was seen (the same futex rule
 * as channel_wait). One operation: N bytes copied into the region, a ring
 * to the child, which copies them out into its own buffer and rings back.
 */
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define HEADER_BYTES 4096 /* the doorbells' page, before the data */

struct doorbells {
    _Atomic uint32_t to_child, to_parent;
    _Atomic uint32_t stop;
};

struct shm_peer {
    size_t size;
    uint8_t *mapping; /* HEADER_BYTES of doorbells, then the data */
    uint8_t *buffer;
    pid_t child;
};

static struct doorbells *bells_of(struct shm_peer *peer)
{
    return (struct doorbells *)peer->mapping;
}

static void ring(_Atomic uint32_t *bell)
{
    atomic_fetch_add(bell, 1);
    syscall(SYS_futex, bell, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void wait_past(_Atomic uint32_t *bell, uint32_t seen)
{
    while (atomic_load(bell) == seen)
        syscall(SYS_futex, bell, FUTEX_WAIT, seen, NULL, NULL, 0);
}

static void child_serve(struct shm_peer *peer)
{
    struct doorbells *bells = bells_of(peer);

    for (uint32_t seen = 0;; seen++) {
        wait_past(&bells->to_child, seen);
        if (atomic_load(&bells->stop))
            _exit(0);
        memcpy(peer->buffer, peer->mapping + HEADER_BYTES, peer->size);
        ring(&bells->to_parent);
    }
}

int shm_copy_setup(size_t size, void **state)
{
    struct shm_peer *peer = calloc(1, sizeof(*peer));

    if (!peer || !(peer->buffer = malloc(size))) {
        free(peer);
        return -1;
    }
    peer->size = size;
    memset(peer->buffer, 'b', size);
    peer->mapping =
        mmap(NULL, HEADER_BYTES + size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (peer->mapping == MAP_FAILED || (peer->child = fork()) < 0) {
        int error = errno;
        if (peer->mapping != MAP_FAILED)
            munmap(peer->mapping, HEADER_BYTES + size);
        free(peer->buffer);
        free(peer);
        errno = error;
        return -1;
    }
    if (peer->child == 0)
        child_serve(peer);
    *state = peer;
    return 0;
}

int shm_copy_run(void *state)
{
    struct shm_peer *peer = state;
    struct doorbells *bells = bells_of(peer);
    uint32_t seen = atomic_load(&bells->to_parent);

    memcpy(peer->mapping + HEADER_BYTES, peer->buffer, peer->size);
    ring(&bells->to_child);
    wait_past(&bells->to_parent, seen);
    return 0;
}

int shm_copy_teardown(void *state)
{
    struct shm_peer *peer = state;
    int status = -1;

    atomic_store(&bells_of(peer)->stop, 1);
    ring(&bells_of(peer)->to_child);
    waitpid(peer->child, &status, 0);
    munmap(peer->mapping, HEADER_BYTES + peer->size);
    free(peer->buffer);
    free(peer);
    if (status != 0) {
        errno = ECHILD;
        return -1;
    }
    return 0;
}
