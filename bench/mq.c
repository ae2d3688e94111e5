/*
 * bench/mq.c - workload of a POSIX message queue round trip between two
 * processes, the same code on Freeport and Linux.
 *
 * Layer: user program (see bench.h). Setup makes two queues, parent to
 * child and back (opened by the parent before the fork and unlinked at
 * once: the descriptors keep them; glibc's mq_open is the bare system
 * call, so Linux needs no /dev/mqueue mounted), each holding 10 messages
 * of up to 4096 bytes (within both systems' defaults for unprivileged
 * processes), and a child that loops: receive a message, send it back.
 * One operation (mq_roundtrip): the parent sends `size` bytes at priority
 * 0 and receives the answer of the same size. An empty message tells the
 * child to stop.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define MQ_MESSAGE_MAX 4096
#define MQ_DEPTH       10

struct mq_peer {
    mqd_t down, up;
    size_t size;
    pid_t child;
    char buffer[MQ_MESSAGE_MAX];
};

/* A new queue, already unlinked: its descriptor, or -1. */
static mqd_t open_queue(const char *tag)
{
    struct mq_attr attr = {.mq_maxmsg = MQ_DEPTH, .mq_msgsize = MQ_MESSAGE_MAX};
    char name[64];
    mqd_t queue;

    snprintf(name, sizeof(name), "/bench-mq-%s-%d", tag, (int)getpid());
    queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    if (queue != (mqd_t)-1)
        mq_unlink(name);
    return queue;
}

static void mq_child(struct mq_peer *peer)
{
    for (;;) {
        ssize_t got = mq_receive(peer->down, peer->buffer, sizeof(peer->buffer), NULL);
        if (got <= 0)
            _exit(got == 0 ? 0 : 1); /* the empty message: done */
        if (mq_send(peer->up, peer->buffer, (size_t)got, 0) < 0)
            _exit(1);
    }
}

int posix_mq_setup(size_t size, void **state)
{
    struct mq_peer *peer = calloc(1, sizeof(*peer));

    if (peer == NULL)
        return -1;
    peer->size = size;
    peer->down = open_queue("down");
    peer->up = peer->down == (mqd_t)-1 ? (mqd_t)-1 : open_queue("up");
    if (peer->up == (mqd_t)-1) {
        if (peer->down != (mqd_t)-1)
            mq_close(peer->down);
        free(peer);
        return -1;
    }
    peer->child = fork();
    if (peer->child == 0)
        mq_child(peer);
    if (peer->child < 0) {
        posix_mq_teardown(peer);
        return -1;
    }
    *state = peer;
    return 0;
}

int posix_mq_roundtrip_run(void *state)
{
    struct mq_peer *peer = state;

    if (mq_send(peer->down, peer->buffer, peer->size, 0) < 0)
        return -1;
    return mq_receive(peer->up, peer->buffer, sizeof(peer->buffer), NULL) == (ssize_t)peer->size ? 0 : -1;
}

int posix_mq_teardown(void *state)
{
    struct mq_peer *peer = state;
    int status, result = 0;

    if (peer->child > 0 &&
        (mq_send(peer->down, peer->buffer, 0, 0) < 0 || waitpid(peer->child, &status, 0) != peer->child ||
         !WIFEXITED(status) || WEXITSTATUS(status) != 0))
        result = -1;
    mq_close(peer->down);
    mq_close(peer->up);
    free(peer);
    return result;
}
