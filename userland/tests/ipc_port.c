/*
 * ipc_port - ports, capabilities and names inside one process: every
 * operation's success path and every error path a single process can
 * reach (bad, stale and forged tokens, missing rights, full and empty
 * queues, timeouts, oversize messages, filters and rate limits, the
 * capability and port quotas, bad pointers), the trace ring, and the IPC totals back
 * to where they were at the end.
 */
#include "ipc_check.h"
#include <freeport/broadcast.h>

#define ALL_PORT_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)

static uint64_t rights_of(uint64_t token)
{
    return token >> IPC_CAP_RIGHTS_SHIFT;
}

static uint64_t new_port(uint32_t depth)
{
    uint64_t port = 0;
    int result = port_create(depth, &port);

    CHECK(result == 0, "port_create(%u) (result %d)", depth, result);
    return port;
}

static void check_create_send_receive(void)
{
    uint64_t port = new_port(0);
    struct ipc_cap_info info;
    struct ipc_msg_header header;
    char buffer[16] = {0};

    CHECK(rights_of(port) == ALL_PORT_RIGHTS, "a new port's token has SEND, RECEIVE, GRANT and REVOKE");
    CHECK(cap_info(port, &info) == 0 && info.kind == IPC_KIND_PORT && info.rights == ALL_PORT_RIGHTS &&
              info.object_id > 0,
          "cap_info: a port with those rights, object id %llu", (unsigned long long)info.object_id);
    CHECK(send_bytes(port, 7, "hello", 5, 0, IPC_TIMEOUT_NONE) == 0, "send 5 bytes");
    CHECK(receive_bytes(port, &header, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0, "receive them");
    CHECK(header.type == 7 && header.length == 5 && memcmp(buffer, "hello", 5) == 0,
          "type and payload arrive");
    CHECK(header.sender_pid == (uint32_t)getpid() && header.receiver_pid == (uint32_t)getpid() &&
              header.flags == 0 && header.cap_count == 0 && header.transaction_id == 0,
          "the kernel stamps sender and receiver pids");
    CHECK(send_bytes(port, 1, NULL, 0, 0, IPC_TIMEOUT_NONE) == 0 &&
              receive_bytes(port, &header, NULL, 0, IPC_TIMEOUT_NONE) == 0 && header.length == 0,
          "an empty message, into no buffer");
    CHECK(receive_bytes(port, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == -IPC_ERR_EMPTY,
          "nothing queued, no timeout: EMPTY");
    uint64_t start = now_ns();
    CHECK(receive_bytes(port, NULL, buffer, sizeof(buffer), 30 * MS) == -IPC_ERR_TIMEOUT,
          "nothing queued, 30 ms: TIMEOUT");
    CHECK(now_ns() - start >= 30 * MS, "... after at least 30 ms (%llu ns)",
          (unsigned long long)(now_ns() - start));
    CHECK(cap_close(port) == 0, "cap_close");
}

static void check_priorities_and_depth(void)
{
    uint64_t port = new_port(4);
    struct ipc_object_stats stats;
    const uint8_t priorities[4] = {1, 5, 3, 5};
    const char expected[4] = {'b', 'd', 'c', 'a'};
    char letter;
    bool in_order = true;

    for (int i = 0; i < 4; i++)
        CHECK(send_bytes(port, 0, &"abcd"[i], 1, priorities[i], IPC_TIMEOUT_NONE) == 0,
              "queue '%c' at priority %u", "abcd"[i], priorities[i]);
    CHECK(send_bytes(port, 0, "e", 1, 31, IPC_TIMEOUT_NONE) == -IPC_ERR_FULL, "a fifth into depth 4: FULL");
    uint64_t start = now_ns();
    CHECK(send_bytes(port, 0, "e", 1, 0, 20 * MS) == -IPC_ERR_TIMEOUT && now_ns() - start >= 20 * MS,
          "still full after 20 ms: TIMEOUT");
    CHECK(object_stats_of(port, &stats) && stats.depth == 4 && stats.max_depth == 4 &&
              stats.depth_limit == 4 && stats.sent == 4 && stats.dropped == 2 &&
              stats.owner_pid == (uint32_t)getpid(),
          "stats: depth 4 of 4, 4 sent, 2 dropped, owned by this process");
    for (int i = 0; i < 4; i++) {
        receive_bytes(port, NULL, &letter, 1, IPC_TIMEOUT_NONE);
        in_order = in_order && letter == expected[i];
    }
    CHECK(in_order, "received highest priority first, FIFO within one: b d c a");
    CHECK(send_bytes(port, 0, "x", 1, 32, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_ARGUMENT,
          "priority 32: INVALID_ARGUMENT");
    CHECK(port_create(IPC_PORT_DEPTH_MAX + 1, &(uint64_t){0}) == -IPC_ERR_INVALID_ARGUMENT,
          "depth beyond IPC_PORT_DEPTH_MAX: INVALID_ARGUMENT");
    cap_close(port);
}

static void check_sizes(void)
{
    uint64_t port = new_port(0);
    static char big[IPC_MESSAGE_MAX + 1];
    struct ipc_msg_header header;
    char small[10];
    struct ipc_port_config config = {.max_message = 16};

    CHECK(send_bytes(port, 0, big, IPC_MESSAGE_MAX + 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_TOO_LARGE,
          "a payload over IPC_MESSAGE_MAX: TOO_LARGE");
    memset(big, 'z', IPC_MESSAGE_MAX);
    CHECK(send_bytes(port, 9, big, IPC_MESSAGE_MAX, 0, IPC_TIMEOUT_NONE) == 0, "IPC_MESSAGE_MAX bytes go");
    CHECK(receive_bytes(port, &header, small, sizeof(small), IPC_TIMEOUT_NONE) == -IPC_ERR_TOO_LARGE &&
              header.length == IPC_MESSAGE_MAX && header.type == 9,
          "a 10-byte buffer: TOO_LARGE, and the header says %u bytes wait", header.length);
    memset(big, 0, sizeof(big));
    CHECK(receive_bytes(port, &header, big, IPC_MESSAGE_MAX, IPC_TIMEOUT_NONE) == 0 &&
              header.length == IPC_MESSAGE_MAX && big[0] == 'z' && big[IPC_MESSAGE_MAX - 1] == 'z',
          "the message stayed queued: a big enough buffer gets all of it");
    CHECK(port_configure(port, &config) == 0, "configure max_message 16");
    CHECK(send_bytes(port, 0, big, 17, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_TOO_LARGE &&
              send_bytes(port, 0, big, 16, 0, IPC_TIMEOUT_NONE) == 0,
          "17 bytes: TOO_LARGE; 16 go");
    config = (struct ipc_port_config){.depth_limit = IPC_PORT_DEPTH_MAX + 1};
    CHECK(port_configure(port, &config) == -IPC_ERR_INVALID_ARGUMENT,
          "configure a depth too deep: INVALID_ARGUMENT");
    config = (struct ipc_port_config){.rate_messages = 1};
    CHECK(port_configure(port, &config) == -IPC_ERR_INVALID_ARGUMENT,
          "a rate without a window: INVALID_ARGUMENT");
    cap_close(port);
}

static void check_filters(void)
{
    uint64_t port = new_port(0);
    struct ipc_object_stats stats;
    struct ipc_port_config types = {.allowed_types = 1u << 3, .filter_max_size = 8};
    struct ipc_port_config rate = {.rate_messages = 3, .rate_window_ticks = 1000};
    int accepted = 0;

    CHECK(port_configure(port, &types) == 0, "filter: only type 3, at most 8 bytes");
    CHECK(send_bytes(port, 4, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_FILTERED, "type 4: FILTERED");
    CHECK(send_bytes(port, 64, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_FILTERED, "type 64: FILTERED");
    CHECK(send_bytes(port, 3, "123456789", 9, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_FILTERED, "9 bytes: FILTERED");
    CHECK(send_bytes(port, 3, "12345678", 8, 0, IPC_TIMEOUT_NONE) == 0, "type 3, 8 bytes: accepted");
    CHECK(port_configure(port, &rate) == 0, "filter: 3 messages per sender per 1000 ticks");
    for (int i = 0; i < 5; i++)
        accepted += send_bytes(port, 0, "r", 1, 0, IPC_TIMEOUT_NONE) == 0;
    CHECK(accepted == 3 && send_bytes(port, 0, "r", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_RATE_LIMITED,
          "3 accepted, then RATE_LIMITED");
    CHECK(object_stats_of(port, &stats) && stats.refused == 6, "6 refusals counted (%llu)",
          (unsigned long long)stats.refused);
    cap_close(port);
}

static void check_tokens(void)
{
    uint64_t port = new_port(0), send_only, copy, other;
    struct ipc_process_stats before, after;
    char byte;

    ipc_stats_process(getpid(), &before);
    CHECK(send_bytes(0, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP, "token 0: INVALID_CAP");
    CHECK(send_bytes(0x123456789abcdefULL, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "a made-up token: INVALID_CAP");
    CHECK(send_bytes(port | (1ULL << (IPC_CAP_RIGHTS_SHIFT + 4)), 0, "x", 1, 0, IPC_TIMEOUT_NONE) ==
              -IPC_ERR_INVALID_CAP,
          "the token with a forged right bit: INVALID_CAP");
    CHECK(cap_derive(port, IPC_RIGHT_SEND, &send_only) == 0 && rights_of(send_only) == IPC_RIGHT_SEND,
          "derive a SEND-only copy");
    CHECK(receive_bytes(send_only, NULL, &byte, 1, IPC_TIMEOUT_NONE) == -IPC_ERR_PERMISSION,
          "receive through it: PERMISSION");
    CHECK(cap_derive(send_only, IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE, &copy) == -IPC_ERR_PERMISSION,
          "deriving more rights than it has: PERMISSION");
    CHECK(cap_derive(port, 1u << 9, &copy) == -IPC_ERR_INVALID_ARGUMENT,
          "an unknown right: INVALID_ARGUMENT");
    CHECK(cap_revoke(send_only) == -IPC_ERR_PERMISSION, "revoke without REVOKE: PERMISSION");
    CHECK(port_configure(send_only, &(struct ipc_port_config){0}) == -IPC_ERR_PERMISSION,
          "configure without RECEIVE: PERMISSION");
    CHECK(cap_close(send_only) == 0, "close the copy");
    CHECK(send_bytes(send_only, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "the closed token: INVALID_CAP");
    CHECK(cap_close(send_only) == -IPC_ERR_INVALID_CAP, "closing it twice: INVALID_CAP");
    CHECK(cap_derive(port, IPC_RIGHT_SEND, &other) == 0 && (other & 0xffffffffu) == (send_only & 0xffffffffu),
          "a new copy reuses the slot");
    CHECK(other != send_only && send_bytes(send_only, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "with a new generation: the old token stays stale");
    CHECK(send_bytes(other, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == 0, "the new one works");
    ipc_stats_process(getpid(), &after);
    CHECK(after.refused_invalid - before.refused_invalid == 6 &&
              after.refused_permission - before.refused_permission == 4,
          "the process's refusals were counted (%llu invalid, %llu permission)",
          (unsigned long long)(after.refused_invalid - before.refused_invalid),
          (unsigned long long)(after.refused_permission - before.refused_permission));
    cap_close(other);
    cap_close(port);
}

static void check_bad_pointers(void)
{
    uint64_t port = new_port(0);
    struct ipc_global_stats before, after;
    struct ipc_send_args args = port_message(0, bad_pointer(8), 4);
    struct ipc_receive_args into = port_buffer(bad_pointer(16), 64, IPC_TIMEOUT_NONE);
    char buffer[8];

    ipc_stats_global(&before);
    CHECK(port_send(port, bad_pointer(8)) == -IPC_ERR_FAULT, "send arguments at a bad address: FAULT");
    CHECK(port_send(port, &args) == -IPC_ERR_FAULT, "a bad payload address: FAULT");
    CHECK(port_receive(port, bad_pointer(8)) == -IPC_ERR_FAULT, "receive arguments at a bad address: FAULT");
    CHECK(send_bytes(port, 0, "data", 4, 0, IPC_TIMEOUT_NONE) == 0, "queue a message");
    CHECK(port_receive(port, &into) == -IPC_ERR_FAULT, "receive into a bad buffer: FAULT");
    CHECK(receive_bytes(port, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 &&
              memcmp(buffer, "data", 4) == 0,
          "the message stayed queued");
    CHECK(port_create(0, bad_pointer(8)) == -IPC_ERR_FAULT, "port_create with a bad token address: FAULT");
    CHECK(cap_derive(port, IPC_RIGHT_SEND, bad_pointer(8)) == -IPC_ERR_FAULT, "cap_derive likewise");
    CHECK(cap_info(port, bad_pointer(8)) == -IPC_ERR_FAULT, "cap_info likewise");
    CHECK((int)RAW(SYS_ns_bind, bad_pointer(8), 4, port, IPC_RIGHT_SEND) == -IPC_ERR_FAULT,
          "ns_bind with a bad name: FAULT");
    ipc_stats_global(&after);
    CHECK(after.ports == before.ports && after.capabilities == before.capabilities && after.messages == 0,
          "nothing was left behind by the failed calls");
    cap_close(port);
}

/* Capabilities carried by messages, within one process. */
static void check_capabilities_in_messages(void)
{
    uint64_t mailbox = new_port(0), service = new_port(0), send_only, send_grant;
    struct ipc_send_args args = port_message(5, "cap", 3);
    struct ipc_msg_header header;
    struct ipc_cap_info info;
    char buffer[4];

    cap_derive(service, IPC_RIGHT_SEND, &send_only);
    cap_derive(service, IPC_RIGHT_SEND | IPC_RIGHT_GRANT, &send_grant);
    args.header.cap_count = 1;
    args.header.caps[0] = send_only;
    CHECK(port_send(mailbox, &args) == -IPC_ERR_PERMISSION, "a capability without GRANT cannot be sent");
    args.header.caps[0] = send_grant;
    CHECK(port_send(mailbox, &args) == 0, "one with GRANT can");
    CHECK(receive_bytes(mailbox, &header, buffer, sizeof(buffer), IPC_TIMEOUT_NONE) == 0 &&
              header.cap_count == 1 && header.caps[0] != 0 && header.caps[0] != send_grant,
          "it arrives as a new token");
    CHECK(cap_info(header.caps[0], &info) == 0 && info.kind == IPC_KIND_PORT &&
              info.rights == (IPC_RIGHT_SEND | IPC_RIGHT_GRANT),
          "naming the port with the same rights");
    CHECK(send_bytes(header.caps[0], 0, "x", 1, 0, IPC_TIMEOUT_NONE) == 0, "and it sends");
    CHECK(cap_info(send_grant, &info) == 0, "the sender keeps its own");
    args.header.caps[0] = mailbox;
    CHECK(port_send(mailbox, &args) == -IPC_ERR_INVALID_ARGUMENT,
          "a port refuses a capability to itself (it could never be freed)");
    args.header.cap_count = 5;
    CHECK(port_send(mailbox, &args) == -IPC_ERR_INVALID_ARGUMENT, "5 capabilities: INVALID_ARGUMENT");
    args.header.cap_count = 0;
    args.header.flags = IPC_MSG_REPLY;
    CHECK(port_send(mailbox, &args) == -IPC_ERR_INVALID_ARGUMENT, "a sender may not set flags");
    cap_close(header.caps[0]);
    cap_close(send_only);
    cap_close(send_grant);
    cap_close(service);
    cap_close(mailbox);
}

/* Fill the capability table (with copies: the port quota is smaller than
 * the table): taking a slot fails with QUOTA, and a message carrying a
 * capability waits until there is room for it. */
static void check_quota(void)
{
    static uint64_t copies[1024];
    uint64_t mailbox = new_port(0), service = new_port(0), extra;
    struct ipc_send_args args = port_message(0, NULL, 0);
    struct ipc_msg_header header;
    struct ipc_process_stats stats;
    int made = 0, result = 0;

    args.header.cap_count = 1;
    cap_derive(service, IPC_RIGHT_SEND | IPC_RIGHT_GRANT, &args.header.caps[0]);
    while (made < 1024 && (result = cap_derive(mailbox, IPC_RIGHT_SEND, &copies[made])) == 0)
        made++;
    ipc_stats_process(getpid(), &stats);
    CHECK(result == -IPC_ERR_QUOTA && stats.capabilities == stats.capacity,
          "cap_derive fails with QUOTA once all %u slots are used", stats.capacity);
    CHECK(port_create(1, &extra) == -IPC_ERR_QUOTA, "so does port_create");
    CHECK(port_send(mailbox, &args) == 0, "a message carrying a capability is still accepted");
    CHECK(receive_bytes(mailbox, &header, NULL, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_QUOTA &&
              header.cap_count == 1 && header.caps[0] == 0,
          "but receiving it fails with QUOTA, the header announcing one capability");
    cap_close(copies[--made]);
    CHECK(receive_bytes(mailbox, &header, NULL, 0, IPC_TIMEOUT_NONE) == 0 && header.caps[0] != 0,
          "it stayed queued: with a slot free it arrives, capability and all");
    cap_close(header.caps[0]);
    while (made > 0)
        cap_close(copies[--made]);
    cap_close(args.header.caps[0]);
    cap_close(service);
    cap_close(mailbox);
}

/* Ports per process: the ones it holds count, creating one more than
 * IPC_QUOTA_PORTS_PER_PROCESS fails with QUOTA (counted), and a port's
 * charge comes back when its last capability goes. */
static void check_port_quota(void)
{
    static uint64_t ports[IPC_QUOTA_PORTS_PER_PROCESS + 1];
    struct ipc_baseline baseline = ipc_baseline_take();
    struct ipc_transport_stats before, full, after;
    uint64_t kept = new_port(0), held, again;
    int made = 0, result = 0;

    ipc_transport_stats(&before);
    held = before.own_ports;
    while (made <= IPC_QUOTA_PORTS_PER_PROCESS && (result = port_create(0, &ports[made])) == 0)
        made++;
    ipc_transport_stats(&full);
    CHECK(result == -IPC_ERR_QUOTA && held + (uint64_t)made == IPC_QUOTA_PORTS_PER_PROCESS,
          "port_create fails with QUOTA after %d new ports and %llu held (limit %d)", made,
          (unsigned long long)held, IPC_QUOTA_PORTS_PER_PROCESS);
    CHECK(full.own_ports == IPC_QUOTA_PORTS_PER_PROCESS &&
              full.own_quota_refusals == before.own_quota_refusals + 1 &&
              full.quota_refusals == before.quota_refusals + 1,
          "the process holds %llu ports; the refusal is counted for it and the system",
          (unsigned long long)full.own_ports);
    while (made > 0)
        cap_close(ports[--made]);
    ipc_transport_stats(&after);
    CHECK(after.own_ports == held, "closing them gives the charge back (%llu ports)",
          (unsigned long long)after.own_ports);
    CHECK(port_create(0, &again) == 0 && cap_close(again) == 0, "and a port can be created again");
    cap_close(kept);
    check_baseline(&baseline, "after the port quota");
}

static void check_revoke(void)
{
    uint64_t port = new_port(0), child, grandchild;

    cap_derive(port, IPC_RIGHT_SEND | IPC_RIGHT_REVOKE, &child);
    cap_derive(child, IPC_RIGHT_SEND, &grandchild);
    CHECK(cap_revoke(child) == 0, "revoke a copy");
    CHECK(send_bytes(grandchild, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "what was derived from it is stale");
    CHECK(send_bytes(child, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == 0, "the revoker's own copy stays");
    CHECK(cap_revoke(port) == 0 && send_bytes(child, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "revoking the original reaches it too");
    cap_close(port);
}

static void check_names(void)
{
    uint64_t port = new_port(0), found, send_only, copy;
    char long_name[IPC_NAME_MAX + 2];
    struct ipc_cap_info info;

    CHECK(ns_bind("SYSTEM::TEST", port, IPC_RIGHT_SEND) == 0, "bind SYSTEM::TEST");
    CHECK(ns_lookup("SYSTEM::TEST", &found) == 0 && cap_info(found, &info) == 0 &&
              info.rights == IPC_RIGHT_SEND,
          "a lookup gets the rights the binder chose (SEND)");
    CHECK(send_bytes(found, 0, "n", 1, 0, IPC_TIMEOUT_NONE) == 0, "and can send");
    CHECK(ns_bind("SYSTEM::TEST", port, IPC_RIGHT_SEND) == -IPC_ERR_NAME_EXISTS,
          "binding it again: NAME_EXISTS");
    CHECK(ns_lookup("SYSTEM::NONE", &copy) == -IPC_ERR_NAME_NOT_FOUND, "an unknown name: NAME_NOT_FOUND");
    CHECK(ns_bind("", port, IPC_RIGHT_SEND) == -IPC_ERR_INVALID_ARGUMENT, "an empty name: INVALID_ARGUMENT");
    memset(long_name, 'n', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = 0;
    CHECK(ns_bind(long_name, port, IPC_RIGHT_SEND) == -IPC_ERR_TOO_LARGE, "%u bytes: TOO_LARGE",
          IPC_NAME_MAX + 1);
    long_name[IPC_NAME_MAX] = 0;
    CHECK(ns_bind(long_name, port, IPC_RIGHT_SEND) == 0 && ns_unbind(long_name) == 0, "%u bytes: fine",
          IPC_NAME_MAX);
    cap_derive(port, IPC_RIGHT_SEND, &send_only);
    CHECK(ns_bind("/var/run/test.sock", send_only, IPC_RIGHT_SEND) == -IPC_ERR_PERMISSION,
          "binding needs GRANT: PERMISSION");
    CHECK(ns_bind("/var/run/test.sock", port, IPC_RIGHTS_ALL) == -IPC_ERR_PERMISSION,
          "lookup rights beyond the token's: PERMISSION");
    CHECK(ns_unbind("SYSTEM::TEST") == 0, "unbind");
    CHECK(ns_lookup("SYSTEM::TEST", &copy) == -IPC_ERR_NAME_NOT_FOUND, "it is gone");
    CHECK(ns_unbind("SYSTEM::TEST") == -IPC_ERR_NAME_NOT_FOUND, "unbinding again: NAME_NOT_FOUND");
    CHECK(send_bytes(found, 0, "n", 1, 0, IPC_TIMEOUT_NONE) == 0, "a capability looked up outlives the name");
    CHECK(ns_bind("/var/run/test.sock", port, IPC_RIGHT_SEND) == 0 && cap_revoke(port) == 0,
          "bind, then revoke the binder's capability");
    CHECK(ns_lookup("/var/run/test.sock", &copy) == -IPC_ERR_INVALID_CAP,
          "the name is disabled: INVALID_CAP");
    CHECK(send_bytes(found, 0, "n", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "and what was looked up through it is stale");
    ns_unbind("/var/run/test.sock");
    cap_close(port);
}

/* The trace ring sees each event, with the payload's CRC-32. */
static void check_trace(void)
{
    uint64_t port = new_port(0), cursor;
    struct ipc_global_stats stats;
    struct ipc_trace_event events[8];
    char buffer[16];
    int count, seen = 0;

    ipc_stats_global(&stats);
    cursor = stats.trace_next;
    CHECK(ipc_trace_control(1) == 0, "tracing was off; switch it on");
    send_bytes(port, 3, "123456789", 9, 0, IPC_TIMEOUT_NONE);
    receive_bytes(port, NULL, buffer, sizeof(buffer), IPC_TIMEOUT_NONE);
    send_bytes(0, 0, "x", 1, 0, IPC_TIMEOUT_NONE);
    CHECK(ipc_trace_control(0) == 1, "switch it off again");
    count = ipc_trace_read(&cursor, events, 8, NULL);
    CHECK(count == 3, "three events recorded (%d)", count);
    for (int i = 0; i < count; i++) {
        const struct ipc_trace_event *e = &events[i];
        printf("# trace %llu: op %u object %llu %u -> %u, %u bytes, crc %08x, error %u\n",
               (unsigned long long)e->sequence, e->op, (unsigned long long)e->object_id, e->sender_pid,
               e->receiver_pid, e->size, e->payload_crc32, e->error);
        seen += e->op == IPC_TRACE_SEND && e->size == 9 && e->payload_crc32 == 0xCBF43926u;
        seen += e->op == IPC_TRACE_RECEIVE && e->receiver_pid == (uint32_t)getpid() &&
                e->payload_crc32 == 0xCBF43926u;
        seen += e->op == IPC_TRACE_REFUSED && e->error == IPC_ERR_INVALID_CAP;
    }
    CHECK(seen == 3, "SEND and RECEIVE with CRC-32 0xCBF43926 of \"123456789\", and the REFUSED token");
    CHECK(ipc_trace_read(&cursor, events, 8, NULL) == 0, "nothing more while tracing is off");
    cap_close(port);
}

int main(void)
{
    uint64_t warm;
    port_create(0, &warm); /* this process's IPC state exists from here on */
    cap_close(warm);
    struct ipc_baseline baseline = ipc_baseline_take();

    check_create_send_receive();
    check_priorities_and_depth();
    check_sizes();
    check_filters();
    check_tokens();
    check_bad_pointers();
    check_capabilities_in_messages();
    check_quota();
    check_port_quota();
    check_revoke();
    check_names();
    check_trace();
    check_baseline(&baseline, "after every check");
    return check_done();
}
