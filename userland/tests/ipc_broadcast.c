/*
 * ipc_broadcast.c - broadcast endpoints and the system endpoint seen from
 * user space: one message to every subscriber, a full subscriber's copy
 * counted as dropped (for it alone), subscriptions that end with their
 * process, rights, and the kernel's own events: process exits, capability
 * violations and log lines. No leaks.
 *
 * Layer: test program (tests/ipc_channels.bats). The work runs in
 * children; the parent compares the counters (ipc_test.h).
 */
#include "ipc_test.h"

#define SUBSCRIBERS 4
#define CHILDREN    3

static bool receives(uint64_t port, uint32_t type, const char *text)
{
    struct ipc_msg_header header;
    char buffer[64] = {0};

    return receive_bytes(port, &header, buffer, sizeof(buffer), 2000 * MS) == 0 && header.type == type &&
           header.sender_pid == (uint32_t)getpid() && strcmp(buffer, text) == 0;
}

static void fan_out(void)
{
    struct ipc_broadcast_stats stats;
    uint64_t broadcast, ports[SUBSCRIBERS], small;
    bool all = true;

    CHECK(broadcast_create(&broadcast) == 0, "a broadcast endpoint");
    for (int index = 0; index < SUBSCRIBERS; index++)
        all &= port_create(0, &ports[index]) == 0 && broadcast_subscribe(broadcast, ports[index]) == 0;
    CHECK(all, "%d ports subscribe", SUBSCRIBERS);
    CHECK(broadcast_publish(broadcast, 5, "hello", 6) == SUBSCRIBERS, "one publish reaches all %d",
          SUBSCRIBERS);
    for (int index = 0; index < SUBSCRIBERS; index++)
        all &= receives(ports[index], 5, "hello");
    CHECK(all, "each port has its copy, from the publisher");
    CHECK(port_create(1, &small) == 0 && broadcast_subscribe(broadcast, small) == 0,
          "a port with room for one");
    CHECK(broadcast_publish(broadcast, 6, "first", 6) == SUBSCRIBERS + 1 &&
              broadcast_publish(broadcast, 7, "second", 7) == SUBSCRIBERS,
          "when it is full, the others still get theirs");
    CHECK(broadcast_stats(broadcast, small, &stats) == 0 && stats.published == 2 && stats.delivered == 1 &&
              stats.dropped == 1,
          "the full subscriber's copy is counted as dropped, for it");
    CHECK(broadcast_stats(broadcast, 0, &stats) == 0 && stats.subscribers == SUBSCRIBERS + 1 &&
              stats.published == 3 && stats.delivered == 3 * SUBSCRIBERS + 1 && stats.dropped == 1,
          "and in the endpoint's counters");
    CHECK(broadcast_unsubscribe(broadcast, small) == 0 &&
              broadcast_unsubscribe(broadcast, small) == -IPC_ERR_INVALID_ARGUMENT,
          "a subscription ends once");
    CHECK(receives(small, 6, "first") && receives(ports[0], 6, "first") && receives(ports[0], 7, "second"),
          "the copies queued are intact");
}

static void rights_and_errors(void)
{
    struct ipc_send_args args = {.header = {.type = 1, .cap_count = 1}};
    uint64_t broadcast, port, publish_only, subscribe_only, receive_only;

    CHECK(broadcast_create(&broadcast) == 0 && port_create(0, &port) == 0, "an endpoint and a port");
    CHECK(cap_derive(broadcast, IPC_RIGHT_SEND, &publish_only) == 0 &&
              broadcast_subscribe(publish_only, port) == -IPC_ERR_PERMISSION,
          "subscribing needs RECEIVE");
    CHECK(cap_derive(broadcast, IPC_RIGHT_RECEIVE, &subscribe_only) == 0 &&
              broadcast_publish(subscribe_only, 1, "x", 2) == -IPC_ERR_PERMISSION,
          "publishing needs SEND");
    CHECK(cap_derive(port, IPC_RIGHT_RECEIVE, &receive_only) == 0 &&
              broadcast_subscribe(broadcast, receive_only) == -IPC_ERR_PERMISSION,
          "the subscriber's port needs SEND");
    args.header.caps[0] = port;
    CHECK(RAW(SYS_broadcast_publish, broadcast, &args) == -IPC_ERR_INVALID_ARGUMENT,
          "a published message carries no capability");
    CHECK(broadcast_publish(broadcast, 1, bad_pointer(8), 16) == -IPC_ERR_FAULT, "a bad payload is FAULT");
    CHECK(broadcast_subscribe(port, port) == -IPC_ERR_INVALID_CAP, "a port is not an endpoint");
}

static void subscribe_and_read(void)
{
    uint64_t broadcast, port;

    CHECK(share_take("broadcast", &broadcast) == 0 && port_create(0, &port) == 0 &&
              broadcast_subscribe(broadcast, port) == 0,
          "a child subscribes");
    struct ipc_msg_header header;
    char buffer[16];
    CHECK(receive_bytes(port, &header, buffer, sizeof(buffer), 5000 * MS) == 0 && header.type == 9 &&
              header.sender_pid == (uint32_t)getppid() && strcmp(buffer, "to all") == 0,
          "and gets the message");
}

