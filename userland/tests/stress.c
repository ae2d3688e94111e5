/*
 * stress - every kind of IPC at once, while senders are killed at random
 * and the kernel's allocations fail on purpose.
 *
 *   stress [--seed S] [--messages M] [--senders K] [--kills N] [--fault-inject ONE_IN]
 *
 * Layer: test program (user space), built by tests/robustness.mk and run
 * by tests/robustness.bats and `make soak`. For each transport of the table
 * below (today: ports, channels, pipes; adding one is adding a row), K
 * senders send M numbered records, then an END record, to one receiver
 * that serves all transports. A chaos process kills N senders (SIGKILL) at
 * random moments, and 1 in ONE_IN of the senders' kernel allocations fails
 * (SYS_fault_inject, scoped to the injector's descendants: the receiver and
 * this coordinator are spared). A send that fails is retried with the same
 * number, so what the receiver sees of each sender must be exactly
 * 0, 1, 2, ... - a gap is a lost record, a repeat a duplicate, a bad
 * checksum a torn one - and END must arrive from every sender that
 * finished. At the end the kernel's counters (SYS_kstat, IPC totals) are
 * back at their baseline and SYS_kcheck finds nothing.
 *
 *   coordinator                  takes the baseline, checks it at the end
 *   +-- receiver                 owns the port, the channels' far ends, the pipe's read end
 *   +-- injector                 turns fault injection on, then forks:
 *       +-- senders (K per transport)
 *       +-- chaos
 * The injector reaps the senders and tells the receiver, in a DONE message
 * on the port, which of them finished.
 */
#include <fcntl.h>
#include <freeport/capability.h>
#include <sched.h>
#include <freeport/channel.h>
#include <freeport/port.h>
#include <stdlib.h>
#include <time.h>
#include "ipc_check.h"

#define SENDERS_MAX 12 /* per transport; DONE's fill has a byte for each sender of each */
#define PORT_NAME   "stress.receiver"
#define RETRIES_MAX 200000 /* a sender that cannot send for this many tries gives up */

enum transport_index { PORT, CHANNEL, PIPE, TRANSPORTS };
enum record_flags { RECORD_END = 1, RECORD_DONE = 2, RECORD_HELLO = 4 };

/* Every record, on every transport: 64 bytes, so a pipe write is atomic. */
struct record {
    uint32_t transport, sender, sequence, flags;
    uint64_t check;
    uint8_t fill[40];
};
_Static_assert(sizeof(struct record) == 64, "records are 64 bytes");
_Static_assert(TRANSPORTS *SENDERS_MAX <= sizeof(((struct record *)0)->fill), "DONE lists every sender");

struct options {
    uint64_t seed, fault_one_in;
    uint32_t messages, senders, kills;
};

static struct options options = {.messages = 2000, .senders = 4, .kills = 6};

/* --- records ------------------------------------------------------------- */

