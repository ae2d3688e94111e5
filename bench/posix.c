/*
 * bench/posix.c - workloads of POSIX IPC between two processes, the same
 * code on Freeport and Linux: pipe, FIFO, Unix stream and Unix datagram
 * socket round trips (Linux's classic baseline for a message round trip),
 * and pipe and Unix stream throughput. (Message queues: mq.c.)
 *
 * Layer: user program (see bench.h). Setup makes two channels, parent to
 * child and back (two pipes, two FIFOs opened by the parent before the
 * fork, or two socketpairs, each used one way; a datagram pair carries
 * each `size`-byte write as one datagram, which one read takes whole),
 * and a child that loops: read `size` bytes, answer `reply` bytes.
 * One operation: the parent writes `size` bytes (in writes of at most
 * STREAM_WRITE_MAX) and reads the answer.
 *   pipe_roundtrip, fifo_roundtrip, answer `size` bytes back: two context
 *   unix_stream_roundtrip,          switches and four copies, like port_call
 *   unix_dgram_roundtrip
 *   pipe_stream, unix_stream_stream answer one byte: `size` bytes one way,
 *                                   for throughput (64 KiB writes)
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define STREAM_WRITE_MAX 65536
#define FIFO_DOWN        "/tmp/bench-fifo-down"
#define FIFO_UP          "/tmp/bench-fifo-up"

struct pipe_peer {
    int to_child, from_child;
    size_t size, reply;
    pid_t child;
    char *buffer; /* size bytes */
};

/* read() exactly `size` bytes (a pipe may return less); 0, or -1. */
static int read_all(int fd, char *buffer, size_t size)
{
    while (size > 0) {
        ssize_t got = read(fd, buffer, size);
        if (got <= 0)
            return -1;
        buffer += got;
        size -= (size_t)got;
    }
    return 0;
}

/* write() `size` bytes, STREAM_WRITE_MAX at a time; 0, or -1. */
static int write_all(int fd, const char *buffer, size_t size)
{
    while (size > 0) {
        size_t piece = size < STREAM_WRITE_MAX ? size : STREAM_WRITE_MAX;
        ssize_t put = write(fd, buffer, piece);
        if (put <= 0)
            return -1;
        buffer += put;
        size -= (size_t)put;
    }
    return 0;
}

static void pipe_child(struct pipe_peer *peer, int from_parent, int to_parent)
{
    for (;;) {
        if (read_all(from_parent, peer->buffer, peer->size) < 0)
            _exit(0); /* the parent closed its end: done */
        if (write_all(to_parent, peer->buffer, peer->reply) < 0)
            _exit(1);
    }
}

/* A FIFO at `path`, both ends open in fds[0] (read) and fds[1] (write), its
 * name gone again; 0, or -1. The read end opens first, non-blocking, so
 * neither open waits for the other. */
static int open_fifo(const char *path, int fds[2])
{
    unlink(path);
    if (mkfifo(path, 0600) < 0)
        return -1;
    fds[0] = open(path, O_RDONLY | O_NONBLOCK);
    fds[1] = fds[0] < 0 ? -1 : open(path, O_WRONLY);
    unlink(path);
    if (fds[1] < 0 || fcntl(fds[0], F_SETFL, 0) < 0) {
        if (fds[0] >= 0)
            close(fds[0]);
        if (fds[1] >= 0)
            close(fds[1]);
        return -1;
    }
    return 0;
}

enum channel { CHANNEL_PIPE, CHANNEL_FIFO, CHANNEL_SOCKET, CHANNEL_DATAGRAM };

/* One way from fds[1] to fds[0]. */
static int open_channel(enum channel kind, const char *path, int fds[2])
{
    switch (kind) {
    case CHANNEL_FIFO: return open_fifo(path, fds);
    case CHANNEL_SOCKET: return socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    case CHANNEL_DATAGRAM: return socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    default: return pipe(fds);
    }
}

static int peer_setup(size_t size, size_t reply, enum channel kind, void **state)
{
    struct pipe_peer *peer = calloc(1, sizeof(*peer));
    int down[2], up[2];

    if (peer == NULL || (peer->buffer = calloc(1, size)) == NULL) {
        free(peer);
        return -1;
    }
    if (open_channel(kind, FIFO_DOWN, down) < 0) {
        free(peer->buffer);
        free(peer);
        return -1;
    }
    if (open_channel(kind, FIFO_UP, up) < 0) {
        close(down[0]);
        close(down[1]);
        free(peer->buffer);
        free(peer);
        return -1;
    }
    peer->size = size;
    peer->reply = reply;
    peer->child = fork();
    if (peer->child == 0) {
        close(down[1]);
        close(up[0]);
        pipe_child(peer, down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    peer->to_child = down[1];
    peer->from_child = up[0];
    if (peer->child < 0) {
        posix_pipe_teardown(peer);
        return -1;
    }
    *state = peer;
    return 0;
}

int posix_pipe_setup(size_t size, void **state)
{
    return peer_setup(size, size, CHANNEL_PIPE, state);
}

int posix_fifo_setup(size_t size, void **state)
{
    return peer_setup(size, size, CHANNEL_FIFO, state);
}

int posix_unix_stream_setup(size_t size, void **state)
{
    return peer_setup(size, size, CHANNEL_SOCKET, state);
}

int posix_unix_dgram_setup(size_t size, void **state)
{
    return peer_setup(size, size, CHANNEL_DATAGRAM, state);
}

int posix_pipe_stream_setup(size_t size, void **state)
{
    return peer_setup(size, 1, CHANNEL_PIPE, state);
}

int posix_unix_stream_stream_setup(size_t size, void **state)
{
    return peer_setup(size, 1, CHANNEL_SOCKET, state);
}

int posix_pipe_roundtrip_run(void *state)
{
    struct pipe_peer *peer = state;

    if (write_all(peer->to_child, peer->buffer, peer->size) < 0)
        return -1;
    return read_all(peer->from_child, peer->buffer, peer->reply);
}

int posix_pipe_teardown(void *state)
{
    struct pipe_peer *peer = state;
    int status, result = 0;

    /* The child's read returns 0 and it exits: for a stream at the close;
     * for a datagram pair at this empty datagram (closing a datagram
     * socket does not end its peer's reads, on either system). */
    if (write(peer->to_child, peer->buffer, 0) < 0)
        result = -1;
    close(peer->to_child);
    close(peer->from_child);
    if (peer->child > 0 &&
        (waitpid(peer->child, &status, 0) != peer->child || !WIFEXITED(status) || WEXITSTATUS(status) != 0))
        result = -1;
    free(peer->buffer);
    free(peer);
    return result;
}
