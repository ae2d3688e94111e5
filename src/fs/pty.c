/*
 * pty.c - pseudo-terminals (see pty.h): the table, the master's file
 * operations, and the slave's terminal operations.
 *
 * Layer: files, on terminal.h. The slave side is a struct terminal whose
 * output goes into `output`, the queue the master reads; the master's
 * writes go to terminal_receive, as COM1's interrupt does for the console.
 */
#include "fs/pty.h"
#include <stddef.h>
#include "arch/arch.h"
#include "errno.h"
#include "fs/terminal.h"
#include "fs/user_chunks.h"
#include "mm/heap.h"

#define PTY_ROWS                24
#define PTY_COLUMNS             80
#define DEVICE_NUMBER(maj, min) ((uint64_t)(maj) << 8 | (min))

struct pty {
    struct terminal terminal; /* the slave side; its number is the pty's */
    char output[PTY_OUTPUT_SIZE];
    uint32_t output_head, output_tail; /* free-running: [tail, head) unread by the master */
    unsigned masters, slaves;          /* open files on each side */
    unsigned vnodes;                   /* vnodes not yet released; 0: free the pty */
    struct wait_queue master_readers;
    struct wait_queue master_writers; /* waiting for room in the slave's input (raw mode) */
    struct poll_event master_event;
    struct vnode master_vnode, slave_vnode;
};

static struct pty *pty_table[PTY_MAX];

static struct pty *pty_of_terminal(const struct terminal *terminal)
{
    return terminal->owner;
}

static uint32_t output_queued(const struct pty *pty)
{
    return pty->output_head - pty->output_tail;
}

/* --- The slave: a terminal whose screen is the output queue --- */

static size_t slave_output(struct terminal *terminal, const char *bytes, size_t length)
{
    struct pty *pty = pty_of_terminal(terminal);
    size_t taken = 0;

    while (taken < length && output_queued(pty) < PTY_OUTPUT_SIZE)
        pty->output[pty->output_head++ % PTY_OUTPUT_SIZE] = bytes[taken++];
    if (taken > 0) {
        wait_queue_wake_all(&pty->master_readers);
        poll_event_notify(&pty->master_event, IPC_EVENT_READABLE);
    }
    return taken;
}

static bool slave_output_full(const struct terminal *terminal)
{
    return output_queued(pty_of_terminal(terminal)) == PTY_OUTPUT_SIZE;
}

static void pty_retire(struct pty *pty);

static void slave_opened(struct terminal *terminal)
{
    int enabled = arch_irq_save();
    pty_of_terminal(terminal)->slaves++;
    arch_irq_restore(enabled);
}

/* The last slave gone: the master's reader learns it (EIO, POLLHUP). */
static void slave_closed(struct terminal *terminal)
{
    struct pty *pty = pty_of_terminal(terminal);
    int enabled = arch_irq_save();

    if (--pty->slaves == 0) {
        wait_queue_wake_all(&pty->master_readers);
        wait_queue_wake_all(&pty->master_writers);
        poll_event_notify(&pty->master_event, IPC_EVENT_PEER_CLOSED | IPC_EVENT_READABLE);
    }
    arch_irq_restore(enabled);
    if (pty->slaves == 0 && pty->masters == 0)
        pty_retire(pty);
}

/* A slave read made room in its input: a master writer may go on. */
static void slave_input_taken(struct terminal *terminal)
{
    struct pty *pty = pty_of_terminal(terminal);

    wait_queue_wake_all(&pty->master_writers);
    poll_event_notify(&pty->master_event, IPC_EVENT_WRITABLE);
}

static const struct terminal_ops slave_terminal_ops = {
    .output = slave_output,
    .output_full = slave_output_full,
    .input_taken = slave_input_taken,
    .opened = slave_opened,
    .closed = slave_closed,
};

static struct pty *pty_of_vnode(struct vnode *vnode);

static int slave_open(struct vnode *vnode, int flags, struct file **out)
{
    struct pty *pty = pty_of_vnode(vnode);

    if (pty->masters == 0)
        return -EIO;
    return terminal_open_file(&pty->terminal, vnode, flags, out);
}