static uint64_t record_check(uint32_t transport, uint32_t sender, uint32_t sequence, uint32_t flags)
{
    uint64_t state = options.seed ^ ((uint64_t)transport << 48 | (uint64_t)sender << 32 | sequence) ^
                     (uint64_t)flags << 60;
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static struct record make_record(uint32_t transport, uint32_t sender, uint32_t sequence, uint32_t flags)
{
    struct record record = {
        transport, sender, sequence, flags, record_check(transport, sender, sequence, flags), {0}};

    for (size_t i = 0; i < sizeof(record.fill); i++)
        record.fill[i] = (uint8_t)(record.check >> (i % 8 * 8)) ^ (uint8_t)i;
    return record;
}

/* Whole and as sent: a torn or corrupted record fails this. */
static bool record_intact(const struct record *record)
{
    if (record->transport >= TRANSPORTS || record->sender >= SENDERS_MAX)
        return false;
    struct record expected = make_record(record->transport, record->sender, record->sequence, record->flags);
    return memcmp(record, &expected, sizeof(expected)) == 0;
}

/* --- the transports -------------------------------------------------------- */

/* A sender's connection: its token for the receiver's port, its channel,
 * or the pipe's write end. */
struct connection {
    uint64_t port;
    struct channel *channel;
    int pipe_fd;
};

enum send_result { SENT, RETRY, GIVE_UP };

static enum send_result ipc_result(int error)
{
    if (error == 0)
        return SENT;
    return error == -IPC_ERR_FULL || error == -IPC_ERR_NO_MEMORY || error == -IPC_ERR_QUOTA ||
                   error == -IPC_ERR_INTERRUPTED || error == -IPC_ERR_TIMEOUT
               ? RETRY
               : GIVE_UP;
}

static enum send_result port_put(uint64_t port, const struct record *record, uint64_t cap)
{
    struct ipc_send_args args = port_message(1, record, sizeof(*record));

    args.timeout = MS;
    if (cap) {
        args.header.cap_count = 1;
        args.header.caps[0] = cap;
    }
    return ipc_result(port_send(port, &args));
}

static int port_connect(struct connection *connection, uint32_t sender)
{
    (void)sender;
    return lookup_wait(PORT_NAME, &connection->port);
}

static enum send_result port_transport_send(struct connection *connection, const struct record *record)
{
    return port_put(connection->port, record, 0);
}

/* A channel sender makes its channel, keeps one end and gives the other
 * to the receiver in a HELLO message on the port. */
static int channel_connect(struct connection *connection, uint32_t sender)
{
    uint64_t ends[2];
    int error = port_connect(connection, sender);

    if (!error)
        error = channel_create(4096, ends);
    if (!error)
        error = channel_open(ends[0], &connection->channel);
    if (error)
        return error;
    struct record hello = make_record(CHANNEL, sender, 0, RECORD_HELLO);
    enum send_result result;
    for (int tries = 0;
         (result = port_put(connection->port, &hello, ends[1])) == RETRY && tries < RETRIES_MAX; tries++)
        sched_yield();
    cap_close(ends[1]);
    return result == SENT ? 0 : -IPC_ERR_PEER_CLOSED;
}

static enum send_result channel_transport_send(struct connection *connection, const struct record *record)
{
    return ipc_result(channel_send(connection->channel, 1, record, sizeof(*record), MS));
}

static int pipe_connect(struct connection *connection, uint32_t sender)
{
    (void)connection;
    (void)sender;
    return 0;
}

static enum send_result pipe_transport_send(struct connection *connection, const struct record *record)
{
    ssize_t written = write(connection->pipe_fd, record, sizeof(*record));

    if (written == sizeof(*record))
        return SENT;
    if (written >= 0)
        return GIVE_UP; /* a torn write: the receiver will see it */
    return errno == EAGAIN || errno == ENOMEM || errno == EINTR ? RETRY : GIVE_UP;
}

struct receiver;

static const struct transport {
    const char *name;
    int (*connect)(struct connection *connection, uint32_t sender);
    enum send_result (*send)(struct connection *connection, const struct record *record);
    bool (*poll)(struct receiver *receiver); /* the receiver takes what came; true if anything did */
    bool writes_pipe;                        /* the sender keeps the pipe's write end */
} transports[TRANSPORTS];

/* --- a sender ------------------------------------------------------------- */

static enum send_result send_with_retries(const struct transport *transport, struct connection *connection,
                                          const struct record *record)
{
    enum send_result result = RETRY;

    for (int tries = 0; result == RETRY && tries < RETRIES_MAX; tries++)
        if ((result = transport->send(connection, record)) == RETRY)
            sched_yield();
    return result;
}

/* Exit 0: all sent and END; 2: could not connect; 3: gave up sending. */
static _Noreturn void sender(uint32_t transport, uint32_t id, int pipe_fd)
{
    struct connection connection = {.pipe_fd = pipe_fd};
    int error = -1;

    for (int tries = 0; error && tries < 100; tries++)
        if ((error = transports[transport].connect(&connection, id)) != 0)
            usleep(1000);
    if (error)
        _exit(2);
    for (uint32_t sequence = 0; sequence <= options.messages; sequence++) {
        struct record record =
            make_record(transport, id, sequence, sequence == options.messages ? RECORD_END : 0);
        if (send_with_retries(&transports[transport], &connection, &record) != SENT)
            _exit(3);
    }
    _exit(0);
}

/* --- the receiver ------------------------------------------------------- */

struct stream {
    uint32_t next; /* the sequence number expected next */
    bool ended, finished;
};

struct receiver {
    uint64_t port;
    struct channel *channels[SENDERS_MAX];
    int pipe_fd;
    bool pipe_open, done;
    uint8_t pipe_bytes[4096];
    size_t pipe_held;
    struct stream streams[TRANSPORTS][SENDERS_MAX];
    uint64_t received[TRANSPORTS], lost[TRANSPORTS], repeated[TRANSPORTS], torn[TRANSPORTS];
};

static void take_record(struct receiver *receiver, uint32_t transport, const struct record *record)
{
    if (!record_intact(record) || record->transport != transport) {
        receiver->torn[transport]++;
        return;
    }
    struct stream *stream = &receiver->streams[transport][record->sender];
    receiver->received[transport]++;
    if (record->sequence < stream->next || stream->ended)
        receiver->repeated[transport]++;
    else if (record->sequence > stream->next)
        receiver->lost[transport] += record->sequence - stream->next;
    stream->next = record->sequence + 1;
    stream->ended |= (record->flags & RECORD_END) != 0;
}

/* A port message: a port sender's record, a channel sender's HELLO with
 * its channel end, or the injector's DONE with who finished. */
static bool poll_port(struct receiver *receiver)
{
    struct record record;
    struct ipc_receive_args args = port_buffer(&record, sizeof(record), IPC_TIMEOUT_NONE);

    if (port_receive(receiver->port, &args) != 0)
        return false;
    if (args.header.length == sizeof(record) && (record.flags & RECORD_HELLO) && record_intact(&record) &&
        args.header.cap_count == 1 && !receiver->channels[record.sender]) {
        channel_open(args.header.caps[0], &receiver->channels[record.sender]);
    } else if (record.flags & RECORD_DONE) {
        for (uint32_t t = 0; t < TRANSPORTS; t++)
            for (uint32_t s = 0; s < SENDERS_MAX; s++)
                receiver->streams[t][s].finished = record.fill[t * SENDERS_MAX + s] != 0;
        receiver->done = true;
    } else {
        take_record(receiver, PORT, &record);
    }
    return true;
}

static bool poll_channels(struct receiver *receiver)
{
    bool progress = false;

    for (uint32_t s = 0; s < SENDERS_MAX; s++) {
        struct record record;
        int result;
        while (receiver->channels[s] &&
               (result = channel_receive(receiver->channels[s], NULL, &record, sizeof(record),
                                         IPC_TIMEOUT_NONE)) != -IPC_ERR_EMPTY) {
            progress = true;
            if (result >= 0) {
                take_record(receiver, CHANNEL, &record);
                continue;
            }
            channel_close(receiver->channels[s]); /* the sender is gone and all is read */
            receiver->channels[s] = NULL;
        }
    }
    return progress;
}

static bool poll_pipe(struct receiver *receiver)
{
    ssize_t got = receiver->pipe_open ? read(receiver->pipe_fd, receiver->pipe_bytes + receiver->pipe_held,
                                             sizeof(receiver->pipe_bytes) - receiver->pipe_held)
                                      : -1;

    if (got == 0)
        receiver->pipe_open = false; /* every writer is gone */
    if (got <= 0)
        return got == 0;
    receiver->pipe_held += (size_t)got;
    size_t used = 0;
    for (; receiver->pipe_held - used >= sizeof(struct record); used += sizeof(struct record)) {
        struct record record;
        memcpy(&record, receiver->pipe_bytes + used, sizeof(record));
        take_record(receiver, PIPE, &record);
    }
    memmove(receiver->pipe_bytes, receiver->pipe_bytes + used, receiver->pipe_held - used);
    receiver->pipe_held -= used;
    return true;
}

static bool channels_open(const struct receiver *receiver)
{
    for (uint32_t s = 0; s < SENDERS_MAX; s++)
        if (receiver->channels[s])
            return true;
    return false;
}

static const struct transport transports[TRANSPORTS] = {
    [PORT] = {"port", port_connect, port_transport_send, poll_port, false},
    [CHANNEL] = {"channel", channel_connect, channel_transport_send, poll_channels, false},
    [PIPE] = {"pipe", pipe_connect, pipe_transport_send, poll_pipe, true},
};

/* Creates the port the others find by name; exit status: the number of
 * failed checks. */
static _Noreturn void receiver_main(int pipe_fd)
{
    static struct receiver receiver;

    receiver = (struct receiver){.pipe_fd = pipe_fd, .pipe_open = true};
    if (port_create(0, &receiver.port) || ns_bind(PORT_NAME, receiver.port, IPC_RIGHT_SEND))
        _exit(100);
    while (!receiver.done || receiver.pipe_open || channels_open(&receiver)) {
        bool progress = false;
        for (uint32_t t = 0; t < TRANSPORTS; t++)
            progress |= transports[t].poll(&receiver);
        if (!progress)
            usleep(1000);
    }
    for (uint32_t t = 0; t < TRANSPORTS; t++) {
        uint32_t finished = 0, complete = 0;
        for (uint32_t s = 0; s < options.senders; s++) {
            finished += receiver.streams[t][s].finished;
            complete += receiver.streams[t][s].finished && receiver.streams[t][s].ended &&
                        receiver.streams[t][s].next == options.messages + 1;
        }
        CHECK(receiver.lost[t] == 0 && receiver.repeated[t] == 0 && receiver.torn[t] == 0,
              "%s: %llu records received in order from each sender: %llu lost, %llu repeated or reordered, "
              "%llu torn",
              transports[t].name, (unsigned long long)receiver.received[t],
              (unsigned long long)receiver.lost[t], (unsigned long long)receiver.repeated[t],
              (unsigned long long)receiver.torn[t]);
        CHECK(complete == finished,
              "%s: all %u records and END from each of the %u senders that finished (%u)", transports[t].name,
              options.messages, finished, complete);
    }
    _exit(check_failures);
}

/* --- the injector and the chaos process ------------------------------------ */

static uint64_t random_state;

static uint64_t random_below(uint64_t bound)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state % bound;
}

