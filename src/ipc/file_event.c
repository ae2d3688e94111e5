/*
 * file_event.c - event objects for files of the file layer (see
 * file_event.h and fs/poll_event.h).
 *
 * Layer: native IPC, on fs/poll_event.h (whose callback type it calls).
 * Lifetime: the device that made the object holds its one reference; a
 * poll holds the device's file while it waits, so the object outlives
 * every wait on it. destroy() drops the reference (unlinking watchers).
 */
#include "ipc/file_event.h"
#include "ipc/object.h"
#include "fs/poll_event.h"
#include "mm/heap.h"

struct file_event {
    struct ipc_object object;
    poll_ready_function *ready;
    void *owner;
};

static uint32_t file_event_poll(struct ipc_object *object)
{
    struct file_event *event = (struct file_event *)object;

    return event->ready(event->owner);
}

static void file_event_release(struct ipc_object *object)
{
    kfree(object);
}

static const struct ipc_object_type file_event_type = {
    .kind = IPC_OBJECT_FILE_EVENT,
    .release = file_event_release,
    .poll = file_event_poll,
};

static void *file_event_create(poll_ready_function *ready, void *owner)
{
    struct file_event *event = kmalloc(sizeof(*event));

    if (!event)
        return NULL;
    ipc_object_init(&event->object, &file_event_type);
    event->ready = ready;
    event->owner = owner;
    return &event->object;
}

static void file_event_notify(void *object, uint32_t events)
{
    ipc_object_notify(object, events);
}

static void file_event_destroy(void *object)
{
    ipc_object_put(object);
}

static const struct poll_event_ops file_event_ops = {
    .create = file_event_create,
    .notify = file_event_notify,
    .destroy = file_event_destroy,
};

void file_event_init(void)
{
    poll_event_set_ops(&file_event_ops);
}
