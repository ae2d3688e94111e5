/*
 * ipc_freeworld.c - in-guest conformance test of FreeWorld's channels
 * (<freeport/freeworld.h>, system calls 220-224): every type's success
 * and error paths, two processes blocking on each other, a socket server
 * with several clients (replies by pid, broadcast, stamped senders that
 * cannot be forged), queue priorities, hang-ups when a creator goes,
 * signals ending waits, ids not inherited by fork, a process exiting
 * with channels open, allocations failing, and the kernel's counters
 * back where they started.
 *
 * Layer: test programs (user space), run by tests/ipc_freeworld.bats.
 * Each group runs in a child (check_child), so one group's leftovers
 * cannot hide in another's; channel names carry the test's pid.
 */
#include <freeport/freeworld.h>
#include "ipc_test.h"

static char names[8][48];

/* "fw.<tag>.<pid of the test's parent process>": unique per run. */
static const char *name_of(int slot, const char *tag)
{
    snprintf(names[slot], sizeof(names[slot]), "fw.%s.%d", tag, getppid());
    return names[slot];
}

/* Wait (polling, up to ~2 s) until `pid` sleeps in the kernel. */
static bool asleep(pid_t pid)
{
    for (int tries = 0; tries < 400; tries++) {
        if (process_state(pid) == FP_PROC_SLEEPING)
            return true;
        usleep(5000);
    }
    return false;
}

