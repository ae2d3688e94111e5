/*
 * bench/ipc_freeport.c - workloads of Freeport's ports, between two
 * processes (Freeport only: read them against Linux's futex_pingpong and
 * pipe_roundtrip of the same size, and signal_pingpong).
 *
 * Layer: user program (see bench.h), on <freeport/port.h>. Capabilities
 * are not inherited across fork: the child creates its port and binds it
 * under a name the parent looks up.
 *   port_call        one operation: port_call with N bytes to the child,
 *                    which waits in port_receive and answers with port_reply
 *                    of N bytes: a round trip. Up to IPC_INLINE_MAX bytes
 *                    both directions take the fast path (no queue, no
 *                    allocation, straight to the waiting process)
 *   message_oneway   one operation: one port_send of N bytes, the child
 *                    receiving in a loop; the sender waits only when the
 *                    port (depth 64) is full, so this is the streaming rate
 * IPC errors are not errno values: a failure sets errno to EIO.
 */
#include <errno.h>
#include <freeport/capability.h>
#include <freeport/port.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define MESSAGE_MAX 4096
#define TYPE_DATA   1
#define TYPE_STOP   2

struct port_peer {
    size_t size;
    pid_t child;
    uint64_t port;
    uint8_t buffer[MESSAGE_MAX];
};

static int failed(void)
{
    errno = EIO;
    return -1;
}

static void port_name(char *name, size_t size, pid_t parent)
{
    snprintf(name, size, "bench.port.%d", (int)parent);
}

/* The child: receive until STOP; answer calls with the bytes received. */
static void port_child(struct port_peer *peer)
{
    char name[32];
    uint64_t port;

    port_name(name, sizeof(name), getppid());
    if (port_create(0, &port) != 0 || ns_bind(name, port, IPC_RIGHT_SEND) != 0)
        _exit(1);
    for (;;) {
        struct ipc_receive_args in = port_buffer(peer->buffer, MESSAGE_MAX, IPC_TIMEOUT_FOREVER);
        if (port_receive(port, &in) != 0)
            _exit(1);
        if (in.header.flags & IPC_MSG_CALL) {
            struct ipc_send_args out = port_message(TYPE_DATA, peer->buffer, in.header.length);
            if (port_reply(in.header.transaction_id, &out) != 0)
                _exit(1);
        }
        if (in.header.type == TYPE_STOP)
            _exit(0);
    }
}

int ipc_port_setup(size_t size, void **state)
{
    struct port_peer *peer = calloc(1, sizeof(*peer));
    char name[32];

    if (peer == NULL)
        return -1;
    peer->size = size;
    peer->child = fork();
    if (peer->child < 0) {
        free(peer);
        return -1;
    }
    if (peer->child == 0)
        port_child(peer);
    port_name(name, sizeof(name), getpid());
    for (int tries = 0; ns_lookup(name, &peer->port) != 0; tries++) {
        if (tries == 1000) {
            kill(peer->child, SIGKILL);
            waitpid(peer->child, NULL, 0);
            free(peer);
            return failed();
        }
        usleep(1000);
    }
    *state = peer;
    return 0;
}

int ipc_port_call_run(void *state)
{
    struct port_peer *peer = state;
    struct ipc_send_args out = port_message(TYPE_DATA, peer->buffer, (uint32_t)peer->size);
    struct ipc_receive_args in = port_buffer(peer->buffer, MESSAGE_MAX, IPC_TIMEOUT_FOREVER);

    out.timeout = IPC_TIMEOUT_FOREVER;
    if (port_call(peer->port, &out, &in) != 0 || in.header.length != peer->size)
        return failed();
    return 0;
}

int ipc_message_oneway_run(void *state)
{
    struct port_peer *peer = state;
    struct ipc_send_args out = port_message(TYPE_DATA, peer->buffer, (uint32_t)peer->size);

    out.timeout = IPC_TIMEOUT_FOREVER;
    return port_send(peer->port, &out) == 0 ? 0 : failed();
}

/* A STOP call: answered once everything sent before it was received. */
int ipc_port_teardown(void *state)
{
    struct port_peer *peer = state;
    struct ipc_send_args stop = port_message(TYPE_STOP, NULL, 0);
    struct ipc_receive_args in = port_buffer(peer->buffer, MESSAGE_MAX, IPC_TIMEOUT_FOREVER);
    int status, result = 0;

    stop.timeout = IPC_TIMEOUT_FOREVER;
    if (port_call(peer->port, &stop, &in) != 0 || waitpid(peer->child, &status, 0) != peer->child ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        result = failed();
    cap_close(peer->port);
    free(peer);
    return result;
}
