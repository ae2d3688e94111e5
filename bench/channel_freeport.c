/*
 * bench/channel_freeport.c - workloads of Freeport's channels and shared
 * memory, between two processes. channel_pingpong is Freeport's alone
 * (read it against signal_pingpong and Linux's futex and pipe round
 * trips); shm_copy also runs on Linux, with a MAP_SHARED region and futex
 * doorbells (bench/shm_linux.c), so the report compares the two.
 *
 * Layer: user program (see bench.h), on <freeport/channel.h> and
 * <freeport/shm.h>. Capabilities are not inherited across fork, so the
 * child gets its channel end and the region through the name service.
 *   channel_pingpong  one operation: an N-byte record to the child through
 *                     the rings and the same bytes back; each side sleeps
 *                     in channel_wait while its ring is empty
 *   shm_copy          one operation: N bytes copied into a shared region,
 *                     a doorbell record to the child, which copies the N
 *                     bytes out into its own buffer, and a doorbell back:
 *                     the bytes cross between processes without the kernel
 *                     copying them (GB/s against memcpy, the one-process
 *                     ceiling)
 * IPC errors are not errno values: a failure sets errno to EIO.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <freeport/capability.h>
#include <freeport/channel.h>
#include <freeport/shm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define RING_BYTES  16384 /* records up to 8160 bytes */
#define RECORD_DATA 1
#define RECORD_STOP 2
#define BUFFER_MAX  (1u << 20)

struct peer {
    size_t size;
    struct channel *channel;
    pid_t child;
    uint8_t *buffer; /* this process's bytes */
    uint8_t *shared; /* the region, for shm_copy; NULL for channel_pingpong */
    uint64_t region;
};

static int failed(void)
{
    errno = EIO;
    return -1;
}

static void bench_name(char *name, size_t size, const char *what, pid_t parent)
{
    snprintf(name, size, "bench.%s.%d", what, (int)parent);
}

/* The child: take the channel end (and the region) the parent named, then
 * answer every record until the STOP one. */
static void child_serve(struct peer *peer)
{
    struct ipc_ring_record record;
    char name[48];
    uint64_t token;

    bench_name(name, sizeof(name), "channel", getppid());
    if (ns_lookup(name, &token) != 0 || channel_open(token, &peer->channel) != 0)
        _exit(1);
    if (peer->shared) {
        bench_name(name, sizeof(name), "region", getppid());
        if (ns_lookup(name, &peer->region) != 0 || shm_map(peer->region, (void **)&peer->shared) != 0)
            _exit(1);
    }
    for (;;) {
        if (channel_receive(peer->channel, &record, peer->buffer, BUFFER_MAX, IPC_TIMEOUT_FOREVER) != 0)
            _exit(1);
        if (record.type == RECORD_STOP)
            _exit(0);
        if (peer->shared)
            memcpy(peer->buffer, peer->shared, peer->size);
        if (channel_send(peer->channel, RECORD_DATA, peer->buffer, record.length, IPC_TIMEOUT_FOREVER) != 0)
            _exit(1);
    }
}

/* The names the child looks up, bound while it starts. */
static int offer(const char *what, uint64_t token, uint32_t rights)
{
    char name[48];

    bench_name(name, sizeof(name), what, getpid());
    return ns_bind(name, token, rights);
}

static void withdraw(const char *what)
{
    char name[48];

    bench_name(name, sizeof(name), what, getpid());
    ns_unbind(name);
}

/* Give back whatever of a peer got made: the child is killed if it still
 * runs, every capability closed (the channel end `end` if not opened). */
static void peer_free(struct peer *peer, uint64_t end)
{
    if (peer->child > 0) {
        kill(peer->child, SIGKILL);
        waitpid(peer->child, NULL, 0);
    }
    if (peer->channel)
        channel_close(peer->channel);
    else if (end)
        cap_close(end);
    if (peer->region)
        cap_close(peer->region);
    free(peer->buffer);
    free(peer);
}

/* Fork the child that serves `peer`; it never returns here. */
static int start_child(struct peer *peer)
{
    peer->child = fork();
    if (peer->child == 0)
        child_serve(peer);
    return peer->child < 0 ? -IPC_ERR_NO_MEMORY : IPC_OK;
}

/* One round trip: the child has taken its end (and the region). */
static int handshake(struct peer *peer)
{
    int error = channel_send(peer->channel, RECORD_DATA, peer->buffer, 8, IPC_TIMEOUT_FOREVER);

    return error ? error
                 : channel_receive(peer->channel, NULL, peer->buffer, BUFFER_MAX, IPC_TIMEOUT_FOREVER);
}

/* A channel (and, with_region, a region) shared with a new child. The
 * names go once the handshake showed the child has what they offer. */
static int peer_start(size_t size, bool with_region, struct peer **out)
{
    struct peer *peer = calloc(1, sizeof(*peer));
    uint64_t ends[2] = {0, 0};
    int error;

    if (!peer || !(peer->buffer = malloc(BUFFER_MAX))) {
        free(peer);
        return -1;
    }
    peer->size = size;
    memset(peer->buffer, 'b', BUFFER_MAX);
    error = channel_create(RING_BYTES, ends);
    if (!error)
        error = offer("channel", ends[1], IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_MAP);
    if (!error && with_region)
        error = shm_create(size, &peer->region);
    if (!error && with_region)
        error = shm_map(peer->region, (void **)&peer->shared);
    if (!error && with_region)
        error = offer("region", peer->region, IPC_RIGHT_MAP);
    if (!error)
        error = start_child(peer);
    if (!error)
        error = channel_open(ends[0], &peer->channel);
    if (!error)
        error = handshake(peer);
    withdraw("channel");
    withdraw("region");
    if (ends[1])
        cap_close(ends[1]);
    if (error) {
        peer_free(peer, ends[0]);
        return failed();
    }
    *out = peer;
    return 0;
}

static int peer_stop(struct peer *peer)
{
    int status = -1;

    channel_send(peer->channel, RECORD_STOP, NULL, 0, IPC_TIMEOUT_FOREVER);
    waitpid(peer->child, &status, 0);
    peer->child = 0;
    peer_free(peer, 0);
    if (status != 0)
        return failed();
    return 0;
}

int channel_pingpong_setup(size_t size, void **state)
{
    return peer_start(size, false, (struct peer **)state);
}

int channel_pingpong_run(void *state)
{
    struct peer *peer = state;
    struct ipc_ring_record record;

    if (channel_send(peer->channel, RECORD_DATA, peer->buffer, (uint32_t)peer->size, IPC_TIMEOUT_FOREVER) !=
            0 ||
        channel_receive(peer->channel, &record, peer->buffer, BUFFER_MAX, IPC_TIMEOUT_FOREVER) != 0 ||
        record.length != peer->size)
        return failed();
    return 0;
}

int shm_copy_setup(size_t size, void **state)
{
    return peer_start(size, true, (struct peer **)state);
}

int shm_copy_run(void *state)
{
    struct peer *peer = state;

    memcpy(peer->shared, peer->buffer, peer->size);
    if (channel_send(peer->channel, RECORD_DATA, NULL, 0, IPC_TIMEOUT_FOREVER) != 0 ||
        channel_receive(peer->channel, NULL, NULL, 0, IPC_TIMEOUT_FOREVER) != 0)
        return failed();
    return 0;
}

int channel_pingpong_teardown(void *state)
{
    return peer_stop(state);
}

int shm_copy_teardown(void *state)
{
    return peer_stop(state);
}
