/*
 * dev_serial.c - /dev/serial0: COM1 without the terminal in between, and
 * the COM1 receive interrupt that routes each byte received.
 *
 * Layer: files (a device under devfs), on arch_serial_* (arch.h). While
 * init's console server holds COM1 (device_claim, dev_com1.c) every byte
 * goes to it alone. Otherwise COM1 has two listeners: serial0's queue,
 * which keeps the oldest INPUT_QUEUE_SIZE unread bytes (later ones are
 * dropped for serial0 only), and the console's line discipline.
 * Writes go out unchanged: no CR before NL, no copy on the VGA screen.
 */
#include "arch/arch.h"
#include "fs/devices.h"
#include "fs/input_queue.h"

static struct input_queue serial_queue;

static void serial_receive(uint8_t byte)
{
    if (com1_device_receive(byte))
        return;
    input_queue_push(&serial_queue, byte);
    console_receive(byte);
}

void serial_device_init(void)
{
    input_queue_init(&serial_queue, true);
    arch_serial_set_receive_handler(serial_receive);
}

static long serial_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)offset;
    return input_queue_read(&serial_queue, buffer, length, flags);
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
