/*
 * ipc_stress [seed] - many processes, thousands of sequenced messages, and
 * a chaos parent that kills them at random.
 *
 * The parent collects what senders send to its port, and kills a random
 * sender, caller or the echo server now and then (SIGKILL), starting a
 * replacement. Senders send numbered messages of varying sizes (some take
 * the fast path, some carry a capability); callers make numbered calls to
 * an echo server and check every reply is the answer to their own call.
 *
 * Asserted: from each sender the parent receives exactly 0, 1, 2, ... -
 * nothing lost (a message whose send succeeded arrives even if its sender
 * was killed right after), duplicated or reordered - and all of a sender
 * that finished; every reply a caller gets is its own; and once everyone
 * has exited, the IPC totals and the kernel heap are back where they were.
 */
#include "ipc_check.h"

enum {
    SENDERS = 4,      /* running at once */
    MESSAGES = 1500,  /* per sender */
    CALLERS = 2,      /* running at once */
    CALLS = 1500,     /* per caller */
    KILLS = 8,        /* the chaos parent's budget */
    KILL_EVERY = 400, /* messages received between kills */
    MAX_IDS = 64,
    STOP = 0xdead,
};

struct record {
    uint32_t sender;
    uint32_t sequence;
    uint32_t check; /* sender * 1000003 + sequence */
    uint8_t fill[200];
};

static uint32_t random_state;

static uint32_t random_next(void)
{
    random_state = random_state * 1103515245u + 12345u;
    return random_state >> 16; /* the low bits of an LCG are poor */
}

static uint32_t record_length(uint32_t sequence)
{
    return 12 + (sequence * 37) % 180; /* 12..191 bytes: both sides of IPC_INLINE_MAX */
}

/* --- The children --- */

static void sender(uint32_t id)
{
    uint64_t collector, own, gift;
    struct record record = {.sender = id};

    if (lookup_wait("stress.collector", &collector) || port_create(1, &own) ||
        cap_derive(own, IPC_RIGHT_SEND | IPC_RIGHT_GRANT, &gift))
        _exit(1);
    for (uint32_t sequence = 0; sequence < MESSAGES; sequence++) {
        struct ipc_send_args args = port_message(1, &record, record_length(sequence));
        record.sequence = sequence;
        record.check = id * 1000003u + sequence;
        memset(record.fill, (int)(sequence & 0xff), sizeof(record.fill));
        args.header.priority = (uint8_t)(id % 4);
        args.timeout = IPC_TIMEOUT_FOREVER;
        if (sequence % 50 == 7) {
            args.header.cap_count = 1;
            args.header.caps[0] = gift;
        }
        if (port_send(collector, &args))
            _exit(1);
    }
    _exit(0);
}

static void echo_server(void)
{
    uint64_t port;
    struct record request;

    int bound = -IPC_ERR_NAME_EXISTS;

    if (port_create(0, &port))
        _exit(1);
    for (int tries = 0; tries < 500 && bound == -IPC_ERR_NAME_EXISTS;
         tries++) /* the killed one's name may linger */
        if ((bound = ns_bind("stress.echo", port, IPC_RIGHT_SEND)) == -IPC_ERR_NAME_EXISTS)
            usleep(2000);
    if (bound)
        _exit(1);
    for (;;) {
        struct ipc_receive_args in = port_buffer(&request, sizeof(request), IPC_TIMEOUT_FOREVER);
        if (port_receive(port, &in))
            _exit(1);
        struct ipc_send_args out = port_message(in.header.type, &request, in.header.length);
        port_reply(in.header.transaction_id, &out); /* the caller may be dead: PEER_CLOSED */
        if (in.header.type == STOP)
            _exit(0);
    }
}