/* Reap `pid`; true if it exited with 0 (its checks all passed). */
static bool reaped_well(pid_t pid)
{
    int status = -1;

    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int send_message(int id, uint32_t type, const char *text, uint32_t receiver, uint32_t priority)
{
    IPC_MESSAGE message = {.type = type, .receiver = receiver, .priority = priority};

    message.size = (uint32_t)strlen(text) + 1;
    memcpy(message.payload, text, message.size);
    return ipc_send_message(id, &message);
}

/* A receive that must not wait: the raw call with IPC_TIMEOUT_NONE (the
 * C library always waits). Native result. */
static long receive_now(int id)
{
    char payload[IPC_MESSAGE_PAYLOAD_MAX];
    struct ipc_receive_args args = port_buffer(payload, sizeof(payload), IPC_TIMEOUT_NONE);

    return RAW(SYS_fw_receive, id, &args);
}

/* --- Creating, opening, closing --- */

static void naming_errors(void)
{
    char long_name[IPC_CHANNEL_NAME_MAX + 2];
    const char *name = name_of(0, "names");
    uint64_t port;
    int id, other;

    memset(long_name, 'n', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    CHECK(ipc_create_channel(name, 3, 0) == -1 && errno == EINVAL, "an unknown type is EINVAL");
    CHECK(ipc_create_channel(name, IPC_TYPE_QUEUE, IPC_CHANNEL_BUFFER_MAX + 1) == -1 && errno == EINVAL,
          "a queue beyond %d bytes is EINVAL", IPC_CHANNEL_BUFFER_MAX);
    CHECK(ipc_create_channel(name, IPC_TYPE_PIPE, IPC_PIPE_BUFFER_MAX + 1) == -1 && errno == EINVAL,
          "a pipe beyond 64 KiB is EINVAL");
    CHECK(ipc_create_channel("", IPC_TYPE_QUEUE, 0) == -1 && errno == EINVAL, "an empty name is EINVAL");
    CHECK(ipc_create_channel(long_name, IPC_TYPE_QUEUE, 0) == -1 && errno == EMSGSIZE,
          "a 129-byte name is EMSGSIZE");
    long_name[IPC_CHANNEL_NAME_MAX] = '\0';
    id = ipc_create_channel(long_name, IPC_TYPE_QUEUE, 0);
    CHECK(id > 0 && ipc_close_channel(id) == 0, "a 128-byte name is fine");
    CHECK(RAW(SYS_fw_create, bad_pointer(8), 4, IPC_TYPE_QUEUE, 0) == -IPC_ERR_FAULT,
          "a name at a bad address is FAULT");
    id = ipc_create_channel(name, IPC_TYPE_QUEUE, 0);
    CHECK(id > 0, "create: id %d", id);
    CHECK(ipc_create_channel(name, IPC_TYPE_PIPE, 0) == -1 && errno == EEXIST,
          "the same name again is EEXIST");
    CHECK(ipc_open_channel(name_of(1, "nobody"), IPC_MODE_READ) == -1 && errno == ENOENT,
          "an unknown name is ENOENT");
    CHECK(ipc_open_channel(name, 0) == -1 && errno == EINVAL, "mode 0 is EINVAL");
    CHECK(ipc_open_channel(name, 4) == -1 && errno == EINVAL, "an unknown mode bit is EINVAL");
    other = ipc_open_channel(name, IPC_MODE_READWRITE);
    CHECK(other > 0 && other != id, "open: another id %d", other);
    CHECK(ipc_close_channel(other) == 0, "close");
    CHECK(ipc_close_channel(other) == -1 && errno == EBADF, "closing twice is EBADF");
    CHECK(ipc_close_channel(0) == -1 && errno == EBADF, "id 0 is EBADF");
    CHECK(ipc_close_channel(100000) == -1 && errno == EBADF, "an id beyond the table is EBADF");
    CHECK(ipc_send(other, "x", 1, 0) == -1 && errno == EBADF, "a closed id cannot send (EBADF)");
    CHECK(port_create(0, &port) == 0, "a native port");
    CHECK(ipc_send((uint32_t)port, "x", 1, 0) == -1 && errno == EBADF,
          "a port's slot is no channel id (EBADF)");
    cap_close(port);
    CHECK(ipc_close_channel(id) == 0, "the creator closes");
    CHECK(ipc_open_channel(name, IPC_MODE_READ) == -1 && errno == ENOENT, "and the name is gone");
    id = ipc_create_channel(name, IPC_TYPE_SOCKET, 0);
    CHECK(id > 0 && ipc_close_channel(id) == 0, "the name can be created again");
}

static void channel_limit(void)
{
    int ids[IPC_CHANNELS_MAX], made = 0, extra;
    char name[48];

    while (made < IPC_CHANNELS_MAX) {
        snprintf(name, sizeof(name), "fw.limit.%d.%d", getpid(), made);
        if ((ids[made] = ipc_create_channel(name, IPC_TYPE_QUEUE, 512)) < 0)
            break;
        made++;
    }
    CHECK(made == IPC_CHANNELS_MAX, "%d channels exist at once", made);
    extra = ipc_create_channel(name_of(0, "one.more"), IPC_TYPE_PIPE, 0);
    CHECK(extra == -1 && errno == EMFILE, "one more is EMFILE");
    for (int index = 0; index < made; index++)
        ipc_close_channel(ids[index]);
    extra = ipc_create_channel(name_of(0, "one.more"), IPC_TYPE_PIPE, 0);
    CHECK(extra > 0 && ipc_close_channel(extra) == 0, "once they are closed there is room again");
}

/* --- Queues --- */

static void queue_in_one_process(void)
{
    const char *name = name_of(0, "queue");
    int id = ipc_create_channel(name, IPC_TYPE_QUEUE, 0), reader, writer;
    static const uint32_t priorities[] = {1, 5, 3, 5, 0, 31};
    static const uint32_t expected[] = {31, 5, 5, 3, 1, 0};
    char big[IPC_MESSAGE_PAYLOAD_MAX + 1];
    IPC_MESSAGE message;
    uint32_t order_ok = 0;
    char tag[8];

    CHECK(id > 0, "a queue");
    for (unsigned index = 0; index < 6; index++) {
        snprintf(tag, sizeof(tag), "m%u", index);
        CHECK(send_message(id, 100 + index, tag, 0, priorities[index]) == 3, "send %s at priority %u", tag,
              priorities[index]);
    }
    for (unsigned index = 0; index < 6; index++) {
        int size = ipc_receive(id, &message, sizeof(message));
        order_ok += size == 3 && message.priority == expected[index] &&
                    message.sender == (uint32_t)getpid() && message.receiver == (uint32_t)getpid() &&
                    message.size == 3;
        if (index == 1 || index == 2)
            order_ok += strcmp(message.payload, index == 1 ? "m1" : "m3") == 0; /* FIFO within 5 */
    }
    CHECK(order_ok == 8, "highest priority first, FIFO within one, sender and receiver stamped (%u/8)",
          order_ok);
    memset(big, 'b', sizeof(big));
    CHECK(ipc_send(id, big, IPC_MESSAGE_PAYLOAD_MAX, 9) == IPC_MESSAGE_PAYLOAD_MAX, "512 bytes fit");
    CHECK(ipc_send(id, big, IPC_MESSAGE_PAYLOAD_MAX + 1, 9) == -1 && errno == EMSGSIZE, "513 are EMSGSIZE");
    CHECK(send_message(id, 1, "p", 0, 32) == -1 && errno == EINVAL, "priority 32 is EINVAL");
    CHECK(send_message(id, 1, "r", 7, 0) == -1 && errno == EINVAL, "a receiver on a queue is EINVAL");
    CHECK(ipc_receive(id, &message, IPC_MESSAGE_HEADER_SIZE - 1) == -1 && errno == EINVAL,
          "a buffer smaller than the header is EINVAL");
    CHECK(ipc_receive(id, &message, IPC_MESSAGE_HEADER_SIZE + 100) == -1 && errno == EMSGSIZE,
          "a 512-byte message into 100 bytes is EMSGSIZE");
    CHECK(ipc_receive(id, bad_pointer(16), sizeof(message)) == -1 && errno == EFAULT,
          "into a bad buffer is EFAULT");
    CHECK(ipc_receive(id, &message, sizeof(message)) == IPC_MESSAGE_PAYLOAD_MAX && message.type == 9 &&
              message.payload[511] == 'b',
          "and the message stayed queued for a buffer that fits");
    CHECK(ipc_send(id, bad_pointer(16), 8, 1) == -1 && errno == EFAULT,
          "sending from a bad buffer is EFAULT");
    CHECK(receive_now(id) == -IPC_ERR_EMPTY, "nothing was queued by it: the queue is empty (EMPTY)");
    CHECK(ipc_send(id, "", 0, 4) == 0 && ipc_receive(id, &message, sizeof(message)) == 0 && message.type == 4,
          "an empty message has a type");
    reader = ipc_open_channel(name, IPC_MODE_READ);
    writer = ipc_open_channel(name, IPC_MODE_WRITE);
    CHECK(ipc_send(reader, "x", 1, 0) == -1 && errno == EACCES, "a reader cannot send (EACCES)");
    CHECK(ipc_receive(writer, &message, sizeof(message)) == -1 && errno == EACCES,
          "a writer cannot receive (EACCES)");
    CHECK(ipc_send(writer, "w", 2, 6) == 2 && ipc_receive(reader, &message, sizeof(message)) == 2 &&
              message.type == 6,
          "what a writer sends, a reader receives");
    CHECK(ipc_close_channel(id) == 0, "the creator closes");
    CHECK(ipc_send(writer, "late", 5, 1) == 5 && ipc_receive(reader, &message, sizeof(message)) == 5,
          "the openings left keep the queue working");
    ipc_close_channel(writer);
    CHECK(ipc_receive(reader, &message, sizeof(message)) == -1 && errno == EPIPE,
          "with the name and every writer gone, a reader gets EPIPE");
    ipc_close_channel(reader);
}

static void queue_reader_blocks(void)
{
    const char *name = name_of(0, "qblock");
    int id = ipc_create_channel(name, IPC_TYPE_QUEUE, 0);
    pid_t parent = getpid(), child = fork_child();

    if (child == 0) {
        IPC_MESSAGE message;
        int reader = ipc_open_channel(name, IPC_MODE_READ);
        int size = ipc_receive(reader, &message, sizeof(message));
        CHECK(size == 6 && strcmp(message.payload, "wake!") == 0 && message.sender == (uint32_t)parent,
              "the blocked reader gets the message, from the parent");
        CHECK(ipc_receive(reader, &message, sizeof(message)) == -1 && errno == EPIPE,
              "and EPIPE when the creator, the last writer, goes while it waits");
        _exit(check_failures);
    }
    CHECK(asleep(child), "the reader sleeps in ipc_receive");
    CHECK(ipc_send(id, "wake!", 6, 1) == 6, "a send wakes it");
    CHECK(asleep(child), "it sleeps again");
    ipc_close_channel(id);
    CHECK(reaped_well(child), "the reader saw both");
}

static void queue_writer_blocks(void)
{
    const char *name = name_of(0, "qfull");
    int id = ipc_create_channel(name, IPC_TYPE_QUEUE, 1); /* one message */
    IPC_MESSAGE message;
    pid_t child;

    CHECK(ipc_send(id, "first", 6, 1) == 6, "the one place is taken");
    child = fork_child();
    if (child == 0) {
        int writer = ipc_open_channel(name, IPC_MODE_WRITE);
        CHECK(ipc_send(writer, "second", 7, 2) == 7, "the blocked writer's send completes");
        _exit(check_failures);
    }
    CHECK(asleep(child), "a writer to the full queue sleeps");
    CHECK(ipc_receive(id, &message, sizeof(message)) == 6 && message.type == 1,
          "taking the first makes room");
    CHECK(ipc_receive(id, &message, sizeof(message)) == 7 && message.type == 2 &&
              message.sender == (uint32_t)child,
          "then the second arrives, from the child");
    CHECK(reaped_well(child), "the writer finished well");
    ipc_close_channel(id);
}

/* --- Pipes --- */

static void pipe_bytes(void)
{
    const char *name = name_of(0, "pipe");
    int id = ipc_create_channel(name, IPC_TYPE_PIPE, 4096), writer;
    IPC_MESSAGE message;
    pid_t child;

    CHECK(id > 0, "a pipe");
    CHECK(ipc_send(id, "abc", 3, 77) == 3 && ipc_send(id, "def", 3, 78) == 3, "two writes");
    CHECK(ipc_receive(id, &message, IPC_MESSAGE_HEADER_SIZE + 4) == 4 &&
              memcmp(message.payload, "abcd", 4) == 0,
          "bytes, not messages: 4 of the 6");
    CHECK(message.size == 4 && message.type == 0 && message.sender == 0 && message.priority == 0 &&
              message.receiver == (uint32_t)getpid(),
          "a pipe carries no type, sender or priority");
    CHECK(ipc_receive(id, &message, sizeof(message)) == 2 && memcmp(message.payload, "ef", 2) == 0,
          "the rest");
    CHECK(ipc_send(id, "x", IPC_MESSAGE_PAYLOAD_MAX + 1, 0) == -1 && errno == EMSGSIZE,
          "a write beyond 512 bytes is EMSGSIZE");
    CHECK(send_message(id, 0, "r", 3, 0) == -1 && errno == EINVAL, "a receiver on a pipe is EINVAL");
    child = fork_child();
    if (child == 0) {
        int reader = ipc_open_channel(name, IPC_MODE_READ);
        int total = 0, size;
        while ((size = ipc_receive(reader, &message, sizeof(message))) > 0)
            total += size;
        CHECK(size == 0 && total == 1000, "the blocked reader gets all 1000 bytes, then the end (0)");
        _exit(check_failures);
    }
    CHECK(asleep(child), "a reader of the empty pipe sleeps");
    writer = ipc_open_channel(name, IPC_MODE_WRITE);
    for (int piece = 0; piece < 10; piece++)
        ipc_send(writer, names, 100, 0);
    ipc_close_channel(writer);
    ipc_close_channel(id);
    CHECK(reaped_well(child), "once the creator and the writer closed, the reader saw the end");
    id = ipc_create_channel(name, IPC_TYPE_PIPE, 0);
    writer = ipc_open_channel(name, IPC_MODE_WRITE);
    ipc_close_channel(id);
    CHECK(ipc_send(writer, "x", 1, 0) == -1 && errno == EPIPE, "writing with no reader left is EPIPE");
    ipc_close_channel(writer);
}

/* --- Sockets --- */

#define CLIENTS 3

static void socket_client(const char *name, int index, pid_t server)
{
    IPC_MESSAGE message;
    char text[32];
    int id = ipc_open_channel(name, IPC_MODE_READWRITE);

    CHECK(id > 0, "client %d opens", index);
    snprintf(text, sizeof(text), "hello %d", index);
    CHECK(send_message(id, 10, text, 0, 0) > 0, "client %d sends to the server", index);
    CHECK(send_message(id, 10, text, server + 1000, 0) == -1 && errno == EINVAL,
          "client %d cannot address anyone but the server (EINVAL)", index);
    CHECK(ipc_receive(id, &message, sizeof(message)) > 0 && message.type == 20 &&
              message.sender == (uint32_t)server && message.receiver == (uint32_t)getpid() &&
              message.payload[0] == '0' + index,
          "client %d gets its own reply, from the server", index);
    CHECK(ipc_receive(id, &message, sizeof(message)) > 0 && message.type == 30 &&
              strcmp(message.payload, "to all") == 0 && message.sender == (uint32_t)server,
          "client %d gets the broadcast", index);
    CHECK(ipc_receive(id, &message, sizeof(message)) == -1 && errno == EPIPE,
          "client %d: the server's exit ends its wait (EPIPE)", index);
    CHECK(ipc_send(id, "late", 5, 1) == -1 && errno == EPIPE, "client %d cannot send to a gone server",
          index);
    _exit(check_failures);
}

static void socket_service(void)
{
    const char *name = name_of(0, "sock");
    int server = ipc_create_channel(name, IPC_TYPE_SOCKET, 0), answered = 0, stamped = 0;
    pid_t clients[CLIENTS];
    IPC_MESSAGE message;

    CHECK(server > 0, "a socket: the creator is its server");
    for (int index = 0; index < CLIENTS; index++)
        if ((clients[index] = fork_child()) == 0)
            socket_client(name, index, getppid());
    for (int index = 0; index < CLIENTS; index++) {
        CHECK(ipc_receive(server, &message, sizeof(message)) > 0 && message.type == 10, "a client's hello");
        for (int client = 0; client < CLIENTS; client++)
            if (message.sender == (uint32_t)clients[client] && message.payload[6] == '0' + client) {
                char reply[2] = {(char)('0' + client), 0};
                stamped++;
                answered += send_message(server, 20, reply, message.sender, 0) == 2;
            }
    }
    CHECK(stamped == CLIENTS && answered == CLIENTS,
          "each hello carries its client's pid; each answered by pid");
    for (int index = 0; index < CLIENTS; index++)
        CHECK(asleep(clients[index]), "client %d waits", index);
    CHECK(send_message(server, 30, "to all", 0, 0) == 7, "one broadcast");
    CHECK(send_message(server, 20, "nobody", 1, 0) == -1 && errno == EPIPE,
          "a pid that opened nothing: EPIPE");
    for (int index = 0; index < CLIENTS; index++)
        CHECK(asleep(clients[index]), "client %d waits again", index);
    CHECK(ipc_close_channel(server) == 0, "the server leaves");
    for (int index = 0; index < CLIENTS; index++)
        CHECK(reaped_well(clients[index]), "client %d saw its reply, the broadcast and the end", index);
}

static void socket_sender_not_forged(void)
{
    const char *name = name_of(0, "forge");
    int server = ipc_create_channel(name, IPC_TYPE_SOCKET, 0), writer;
    IPC_MESSAGE message = {.type = 1, .size = 4, .sender = 1, .receiver = 0, .priority = 2};
    pid_t child = fork_child();

    if (child == 0) {
        int id = ipc_open_channel(name, IPC_MODE_WRITE);
        memcpy(message.payload, "lie", 4);
        CHECK(ipc_send_message(id, &message) == 4, "a client claiming to be pid 1 sends");
        CHECK(ipc_receive(id, &message, sizeof(message)) == -1 && errno == EACCES,
              "a write-only client has no inbox (EACCES)");
        _exit(check_failures);
    }
    CHECK(ipc_receive(server, &message, sizeof(message)) == 4 && message.sender == (uint32_t)child &&
              message.priority == 2,
          "the server sees the true sender %d, not 1", (int)child);
    CHECK(reaped_well(child), "the client ended well");
    writer = ipc_open_channel(name, IPC_MODE_READWRITE);
    CHECK(send_message(server, 5, "me", (uint32_t)getpid(), 0) == 3 &&
              ipc_receive(writer, &message, sizeof(message)) == 3 && message.sender == (uint32_t)getpid(),
          "a server may open its own socket as a client and answer itself");
    ipc_close_channel(writer);
    ipc_close_channel(server);
}

/* --- Signals and fork --- */

static void on_signal(int signal_number)
{
    (void)signal_number;
}

/* A signal ends a blocked receive (queue) and a blocked send (a full pipe
 * of 64 KiB) with EINTR, even with SA_RESTART: IPC waits never restart. */
static void interrupted_by_signal(void)
{
    struct sigaction action = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
    int queue = ipc_create_channel(name_of(0, "signal.queue"), IPC_TYPE_QUEUE, 0);
    int pipe_id = ipc_create_channel(name_of(1, "signal.pipe"), IPC_TYPE_PIPE, 0);
    pid_t parent = getpid(), child;
    IPC_MESSAGE message;
    int sends = 0;

    sigaction(SIGUSR1, &action, NULL);
    if ((child = fork_child()) == 0) {
        for (int step = 0; step < 2; step++) {
            while (process_state(parent) != FP_PROC_SLEEPING)
                usleep(5000);
            kill(parent, SIGUSR1);
            usleep(50000);
        }
        _exit(0);
    }
    CHECK(ipc_receive(queue, &message, sizeof(message)) == -1 && errno == EINTR,
          "a signal ends a blocked receive with EINTR");
    while (ipc_send(pipe_id, names, IPC_MESSAGE_PAYLOAD_MAX, 0) == IPC_MESSAGE_PAYLOAD_MAX)
        sends++;
    CHECK(errno == EINTR && sends == IPC_PIPE_BUFFER_MAX / IPC_MESSAGE_PAYLOAD_MAX,
          "and a send blocked on the full pipe (%d writes went in first)", sends);
    CHECK(reaped_well(child), "the signaller ended well");
    ipc_close_channel(queue);
    ipc_close_channel(pipe_id);
}

/* Ids are capabilities: a child starts without them. */
static void not_inherited_by_fork(void)
{
    int id = ipc_create_channel(name_of(0, "fork"), IPC_TYPE_QUEUE, 0);
    pid_t child = fork_child();

    if (child == 0) {
        CHECK(ipc_send(id, "x", 1, 0) == -1 && errno == EBADF, "the parent's id means nothing in the child");
        CHECK(ipc_close_channel(id) == -1 && errno == EBADF, "nor can the child close it");
        _exit(check_failures);
    }
    CHECK(reaped_well(child), "the child saw no id");
    CHECK(ipc_send(id, "y", 2, 0) == 2, "the parent's id still works");
    ipc_close_channel(id);
}

/* --- Out of memory --- */

/* Create a channel of `type`, open it, send one message through it and
 * take it: 0, or bit 1 if a call failed with ENOMEM, bit 2 otherwise. */
static int channel_attempt(uint32_t type, const char *name)
{
    int id = ipc_create_channel(name, type, 0), other, result = 0;
    IPC_MESSAGE message;

    if (id < 0)
        return errno == ENOMEM ? 1 : 2;
    other = ipc_open_channel(name, IPC_MODE_READWRITE);
    if (other < 0 || ipc_send(other, "oom", 4, 1) != 4 || ipc_receive(id, &message, sizeof(message)) != 4)
        result = errno == ENOMEM ? 1 : 2;
    if (other >= 0)
        ipc_close_channel(other);
    ipc_close_channel(id);
    return result;
}

static int make_channels(void)
{
    return channel_attempt(IPC_TYPE_SOCKET, names[0]) | channel_attempt(IPC_TYPE_PIPE, names[1]) |
           channel_attempt(IPC_TYPE_QUEUE, names[2]);
}

/* Allocations failing on purpose (SYS_fault_inject) in children using all
 * three types: each refusal is ENOMEM, and the baselines compared at the
 * end show that no failure left a channel, port, stream or block behind. */
static void out_of_memory(void)
{
    int refused = 0, wrong = 0;

    name_of(0, "oom.sock");
    name_of(1, "oom.pipe");
    name_of(2, "oom.queue");
    fault_inject_children(make_channels, NULL, &refused, &wrong);
    CHECK(refused > 0 && wrong == 0,
          "failed allocations fail the calls with ENOMEM (%d runs saw it), never "
          "anything else",
          refused);
}

/* --- Exit --- */

static void exit_with_channels_open(void)
{
    const char *socket_name = name_of(0, "exit.sock"), *pipe_name = name_of(1, "exit.pipe");
    const char *queue_name = name_of(2, "exit.queue");
    pid_t child = fork_child();
    int id;

    if (child == 0) {
        ipc_create_channel(socket_name, IPC_TYPE_SOCKET, 0);
        ipc_create_channel(pipe_name, IPC_TYPE_PIPE, 0);
        id = ipc_create_channel(queue_name, IPC_TYPE_QUEUE, 0);
        ipc_open_channel(socket_name, IPC_MODE_READWRITE);
        ipc_send(id, "left behind", 12, 1);
        ipc_send(ipc_open_channel(pipe_name, IPC_MODE_WRITE), "bytes", 5, 0);
        _exit(0);
    }
    CHECK(reaped_well(child), "a child made three channels and exited with them open");
    id = ipc_create_channel(queue_name, IPC_TYPE_QUEUE, 0);
    CHECK(id > 0, "its names went with it");
    ipc_close_channel(id);
}

int main(void)
{
    struct baseline before;
    struct ipc_baseline ipc_before;

    baseline_start(&before);
    ipc_before = ipc_baseline_take();
    check_child(naming_errors, "names, modes and ids (child)");
    check_child(channel_limit, "the system's channel limit (child)");
    check_child(queue_in_one_process, "queues: priorities, sizes, modes, hang-up (child)");
    check_child(queue_reader_blocks, "queues: a reader blocks until a send (child)");
    check_child(queue_writer_blocks, "queues: a writer blocks while full (child)");
    check_child(pipe_bytes, "pipes: bytes, a blocked reader, the end, EPIPE (child)");
    check_child(socket_service, "sockets: three clients, replies by pid, broadcast, server exit (child)");
    check_child(socket_sender_not_forged, "sockets: the sender cannot be forged (child)");
    check_child(interrupted_by_signal, "signals end blocked receives and sends (child)");
    check_child(not_inherited_by_fork, "fork does not inherit ids (child)");
    check_child(exit_with_channels_open, "exiting with channels open (child)");
    check_child(out_of_memory, "allocations failing (child)");
    check_baseline(&ipc_before, "after every group");
    check_back_to_baseline(&before);
    return check_done();
}
