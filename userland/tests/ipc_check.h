/*
 * ipc_check.h - what the in-guest native IPC tests share (on top of
 * check.h): short ways to send and receive bytes, the IPC totals that must
 * come back to where they were, and a child that signals it is ready.
 *
 * Layer: test programs (user space), compiled by tests/ipc.bats.
 */
#ifndef FREEPORT_TESTS_IPC_CHECK_H
#define FREEPORT_TESTS_IPC_CHECK_H

#include <freeport/capability.h>
#include <freeport/ipc_stats.h>
#include <freeport/port.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

#define MS (1000ULL * 1000ULL) /* nanoseconds: timeouts are in ns */

/* Send `length` bytes as a message of `type` and `priority`. */
static inline int send_bytes(uint64_t port, uint32_t type, const void *data, uint32_t length,
                             uint8_t priority, uint64_t timeout)
{
    struct ipc_send_args args = port_message(type, data, length);

    args.header.priority = priority;
    args.timeout = timeout;
    return port_send(port, &args);
}

/* Receive into buffer; *header gets the message's header. */
static inline int receive_bytes(uint64_t port, struct ipc_msg_header *header, void *buffer, uint32_t capacity,
                                uint64_t timeout)
{
    struct ipc_receive_args args = port_buffer(buffer, capacity, timeout);
    int result = port_receive(port, &args);

    if (header)
        *header = args.header;
    return result;
}

/* The IPC totals that describe what exists now, and the kernel heap. */
struct ipc_baseline {
    struct ipc_global_stats ipc;
    struct freeport_kstat kernel;
};

static inline struct ipc_baseline ipc_baseline_take(void)
{
    struct ipc_baseline baseline;

    ipc_stats_global(&baseline.ipc);
    freeport_kstat(&baseline.kernel);
    return baseline;
}

static inline void ipc_baseline_print(const char *when, const struct ipc_baseline *b)
{
    printf(
        "# %s: %llu ports, %llu channel ends, %llu regions, %llu messages (%llu bytes), %llu capabilities, "
        "%llu names, %llu calls waiting, %llu replies owed; heap %llu bytes in %llu blocks\n",
        when, (unsigned long long)b->ipc.ports, (unsigned long long)b->ipc.channel_ends,
        (unsigned long long)b->ipc.memory_regions, (unsigned long long)b->ipc.messages,
        (unsigned long long)b->ipc.message_bytes, (unsigned long long)b->ipc.capabilities,
        (unsigned long long)b->ipc.names, (unsigned long long)b->ipc.calls_waiting,
        (unsigned long long)b->ipc.replies_owed, (unsigned long long)b->kernel.heap_bytes_in_use,
        (unsigned long long)b->kernel.heap_allocations);
}

/* Everything that lives is back where it was. */
static inline bool ipc_baseline_same(const struct ipc_baseline *a, const struct ipc_baseline *b)
{
    return a->ipc.ports == b->ipc.ports && a->ipc.channel_ends == b->ipc.channel_ends &&
           a->ipc.memory_regions == b->ipc.memory_regions && a->ipc.broadcasts == b->ipc.broadcasts &&
           a->ipc.messages == b->ipc.messages && a->ipc.message_bytes == b->ipc.message_bytes &&
           a->ipc.capabilities == b->ipc.capabilities && a->ipc.names == b->ipc.names &&
           a->ipc.calls_waiting == b->ipc.calls_waiting && a->ipc.replies_owed == b->ipc.replies_owed &&
           a->kernel.heap_bytes_in_use == b->kernel.heap_bytes_in_use &&
           a->kernel.heap_allocations == b->kernel.heap_allocations;
}

static inline void check_baseline(const struct ipc_baseline *before, const char *what)
{
    struct ipc_baseline after = ipc_baseline_take();

    ipc_baseline_print("before", before);
    ipc_baseline_print("after", &after);
    CHECK(ipc_baseline_same(before, &after),
          "%s: IPC objects, messages, capabilities, names and heap are back "
          "where they were",
          what);
}

/* The statistics of the object a capability names (its id from cap_info). */
static inline bool object_stats_of(uint64_t token, struct ipc_object_stats *stats)
{
    struct ipc_cap_info info;

    if (cap_info(token, &info) != 0)
        return false;
    return ipc_stats_object(info.object_id - 1, stats) == 1 && stats->id == info.object_id;
}

/* Wait (polling, up to ~2 s) until the port's waiters are as expected. */
static inline bool wait_for_waiters(uint64_t port, uint32_t receivers, uint32_t senders)
{
    struct ipc_object_stats stats;

    for (int tries = 0; tries < 400; tries++) {
        if (object_stats_of(port, &stats) && stats.receivers_waiting == receivers &&
            stats.senders_waiting == senders)
            return true;
        usleep(5000);
    }
    return false;
}

/* Look a name up, waiting (up to ~2 s) for someone to bind it. */
static inline int lookup_wait(const char *name, uint64_t *token)
{
    int result = -IPC_ERR_NAME_NOT_FOUND;

    for (int tries = 0; tries < 1000 && result == -IPC_ERR_NAME_NOT_FOUND; tries++) {
        result = ns_lookup(name, token);
        if (result == -IPC_ERR_NAME_NOT_FOUND)
            usleep(2000);
    }
    return result;
}

static inline uint64_t now_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
}

#endif
