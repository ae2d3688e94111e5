/*
 * terminal.c - a terminal's data path: bytes typed in, bytes read, bytes
 * written out, and hang-up (see terminal.h; job control and ioctls are in
 * terminal_control.c).
 *
 * Layer: files. Everything here runs with interrupts off while it touches
 * the terminal; user memory is copied with them on, through a small kernel
 * buffer (user_chunks.h: a terminal read returns at most USER_CHUNK bytes,
 * as a read may return fewer bytes than asked).
 */
#include "fs/terminal.h"
#include "fs/terminal_control.h"
#include "arch/arch.h"
#include "errno.h"
#include "fs/user_chunks.h"
#include "proc/process_group.h"

static uint32_t terminal_ready(void *owner);
static void terminal_echo(void *context, const char *text, size_t length);

int terminal_init(struct terminal *terminal, const struct terminal_ops *ops, void *owner, int number,
                  struct freeport_winsize size)
{
    line_discipline_init(&terminal->line, terminal_echo, terminal);
    terminal->size = size;
    terminal->ops = ops;
    terminal->owner = owner;
    terminal->number = number;
    terminal->session = 0;
    terminal->foreground_group = 0;
    terminal->hung_up = false;
    wait_queue_init(&terminal->readers);
    wait_queue_init(&terminal->writers);
    return poll_event_init(&terminal->event, terminal_ready, terminal);
}

void terminal_destroy(struct terminal *terminal)
{
    terminal_control_forget(terminal);
    poll_event_destroy(&terminal->event);
}

/* Output processing, then the owner's output: the bytes of `bytes` taken
 * (a byte whose CR NL did not fit whole is not taken). */
static size_t output(struct terminal *terminal, const char *bytes, size_t length)
{
    size_t taken = 0;

    if (terminal->ops->output_translates_newlines)
        return terminal->ops->output(terminal, bytes, length);
    for (; taken < length; taken++) {
        char processed[2];
        size_t count = line_discipline_output(&terminal->line, bytes[taken], processed);
        if (terminal->ops->output(terminal, processed, count) < count)
            break;
    }
    return taken;
}

/* Echo never waits: what does not fit is lost, as on a real terminal. */
static void terminal_echo(void *context, const char *text, size_t length)
{
    output(context, text, length);
}

static bool readable_now(const struct terminal *terminal)
{
    return line_discipline_readable(&terminal->line) > 0 || terminal->hung_up;
}

/* Readiness for poll (the event's callback). */
static uint32_t terminal_ready(void *owner)
{
    struct terminal *terminal = owner;
    uint32_t events = readable_now(terminal) ? IPC_EVENT_READABLE : 0;

    if (terminal->hung_up)
        return events | IPC_EVENT_WRITABLE | IPC_EVENT_PEER_CLOSED;
    if (!terminal->ops->output_full || !terminal->ops->output_full(terminal))
        events |= IPC_EVENT_WRITABLE;
    return events;
}

void terminal_receive(struct terminal *terminal, uint8_t byte)
{
    int signal;

    if (line_discipline_receive(&terminal->line, byte, &signal)) {
        wait_queue_wake_all(&terminal->readers);
        poll_event_notify(&terminal->event, IPC_EVENT_READABLE);
    }
    if (signal && terminal->foreground_group)
        process_group_signal(terminal->foreground_group, signal);
}

bool terminal_input_full(const struct terminal *terminal)
{
    return line_discipline_full(&terminal->line);
}

void terminal_output_room(struct terminal *terminal)
{
    wait_queue_wake_all(&terminal->writers);
    poll_event_notify(&terminal->event, IPC_EVENT_WRITABLE);
}

void terminal_hang_up(struct terminal *terminal)
{
    int enabled = arch_irq_save();

    terminal->hung_up = true;
    wait_queue_wake_all(&terminal->readers);
    wait_queue_wake_all(&terminal->writers);
    poll_event_notify(&terminal->event, IPC_EVENT_PEER_CLOSED | IPC_EVENT_READABLE);
    terminal_control_hang_up(terminal);
    arch_irq_restore(enabled);
}

