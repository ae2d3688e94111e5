/*
 * fifo.c - open() of a FIFO (see fifo.h). POSIX's rules:
 *   O_RDONLY            waits until a writer opens (or has opened and
 *                       closed again meanwhile); with O_NONBLOCK, does not;
 *   O_WRONLY            waits until a reader opens; with O_NONBLOCK and no
 *                       reader, fails with ENXIO and opens nothing;
 *   O_RDWR              never waits (it is its own reader and writer).
 * A wait ended by a signal closes the end again: EINTR (or a restart,
 * under SA_RESTART).
 *
 * Layer: POSIX, on pipe.c's ends and the stream's rendezvous
 * (stream_wait_for_peer); the waiting itself is native IPC's.
 */
#include "posix/fifo.h"
#include "errno.h"
#include "fs/vfs.h"
#include "ipc/stream.h"
#include "posix/errno_map.h"
#include "posix/pipe.h"

static int fifo_open(struct vnode *vnode, int flags, struct file **out)
{
    int access = flags & FP_O_ACCMODE;
    bool nonblocking = flags & FP_O_NONBLOCK;
    const struct stream *stream = vnode->fifo_stream;

    if (access == FP_O_WRONLY && nonblocking && (stream == NULL || stream->read.ends == 0))
        return -ENXIO;
    int error = pipe_open_end(vnode, flags, out);
    if (error || access == FP_O_RDWR || nonblocking)
        return error;
    error = stream_wait_for_peer(vnode->fifo_stream, access == FP_O_RDONLY ? STREAM_READ : STREAM_WRITE);
    if (error) {
        file_put(*out);
        return (int)posix_result(error);
    }
    return 0;
}

void fifo_init(void)
{
    vfs_set_fifo_opener(fifo_open);
}
