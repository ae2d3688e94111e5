/*
 * dev_serial.c - /dev/serial0: COM1 without the terminal in between, and
 * the COM1 receive interrupt that feeds both it and the console.
 *
 * Layer: files (a device under devfs), on arch_serial_* (arch.h). COM1 has
 * one input stream and two listeners: every byte received goes to the
 * console's line discipline and to serial0's queue, which keeps the oldest
 * SERIAL_QUEUE_SIZE unread bytes (later ones are dropped for serial0 only).
 * Writes go out unchanged: no CR before NL, no copy on the VGA screen.
 *
 * Locking: the queue is shared with the interrupt handler; readers take it
 * with interrupts off and sleep on serial_readers as waitqueue.h says.
 */
#include "arch/arch.h"
#include "errno.h"
#include "fs/devices.h"
#include "proc/waitqueue.h"

#define SERIAL_QUEUE_SIZE 256 /* a power of two */

static uint8_t serial_queue[SERIAL_QUEUE_SIZE];
static uint32_t serial_head, serial_tail; /* free-running: [tail, head) unread */
static struct wait_queue serial_readers = WAIT_QUEUE_INIT(serial_readers);

static void serial_receive(uint8_t byte)
{
    if (serial_head - serial_tail < SERIAL_QUEUE_SIZE) {
        serial_queue[serial_head++ % SERIAL_QUEUE_SIZE] = byte;
        wait_queue_wake_all(&serial_readers);
    }
    console_receive(byte);
}

void serial_device_init(void)
{
    arch_serial_set_receive_handler(serial_receive);
}

static long serial_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    uint8_t *bytes = buffer;
    size_t count = 0;
    long result = 0;

    (void)vnode, (void)offset;
    if (length == 0)
        return 0;
    int enabled = arch_irq_save();
    while (serial_head == serial_tail && result == 0)
        result = (flags & FP_O_NONBLOCK) ? -EAGAIN : wait_queue_sleep(&serial_readers);
    while (result == 0 && count < length && serial_tail != serial_head)
        bytes[count++] = serial_queue[serial_tail++ % SERIAL_QUEUE_SIZE];
    arch_irq_restore(enabled);
    return result ? result : (long)count;
}

static long serial_write(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)offset, (void)flags;
    arch_serial_write(buffer, length);
    return (long)length;
}

const struct vnode_ops serial_ops = {
    .read = serial_read,
    .write = serial_write,
};
