/*
 * ipc_procs - native IPC between processes: capabilities carried to a
 * child and revoked by the parent, call and reply with transaction
 * matching (duplicate, forged and late replies refused), names that die
 * with their binder, peers dying while the other side waits, blocking
 * sends, receivers served in order, the fast path, and the totals back
 * to where they were once every child is gone.
 *
 * Children find what the parent made through the name service (they
 * inherit no capabilities) and report through their exit status.
 */
#include "ipc_check.h"

static int exit_code(pid_t pid)
{
    int status = -1;

    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* --- A capability given to a child, then revoked --- */

static void transfer_child(void)
{
    uint64_t inbox, service;
    struct ipc_msg_header header;
    char go;

    if (port_create(0, &inbox) || ns_bind("test.child.inbox", inbox, IPC_RIGHT_SEND))
        _exit(10);
    if (receive_bytes(inbox, &header, NULL, 0, IPC_TIMEOUT_FOREVER) || header.cap_count != 1)
        _exit(11);
    service = header.caps[0];
    if (receive_bytes(service, NULL, &go, 1, IPC_TIMEOUT_NONE) != -IPC_ERR_PERMISSION)
        _exit(12); /* it carries SEND and GRANT, not RECEIVE */
    if (send_bytes(service, 1, "from the child", 14, 0, IPC_TIMEOUT_NONE))
        _exit(13);
    if (receive_bytes(inbox, NULL, &go, 1, IPC_TIMEOUT_FOREVER)) /* the parent revoked it meanwhile */
        _exit(14);
    _exit(send_bytes(service, 1, "again", 5, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP ? 0 : 15);
}

static void check_transfer_and_revoke(void)
{
    uint64_t service, inbox, copy;
    struct ipc_send_args gift = port_message(0, NULL, 0);
    struct ipc_msg_header header;
    char buffer[32] = {0};
    pid_t child = fork();

    if (child == 0)
        transfer_child();
    port_create(0, &service);
    CHECK(lookup_wait("test.child.inbox", &inbox) == 0, "the child's inbox is found by name");
    cap_derive(service, IPC_RIGHT_SEND | IPC_RIGHT_GRANT, &copy);
    gift.header.cap_count = 1;
    gift.header.caps[0] = copy;
    CHECK(port_send(inbox, &gift) == 0, "send the child a SEND|GRANT copy of a port");
    CHECK(receive_bytes(service, &header, buffer, sizeof(buffer), 2000 * MS) == 0 &&
              strcmp(buffer, "from the child") == 0 && header.sender_pid == (uint32_t)child,
          "the child sends through it, stamped with its pid");
    CHECK(cap_revoke(service) == 0, "the parent revokes every copy derived from its port");
    CHECK(send_bytes(inbox, 0, "g", 1, 0, IPC_TIMEOUT_NONE) == 0, "tell the child to try again");
    CHECK(exit_code(child) == 0, "the child's copy is stale now: INVALID_CAP");
    CHECK(send_bytes(copy, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_INVALID_CAP,
          "the parent's own derived copy too");
    CHECK(ns_lookup("test.child.inbox", &copy) == -IPC_ERR_NAME_NOT_FOUND, "the child's name died with it");
    CHECK(send_bytes(inbox, 0, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_PEER_CLOSED,
          "its port closed with it: PEER_CLOSED");
    cap_close(inbox);
    cap_close(service);
}

/* --- Call and reply --- */

enum request { ECHO = 1, REPLY_TWICE, FORGED_REPLY, TOO_LARGE_FIRST, SLOW_REPLY, NO_REPLY_EXIT, STOP };

/* Replies "re:" + the request; the special requests test the refusals and
 * report through the reply itself. */
static void server(void)
{
    uint64_t port;
    char request[64], answer[80];
    struct ipc_receive_args in;

    if (port_create(0, &port) || ns_bind("test.server", port, IPC_RIGHT_SEND))
        _exit(20);
    for (;;) {
        in = port_buffer(request, sizeof(request), IPC_TIMEOUT_FOREVER);
        if (port_receive(port, &in))
            _exit(21);
        uint64_t id = in.header.transaction_id;
        int length = snprintf(answer, sizeof(answer), "re:%.*s id %llu", (int)in.header.length, request,
                              (unsigned long long)id);
        struct ipc_send_args out = port_message(in.header.type, answer, (uint32_t)length);
        if (in.header.type == NO_REPLY_EXIT)
            _exit(0);
        if (in.header.type == SLOW_REPLY)
            usleep(100 * 1000);
        if (in.header.type == FORGED_REPLY && port_reply(id + 1000, &out) != -IPC_ERR_INVALID_CAP)
            out.header.type = 99;
        if (in.header.type == TOO_LARGE_FIRST) {
            if (port_reply(id, &out) != -IPC_ERR_TOO_LARGE)
                _exit(24);
            out = port_message(TOO_LARGE_FIRST, "ok", 2); /* still owed: answer again, shorter */
        }
        int result = port_reply(id, &out);
        if (in.header.type == SLOW_REPLY && result != -IPC_ERR_PEER_CLOSED)
            _exit(22); /* the caller gave up: the late reply must be refused */
        if (in.header.type == REPLY_TWICE && port_reply(id, &out) != -IPC_ERR_INVALID_CAP)
            _exit(23);
        if (in.header.type == STOP)
            _exit(0);
    }
}

static int call(uint64_t port, enum request type, const char *text, struct ipc_msg_header *header,
                char *answer, uint32_t capacity, uint64_t timeout)
{
    struct ipc_send_args request = port_message(type, text, (uint32_t)strlen(text));
    struct ipc_receive_args reply = port_buffer(answer, capacity - 1, timeout);
    int result;

    request.timeout = IPC_TIMEOUT_FOREVER;
    memset(answer, 0, capacity);
    result = port_call(port, &request, &reply);
    *header = reply.header;
    return result;
}

static void check_call_reply(void)
{
    uint64_t port;
    struct ipc_msg_header header;
    struct ipc_object_stats before, after;
    struct ipc_global_stats global;
    char answer[96], expected[96];
    pid_t pid = fork();

    if (pid == 0)
        server();
    CHECK(lookup_wait("test.server", &port) == 0, "look the server up");
    CHECK(wait_for_waiters(port, 1, 0), "the server waits in port_receive");
    object_stats_of(port, &before);
    CHECK(call(port, ECHO, "ping", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) == 0, "port_call");
    snprintf(expected, sizeof(expected), "re:ping id %llu", (unsigned long long)header.transaction_id);
    CHECK(strcmp(answer, expected) == 0, "the reply answers this very call: \"%s\"", answer);
    CHECK(header.flags == IPC_MSG_REPLY && header.sender_pid == (uint32_t)pid && header.transaction_id != 0,
          "marked a reply, from the server, with the call's transaction id %llu",
          (unsigned long long)header.transaction_id);
    CHECK(port_reply(header.transaction_id, &(struct ipc_send_args){0}) == -IPC_ERR_INVALID_CAP,
          "a process that did not receive the call cannot answer it: INVALID_CAP");
    CHECK(wait_for_waiters(port, 1, 0), "the server waits again");
    object_stats_of(port, &after);
    CHECK(after.fast_path_hits == before.fast_path_hits + 1,
          "the call took the fast path (a receiver was waiting): %llu hit(s)",
          (unsigned long long)after.fast_path_hits);
    uint64_t first_id = header.transaction_id;
    CHECK(call(port, ECHO, "pong", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) == 0 &&
              header.transaction_id > first_id,
          "transaction ids are fresh for every call");
    CHECK(call(port, REPLY_TWICE, "twice", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) == 0,
          "the server answers, then tries again (refused, or it exits 23)");
    CHECK(call(port, FORGED_REPLY, "forged", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) == 0 &&
              header.type == FORGED_REPLY,
          "a reply with a transaction id the server was never given: INVALID_CAP");
    CHECK(call(port, TOO_LARGE_FIRST, "tiny", &header, answer, 4, IPC_TIMEOUT_FOREVER) == 0 &&
              strcmp(answer, "ok") == 0,
          "a reply too large for the caller's buffer is refused and stays owed; a shorter one arrives");
    CHECK(call(port, SLOW_REPLY, "slow", &header, answer, sizeof(answer), 30 * MS) == -IPC_ERR_TIMEOUT,
          "a call that waits 30 ms for a 100 ms answer: TIMEOUT");
    CHECK(call(port, STOP, "stop", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) == 0,
          "stop the server");
    CHECK(exit_code(pid) == 0, "the server saw every refusal it expected (late reply: PEER_CLOSED)");
    ipc_stats_global(&global);
    CHECK(global.calls_waiting == 0 && global.replies_owed == 0, "no call waits, no reply is owed");
    cap_close(port);
}

/* The receiver of a call dies without answering: the caller gets
 * PEER_CLOSED, whether its call was already received or still queued. */
static void check_server_dies(void)
{
    uint64_t port;
    struct ipc_msg_header header;
    char answer[64];
    pid_t pid = fork();

    if (pid == 0)
        server();
    lookup_wait("test.server", &port);
    CHECK(call(port, NO_REPLY_EXIT, "bye", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) ==
              -IPC_ERR_PEER_CLOSED,
          "the server exits holding the call: PEER_CLOSED");
    exit_code(pid);
    cap_close(port);

    pid = fork();
    if (pid == 0) {
        uint64_t mine;
        port_create(0, &mine);
        ns_bind("test.sleeper", mine, IPC_RIGHT_SEND);
        pause(); /* never receives */
        _exit(0);
    }
    lookup_wait("test.sleeper", &port);
    pid_t killer = fork();
    if (killer == 0) {
        usleep(50 * 1000);
        kill(pid, SIGKILL);
        _exit(0);
    }
    CHECK(call(port, ECHO, "anyone?", &header, answer, sizeof(answer), IPC_TIMEOUT_FOREVER) ==
              -IPC_ERR_PEER_CLOSED,
          "a call still queued when its receiver is killed: PEER_CLOSED");
    exit_code(killer);
    CHECK(exit_code(pid) == 128 + SIGKILL, "the receiver was killed");
    cap_close(port);
}

/* A caller killed while it waits: the server's answer is refused. */
static void check_caller_dies(void)
{
    uint64_t port;
    struct ipc_msg_header header;
    char buffer[64];

    port_create(0, &port);
    ns_bind("test.victim.target", port, IPC_RIGHT_SEND);
    pid_t caller = fork();
    if (caller == 0) {
        uint64_t target;
        lookup_wait("test.victim.target", &target);
        call(target, ECHO, "help", &header, buffer, sizeof(buffer), IPC_TIMEOUT_FOREVER);
        _exit(1); /* never answered */
    }
    struct ipc_receive_args in = port_buffer(buffer, sizeof(buffer), 2000 * MS);
    CHECK(port_receive(port, &in) == 0 && in.header.flags == IPC_MSG_CALL,
          "the parent receives the child's call");
    kill(caller, SIGKILL);
    CHECK(exit_code(caller) == 128 + SIGKILL, "the caller is killed while it waits");
    struct ipc_send_args answer = port_message(0, "late", 4);
    CHECK(port_reply(in.header.transaction_id, &answer) == -IPC_ERR_PEER_CLOSED,
          "the answer to a dead caller: PEER_CLOSED");
    CHECK(port_reply(in.header.transaction_id, &answer) == -IPC_ERR_INVALID_CAP,
          "and the call is no longer owed");
    ns_unbind("test.victim.target");
    cap_close(port);
}

/* --- Waiting senders and receivers --- */

/* A sender blocked on a full port gets PEER_CLOSED when the receiver is
 * killed. */
static void check_receiver_dies(void)
{
    uint64_t port;
    pid_t receiver = fork();

    if (receiver == 0) {
        uint64_t mine;
        port_create(1, &mine);
        ns_bind("test.full", mine, IPC_RIGHT_SEND);
        pause();
        _exit(0);
    }
    CHECK(lookup_wait("test.full", &port) == 0 && send_bytes(port, 0, "1", 1, 0, IPC_TIMEOUT_NONE) == 0,
          "fill a port of depth 1");
    pid_t sender = fork();
    if (sender == 0) {
        uint64_t target; /* capabilities are not inherited: look it up again */
        lookup_wait("test.full", &target);
        _exit(send_bytes(target, 0, "2", 1, 0, IPC_TIMEOUT_FOREVER) == -IPC_ERR_PEER_CLOSED ? 0 : 1);
    }
    CHECK(wait_for_waiters(port, 0, 1), "a second sender blocks on it");
    kill(receiver, SIGKILL);
    CHECK(exit_code(sender) == 0, "the receiver is killed: the blocked sender gets PEER_CLOSED");
    exit_code(receiver);
    cap_close(port);
}

/* A receiver blocked on a port gets PEER_CLOSED when the last RECEIVE
 * capability (the parent's, after it revoked the child's copy) goes. */
static void check_port_closes_under_receiver(void)
{
    uint64_t port, inbox, copy;
    struct ipc_send_args gift = port_message(0, NULL, 0);
    pid_t child = fork();

    if (child == 0) {
        uint64_t mine;
        struct ipc_msg_header header;
        char byte;
        port_create(0, &mine);
        ns_bind("test.receiver.inbox", mine, IPC_RIGHT_SEND);
        if (receive_bytes(mine, &header, NULL, 0, IPC_TIMEOUT_FOREVER) || header.cap_count != 1)
            _exit(1);
        _exit(receive_bytes(header.caps[0], NULL, &byte, 1, IPC_TIMEOUT_FOREVER) == -IPC_ERR_PEER_CLOSED ? 0
                                                                                                         : 2);
    }
    port_create(0, &port);
    lookup_wait("test.receiver.inbox", &inbox);
    cap_derive(port, IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT, &copy);
    gift.header.cap_count = 1;
    gift.header.caps[0] = copy;
    CHECK(port_send(inbox, &gift) == 0, "give the child a RECEIVE copy of a port");
    CHECK(wait_for_waiters(port, 1, 0), "the child waits on it");
    CHECK(cap_revoke(port) == 0,
          "revoke the child's copy: the parent still holds RECEIVE, the port stays open");
    CHECK(wait_for_waiters(port, 1, 0), "so the child still waits");
    CHECK(cap_close(port) == 0, "close the last RECEIVE capability");
    CHECK(exit_code(child) == 0, "the waiting child gets PEER_CLOSED");
    cap_close(inbox);
}

/* A blocking sender waits for room and loses nothing; receivers are
 * served in the order they came. */
static void check_blocking_and_order(void)
{
    enum { MESSAGES = 50, RECEIVERS = 3 };
    uint64_t port;
    pid_t children[RECEIVERS];
    bool in_order = true;
    char byte;

    port_create(2, &port);
    ns_bind("test.slow", port, IPC_RIGHT_SEND);
    pid_t slow = fork();
    if (slow == 0) {
        uint64_t target;
        lookup_wait("test.slow", &target);
        for (int i = 0; i < MESSAGES; i++)
            if (send_bytes(target, 0, &(char){(char)i}, 1, 0, IPC_TIMEOUT_FOREVER))
                _exit(1);
        _exit(0);
    }
    for (int i = 0; i < MESSAGES; i++) {
        if (i % 10 == 0)
            usleep(10 * 1000); /* let the sender fill the port and wait */
        in_order = in_order && receive_bytes(port, NULL, &byte, 1, 2000 * MS) == 0 && byte == (char)i;
    }
    CHECK(exit_code(slow) == 0, "a sender on a port of depth 2 waited for room %d times without error",
          MESSAGES);
    CHECK(in_order, "every message arrived, in order");
    ns_unbind("test.slow");

    ns_bind("test.fifo", port, IPC_RIGHT_RECEIVE);
    for (int i = 0; i < RECEIVERS; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            uint64_t mine;
            lookup_wait("test.fifo", &mine);
            _exit(receive_bytes(mine, NULL, &byte, 1, IPC_TIMEOUT_FOREVER) == 0 ? byte : 100);
        }
        CHECK(wait_for_waiters(port, (uint32_t)i + 1, 0), "receiver %d waits", i + 1);
    }
    for (int i = 0; i < RECEIVERS; i++)
        send_bytes(port, 0, &(char){(char)(i + 1)}, 1, 0, IPC_TIMEOUT_NONE);
    for (int i = 0; i < RECEIVERS; i++)
        CHECK(exit_code(children[i]) == i + 1, "receiver %d got message %d: first come, first served", i + 1,
              i + 1);
    ns_unbind("test.fifo");
    cap_close(port);
}

int main(void)
{
    uint64_t warm;
    port_create(0, &warm);
    cap_close(warm);
    struct ipc_baseline baseline = ipc_baseline_take();

    check_transfer_and_revoke();
    check_call_reply();
    check_server_dies();
    check_caller_dies();
    check_receiver_dies();
    check_port_closes_under_receiver();
    check_blocking_and_order();
    check_baseline(&baseline, "every child reaped");
    return check_done();
}
