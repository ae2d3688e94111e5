/*
 * poll_event.h - what poll sleeps on for the files the file layer makes
 * itself: terminals, pseudo-terminal masters, claimed console devices.
 *
 * Layer: files. poll (src/posix/sys_poll.c) sleeps on native IPC objects
 * (file.h's file_poll_wait); the file layer lies below native IPC and may
 * not make or signal one itself. So native IPC registers at boot how to
 * make an "event object" (ipc/file_event.c) whose readiness is a callback
 * into the file layer, and a device keeps one in a struct poll_event:
 *
 *     poll_event_init(&dev->event, dev_ready, dev)   at creation
 *     poll_event_notify(&dev->event, IPC_EVENT_READABLE)   on each change
 *     file poll op: wait->object = poll_event_object(&dev->event)
 *     poll_event_destroy(&dev->event)                at destruction
 *
 * The object is made with the event (devices made at boot, before native
 * IPC starts, get theirs when it registers its operations), so it is there
 * for every poll and counted from the start.
 * `ready` answers the IPC_EVENT_* bits (<freeport/ipc.h>) true now.
 * Notifying is safe from an interrupt handler (waitset.c changes its
 * watcher lists with interrupts off).
 */
#ifndef FREEPORT_FS_POLL_EVENT_H
#define FREEPORT_FS_POLL_EVENT_H

#include <stdint.h>
#include "uapi/freeport/ipc.h"

typedef uint32_t poll_ready_function(void *owner);

struct poll_event {
    void *object; /* the IPC object (opaque here) */
    poll_ready_function *ready;
    void *owner;
};

/* What native IPC provides (ipc/file_event.c), registered once at boot. */
struct poll_event_ops {
    void *(*create)(poll_ready_function *ready, void *owner); /* NULL: out of memory */
    void (*notify)(void *object, uint32_t events);
    void (*destroy)(void *object);
};

void poll_event_set_ops(const struct poll_event_ops *ops);

/* 0, or -ENOMEM (no object could be made). */
int poll_event_init(struct poll_event *event, poll_ready_function *ready, void *owner);

/* The object to wait on (NULL only for an event of more boot-time devices
 * than poll_event.c expects: a poll on it then never sleeps). */
void *poll_event_object(const struct poll_event *event);

void poll_event_notify(struct poll_event *event, uint32_t events);
void poll_event_destroy(struct poll_event *event);

#endif
