/*
 * ipc_waitset.c - wait sets seen from user space: several ports and a
 * channel end watched at once, timeouts, readiness reported fairly, a
 * channel record that wakes the set without the sender knowing a set
 * exists, the peer's death, signals, objects released while watched,
 * rights and errors, and no leaks.
 *
 * Layer: test program (tests/ipc_channels.bats). The work runs in
 * children; the parent compares the counters (ipc_test.h).
 */
#include "ipc_test.h"
#include <freeport/waitset.h>

/* The cookies reported, as a bit mask (cookies are small numbers here). */
static unsigned cookies_of(const struct ipc_ready *ready, int count)
{
    unsigned mask = 0;

    for (int index = 0; index < count; index++)
        mask |= 1u << ready[index].cookie;
    return mask;
}

static void ports_and_timeouts(void)
{
    struct ipc_ready ready[4];
    struct ipc_msg_header header;
    uint64_t set, first, second, tokens[2], started;
    char buffer[8];

    CHECK(waitset_create(&set) == 0 && port_create(0, &first) == 0 && port_create(0, &second) == 0 &&
              channel_create(4096, tokens) == 0,
          "a set, two ports and a channel");
    CHECK(waitset_add(set, first, IPC_EVENT_READABLE, 1) == 0 &&
              waitset_add(set, second, IPC_EVENT_READABLE, 2) == 0 &&
              waitset_add(set, tokens[0], IPC_EVENT_READABLE, 3) == 0,
          "all three watched for READABLE");
    started = now_ns();
    CHECK(waitset_wait(set, ready, 4, 50 * MS) == -IPC_ERR_TIMEOUT && ms_since(started) >= 40,
          "nothing ready: TIMEOUT after ~50 ms");
    send_bytes(second, 1, "two", 4, 0, IPC_TIMEOUT_NONE);
    CHECK(waitset_wait(set, ready, 4, IPC_TIMEOUT_FOREVER) == 1 && ready[0].cookie == 2 &&
              ready[0].events == IPC_EVENT_READABLE,
          "a message on the second port: its cookie, READABLE");
    receive_bytes(second, &header, buffer, sizeof(buffer), IPC_TIMEOUT_NONE);
    CHECK(waitset_wait(set, ready, 4, IPC_TIMEOUT_NONE) == -IPC_ERR_TIMEOUT, "once read, nothing is ready");
    send_bytes(first, 1, "one", 4, 0, IPC_TIMEOUT_NONE);
    send_bytes(second, 1, "two", 4, 0, IPC_TIMEOUT_NONE);
    CHECK(waitset_wait(set, ready, 4, IPC_TIMEOUT_NONE) == 2 && cookies_of(ready, 2) == 0x6,
          "both ports ready");
    int one = waitset_wait(set, ready, 1, IPC_TIMEOUT_NONE);
    uint64_t reported = ready[0].cookie;
    CHECK(one == 1 && waitset_wait(set, ready, 1, IPC_TIMEOUT_NONE) == 1 && ready[0].cookie != reported,
          "with room for one, the next wait reports the other: none is starved");
    CHECK(waitset_add(set, tokens[0], IPC_EVENT_READABLE | IPC_EVENT_WRITABLE, 3) == 0 &&
              waitset_wait(set, ready, 4, IPC_TIMEOUT_NONE) == 3 && cookies_of(ready, 3) == 0xe,
          "adding again changes the events: an empty channel is WRITABLE");
    CHECK(waitset_wait(set, bad_pointer(8), 4, IPC_TIMEOUT_NONE) == -IPC_ERR_FAULT, "a bad buffer is FAULT");
    CHECK(waitset_wait(set, ready, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_ARGUMENT,
          "room for none is refused");
}

static void errors_and_rights(void)
{
    uint64_t set, port, send_only, other;

    CHECK(waitset_create(&set) == 0 && port_create(0, &port) == 0 && waitset_create(&other) == 0,
          "two sets and a port");
    CHECK(waitset_add(set, port, 0, 1) == -IPC_ERR_INVALID_ARGUMENT, "no events is refused");
    CHECK(waitset_add(set, port, 1u << 7, 1) == -IPC_ERR_INVALID_ARGUMENT, "unknown events are refused");
    CHECK(waitset_add(set, other, IPC_EVENT_READABLE, 1) == -IPC_ERR_INVALID_ARGUMENT,
          "a set cannot watch a set");
    CHECK(waitset_add(port, port, IPC_EVENT_READABLE, 1) == -IPC_ERR_INVALID_CAP, "a port is not a set");
    CHECK(cap_derive(port, IPC_RIGHT_SEND, &send_only) == 0 &&
              waitset_add(set, send_only, IPC_EVENT_READABLE, 1) == -IPC_ERR_PERMISSION &&
              waitset_add(set, send_only, IPC_EVENT_WRITABLE, 1) == 0,
          "READABLE needs RECEIVE, WRITABLE needs SEND");
    CHECK(waitset_remove(set, send_only) == 0 && waitset_remove(set, send_only) == -IPC_ERR_INVALID_ARGUMENT,
          "an entry is removed once");
    /* Distinct objects to fill it: channel ends, two a channel (a process
     * may not hold IPC_WAITSET_MAX_ENTRIES ports of its own). */
    for (uint64_t cookie = 0; cookie < IPC_WAITSET_MAX_ENTRIES; cookie += 2) {
        uint64_t ends[2];
        channel_create(4096, ends);
        waitset_add(set, ends[0], IPC_EVENT_READABLE, cookie);
        waitset_add(set, ends[1], IPC_EVENT_READABLE, cookie + 1);
    }
    CHECK(waitset_add(set, port, IPC_EVENT_READABLE, 99) == -IPC_ERR_QUOTA, "a set holds at most %d entries",
          IPC_WAITSET_MAX_ENTRIES);
}

/* A watched port whose last capability closes: the set forgets it. */
static void released_while_watched(void)
{
    struct ipc_transport_stats before, after;
    struct ipc_ready ready[2];
    uint64_t set, port;

    CHECK(waitset_create(&set) == 0 && port_create(0, &port) == 0 &&
              waitset_add(set, port, IPC_EVENT_READABLE, 1) == 0,
          "a port in a set");
    ipc_transport_stats(&before);
    CHECK(cap_close(port) == 0 && waitset_wait(set, ready, 2, IPC_TIMEOUT_NONE) == -IPC_ERR_TIMEOUT,
          "its capability closes; the set's wait goes on without it");
    ipc_transport_stats(&after);
    CHECK(after.waitset_entries == before.waitset_entries - 1, "and its entry is freed");
}

/* The peer pushes with plain memory writes; the kernel raised the ring's
 * flag when the set went to sleep, so the push makes the peer's library
 * call channel_wake, which wakes the set. */
static void push_later_then_die(struct channel *channel)
{
    usleep(100 * 1000);
    channel_send(channel, 1, "data", 5, IPC_TIMEOUT_NONE);
    usleep(100 * 1000);
}

static void channel_wakes_set(void)
{
    struct ipc_ready ready[2];
    struct channel *channel;
    uint64_t set, started;
    char buffer[8];
    pid_t pid = start_peer(push_later_then_die, &channel);

    CHECK(waitset_create(&set) == 0 &&
              waitset_add(set, channel_token(channel), IPC_EVENT_READABLE | IPC_EVENT_PEER_CLOSED, 7) == 0,
          "a channel end in a set");
    started = now_ns();
    CHECK(waitset_wait(set, ready, 2, IPC_TIMEOUT_FOREVER) == 1 && ready[0].cookie == 7 &&
              ready[0].events == IPC_EVENT_READABLE && ms_since(started) >= 80,
          "a record pushed into the ring wakes the set");
    CHECK(channel_receive(channel, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 &&
              strcmp(buffer, "data") == 0,
          "and is there to read");
    CHECK(waitset_wait(set, ready, 2, IPC_TIMEOUT_FOREVER) == 1 && ready[0].cookie == 7 &&
              (ready[0].events & IPC_EVENT_PEER_CLOSED),
          "the peer's exit wakes the set with PEER_CLOSED");
    finish_peer(pid);
}

/* A corrupted control block cannot fool the kernel into sleeping forever
 * or reading beyond it: it counts as ready, so the reader meets FAULT. */
static void corrupted_ring_is_ready(void)
{
    struct ipc_ready ready[1];
    struct ipc_channel_map map;
    uint64_t set, tokens[2];

    CHECK(channel_create(4096, tokens) == 0 && channel_map(tokens[0], &map) == 0 &&
              waitset_create(&set) == 0 && waitset_add(set, tokens[1], IPC_EVENT_READABLE, 1) == 0,
          "a channel end in a set");
    ((struct ipc_ring_control *)map.send_control)->tail = 3; /* not a multiple of 8 */
    CHECK(waitset_wait(set, ready, 1, IPC_TIMEOUT_NONE) == 1 && ready[0].events == IPC_EVENT_READABLE,
          "a corrupted ring counts as readable");
}

static void on_signal(int signal)
{
    (void)signal;
}

static void interrupted(void)
{
    struct sigaction action = {.sa_handler = on_signal};
    struct ipc_ready ready[1];
    uint64_t set, port;

    sigaction(SIGUSR1, &action, NULL);
    CHECK(waitset_create(&set) == 0 && port_create(0, &port) == 0 &&
              waitset_add(set, port, IPC_EVENT_READABLE, 1) == 0,
          "a port in a set");
    if (fork() == 0) {
        usleep(80 * 1000);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    CHECK(waitset_wait(set, ready, 1, IPC_TIMEOUT_FOREVER) == -IPC_ERR_INTERRUPTED,
          "a signal ends the wait with INTERRUPTED");
    wait(NULL);
}

int main(void)
{
    struct baseline before;

    baseline_start(&before);
    check_child(ports_and_timeouts, "ports and a channel in one set (child)");
    check_child(errors_and_rights, "errors and rights (child)");
    check_child(released_while_watched, "an object released while watched (child)");
    check_child(channel_wakes_set, "a channel's records and its peer's death wake a set (child)");
    check_child(corrupted_ring_is_ready, "a corrupted ring (child)");
    check_child(interrupted, "signals interrupt a wait (child)");
    check_back_to_baseline(&before);
    return check_done();
}
