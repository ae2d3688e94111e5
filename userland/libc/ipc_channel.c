/*
 * userland/libc/ipc_channel.c - channels in user space: <freeport/channel.h>.
 *
 * Layer: libfreeport, on the kernel's ring code (src/ipc/ring.c, compiled
 * into this library) and system calls 120-123. The common case is plain
 * memory traffic: channel_send pushes a record into the send ring and
 * channel_receive pops one from the receive ring, with no system call.
 * The kernel is entered only
 *   - to sleep: the ring is full (or empty), ring.c's prepare_to_wait
 *     raises the flag and gives the event count, channel_wait sleeps while
 *     the count is unchanged (the futex rule);
 *   - to wake: after a push (or pop), ring.c's needs_wake says the other
 *     side raised its flag, so channel_wake wakes it.
 * docs/ipc.md has the memory-ordering argument that no wake-up is lost.
 * Records are stamped here (the TSC, the cached pid): a peer's stamps are
 * its own claims, as the uapi says.
 */
#include <freeport/capability.h>
#include <freeport/channel.h>
#include <freeport/syscall.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "ipc/ring.h"
#include "syscall.h"

struct channel {
    uint64_t token;
    struct ring send, receive;
    uint32_t pid;
};

int channel_create(uint64_t capacity, uint64_t tokens[2])
{
    return (int)SYSCALL(SYS_channel_create, capacity, tokens);
}

int channel_map(uint64_t token, struct ipc_channel_map *map)
{
    return (int)SYSCALL(SYS_channel_map, token, map);
}

int channel_wait(uint64_t token, uint32_t direction, uint32_t expected_events, uint64_t timeout)
{
    return (int)SYSCALL(SYS_channel_wait, token, direction, expected_events, timeout);
}

int channel_wake(uint64_t token, uint32_t direction)
{
    return (int)SYSCALL(SYS_channel_wake, token, direction);
}

int channel_open(uint64_t token, struct channel **out)
{
    struct channel *channel = malloc(sizeof(*channel));
    struct ipc_channel_map map;
    int error;

    if (!channel)
        return -IPC_ERR_NO_MEMORY;
    error = channel_map(token, &map);
    if (!error)
        error = ring_attach(&channel->send, (void *)map.send_control, (void *)map.send_data, map.capacity);
    if (!error)
        error = ring_attach(&channel->receive, (void *)map.receive_control, (void *)map.receive_data,
                            map.capacity);
    if (error) {
        free(channel);
        return error;
    }
    channel->token = token;
    channel->pid = (uint32_t)getpid();
    *out = channel;
    return IPC_OK;
}

int channel_close(struct channel *channel)
{
    int error = cap_close(channel->token);

    free(channel);
    return error;
}

uint32_t channel_max_payload(const struct channel *channel)
{
    return ring_max_payload(&channel->send);
}

uint64_t channel_token(const struct channel *channel)
{
    return channel->token;
}

/* --- Waiting, on the slow path only --- */

static uint64_t monotonic_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* Sleep in the kernel while the direction's event count is `events`,
 * within what is left of `timeout`. The clock is read only here, the
 * first time a call has to wait (*deadline 0: not read yet). */
static int sleep_until_changed(struct channel *channel, uint32_t direction, uint32_t events, uint64_t timeout,
                               uint64_t *deadline)
{
    uint64_t now, left = IPC_TIMEOUT_FOREVER;

    if (timeout != IPC_TIMEOUT_FOREVER) {
        now = monotonic_ns();
        if (*deadline == 0)
            *deadline = now + timeout;
        left = now < *deadline ? *deadline - now : IPC_TIMEOUT_NONE;
    }
    return channel_wait(channel->token, direction, events, left);
}

static uint64_t timestamp(void)
{
    uint32_t low, high;

    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return (uint64_t)high << 32 | low;
}

/* --- Sending and receiving --- */

int channel_send(struct channel *channel, uint32_t type, const void *payload, uint32_t length,
                 uint64_t timeout)
{
    struct ipc_ring_record record = {type, length, timestamp(), channel->pid, 0, 0};
    uint64_t deadline = 0;
    uint32_t events;

    for (;;) {
        if (ring_is_closed(&channel->send))
            return -IPC_ERR_PEER_CLOSED;
        int error = ring_push(&channel->send, &record, payload);
        if (error == IPC_OK) {
            if (ring_producer_needs_wake(&channel->send))
                channel_wake(channel->token, IPC_CHANNEL_DATA);
            return IPC_OK;
        }
        if (error != -IPC_ERR_FULL || timeout == IPC_TIMEOUT_NONE)
            return error;
        if (!ring_producer_prepare_to_wait(&channel->send, length, &events))
            continue; /* room was made meanwhile */
        error = sleep_until_changed(channel, IPC_CHANNEL_ROOM, events, timeout, &deadline);
        if (error)
            return error;
    }
}

int channel_receive(struct channel *channel, struct ipc_ring_record *record, void *buffer, uint32_t capacity,
                    uint64_t timeout)
{
    struct ipc_ring_record header;
    uint64_t deadline = 0;
    uint32_t events;

    for (;;) {
        /* Read before looking: records pushed before the peer went are
         * then visible to the pop (the kernel sets the flag after). */
        bool closed = ring_is_closed(&channel->receive);
        int error = ring_pop(&channel->receive, record ? record : &header, buffer, capacity);
        if (error == IPC_OK) {
            if (ring_consumer_needs_wake(&channel->receive))
                channel_wake(channel->token, IPC_CHANNEL_ROOM);
            return IPC_OK;
        }
        if (error != -IPC_ERR_EMPTY)
            return error;
        if (closed)
            return -IPC_ERR_PEER_CLOSED;
        if (timeout == IPC_TIMEOUT_NONE)
            return -IPC_ERR_EMPTY;
        if (!ring_consumer_prepare_to_wait(&channel->receive, &events))
            continue; /* a record came meanwhile */
        error = sleep_until_changed(channel, IPC_CHANNEL_DATA, events, timeout, &deadline);
        if (error && error != -IPC_ERR_PEER_CLOSED)
            return error; /* PEER_CLOSED: read what is left first */
    }
}
