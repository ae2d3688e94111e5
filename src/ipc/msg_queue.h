/*
 * msg_queue.h - a port's bounded message queue: one FIFO per priority and a
 * bitmap of the non-empty ones.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_msg_queue.c).
 * The queue never allocates: the sender's path builds the struct
 * ipc_message (header, payload, in-flight capabilities) before pushing, so
 * a push either links the whole message or refuses it.
 *
 * Invariants:
 *   - bit p of `nonempty` is set exactly when levels[p] holds a message;
 *   - depth == messages linked in all levels <= depth_limit;
 *   - bytes == their payload bytes; with a byte_limit (0: none), a push
 *     that would go beyond it is refused, unless the queue is empty (so
 *     a message no larger than the limit's owner allows always fits);
 *   - pop returns the oldest message of the highest non-empty priority;
 *   - in a queue `ordered_by_type`, each level is sorted by header.type,
 *     highest first, and FIFO among equal types: a finer priority inside
 *     the 32 levels (POSIX message queues keep their 32768 priorities
 *     exact this way: level = priority / 1024, type = priority).
 * Locking: the owning port's lock (the IPC lock) protects the queue.
 */
#ifndef FREEPORT_IPC_MSG_QUEUE_H
#define FREEPORT_IPC_MSG_QUEUE_H

#include <stdbool.h>
#include <stdint.h>
#include "lib/list.h"
#include "uapi/freeport/ipc.h"

struct capability;

struct ipc_message {
    struct ipc_msg_header header;                  /* header.priority picks the level */
    void *payload;                                 /* header.length bytes, or NULL */
    struct capability *caps[IPC_MAX_CAPS_PER_MSG]; /* header.cap_count, in flight */
    struct list_node link;                         /* in its priority's FIFO */
};

struct msg_queue {
    struct list_node levels[IPC_PRIORITY_LEVELS];
    uint32_t nonempty;    /* bit p: levels[p] is not empty */
    uint32_t depth;       /* messages queued */
    uint32_t depth_limit; /* push beyond it fails with IPC_ERR_FULL */
    uint32_t max_depth;   /* the largest depth ever reached */
    uint64_t bytes;       /* payload bytes queued */
    uint64_t byte_limit;  /* 0: none; else a push beyond it fails with IPC_ERR_FULL */
    bool ordered_by_type; /* within a level, higher header.type first (push walks the level) */
};

void msg_queue_init(struct msg_queue *queue, uint32_t depth_limit);

/* Would a message of `length` payload bytes fit now (depth and bytes)? */
bool msg_queue_has_room(const struct msg_queue *queue, uint32_t length);

/* Link `message` at the tail of its priority's FIFO (ordered_by_type: after
 * the last message of its level whose type is at least its own): -IPC_ERR_FULL at the
 * depth or byte limit, -IPC_ERR_INVALID_ARGUMENT for a priority out of range. */
int msg_queue_push(struct msg_queue *queue, struct ipc_message *message);

/* Unlink and return the next message to receive, or NULL if empty. */
struct ipc_message *msg_queue_pop(struct msg_queue *queue);

/* The message pop would return, left in place; NULL if empty. */
struct ipc_message *msg_queue_peek(const struct msg_queue *queue);

#endif