static _Noreturn void chaos(const pid_t *senders, uint32_t count)
{
    for (uint32_t kill_number = 0; kill_number < options.kills; kill_number++) {
        pid_t victim = senders[random_below(count)];
        usleep((useconds_t)(2000 + random_below(30000)));
        if (victim > 0)
            kill(victim, SIGKILL);
    }
    _exit(0);
}

struct endings {
    uint32_t finished, killed, gave_up;
};

/* Forks every sender and the chaos process, reaps them, and tells the
 * receiver which senders finished. */
static _Noreturn void injector(int pipe_fd)
{
    pid_t senders[TRANSPORTS * SENDERS_MAX];
    uint32_t count = TRANSPORTS * options.senders;
    struct record done = make_record(0, 0, 0, RECORD_DONE);
    struct endings endings = {0};
    uint64_t port;

    if (lookup_wait(PORT_NAME, &port))
        _exit(100);
    struct freeport_kstat kernel_before, kernel_after;
    freeport_kstat(&kernel_before);
    if (options.fault_one_in)
        freeport_fault_inject(options.fault_one_in, options.seed, FP_FAULT_HEAP | FP_FAULT_FRAMES);
    for (uint32_t i = 0; i < count; i++) {
        if ((senders[i] = fork()) == 0) {
            if (!transports[i / options.senders].writes_pipe)
                close(pipe_fd);
            sender(i / options.senders, i % options.senders, pipe_fd);
        }
    }
    close(pipe_fd);
    pid_t chaos_pid = fork();
    if (chaos_pid == 0)
        chaos(senders, count);
    memset(done.fill, 0, sizeof(done.fill));
    for (uint32_t i = 0; i < count; i++) {
        int status;
        if (senders[i] < 0 || waitpid(senders[i], &status, 0) != senders[i])
            continue;
        bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        done.fill[(i / options.senders) * SENDERS_MAX + i % options.senders] = finished;
        endings.finished += finished;
        endings.killed += WIFSIGNALED(status);
        endings.gave_up += WIFEXITED(status) && WEXITSTATUS(status) != 0;
    }
    waitpid(chaos_pid, NULL, 0);
    freeport_fault_inject(0, 0, 0);
    freeport_kstat(&kernel_after);
    printf("# senders: %u finished, %u killed, %u gave up; %llu allocations failed on purpose\n",
           endings.finished, endings.killed, endings.gave_up,
           (unsigned long long)(kernel_after.faults_injected - kernel_before.faults_injected));
    _exit(send_with_retries(&transports[0], &(struct connection){.port = port}, &done) == SENT ? 0 : 101);
}

