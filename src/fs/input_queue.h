/*
 * input_queue.h - a bounded queue of bytes an interrupt handler receives
 * (COM1, the PS/2 keyboard) for a device file to read.
 *
 * Layer: files. The interrupt handler pushes; a full queue drops the new
 * byte and counts it (the handler never waits). A queue that is not
 * `accepting` (a device nobody has claimed) takes nothing. Readers sleep on
 * `readers`; poll waits on `event` (poll_event.h). Everything with
 * interrupts off, as waitqueue.h says.
 */
#ifndef FREEPORT_FS_INPUT_QUEUE_H
#define FREEPORT_FS_INPUT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs/file.h"
#include "fs/poll_event.h"
#include "proc/waitqueue.h"

#define INPUT_QUEUE_SIZE 256 /* a power of two */

struct input_queue {
    uint8_t bytes[INPUT_QUEUE_SIZE];
    uint32_t head, tail; /* free-running: [tail, head) unread */
    uint64_t dropped;    /* bytes that found the queue full */
    bool accepting;
    struct wait_queue readers;
    struct poll_event event;
};

/* At boot, before native IPC starts (its poll event's object comes then). */
void input_queue_init(struct input_queue *queue, bool accepting);

/* From the interrupt handler: false if the queue is not accepting; else
 * true, with `byte` queued or counted as dropped. */
bool input_queue_push(struct input_queue *queue, uint8_t byte);

/* Start (with no unread byte: a device claimed again starts empty) or stop
 * accepting bytes. */
void input_queue_set_accepting(struct input_queue *queue, bool accepting);

/* Up to `length` bytes into the kernel `buffer`, sleeping until there is
 * one (unless FP_O_NONBLOCK in `flags`: -EAGAIN): the count, or -EINTR. */
long input_queue_read(struct input_queue *queue, uint8_t *buffer, size_t length, int flags);

/* The same into a user buffer (in chunks: a read may return fewer). */
long input_queue_read_user(struct input_queue *queue, void *user_buffer, size_t length, int flags);

/* poll: FP_POLLIN while bytes wait. */
int input_queue_poll(struct input_queue *queue, int wanted, struct file_poll_wait *wait);

#endif
