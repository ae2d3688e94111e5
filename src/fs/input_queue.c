/*
 * input_queue.c - bytes from an interrupt handler to a reader (see
 * input_queue.h).
 *
 * Layer: files.
 */
#include "fs/input_queue.h"
#include "arch/arch.h"
#include "errno.h"
#include "fs/user_chunks.h"

static uint32_t input_queue_ready(void *owner)
{
    struct input_queue *queue = owner;

    return queue->head != queue->tail ? IPC_EVENT_READABLE : 0;
}

void input_queue_init(struct input_queue *queue, bool accepting)
{
    queue->head = queue->tail = 0;
    queue->dropped = 0;
    queue->accepting = accepting;
    wait_queue_init(&queue->readers);
    (void)poll_event_init(&queue->event, input_queue_ready, queue); /* at boot: cannot fail yet */
}

bool input_queue_push(struct input_queue *queue, uint8_t byte)
{
    if (!queue->accepting)
        return false;
    if (queue->head - queue->tail == INPUT_QUEUE_SIZE) {
        queue->dropped++;
        return true;
    }
    queue->bytes[queue->head++ % INPUT_QUEUE_SIZE] = byte;
    wait_queue_wake_all(&queue->readers);
    poll_event_notify(&queue->event, IPC_EVENT_READABLE);
    return true;
}

void input_queue_set_accepting(struct input_queue *queue, bool accepting)
{
    int enabled = arch_irq_save();
    queue->tail = queue->head;
    queue->accepting = accepting;
    arch_irq_restore(enabled);
}

long input_queue_read(struct input_queue *queue, uint8_t *buffer, size_t length, int flags)
{
    size_t count = 0;
    long result = 0;

    if (length == 0)
        return 0;
    int enabled = arch_irq_save();
    while (queue->head == queue->tail && result == 0)
        result = (flags & FP_O_NONBLOCK) ? -EAGAIN : wait_queue_sleep(&queue->readers);
    while (result == 0 && count < length && queue->tail != queue->head)
        buffer[count++] = queue->bytes[queue->tail++ % INPUT_QUEUE_SIZE];
    arch_irq_restore(enabled);
    return result ? result : (long)count;
}

/* input_queue_read as a user_chunks_take. */
static long take_bytes(void *source, char *buffer, size_t length, int flags)
{
    return input_queue_read(source, (uint8_t *)buffer, length, flags);
}

long input_queue_read_user(struct input_queue *queue, void *user_buffer, size_t length, int flags)
{
    return user_chunks_read(user_buffer, length, flags, take_bytes, queue);
}

int input_queue_poll(struct input_queue *queue, int wanted, struct file_poll_wait *wait)
{
    int enabled = arch_irq_save();
    int events = queue->head != queue->tail ? FP_POLLIN : 0;
    arch_irq_restore(enabled);

    wait->object = poll_event_object(&queue->event);
    wait->events = (wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0;
    return events;
}