/* --- the coordinator ------------------------------------------------------- */

static bool parse_options(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        uint64_t value = strtoull(argv[i + 1], NULL, 0);
        if (!strcmp(argv[i], "--seed"))
            options.seed = value;
        else if (!strcmp(argv[i], "--messages"))
            options.messages = (uint32_t)value;
        else if (!strcmp(argv[i], "--senders") && value >= 1 && value <= SENDERS_MAX)
            options.senders = (uint32_t)value;
        else if (!strcmp(argv[i], "--kills"))
            options.kills = (uint32_t)value;
        else if (!strcmp(argv[i], "--fault-inject"))
            options.fault_one_in = value;
        else
            return false;
    }
    return argc % 2 == 1;
}

/* Orphans are reaped by init, dead threads freed by the next to run: the
 * counters get a moment to come back. */
static bool settled(const struct ipc_baseline *before, const struct freeport_kstat *kernel_before)
{
    for (int tries = 0; tries < 300; tries++) {
        struct ipc_baseline now = ipc_baseline_take();
        if (ipc_baseline_same(before, &now) && kstat_same(kernel_before, &now.kernel))
            return true;
        usleep(10000);
    }
    return false;
}

int main(int argc, char **argv)
{
    int pipe_fds[2], status;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!parse_options(argc, argv)) {
        fprintf(
            stderr,
            "usage: stress [--seed S] [--messages M] [--senders 1-%d] [--kills N] [--fault-inject ONE_IN]\n",
            SENDERS_MAX);
        return 2;
    }
    if (!options.seed)
        options.seed = (uint64_t)time(NULL);
    random_state = options.seed | 1;
    printf("# stress: seed 0x%llx, %u senders per transport, %u records each, %u kills, allocation failures: "
           "1 in %llu\n",
           (unsigned long long)options.seed, options.senders, options.messages, options.kills,
           (unsigned long long)options.fault_one_in);
    struct ipc_baseline before = ipc_baseline_take();
    CHECK(freeport_kcheck(NULL) == 0, "the kernel is consistent before");
    CHECK(pipe(pipe_fds) == 0, "the pipe");
    pid_t receiver = fork();
    if (receiver == 0) {
        close(pipe_fds[1]);
        fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
        receiver_main(pipe_fds[0]);
    }
    pid_t injector_pid = fork();
    if (injector_pid == 0) {
        close(pipe_fds[0]);
        injector(pipe_fds[1]);
    }
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    CHECK(waitpid(injector_pid, &status, 0) == injector_pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the injector reaped every sender and told the receiver (status 0x%x)", status);
    CHECK(waitpid(receiver, &status, 0) == receiver && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the receiver's checks passed (status 0x%x)", status);
    CHECK(settled(&before, &before.kernel), "counters back to baseline: IPC objects, messages, capabilities, "
                                            "names, heap, frames, processes, files");
    check_baseline(&before, "after the stress");
    CHECK(freeport_kcheck(NULL) == 0, "the kernel is consistent after");
    return check_done();
}