static void subscribers_in_processes(void)
{
    struct ipc_broadcast_stats stats = {0};
    uint64_t broadcast;
    pid_t children[CHILDREN];
    int status, well = 0;

    CHECK(broadcast_create(&broadcast) == 0 && share_offer("broadcast", broadcast, IPC_RIGHT_RECEIVE) == 0,
          "an endpoint offered to children");
    for (int index = 0; index < CHILDREN; index++)
        if ((children[index] = fork()) == 0) {
            check_failures = 0;
            subscribe_and_read();
            _exit(check_failures);
        }
    for (int tries = 0; tries < 200 && stats.subscribers < CHILDREN; tries++) {
        usleep(10 * 1000);
        broadcast_stats(broadcast, 0, &stats);
    }
    CHECK(stats.subscribers == CHILDREN, "%d processes subscribed", CHILDREN);
    CHECK(broadcast_publish(broadcast, 9, "to all", 7) == CHILDREN, "one publish reaches every process");
    for (int index = 0; index < CHILDREN; index++)
        well += waitpid(children[index], &status, 0) == children[index] && status == 0;
    CHECK(well == CHILDREN, "every subscriber read it");
    share_withdraw("broadcast");
    CHECK(broadcast_stats(broadcast, 0, &stats) == 0 && stats.subscribers == 0,
          "their subscriptions ended with them");
}

/* The next system event of `type` on the port, or false after 2 s. */
static bool system_event(uint64_t port, uint32_t type, void *payload, uint32_t size)
{
    struct ipc_msg_header header;

    return receive_bytes(port, &header, payload, size, 2000 * MS) == 0 && header.type == type &&
           header.sender_pid == 0;
}

static void process_exit_event(void)
{
    struct ipc_system_process_exit event;
    uint64_t port;
    pid_t pid;
    int status;

    CHECK(port_create(0, &port) == 0 && system_subscribe(port, IPC_SYSTEM_MASK(IPC_SYSTEM_PROCESS_EXIT)) == 0,
          "a port subscribes to process exits");
    if ((pid = fork()) == 0)
        _exit(7);
    waitpid(pid, &status, 0);
    CHECK(system_event(port, IPC_SYSTEM_PROCESS_EXIT, &event, sizeof(event)) && event.pid == (uint32_t)pid &&
              event.status == status && strcmp(event.name, "ipc_broadcast") == 0,
          "the child's exit arrives: pid %d, status %#x", pid, status);
}

static void violation_event(void)
{
    struct ipc_system_cap_violation event;
    uint64_t port, bogus = 0x0001000100000123ull, read_only;

    CHECK(port_create(0, &port) == 0 &&
              system_subscribe(port, IPC_SYSTEM_MASK(IPC_SYSTEM_CAP_VIOLATION)) == 0,
          "a port subscribes to capability violations");
    CHECK(broadcast_unsubscribe(bogus, port) == -IPC_ERR_INVALID_CAP, "a bogus token is refused");
    CHECK(system_event(port, IPC_SYSTEM_CAP_VIOLATION, &event, sizeof(event)) &&
              event.pid == (uint32_t)getpid() && event.token == bogus && event.error == -IPC_ERR_INVALID_CAP,
          "the violation arrives: pid, token, INVALID_CAP");
    CHECK(cap_derive(port, IPC_RIGHT_RECEIVE, &read_only) == 0 &&
              send_bytes(read_only, 1, "x", 2, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_PERMISSION,
          "a send without SEND is refused");
    CHECK(system_event(port, IPC_SYSTEM_CAP_VIOLATION, &event, sizeof(event)) && event.token == read_only &&
              event.error == -IPC_ERR_PERMISSION,
          "and reported as PERMISSION");
}

static void crash(void)
{
    *(volatile int *)bad_pointer(0) = 1;
}

static void log_event(void)
{
    char line[IPC_SYSTEM_LOG_MAX + 1];
    uint64_t port;
    bool seen = false;

    CHECK(port_create(0, &port) == 0 && system_subscribe(port, IPC_SYSTEM_MASK(IPC_SYSTEM_LOG)) == 0,
          "a port subscribes to the kernel log");
    run_child(crash);
    for (int lines = 0; lines < 20 && !seen; lines++) {
        memset(line, 0, sizeof(line));
        seen = system_event(port, IPC_SYSTEM_LOG, line, IPC_SYSTEM_LOG_MAX) &&
               strstr(line, "segmentation fault at 0x0") != NULL;
    }
    CHECK(seen, "the kernel's line about a crashed child arrives");
}

static void full_system_subscriber(void)
{
    struct ipc_broadcast_stats stats;
    uint64_t port;

    CHECK(port_create(1, &port) == 0 && system_subscribe(port, IPC_SYSTEM_MASK(IPC_SYSTEM_PROCESS_EXIT)) == 0,
          "a port with room for one subscribes");
    for (int index = 0; index < CHILDREN; index++) {
        if (fork() == 0)
            _exit(0);
        wait(NULL);
        usleep(20 * 1000); /* the kernel's thread publishes each exit */
    }
    CHECK(system_stats(port, &stats) == 0 && stats.delivered == 1 && stats.dropped == CHILDREN - 1,
          "one exit taken, %d dropped and counted", CHILDREN - 1);
    CHECK(system_subscribe(port, 1u << 9) == -IPC_ERR_INVALID_ARGUMENT, "unknown event types are refused");
    CHECK(system_subscribe(port, 0) == 0 && system_subscribe(port, 0) == -IPC_ERR_INVALID_ARGUMENT,
          "mask 0 ends the subscription, once");
}

int main(void)
{
    struct baseline before;

    baseline_start(&before);
    check_child(fan_out, "one message, a copy for every subscriber (child)");
    check_child(rights_and_errors, "rights and errors (child)");
    check_child(subscribers_in_processes, "subscribers in other processes (child)");
    check_child(process_exit_event, "the system endpoint reports a process exit (child)");
    check_child(violation_event, "the system endpoint reports capability violations (child)");
    check_child(log_event, "the system endpoint carries kernel log lines (child)");
    check_child(full_system_subscriber, "a full system subscriber loses events, counted (child)");
    usleep(50 * 1000); /* the system endpoint's thread ends within a tick of its last subscriber */
    check_back_to_baseline(&before);
    return check_done();
}