/* Calls until CALLS were answered; a dead server is looked up again. */
static void caller(uint32_t id)
{
    uint64_t echo = 0;
    struct record request = {.sender = id}, reply;

    for (uint32_t sequence = 0; sequence < CALLS;) {
        request.sequence = sequence;
        request.check = id * 1000003u + sequence;
        struct ipc_send_args out = port_message(2, &request, 12 + sequence % 60);
        struct ipc_receive_args in = port_buffer(&reply, sizeof(reply), 5000 * MS);
        out.timeout = IPC_TIMEOUT_FOREVER;
        int result = echo ? port_call(echo, &out, &in) : -IPC_ERR_PEER_CLOSED;
        if (result == -IPC_ERR_PEER_CLOSED || result == -IPC_ERR_INVALID_CAP) {
            if (echo)
                cap_close(echo);
            echo = 0;
            if (lookup_wait("stress.echo", &echo))
                _exit(3);
            continue;
        }
        if (result)
            _exit(3);
        if (in.header.flags != IPC_MSG_REPLY || reply.sender != id || reply.sequence != sequence ||
            reply.check != request.check)
            _exit(2); /* someone else's answer */
        sequence++;
    }
    _exit(0);
}

/* --- The chaos parent --- */

enum role { SENDER, CALLER, SERVER };

struct child {
    pid_t pid;
    enum role role;
    uint32_t id;
    bool killed;
    bool exited_well; /* by itself, with status 0 */
};

static struct child children[MAX_IDS];
static int child_count;
static uint32_t next_expected[MAX_IDS]; /* per sender id */
static int order_errors, corrupt_records;

static void start(enum role role, uint32_t id)
{
    pid_t pid = fork();

    if (pid == 0) {
        if (role == SENDER)
            sender(id);
        else if (role == CALLER)
            caller(id);
        else
            echo_server();
    }
    children[child_count++] = (struct child){.pid = pid, .role = role, .id = id};
}

static struct child *child_of(pid_t pid)
{
    for (int i = 0; i < child_count; i++)
        if (children[i].pid == pid)
            return &children[i];
    return NULL;
}

static int live_children(void)
{
    int live = 0;

    for (int i = 0; i < child_count; i++)
        live += children[i].pid > 0;
    return live;
}

/* A message from a sender: exactly the next one it sent. */
static void collect(const struct ipc_msg_header *header, const struct record *record)
{
    for (int i = 0; i < header->cap_count; i++)
        cap_close(header->caps[i]);
    if (header->length < 12 || record->sender >= MAX_IDS ||
        record->check != record->sender * 1000003u + record->sequence ||
        header->length != record_length(record->sequence) ||
        (header->length > 12 && record->fill[header->length - 13] != (uint8_t)(record->sequence & 0xff))) {
        corrupt_records++;
        return;
    }
    if (record->sequence != next_expected[record->sender]) {
        if (order_errors++ < 5)
            printf("# sender %u: got %u, expected %u\n", record->sender, record->sequence,
                   next_expected[record->sender]);
        next_expected[record->sender] = record->sequence;
    }
    next_expected[record->sender]++;
}

/* Kill a random live child of `role` and start another of its kind. */
static void chaos(enum role role, uint32_t *next_sender_id, uint32_t *next_caller_id)
{
    int live[MAX_IDS], count = 0;

    for (int i = 0; i < child_count; i++)
        if (children[i].pid > 0 && !children[i].killed && children[i].role == role)
            live[count++] = i;
    if (count == 0)
        return;
    struct child *victim = &children[live[random_next() % count]];
    printf("# chaos: killing pid %d (%s %u)\n", victim->pid,
           victim->role == SENDER   ? "sender"
           : victim->role == CALLER ? "caller"
                                    : "server",
           victim->id);
    kill(victim->pid, SIGKILL);
    victim->killed = true;
    if (victim->role == SENDER && *next_sender_id < MAX_IDS)
        start(SENDER, (*next_sender_id)++);
    else if (victim->role == CALLER)
        start(CALLER, (*next_caller_id)++);
    else if (victim->role == SERVER)
        start(SERVER, 0);
}

/* Reap children that ended, noting how. */
static void reap(bool block)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0) {
        struct child *child = child_of(pid);
        if (!child)
            continue;
        child->exited_well = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!child->killed && !child->exited_well)
            printf("# %s %u ended with status 0x%x\n", child->role == SENDER ? "sender" : "caller", child->id,
                   status);
        child->pid = 0;
        if (block)
            return;
    }
}

static bool senders_running(void)
{
    for (int i = 0; i < child_count; i++)
        if (children[i].pid > 0 && children[i].role == SENDER)
            return true;
    return false;
}

static bool callers_running(void)
{
    for (int i = 0; i < child_count; i++)
        if (children[i].pid > 0 && children[i].role == CALLER)
            return true;
    return false;
}

