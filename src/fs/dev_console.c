/*
 * dev_console.c - /dev/console: the terminal on the VGA screen and COM1.
 *
 * Layer: files (a device under devfs, a terminal: terminal.h). Output goes
 * to arch_console_write() like printk's (which adds CR before NL on
 * serial, and skips the screen while the console server has claimed it).
 * Input arrives a byte at a time from the COM1 interrupt (console_receive,
 * called by dev_serial.c while COM1 is not claimed) and goes through the
 * terminal's line discipline, so ^C on COM1 is SIGINT to the console's
 * foreground process group. Every open is a terminal file
 * (terminal_file.c): the console can be a controlling terminal.
 */
#include "arch/arch.h"
#include "fs/devices.h"
#include "fs/terminal.h"

#define CONSOLE_ROWS    25
#define CONSOLE_COLUMNS 80

static size_t console_output(struct terminal *terminal, const char *bytes, size_t length)
{
    (void)terminal;
    arch_console_write(bytes, length);
    return length;
}

static const struct terminal_ops console_terminal_ops = {
    .output = console_output,
    .output_translates_newlines = true,
};

static struct terminal console_terminal;

/* At boot, before native IPC: terminal_init cannot fail yet (its poll
 * event gets its object when native IPC starts, poll_event.h). */
void console_init(void)
{
    int enabled = arch_irq_save();
    (void)terminal_init(&console_terminal, &console_terminal_ops, NULL, -1,
                        (struct freeport_winsize){CONSOLE_ROWS, CONSOLE_COLUMNS, 0, 0});
    arch_irq_restore(enabled);
}

void console_receive(uint8_t byte)
{
    terminal_receive(&console_terminal, byte);
}

static int console_open(struct vnode *vnode, int flags, struct file **out)
{
    return terminal_open_file(&console_terminal, vnode, flags, out);
}

const struct vnode_ops console_ops = {
    .open = console_open,
};
