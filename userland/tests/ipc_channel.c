/*
 * ipc_channel.c - channels seen from user space: records through the
 * mapped rings, wrap-around byte by byte, sends and receives that make no
 * system call, ping-pong between two processes, blocking on a full or
 * empty ring, the peer's death while blocked, signals, rights, the
 * mapping's lifetime, corrupted rings, quotas, and no leaks.
 *
 * Layer: test program (tests/ipc_channels.bats runs it in a guest with
 * tools/guest-run). With the argument "pingpong" it runs only the
 * ping-pong and the leak check (the Bochs run). The work that maps rings
 * runs in children: the parent compares the counters (ipc_test.h).
 */
#include "ipc_test.h"
#include <freeport/channel.h>

#define PINGPONG_ROUNDS 1000

/* Both ends of a new channel, opened in this process. */
static bool open_pair(uint64_t capacity, uint64_t tokens[2], struct channel **a, struct channel **b)
{
    return channel_create(capacity, tokens) == 0 && channel_open(tokens[0], a) == 0 &&
           channel_open(tokens[1], b) == 0;
}

static void fill(uint8_t *bytes, uint32_t length, uint32_t seed)
{
    for (uint32_t index = 0; index < length; index++)
        bytes[index] = (uint8_t)(seed * 31 + index * 7);
}

static bool filled(const uint8_t *bytes, uint32_t length, uint32_t seed)
{
    for (uint32_t index = 0; index < length; index++)
        if (bytes[index] != (uint8_t)(seed * 31 + index * 7))
            return false;
    return true;
}

/* --- In one process --- */

static void errors_and_rights(void)
{
    struct ipc_channel_map map;
    uint64_t tokens[2], no_map;

    CHECK(channel_create(0, tokens) == -IPC_ERR_INVALID_ARGUMENT, "a channel of 0 bytes is refused");
    CHECK(channel_create(IPC_CHANNEL_MAX_CAPACITY + 1, tokens) == -IPC_ERR_TOO_LARGE,
          "rings beyond IPC_CHANNEL_MAX_CAPACITY are refused");
    CHECK(channel_create(4096, bad_pointer(8)) == -IPC_ERR_FAULT, "a bad token pointer is FAULT");
    CHECK(channel_map(0, &map) == -IPC_ERR_INVALID_CAP, "mapping token 0 is INVALID_CAP");
    CHECK(channel_create(4096, tokens) == 0, "channel_create gives two tokens");
    CHECK(cap_derive(tokens[0], IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE, &no_map) == 0 &&
              channel_map(no_map, &map) == -IPC_ERR_PERMISSION,
          "mapping needs IPC_RIGHT_MAP");
    CHECK(channel_map(tokens[0], bad_pointer(8)) == -IPC_ERR_FAULT,
          "a bad map pointer is FAULT (nothing mapped)");
    CHECK(channel_wait(tokens[0], 3, 0, 0) == -IPC_ERR_INVALID_ARGUMENT, "an unknown direction is refused");
    CHECK(channel_wake(tokens[0] ^ (1ull << IPC_CAP_GENERATION_SHIFT), IPC_CHANNEL_DATA) ==
              -IPC_ERR_INVALID_CAP,
          "a stale token is refused");
    CHECK(channel_wait(tokens[0], IPC_CHANNEL_DATA, 12345, IPC_TIMEOUT_FOREVER) == 0,
          "channel_wait returns at once when the event count differs");
    CHECK(cap_close(no_map) == 0 && cap_close(tokens[0]) == 0 && cap_close(tokens[1]) == 0, "tokens close");
}

