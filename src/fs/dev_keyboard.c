/*
 * dev_keyboard.c - the claimed PS/2 keyboard: read() gives the raw set-1
 * scancode bytes the keyboard sent, in order.
 *
 * Layer: files (a claimed device, device_claim.h), on
 * arch_keyboard_set_receive_handler (arch.h) and an input queue
 * (input_queue.h: bounded, the overflow counted, FP_KEYBOARD_GET_DROPPED).
 * While nobody holds the keyboard its bytes are dropped; a new claim starts
 * with an empty queue.
 */
#include "arch/arch.h"
#include "errno.h"
#include "fs/device_claim.h"
#include "fs/input_queue.h"

static struct input_queue keyboard_queue; /* accepting while claimed */

static void keyboard_receive(uint8_t byte)
{
    input_queue_push(&keyboard_queue, byte);
}

static long keyboard_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    (void)file;
    return input_queue_read_user(&keyboard_queue, user_buffer, length, flags);
}

static int keyboard_ioctl(struct file *file, unsigned long request, void *argument)
{
    (void)file;
    if (request != FP_KEYBOARD_GET_DROPPED)
        return -ENOTTY;
    int enabled = arch_irq_save();
    *(uint64_t *)argument = keyboard_queue.dropped;
    arch_irq_restore(enabled);
    return 0;
}

static int keyboard_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    (void)file;
    return input_queue_poll(&keyboard_queue, wanted, wait);
}

static void keyboard_set_claimed(bool claimed)
{
    input_queue_set_accepting(&keyboard_queue, claimed);
}

static const struct file_ops keyboard_file_ops = {
    .read = keyboard_read,
    .write = device_claim_no_write,
    .ioctl = keyboard_ioctl,
    .close = device_claim_close,
    .poll = keyboard_poll,
};

const struct claimable_device keyboard_device = {
    .ops = &keyboard_file_ops,
    .access = FP_O_RDONLY,
    .set_claimed = keyboard_set_claimed,
};

void keyboard_device_init(void)
{
    input_queue_init(&keyboard_queue, false);
    arch_keyboard_set_receive_handler(keyboard_receive);
}
