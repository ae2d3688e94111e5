/*
 * dev_com1.c - the claimed COM1: raw bytes in and out, with no line
 * discipline, for the console server.
 *
 * Layer: files (a claimed device, device_claim.h), on arch_serial_write
 * (arch.h) and an input queue (input_queue.h). While the file exists the
 * COM1 interrupt (dev_serial.c) hands every byte received to it, and
 * neither /dev/console nor /dev/serial0 sees input; the kernel's own
 * output (printk, /dev/console writes) still goes to COM1 directly.
 */
#include "arch/arch.h"
#include "fs/device_claim.h"
#include "fs/devices.h"
#include "fs/input_queue.h"
#include "fs/user_chunks.h"

static struct input_queue com1_queue; /* accepting while claimed */

bool com1_device_receive(uint8_t byte)
{
    return input_queue_push(&com1_queue, byte);
}

static long com1_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    (void)file;
    return input_queue_read_user(&com1_queue, user_buffer, length, flags);
}

/* user_chunks_give: the UART takes every byte (arch_serial_write waits
 * until it can). */
static long send_bytes(void *sink, const char *bytes, size_t length, int flags)
{
    (void)sink, (void)flags;
    arch_serial_write(bytes, length);
    return (long)length;
}

static long com1_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    (void)file;
    return user_chunks_write(user_buffer, length, flags, send_bytes, NULL);
}

static int com1_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    (void)file;
    return input_queue_poll(&com1_queue, wanted, wait) | FP_POLLOUT;
}

static void com1_set_claimed(bool claimed)
{
    input_queue_set_accepting(&com1_queue, claimed);
}

static const struct file_ops com1_file_ops = {
    .read = com1_read,
    .write = com1_write,
    .close = device_claim_close,
    .poll = com1_poll,
};

const struct claimable_device com1_device = {
    .ops = &com1_file_ops,
    .access = FP_O_RDWR,
    .set_claimed = com1_set_claimed,
};

void com1_device_init(void)
{
    input_queue_init(&com1_queue, false);
}