/* --- The master --- */

static struct pty *pty_of_file(const struct file *file)
{
    return file->private;
}

/* Take up to `length` queued bytes (user_chunks_take): the count, or
 * -EIO (no slave left, nothing queued), -EAGAIN, -EINTR. */
static long take_output(void *source, char *buffer, size_t length, int flags)
{
    struct pty *pty = source;
    size_t count = 0;
    long result = 0;

    int enabled = arch_irq_save();
    while (output_queued(pty) == 0 && result == 0) {
        if (pty->slaves == 0)
            result = -EIO;
        else
            result = (flags & FP_O_NONBLOCK) ? -EAGAIN : wait_queue_sleep(&pty->master_readers);
    }
    while (result == 0 && count < length && output_queued(pty) > 0)
        buffer[count++] = pty->output[pty->output_tail++ % PTY_OUTPUT_SIZE];
    if (count > 0)
        terminal_output_room(&pty->terminal);
    arch_irq_restore(enabled);
    return result ? result : (long)count;
}

static long master_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    return user_chunks_read(user_buffer, length, flags, take_output, pty_of_file(file));
}

/* Type `bytes` at the slave (user_chunks_give): the count typed. In raw
 * mode with the slave's input full it waits for a read to make room, as a
 * blocking write waits for all its bytes; it stops early (with what it
 * typed, or -EAGAIN / -EINTR if nothing) for FP_O_NONBLOCK or a signal.
 * With no slave left to read, the rest is typed and lost. */
static long type_bytes(void *sink, const char *bytes, size_t length, int flags)
{
    struct pty *pty = sink;
    size_t typed = 0;
    int error = 0;

    int enabled = arch_irq_save();
    while (typed < length && !error) {
        if (terminal_input_full(&pty->terminal) && pty->slaves > 0)
            error = (flags & FP_O_NONBLOCK) ? -EAGAIN : wait_queue_sleep(&pty->master_writers);
        else
            terminal_receive(&pty->terminal, (uint8_t)bytes[typed++]);
    }
    arch_irq_restore(enabled);
    return typed > 0 ? (long)typed : error;
}

static long master_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    return user_chunks_write(user_buffer, length, flags, type_bytes, pty_of_file(file));
}

/* The master answers for the slave's settings and size, its own number,
 * and FIONREAD with the output it can read. */
static int master_ioctl(struct file *file, unsigned long request, void *argument)
{
    struct pty *pty = pty_of_file(file);

    switch (request) {
    case FP_TCGETS:
    case FP_TCSETS:
    case FP_TIOCGWINSZ:
    case FP_TIOCSWINSZ:
    case FP_TIOCGPTN: return terminal_ioctl(&pty->terminal, request, argument);
    case FP_FIONREAD: *(int32_t *)argument = (int32_t)output_queued(pty); return 0;
    default: return -ENOTTY;
    }
}

static uint32_t master_ready(void *owner)
{
    struct pty *pty = owner;
    uint32_t events = terminal_input_full(&pty->terminal) ? 0 : IPC_EVENT_WRITABLE;

    if (output_queued(pty) > 0 || pty->slaves == 0)
        events |= IPC_EVENT_READABLE;
    return pty->slaves == 0 ? events | IPC_EVENT_PEER_CLOSED : events;
}

