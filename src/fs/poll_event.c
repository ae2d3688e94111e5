/*
 * poll_event.c - the file layer's side of poll events (see poll_event.h):
 * calls through the operations native IPC registered.
 *
 * Layer: files. An event's object is made when the event is: leak checks
 * count kernel objects, so none may appear later on first use. Events of
 * the devices made at boot, before native IPC has registered its
 * operations, wait in `early` and get their objects at registration.
 */
#include "fs/poll_event.h"
#include <stddef.h>
#include "errno.h"

#define EARLY_EVENTS 8 /* the boot-time devices' events: the console, serial0, COM1, the keyboard */

static const struct poll_event_ops *event_ops;
static struct poll_event *early[EARLY_EVENTS];
static unsigned early_count;

void poll_event_set_ops(const struct poll_event_ops *ops)
{
    event_ops = ops;
    for (unsigned index = 0; index < early_count; index++)
        early[index]->object = ops->create(early[index]->ready, early[index]->owner);
    early_count = 0;
}

int poll_event_init(struct poll_event *event, poll_ready_function *ready, void *owner)
{
    event->object = NULL;
    event->ready = ready;
    event->owner = owner;
    if (!event_ops) {
        if (early_count < EARLY_EVENTS)
            early[early_count++] = event;
        return 0;
    }
    event->object = event_ops->create(ready, owner);
    return event->object ? 0 : -ENOMEM;
}

void *poll_event_object(const struct poll_event *event)
{
    return event->object;
}

void poll_event_notify(struct poll_event *event, uint32_t events)
{
    if (event->object)
        event_ops->notify(event->object, events);
}

void poll_event_destroy(struct poll_event *event)
{
    if (event->object)
        event_ops->destroy(event->object);
    event->object = NULL;
}