/* Receive until every sender has ended and the port is empty. */
static uint64_t run_collector(uint64_t port)
{
    struct record record;
    struct ipc_msg_header header;
    uint32_t next_sender_id = SENDERS, next_caller_id = CALLERS;
    uint64_t received = 0;
    int kills = 0;

    for (;;) {
        int result = receive_bytes(port, &header, &record, sizeof(record), 20 * MS);
        if (result == 0) {
            collect(&header, &record);
            if (++received % KILL_EVERY == 50 && kills < KILLS) {
                /* mostly senders; callers (mid-call) and the server now and then */
                enum role role = kills % 4 == 0 ? CALLER : kills % 8 == 6 ? SERVER : SENDER;
                chaos(role, &next_sender_id, &next_caller_id);
                kills++;
            }
        } else if (result != -IPC_ERR_TIMEOUT) {
            printf("# receive failed: %d\n", result);
            order_errors++;
            break;
        }
        reap(false);
        if (result == -IPC_ERR_TIMEOUT && !senders_running())
            break;
    }
    printf("# %llu messages from %u senders, %d kills\n", (unsigned long long)received, next_sender_id,
           kills);
    return received;
}

/* Stop the echo server with a call of its own, once the callers are done. */
static void stop_server(void)
{
    uint64_t echo;
    struct ipc_send_args stop = port_message(STOP, NULL, 0);
    struct ipc_receive_args reply = port_buffer(NULL, 0, 5000 * MS);

    while (callers_running())
        reap(true);
    stop.timeout = IPC_TIMEOUT_FOREVER;
    if (lookup_wait("stress.echo", &echo) == 0) {
        port_call(echo, &stop, &reply);
        cap_close(echo);
    }
    while (live_children() > 0)
        reap(true);
}

int main(int argc, char **argv)
{
    uint64_t port;
    struct ipc_global_stats before, after;

    random_state = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 12345u;
    printf("# seed %u\n", random_state);
    port_create(0, &port);
    cap_close(port);
    struct ipc_baseline baseline = ipc_baseline_take();
    ipc_stats_global(&before);

    CHECK(port_create(32, &port) == 0 && ns_bind("stress.collector", port, IPC_RIGHT_SEND) == 0,
          "the collector's port, bound as stress.collector");
    start(SERVER, 0);
    for (uint32_t id = 0; id < SENDERS; id++)
        start(SENDER, id);
    for (uint32_t id = 0; id < CALLERS; id++)
        start(CALLER, id);
    uint64_t received = run_collector(port);
    stop_server();
    int unfinished_senders = 0, bad_callers = 0;
    for (int i = 0; i < child_count; i++) {
        const struct child *child = &children[i];
        unfinished_senders += child->role == SENDER && !child->killed &&
                              (!child->exited_well || next_expected[child->id] != MESSAGES);
        bad_callers += child->role == CALLER && !child->killed && !child->exited_well;
    }

    CHECK(received >= SENDERS * MESSAGES / 2, "%llu messages collected", (unsigned long long)received);
    CHECK(corrupt_records == 0, "no message was corrupted (%d)", corrupt_records);
    CHECK(order_errors == 0,
          "from every sender exactly 0, 1, 2, ...: none lost, duplicated or reordered (%d errors)",
          order_errors);
    CHECK(unfinished_senders == 0, "every sender that was not killed delivered all %d messages", MESSAGES);
    CHECK(bad_callers == 0, "every caller that was not killed got exactly its own %d answers", CALLS);
    ipc_stats_global(&after);
    CHECK(after.fast_path_hits > before.fast_path_hits, "the fast path was taken %llu times",
          (unsigned long long)(after.fast_path_hits - before.fast_path_hits));
    printf("# sent %llu, received %llu, dropped %llu, refused %llu, discarded %llu\n",
           (unsigned long long)(after.sent - before.sent),
           (unsigned long long)(after.received - before.received),
           (unsigned long long)(after.dropped - before.dropped),
           (unsigned long long)(after.refused - before.refused),
           (unsigned long long)(after.discarded - before.discarded));
    ns_unbind("stress.collector");
    cap_close(port);
    check_baseline(&baseline, "all children gone");
    return check_done();
}
