/*
 * pipe.h - POSIX pipes and FIFOs, which are one object: a VNODE_FIFO vnode
 * (named, made by mknod/mkfifo; or anonymous, made by pipe()) whose open
 * files are the ends of one native byte stream (ipc/stream.h).
 *
 * Layer: POSIX, on native IPC's streams and the file layer's files. It
 * adds no IPC of its own: an end's read and write are the stream's, their
 * results mapped to errno by errno_map.h, plus the one thing POSIX adds to
 * a broken pipe: SIGPIPE for the writer.
 *
 * Lifetime: the vnode's fifo_stream is made when the first end opens and
 * let go when the last end closes (the bytes still in it are discarded,
 * as POSIX says for a FIFO); an end is a struct file, shared by dup and
 * fork, so the stream counts open files, not descriptors. A file's access
 * mode says its side: O_RDONLY reads, O_WRONLY writes, O_RDWR both.
 */
#ifndef FREEPORT_POSIX_PIPE_H
#define FREEPORT_POSIX_PIPE_H

#include "fs/file.h"

/* Open an end of the pipe `vnode` with these open flags (access mode and
 * FP_O_NONBLOCK), making its stream if no end is open: 0 or -ENOMEM. */
int pipe_open_end(struct vnode *vnode, int flags, struct file **out);

#endif