static int master_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct pty *pty = pty_of_file(file);
    int enabled = arch_irq_save();
    int events = (terminal_input_full(&pty->terminal) ? 0 : FP_POLLOUT) |
                 (output_queued(pty) > 0 ? FP_POLLIN : 0) | (pty->slaves == 0 ? FP_POLLHUP : 0);
    arch_irq_restore(enabled);

    wait->object = poll_event_object(&pty->master_event);
    wait->events =
        ((wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0) | ((wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : 0);
    return events;
}

static void master_close(struct file *file)
{
    struct pty *pty = pty_of_file(file);

    if (--pty->masters > 0)
        return;
    terminal_hang_up(&pty->terminal);
    if (pty->slaves == 0)
        pty_retire(pty);
}

static const struct file_ops master_file_ops = {
    .read = master_read,
    .write = master_write,
    .ioctl = master_ioctl,
    .close = master_close,
    .poll = master_poll,
};

/* --- The table and the pty's life --- */

static void pty_vnode_release(struct vnode *vnode);

static const struct vnode_ops master_vnode_ops = {
    .release = pty_vnode_release,
};

static const struct vnode_ops slave_vnode_ops = {
    .open = slave_open,
    .release = pty_vnode_release,
};

static struct pty *pty_of_vnode(struct vnode *vnode)
{
    size_t offset = vnode->ops == &master_vnode_ops ? offsetof(struct pty, master_vnode)
                                                    : offsetof(struct pty, slave_vnode);
    return (struct pty *)((char *)vnode - offset);
}

static void pty_vnode_release(struct vnode *vnode)
{
    struct pty *pty = pty_of_vnode(vnode);

    if (--pty->vnodes == 0) {
        terminal_destroy(&pty->terminal);
        poll_event_destroy(&pty->master_event);
        kfree(pty);
    }
}

/* No file left on either side: the number is free, and the pty goes
 * once nobody else holds its vnodes. */
static void pty_retire(struct pty *pty)
{
    pty_table[pty->terminal.number] = NULL;
    vnode_put(&pty->master_vnode);
    vnode_put(&pty->slave_vnode);
}

static void init_vnode(struct vnode *vnode, const struct vnode_ops *ops, uint64_t rdev)
{
    vnode_init(vnode, VNODE_CHAR_DEVICE, 0620, ops);
    vnode->rdev = rdev;
}

static struct pty *pty_alloc(unsigned number)
{
    struct pty *pty = kzalloc(sizeof(*pty));

    if (!pty)
        return NULL;
    pty->vnodes = 2;
    wait_queue_init(&pty->master_readers);
    wait_queue_init(&pty->master_writers);
    if (poll_event_init(&pty->master_event, master_ready, pty) < 0) {
        kfree(pty);
        return NULL;
    }
    if (terminal_init(&pty->terminal, &slave_terminal_ops, pty, (int)number,
                      (struct freeport_winsize){PTY_ROWS, PTY_COLUMNS, 0, 0}) < 0) {
        poll_event_destroy(&pty->master_event);
        kfree(pty);
        return NULL;
    }
    init_vnode(&pty->master_vnode, &master_vnode_ops, DEVICE_NUMBER(5, 2));
    init_vnode(&pty->slave_vnode, &slave_vnode_ops, DEVICE_NUMBER(136, number));
    pty->master_vnode.ino = 2 * number + 1;
    pty->slave_vnode.ino = 2 * number + 2;
    return pty;
}

static int free_number(void)
{
    for (unsigned number = 0; number < PTY_MAX; number++)
        if (!pty_table[number])
            return (int)number;
    return -1;
}

int pty_create(struct file *files[2], int status_flags)
{
    int number = free_number(), error;
    struct pty *pty;

    if (number < 0)
        return -EAGAIN;
    if (!(pty = pty_alloc((unsigned)number)))
        return -ENOMEM;
    pty_table[number] = pty;
    error =
        file_open_with_ops(&pty->master_vnode, FP_O_RDWR | status_flags, &master_file_ops, pty, &files[0]);
    if (error) {
        pty_retire(pty);
        return error;
    }
    pty->masters = 1;
    error = terminal_open_file(&pty->terminal, &pty->slave_vnode, FP_O_RDWR | FP_O_NOCTTY | status_flags,
                               &files[1]);
    if (error)
        file_put(files[0]);
    return error;
}

struct vnode *pty_slave_vnode(unsigned number)
{
    struct pty *pty = number < PTY_MAX ? pty_table[number] : NULL;

    return pty && pty->masters > 0 ? vnode_get(&pty->slave_vnode) : NULL;
}

bool pty_exists(unsigned number)
{
    return number < PTY_MAX && pty_table[number] && pty_table[number]->masters > 0;
}