/* Raw mode with VMIN 0: how long a read may wait for its first byte, as a
 * deadline tick; 0: not at all. UINT64_MAX: no limit (VMIN > 0, or
 * canonical mode). */
static uint64_t read_deadline(const struct terminal *terminal)
{
    const uint8_t *cc = terminal->line.termios.cc;

    if ((terminal->line.termios.lflag & FP_ICANON) || cc[FP_VMIN] > 0)
        return UINT64_MAX;
    if (cc[FP_VTIME] == 0)
        return 0;
    return arch_ticks() + (uint64_t)cc[FP_VTIME] * arch_tick_hz() / 10 + 1;
}

/* Sleep for input: 0 when there may be some, 0 with *done set when the
 * read must return 0 bytes now (raw mode's time is up), or -errno. */
static int wait_for_input(struct terminal *terminal, int flags, uint64_t deadline, bool *done)
{
    int error;

    if (flags & FP_O_NONBLOCK)
        return -EAGAIN;
    if (deadline == 0) {
        *done = true;
        return 0;
    }
    error = deadline == UINT64_MAX ? wait_queue_sleep(&terminal->readers)
                                   : wait_queue_sleep_until(&terminal->readers, deadline);
    if (error == -ETIMEDOUT) {
        *done = true;
        return 0;
    }
    return error;
}

/* Take up to `length` readable bytes into `buffer` (interrupts off). */
static long read_input(struct terminal *terminal, char *buffer, size_t length, int flags)
{
    uint64_t deadline = read_deadline(terminal);
    bool done = false;
    long result;

    for (;;) {
        int error = terminal_control_check_read(terminal);
        if (error)
            return error;
        result = line_discipline_read(&terminal->line, buffer, length);
        if (result != -EAGAIN)
            return result;
        if (terminal->hung_up)
            return 0;
        error = wait_for_input(terminal, flags, deadline, &done);
        if (error || done)
            return error;
    }
}

/* One chunk of input for a read (user_chunks_take): a read made room, so
 * the owner's typist may go on. */
static long take_input(void *source, char *buffer, size_t length, int flags)
{
    struct terminal *terminal = source;
    int enabled = arch_irq_save();
    long result = read_input(terminal, buffer, length, flags);

    if (result > 0 && terminal->ops->input_taken)
        terminal->ops->input_taken(terminal);
    arch_irq_restore(enabled);
    return result;
}

long terminal_read(struct terminal *terminal, void *user_buffer, size_t length, int flags)
{
    return user_chunks_read(user_buffer, length, flags, take_input, terminal);
}

/* Put `bytes` out, sleeping while the owner has no room: the number
 * written, or -errno if none was (-EIO once hung up). */
static long write_out(void *sink, const char *bytes, size_t length, int flags)
{
    struct terminal *terminal = sink;
    size_t written = 0;
    int error = 0;

    int enabled = arch_irq_save();
    while (written < length && !error) {
        if (terminal->hung_up)
            error = -EIO;
        else {
            size_t taken = output(terminal, bytes + written, length - written);
            written += taken;
            if (taken == 0 && written < length)
                error = (flags & FP_O_NONBLOCK) ? -EAGAIN : wait_queue_sleep(&terminal->writers);
        }
    }
    arch_irq_restore(enabled);
    return written > 0 ? (long)written : error;
}

long terminal_write(struct terminal *terminal, const void *user_buffer, size_t length, int flags)
{
    return user_chunks_write(user_buffer, length, flags, write_out, terminal);
}

int terminal_poll(struct terminal *terminal, int wanted, struct file_poll_wait *wait)
{
    int enabled = arch_irq_save();
    uint32_t ready = terminal_ready(terminal);
    arch_irq_restore(enabled);
    int events = 0;

    if (ready & IPC_EVENT_READABLE)
        events |= FP_POLLIN;
    if ((ready & IPC_EVENT_WRITABLE) && !terminal->hung_up)
        events |= FP_POLLOUT;
    if (terminal->hung_up)
        events |= FP_POLLHUP;
    wait->object = poll_event_object(&terminal->event);
    wait->events =
        ((wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0) | ((wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : 0);
    return events;
}
