/*
 * mq.c - POSIX message queues: the queue object on a native port, its name
 * table, its open files (see mq.h).
 *
 * Layer: POSIX. A message's way in and out is the port's (sys_mq.c calls
 * port_send_args and port_receive); this file only makes, names, opens
 * and frees queues, answers poll for their files, and fires mq_notify.
 * A queue's port is the kernel's, named and outliving its opener, so it is
 * not charged to the opener's port quota (IPC_QUOTA_PORTS_PER_PROCESS):
 * FP_MQ_OPEN_MAX bounds queues system-wide, and one process may make them all.
 */
#include "posix/mq.h"
#include "errno.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/signal.h"

#define MQ_DEVICE 4 /* stat's st_dev for message queues (ramfs 1, devfs 2, pipes 3) */

static struct mq *queues[FP_MQ_OPEN_MAX]; /* every queue that exists, linked or not */
static uint64_t mq_next_ino = 1;

struct mq *mq_find(const char *name)
{
    for (unsigned index = 0; index < FP_MQ_OPEN_MAX; index++)
        if (queues[index] && queues[index]->linked && strcmp(queues[index]->name, name) == 0)
            return queues[index];
    return NULL;
}

static void mq_vnode_release(struct vnode *vnode)
{
    kfree(vnode);
}

static const struct vnode_ops mq_vnode_ops = {
    .release = mq_vnode_release,
};

/* Free the queue once it is neither named nor open. */
static void mq_maybe_free(struct mq *queue)
{
    if (queue->linked || queue->files > 0)
        return;
    for (unsigned index = 0; index < FP_MQ_OPEN_MAX; index++)
        if (queues[index] == queue)
            queues[index] = NULL;
    port_close(queue->port);
    ipc_object_put(&queue->port->object);
    vnode_put(queue->vnode);
    kfree(queue);
}

/* A free slot of the table, or FP_MQ_OPEN_MAX. */
static unsigned free_slot(void)
{
    unsigned index = 0;

    while (index < FP_MQ_OPEN_MAX && queues[index] != NULL)
        index++;
    return index;
}

int mq_create(const char *name, int64_t maxmsg, int64_t msgsize, uint32_t mode, struct mq **out)
{
    struct process *process = process_current();
    struct ipc_port_config config = {.depth_limit = (uint32_t)maxmsg, .max_message = (uint32_t)msgsize};
    unsigned slot = free_slot();
    struct mq *queue;

    if (slot == FP_MQ_OPEN_MAX)
        return -ENOSPC;
    if ((queue = kzalloc(sizeof(*queue))) == NULL || (queue->vnode = kmalloc(sizeof(struct vnode))) == NULL ||
        port_create((uint32_t)maxmsg, process ? (uint32_t)process->pid : 0, NULL, &queue->port) < 0) {
        if (queue)
            kfree(queue->vnode);
        kfree(queue);
        return -ENOMEM;
    }
    port_configure(queue->port, &config);
    queue->port->queue.ordered_by_type = true; /* exact priorities: mq_priority.h */
    vnode_init(queue->vnode, VNODE_REGULAR, mode & 0777, &mq_vnode_ops);
    queue->vnode->device = MQ_DEVICE;
    queue->vnode->ino = mq_next_ino++;
    memcpy(queue->name, name, strlen(name) + 1);
    queue->linked = true;
    queue->maxmsg = maxmsg;
    queue->msgsize = msgsize;
    queues[slot] = queue;
    *out = queue;
    return 0;
}

void mq_unlink_queue(struct mq *queue)
{
    queue->linked = false;
    mq_maybe_free(queue);
}

bool mq_is_idle(const struct mq *queue)
{
    return queue->port->queue.depth == 0 && list_empty(&queue->port->receivers);
}

void mq_notify_arrival(struct mq *queue, bool was_idle)
{
    struct process *process;

    if (!was_idle || queue->notify_pid == 0)
        return;
    process = process_find(queue->notify_pid);
    if (process && queue->notify_kind == FP_SIGEV_SIGNAL)
        signal_send(process, queue->notify_signal);
    queue->notify_pid = 0;
}

/* read() and write() are not how a queue is used: mq_send, mq_receive. */
static long mq_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    (void)file, (void)user_buffer, (void)length, (void)flags;
    return -EINVAL;
}

static long mq_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    (void)file, (void)user_buffer, (void)length, (void)flags;
    return -EINVAL;
}

/* The last reference to a file is gone: a registration of the closing
 * process goes with it (mq_close removes the caller's, says POSIX). */
static void mq_close(struct file *file)
{
    struct mq *queue = file->private;
    struct process *process = process_current();

    if (process && queue->notify_pid == process->pid)
        queue->notify_pid = 0;
    queue->files--;
    mq_maybe_free(queue);
}

/* POLLIN with a message to receive, POLLOUT with room for one; the port
 * notifies every change. */
static int mq_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct mq *queue = file->private;
    const struct msg_queue *messages = &queue->port->queue;
    int events = 0;

    wait->object = &queue->port->object;
    wait->events = 0;
    if (file_readable(file)) {
        wait->events |= (wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0;
        events |= messages->depth > 0 ? FP_POLLIN : 0;
    }
    if (file_writable(file)) {
        wait->events |= (wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : 0;
        events |= messages->depth < messages->depth_limit ? FP_POLLOUT : 0;
    }
    return events;
}

static const struct file_ops mq_file_ops = {
    .read = mq_read,
    .write = mq_write,
    .close = mq_close,
    .poll = mq_poll,
};

int mq_open_file(struct mq *queue, int flags, struct file **out)
{
    int error = file_open_with_ops(queue->vnode, flags, &mq_file_ops, queue, out);

    if (error == 0)
        queue->files++;
    return error;
}

struct mq *mq_of_file(struct file *file)
{
    return file->ops == &mq_file_ops ? file->private : NULL;
}
