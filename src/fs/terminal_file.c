/*
 * terminal_file.c - the open files of a terminal (the console, a pty's
 * slave): file operations that hand each call to terminal.c, and the
 * opening that counts files and may give the caller a controlling
 * terminal.
 *
 * Layer: files. file->private is the terminal; the vnode (devfs's) says
 * what the file is for fstat.
 */
#include "fs/terminal.h"
#include "fs/terminal_control.h"
#include "arch/arch.h"

static struct terminal *terminal_of(const struct file *file)
{
    return file->private;
}

static long terminal_file_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    return terminal_read(terminal_of(file), user_buffer, length, flags);
}

static long terminal_file_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    return terminal_write(terminal_of(file), user_buffer, length, flags);
}

static int terminal_file_ioctl(struct file *file, unsigned long request, void *argument)
{
    return terminal_ioctl(terminal_of(file), request, argument);
}

static int terminal_file_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    return terminal_poll(terminal_of(file), wanted, wait);
}

static void terminal_file_close(struct file *file)
{
    struct terminal *terminal = terminal_of(file);

    if (terminal->ops->closed)
        terminal->ops->closed(terminal);
}

const struct file_ops terminal_file_ops = {
    .read = terminal_file_read,
    .write = terminal_file_write,
    .ioctl = terminal_file_ioctl,
    .close = terminal_file_close,
    .poll = terminal_file_poll,
};

int terminal_open_file(struct terminal *terminal, struct vnode *vnode, int flags, struct file **out)
{
    int error = file_open_with_ops(vnode, flags, &terminal_file_ops, terminal, out);

    if (error)
        return error;
    if (terminal->ops->opened)
        terminal->ops->opened(terminal);
    terminal_control_open(terminal, flags);
    return 0;
}