static void round_trip(void)
{
    struct channel *a, *b;
    struct ipc_ring_record record;
    struct ipc_channel_map map;
    char buffer[64];
    uint64_t tokens[2], started;

    if (!open_pair(5000, tokens, &a, &b)) {
        CHECK(false, "a channel opens at both ends");
        return;
    }
    CHECK(channel_map(tokens[0], &map) == 0 && map.capacity == 8192 && map.size == 2 * (4096 + 8192),
          "5000 bytes round up to 8192-byte rings, each after its control page");
    CHECK(channel_send(a, 7, "hello", 6, IPC_TIMEOUT_NONE) == 0, "a sends a record");
    CHECK(channel_receive(b, &record, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 && record.type == 7 &&
              record.length == 6 && strcmp(buffer, "hello") == 0,
          "b receives it whole");
    CHECK(record.src_pid == (uint32_t)getpid() && record.timestamp != 0,
          "stamped with the sender's pid and time");
    CHECK(channel_send(b, 8, "back", 5, IPC_TIMEOUT_NONE) == 0 &&
              channel_receive(a, &record, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 && record.type == 8,
          "and the other way");
    CHECK(channel_receive(b, &record, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == -IPC_ERR_EMPTY,
          "an empty ring is EMPTY without waiting");
    started = now_ns();
    CHECK(channel_receive(b, &record, buffer, sizeof(buffer), 50 * MS) == -IPC_ERR_TIMEOUT &&
              ms_since(started) >= 40,
          "a receive with a 50 ms timeout times out after ~50 ms");
    CHECK(channel_send(a, 1, NULL, channel_max_payload(a) + 1, IPC_TIMEOUT_NONE) == -IPC_ERR_TOO_LARGE,
          "a record beyond half the ring is TOO_LARGE");
    CHECK(channel_send(a, 9, "0123456789", 10, IPC_TIMEOUT_NONE) == 0 &&
              channel_receive(b, &record, buffer, 4, IPC_TIMEOUT_NONE) == -IPC_ERR_TOO_LARGE &&
              channel_receive(b, &record, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 &&
              record.length == 10,
          "a record too big for the buffer stays until a big enough buffer comes");
    channel_close(a);
    channel_close(b);
}

/* The 31st 100-byte record (136 bytes with its header) of a 4096-byte
 * ring finds 16 bytes left at the end: a pad marker there, the record at
 * offset 0. Then many laps with records of every size. */
static void wrap_around(void)
{
    static uint8_t out[2048], in[2048];
    struct channel *a, *b;
    struct ipc_ring_record record;
    struct ipc_channel_map raw;
    uint64_t tokens[2];
    bool intact = true;

    if (!open_pair(4096, tokens, &a, &b) || channel_map(tokens[0], &raw) != 0) {
        CHECK(false, "a 4096-byte channel opens and maps twice");
        return;
    }
    struct ipc_ring_control *control = (struct ipc_ring_control *)raw.send_control;
    uint8_t *data = (uint8_t *)raw.send_data;
    for (uint32_t index = 0; index < 31; index++) {
        fill(out, 100, index);
        intact &= channel_send(a, 100 + index, out, 100, IPC_TIMEOUT_NONE) == 0 &&
                  channel_receive(b, &record, in, sizeof(in), IPC_TIMEOUT_NONE) == 0 &&
                  filled(in, 100, index);
    }
    CHECK(intact, "31 records of 100 bytes go through");
    CHECK(*(uint32_t *)(data + 30 * 136) == IPC_RING_PAD, "the 31st left a pad marker at offset 4080");
    CHECK(((struct ipc_ring_record *)data)->type == 130 && ((struct ipc_ring_record *)data)->length == 100,
          "and starts at offset 0");
    CHECK(control->tail == 4096 + 136 && control->head == control->tail,
          "the cursors count bytes, past the end");
    for (uint32_t index = 0; intact && index < 2000; index++) {
        uint32_t length = (index * 37) % (channel_max_payload(a) + 1);
        fill(out, length, index);
        intact = channel_send(a, index, out, length, IPC_TIMEOUT_NONE) == 0 &&
                 channel_receive(b, &record, in, sizeof(in), IPC_TIMEOUT_NONE) == 0 && record.type == index &&
                 record.length == length && filled(in, length, index);
    }
    CHECK(intact && control->tail / 4096 > 100, "2000 records of 0..2016 bytes, %llu laps, arrive intact",
          (unsigned long long)(control->tail / 4096));
    channel_close(a);
    channel_close(b);
}

/* procinfo's count of system calls: 1000 sends into a ring with room and
 * nobody waiting, and 1000 receives from a full one, make none. */
static void no_kernel_entry(void)
{
    struct channel *a, *b;
    struct ipc_transport_stats before_stats, after_stats;
    uint64_t tokens[2], overhead, before, after;
    uint32_t value;
    bool all = true;

    if (!open_pair(65536, tokens, &a, &b)) {
        CHECK(false, "a 64 KiB channel opens");
        return;
    }
    before = syscalls_so_far();
    overhead = syscalls_so_far() - before; /* what one reading costs */
    ipc_transport_stats(&before_stats);
    before = syscalls_so_far();
    for (uint32_t index = 0; index < 1000; index++)
        all &= channel_send(a, 1, &index, sizeof(index), IPC_TIMEOUT_NONE) == 0;
    after = syscalls_so_far();
    CHECK(all && after - before == overhead, "1000 sends entered the kernel %llu times (the counting: %llu)",
          (unsigned long long)(after - before), (unsigned long long)overhead);
    before = syscalls_so_far();
    for (uint32_t index = 0; index < 1000; index++)
        all &= channel_receive(b, NULL, &value, sizeof(value), IPC_TIMEOUT_NONE) == 0 && value == index;
    after = syscalls_so_far();
    CHECK(all && after - before == overhead,
          "1000 receives entered the kernel %llu times (the counting: %llu)",
          (unsigned long long)(after - before), (unsigned long long)overhead);
    ipc_transport_stats(&after_stats);
    CHECK(after_stats.channel_wakes == before_stats.channel_wakes &&
              after_stats.channel_waits == before_stats.channel_waits,
          "no channel_wait or channel_wake either");
    channel_close(a);
    channel_close(b);
}

static void corrupted_ring(void)
{
    struct channel *a, *b;
    struct ipc_channel_map raw;
    uint64_t tokens[2];
    char buffer[16];

    if (!open_pair(4096, tokens, &a, &b) || channel_map(tokens[0], &raw) != 0) {
        CHECK(false, "a channel opens and maps");
        return;
    }
    struct ipc_ring_control *control = (struct ipc_ring_control *)raw.send_control;
    control->tail = 12345; /* a peer scribbling on the shared page */
    CHECK(channel_receive(b, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == -IPC_ERR_FAULT,
          "a corrupted tail is FAULT, not a wild read");
    control->tail = 40;
    ((struct ipc_ring_record *)raw.send_data)->length = 1u << 30;
    CHECK(channel_receive(b, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == -IPC_ERR_FAULT,
          "a record longer than what was published is FAULT");
    CHECK(channel_wait(tokens[1], IPC_CHANNEL_DATA, 0, 10 * MS) == -IPC_ERR_TIMEOUT,
          "the kernel sleeps by the corrupted ring's counter without harm");
    channel_close(a);
    channel_close(b);
}

/* Closing the capability unmaps the rings it mapped. */
static void mapping_goes_with_capability(void)
{
    struct ipc_channel_map map;
    uint64_t tokens[2];

    CHECK(channel_create(4096, tokens) == 0 && channel_map(tokens[0], &map) == 0, "a channel maps");
    *(volatile uint8_t *)map.send_data = 1;
    cap_close(tokens[0]);
    *(volatile uint8_t *)map.send_data = 2; /* SIGSEGV: gone with the capability */
    CHECK(false, "the write after closing faulted");
}

static void mapping_not_inherited(void)
{
    struct ipc_channel_map map;
    uint64_t tokens[2];

    CHECK(channel_create(4096, tokens) == 0 && channel_map(tokens[0], &map) == 0, "a channel maps");
    if (fork() == 0) {
        *(volatile uint8_t *)map.send_data = 1; /* SIGSEGV: not the child's */
        _exit(0);
    }
    int status;
    wait(&status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a forked child does not get the rings");
}

static void quota(void)
{
    struct ipc_transport_stats stats;
    uint64_t tokens[2];
    int count = 0, error;

    while ((error = channel_create(4096, tokens)) == 0)
        count++;
    ipc_transport_stats(&stats);
    CHECK(error == -IPC_ERR_QUOTA && count == IPC_QUOTA_CHANNELS_PER_PROCESS,
          "the %dth channel is QUOTA (limit %d)", count + 1, IPC_QUOTA_CHANNELS_PER_PROCESS);
    CHECK(stats.own_channels == IPC_QUOTA_CHANNELS_PER_PROCESS && stats.own_quota_refusals == 1,
          "the refusal is counted for the process");
}

static void quota_bytes(void)
{
    uint64_t tokens[2], per_channel = 2 * (4096 + IPC_CHANNEL_MAX_CAPACITY);
    int count = 0, error;

    while ((error = channel_create(IPC_CHANNEL_MAX_CAPACITY, tokens)) == 0)
        count++;
    CHECK(error == -IPC_ERR_QUOTA && (uint64_t)count == IPC_QUOTA_BYTES_PER_PROCESS / per_channel,
          "%d channels of 1 MiB rings fit in the %u-byte quota", count, IPC_QUOTA_BYTES_PER_PROCESS);
}

/* --- Between two processes --- */

static void echo_plus_one(struct channel *channel)
{
    uint32_t value;

    for (int round = 0; round < PINGPONG_ROUNDS; round++) {
        if (channel_receive(channel, NULL, &value, sizeof(value), IPC_TIMEOUT_FOREVER) != 0)
            _exit(101);
        value++;
        if (channel_send(channel, 1, &value, sizeof(value), IPC_TIMEOUT_FOREVER) != 0)
            _exit(102);
    }
}

static void pingpong(void)
{
    struct channel *channel;
    uint32_t value = 0;
    bool all = true;
    pid_t pid = start_peer(echo_plus_one, &channel);

    for (int round = 0; round < PINGPONG_ROUNDS && all; round++) {
        uint32_t sent = value * 3;
        all = channel_send(channel, 1, &sent, sizeof(sent), IPC_TIMEOUT_FOREVER) == 0 &&
              channel_receive(channel, NULL, &value, sizeof(value), IPC_TIMEOUT_FOREVER) == 0 &&
              value == sent + 1;
    }
    CHECK(pid > 0 && all, "%d round trips with another process through the rings", PINGPONG_ROUNDS);
    channel_close(channel);
    CHECK(finish_peer(pid) == 0, "the echoing process ended well");
}

/* The child fills the ring, then blocks on one more send. */
static void fill_then_block(struct channel *channel)
{
    uint8_t record[100] = {0};
    int sent = 0;

    while (channel_send(channel, 1, record, sizeof(record), IPC_TIMEOUT_NONE) == 0)
        sent++;
    memcpy(record, &sent, sizeof(sent));
    CHECK(channel_send(channel, 2, record, sizeof(record), IPC_TIMEOUT_FOREVER) == 0,
          "a send blocked on the full ring completes once there is room");
}

static void blocking_when_full(void)
{
    struct channel *channel;
    uint8_t buffer[128];
    struct ipc_ring_record record = {0};
    int received = 0;
    pid_t pid = start_peer(fill_then_block, &channel);

    usleep(100 * 1000);
    CHECK(process_state(pid) == FP_PROC_SLEEPING, "the sender sleeps in the kernel meanwhile");
    while (channel_receive(channel, &record, buffer, sizeof(buffer), IPC_TIMEOUT_FOREVER) == 0 &&
           record.type == 1)
        received++;
    CHECK(record.type == 2 && *(int *)buffer == received, "every record arrives: %d, then the blocked one",
          received);
    channel_close(channel);
    CHECK(finish_peer(pid) == 0, "the sender ended well");
}

static void send_late(struct channel *channel)
{
    usleep(100 * 1000);
    channel_send(channel, 3, "late", 5, IPC_TIMEOUT_NONE);
}

static void blocking_when_empty(void)
{
    struct channel *channel;
    char buffer[8];
    pid_t pid = start_peer(send_late, &channel);
    uint64_t started = now_ns();

    CHECK(channel_receive(channel, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_FOREVER) == 0 &&
              strcmp(buffer, "late") == 0 && ms_since(started) >= 80,
          "a receive on the empty ring sleeps until the record comes");
    channel_close(channel);
    CHECK(finish_peer(pid) == 0, "the late sender ended well");
}

static void send_three_then_die(struct channel *channel)
{
    for (int index = 0; index < 3; index++)
        channel_send(channel, 4, &index, sizeof(index), IPC_TIMEOUT_NONE);
    usleep(100 * 1000);
}

static void peer_death(void)
{
    struct channel *channel;
    int value, got = 0;
    pid_t pid = start_peer(send_three_then_die, &channel);
    uint64_t started = now_ns();

    while (channel_receive(channel, NULL, &value, sizeof(value), IPC_TIMEOUT_FOREVER) == 0 && value == got)
        got++;
    CHECK(got == 3, "the 3 records sent before the peer died are read");
    CHECK(channel_receive(channel, NULL, &value, sizeof(value), IPC_TIMEOUT_FOREVER) ==
                  -IPC_ERR_PEER_CLOSED &&
              ms_since(started) >= 80,
          "a receive blocked on the empty ring wakes with PEER_CLOSED when the peer exits");
    CHECK(channel_send(channel, 5, &value, sizeof(value), IPC_TIMEOUT_FOREVER) == -IPC_ERR_PEER_CLOSED,
          "and a send is PEER_CLOSED");
    channel_close(channel);
    finish_peer(pid);
}

static void die_later(struct channel *channel)
{
    (void)channel;
    usleep(100 * 1000);
}

static void peer_death_blocked_sender(void)
{
    struct channel *channel;
    uint8_t record[100] = {0};
    pid_t pid = start_peer(die_later, &channel);

    while (channel_send(channel, 1, record, sizeof(record), IPC_TIMEOUT_NONE) == 0)
        continue;
    CHECK(channel_send(channel, 1, record, sizeof(record), IPC_TIMEOUT_FOREVER) == -IPC_ERR_PEER_CLOSED,
          "a send blocked on the full ring wakes with PEER_CLOSED when the peer exits");
    channel_close(channel);
    finish_peer(pid);
}

static void on_signal(int signal)
{
    (void)signal;
}

static void interrupted_by_signal(void)
{
    struct sigaction action = {.sa_handler = on_signal};
    struct channel *a, *b;
    uint64_t tokens[2];
    char buffer[8];

    sigaction(SIGUSR1, &action, NULL);
    if (!open_pair(4096, tokens, &a, &b)) {
        CHECK(false, "a channel opens");
        return;
    }
    if (fork() == 0) {
        usleep(80 * 1000);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    CHECK(channel_receive(b, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_FOREVER) == -IPC_ERR_INTERRUPTED,
          "a signal ends a blocked receive with INTERRUPTED");
    wait(NULL);
    channel_close(a);
    channel_close(b);
}

int main(int argc, char **argv)
{
    struct baseline before;
    bool only_pingpong = argc > 1 && strcmp(argv[1], "pingpong") == 0;

    baseline_start(&before);
    if (!only_pingpong) {
        check_child(errors_and_rights, "errors and rights (child)");
        check_child(round_trip, "records go both ways (child)");
        check_child(wrap_around, "records wrap around the ring byte for byte (child)");
        check_child(no_kernel_entry, "the fast path makes no system call (child)");
        check_child(corrupted_ring, "a corrupted ring is refused, never followed (child)");
        check_child_faults(mapping_goes_with_capability, "the rings are unmapped with their capability");
        check_child(mapping_not_inherited, "fork does not share the rings (child)");
        check_child(quota, "channels per process are limited (child)");
        check_child(quota_bytes, "ring bytes per process are limited (child)");
    }
    check_child(pingpong, "ping-pong between two processes (child)");
    if (!only_pingpong) {
        check_child(blocking_when_full, "a full ring blocks its sender (child)");
        check_child(blocking_when_empty, "an empty ring blocks its receiver (child)");
        check_child(peer_death, "the peer's death wakes a blocked receiver (child)");
        check_child(peer_death_blocked_sender, "the peer's death wakes a blocked sender (child)");
        check_child(interrupted_by_signal, "signals interrupt waits (child)");
    }
    check_back_to_baseline(&before);
    return check_done();
}
