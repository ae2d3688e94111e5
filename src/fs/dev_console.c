/*
 * dev_console.c - /dev/console: the terminal on the VGA screen and COM1.
 *
 * Layer: files (a device under devfs). Output goes to arch_console_write()
 * like printk's. Input arrives a byte at a time from the COM1 interrupt
 * (console_receive, called by dev_serial.c), is edited by the line
 * discipline, and wakes the readers sleeping on console_readers.
 *
 * Locking: console_line is shared with the interrupt handler, so every
 * access outside it runs with interrupts off; a reader checks for input
 * and sleeps with interrupts off (waitqueue.h), so no wake-up is lost.
 */
#include "arch/arch.h"
#include "errno.h"
#include "fs/devices.h"
#include "fs/line_discipline.h"
#include "proc/waitqueue.h"

#define CONSOLE_ROWS    25
#define CONSOLE_COLUMNS 80

static struct line_discipline console_line;
static struct wait_queue console_readers = WAIT_QUEUE_INIT(console_readers);

void console_init(void)
{
    int enabled = arch_irq_save();
    line_discipline_init(&console_line, arch_console_write);
    arch_irq_restore(enabled);
}

void console_receive(uint8_t byte)
{
    if (line_discipline_receive(&console_line, byte))
        wait_queue_wake_all(&console_readers);
}

static long console_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    long result;

    (void)vnode, (void)offset;
    if (length == 0)
        return 0;
    int enabled = arch_irq_save();
    while ((result = line_discipline_read(&console_line, buffer, length)) == -EAGAIN &&
           !(flags & FP_O_NONBLOCK)) {
        int error = wait_queue_sleep(&console_readers);
        if (error) {
            result = error;
            break;
        }
    }
    arch_irq_restore(enabled);
    return result;
}

static long console_write(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)offset, (void)flags;
    arch_console_write(buffer, length);
    return (long)length;
}

static void console_set_termios(const struct freeport_termios *termios)
{
    if (line_discipline_set_termios(&console_line, termios))
        wait_queue_wake_all(&console_readers);
}

static int console_ioctl(struct vnode *vnode, unsigned long request, void *argument)
{
    int enabled = arch_irq_save(), result = 0;

    (void)vnode;
    if (request == FP_TCGETS)
        *(struct freeport_termios *)argument = console_line.termios;
    else if (request == FP_TCSETS)
        console_set_termios(argument);
    else if (request == FP_TIOCGWINSZ)
        *(struct freeport_winsize *)argument = (struct freeport_winsize){CONSOLE_ROWS, CONSOLE_COLUMNS, 0, 0};
    else if (request == FP_FIONREAD)
        *(int32_t *)argument = (int32_t)line_discipline_readable(&console_line);
    else
        result = -ENOTTY;
    arch_irq_restore(enabled);
    return result;
}

const struct vnode_ops console_ops = {
    .read = console_read,
    .write = console_write,
    .ioctl = console_ioctl,
};
