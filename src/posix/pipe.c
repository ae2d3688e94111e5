/*
 * pipe.c - the ends of a pipe or FIFO: opening one on a vnode's stream, and
 * the file operations the system calls reach (see pipe.h).
 *
 * Layer: POSIX. read and write get the user's buffer (file.h's file_ops)
 * and hand it to the stream, which copies with usercopy itself, so a
 * PIPE_BUF write reaches the stream in one piece.
 * Invariants: vnode->fifo_stream is non-NULL exactly while an end is open
 * on it, and then holds the creator's reference; each end holds one more.
 */
#include "posix/pipe.h"
#include "errno.h"
#include "ipc/stream.h"
#include "posix/errno_map.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "uapi/freeport/ipc.h"

_Static_assert(STREAM_ATOMIC_MAX == FP_PIPE_BUF, "a pipe's atomic write size is the stream's");

/* The stream sides an end opened with `flags` is on. */
static unsigned sides_of(int flags)
{
    switch (flags & FP_O_ACCMODE) {
    case FP_O_RDONLY: return STREAM_READ;
    case FP_O_WRONLY: return STREAM_WRITE;
    default: return STREAM_READ | STREAM_WRITE;
    }
}

static long pipe_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    return posix_result(stream_read(file->private, user_buffer, length, flags & FP_O_NONBLOCK));
}

/* No reader: EPIPE, and SIGPIPE to the writer (its default action ends
 * the process; caught or ignored, the write still fails with EPIPE). */
static long pipe_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    long result = stream_write(file->private, user_buffer, length, flags & FP_O_NONBLOCK);

    if (result == -IPC_ERR_PEER_CLOSED)
        signal_send(process_current(), FP_SIGPIPE);
    return posix_result(result);
}

static int pipe_ioctl(struct file *file, unsigned long request, void *argument)
{
    if (request != FP_FIONREAD)
        return -ENOTTY;
    *(int32_t *)argument = (int32_t)stream_available(file->private);
    return 0;
}

static void pipe_close(struct file *file)
{
    struct stream *stream = file->private;

    stream_close_end(stream, sides_of(file->flags));
    if (stream->read.ends == 0 && stream->write.ends == 0) {
        file->vnode->fifo_stream = NULL;
        ipc_object_put(&stream->object);
    }
}

/* POSIX's view of the stream from this end, as Linux gives it: a reading
 * end is POLLIN with bytes to read and POLLHUP with no writer; a writing
 * end is POLLOUT with room for an atomic write and POLLERR with no reader.
 * Any of these changes comes with ipc_object_notify on the stream; the
 * wait is for the stream events that answer what the caller `wanted`. */
static int pipe_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct stream *stream = file->private;
    unsigned sides = sides_of(file->flags);
    int events = 0;

    wait->object = &stream->object;
    wait->events = IPC_EVENT_PEER_CLOSED;
    if (sides & STREAM_READ) {
        wait->events |= (wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0;
        if (stream_available(stream) > 0)
            events |= FP_POLLIN;
        if (stream->write.ends == 0)
            events |= FP_POLLHUP;
    }
    if (sides & STREAM_WRITE) {
        wait->events |= (wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : 0;
        if (byte_ring_room(&stream->ring) >= STREAM_ATOMIC_MAX)
            events |= FP_POLLOUT;
        if (stream->read.ends == 0)
            events |= FP_POLLERR;
    }
    return events;
}

static const struct file_ops pipe_file_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .ioctl = pipe_ioctl,
    .close = pipe_close,
    .poll = pipe_poll,
};

int pipe_open_end(struct vnode *vnode, int flags, struct file **out)
{
    struct stream *stream = vnode->fifo_stream;
    struct process *process = process_current();
    int error;

    if (stream == NULL && (error = stream_create(process ? (uint32_t)process->pid : 0, &stream)) < 0)
        return (int)posix_result(error);
    error = file_open_with_ops(vnode, flags, &pipe_file_ops, stream, out);
    if (error) {
        if (vnode->fifo_stream == NULL)
            ipc_object_put(&stream->object);
        return error;
    }
    vnode->fifo_stream = stream;
    stream_open_end(stream, sides_of(flags));
    return 0;
}
