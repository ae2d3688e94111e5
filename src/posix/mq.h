/*
 * mq.h - POSIX message queues: a native port (ipc/port.h) with the mq
 * attributes, a name in the POSIX layer's own table, and open files as
 * its descriptors.
 *
 * Layer: POSIX, on native ports and the file layer's files. The port does
 * the queueing, waiting, waking and counting; a queue adds its name, its
 * attributes, the descriptors open on it and the mq_notify registration.
 * Priorities keep their exact order through mq_priority.h.
 *
 * Names live in a table here, not in the native name service: a native
 * name dies with the process that bound it, a queue's name lives until
 * mq_unlink. Lifetime: a queue exists while it is named (linked) or any
 * file is open on it; the last of the two to go frees it (closing the
 * port, which discards the messages still queued).
 * Invariants: at most FP_MQ_OPEN_MAX queues exist; a linked name is in
 * the table at most once; `files` counts the struct files open on the
 * queue (dup and fork share one).
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#ifndef FREEPORT_POSIX_MQ_H
#define FREEPORT_POSIX_MQ_H

#include <stdbool.h>
#include "fs/file.h"
#include "ipc/port.h"

struct mq {
    char name[FP_MQ_NAME_MAX + 2]; /* "/name" and its NUL */
    bool linked;                   /* the name finds it (not yet mq_unlink'd) */
    uint32_t files;                /* struct files open on it */
    struct port *port;             /* a reference: the queue itself */
    struct vnode *vnode;           /* what fstat describes; a reference */
    int64_t maxmsg, msgsize;
    int notify_pid;                 /* 0: no mq_notify registration */
    int notify_kind, notify_signal; /* FP_SIGEV_NONE or FP_SIGEV_SIGNAL, and its signal */
};

/* The queue named `name` (a kernel string): NULL if none is linked. */
struct mq *mq_find(const char *name);

/* Make a queue named `name` with these limits (already checked), linked:
 * 0, -ENOSPC (FP_MQ_OPEN_MAX queues exist) or -ENOMEM. */
int mq_create(const char *name, int64_t maxmsg, int64_t msgsize, uint32_t mode, struct mq **out);

/* A file open on `queue` with these open flags: 0 or -ENOMEM. The last
 * file's close may free the queue. */
int mq_open_file(struct mq *queue, int flags, struct file **out);

/* The queue of an open file, or NULL if it is not a message queue's. */
struct mq *mq_of_file(struct file *file);

/* mq_unlink: the name goes; the queue stays while files are open on it. */
void mq_unlink_queue(struct mq *queue);

/* A message was queued: fire and remove the notification if the queue was
 * empty with no receiver waiting before it (`was_idle`). */
void mq_notify_arrival(struct mq *queue, bool was_idle);

/* The queue has no message and no receiver waiting (mq_notify's condition). */
bool mq_is_idle(const struct mq *queue);

#endif
