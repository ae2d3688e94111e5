/*
 * sys_pipe.c - pipe2(): an anonymous pipe, its read end and its write end
 * as the two lowest free descriptors.
 *
 * Layer: POSIX (system-call side), on pipe.c. An anonymous pipe is a
 * VNODE_FIFO vnode with no name (nlink 0), so fstat says S_IFIFO and the
 * vnode dies with its last end. Every error path undoes everything: the
 * descriptors (fd_pair.c), the files, the vnode and the stream.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "mm/heap.h"
#include "posix/fd_pair.h"
#include "posix/pipe.h"
#include "posix/syscalls.h"

#define PIPE_DEVICE 3 /* stat's st_dev for anonymous pipes (ramfs is 1, devfs 2) */
#define PIPE2_FLAGS (FP_O_NONBLOCK | FP_O_CLOEXEC)

static uint64_t pipe_next_ino = 1;

static void anonymous_release(struct vnode *vnode)
{
    kfree(vnode);
}

static const struct vnode_ops anonymous_pipe_ops = {
    .release = anonymous_release,
};

/* Both ends of a new pipe, with status flags `flags`: 0, or -ENOMEM with
 * nothing left behind. */
static int open_ends(int flags, struct file *ends[2])
{
    struct vnode *vnode = kmalloc(sizeof(*vnode));
    int error;

    if (vnode == NULL)
        return -ENOMEM;
    vnode_init(vnode, VNODE_FIFO, 0600, &anonymous_pipe_ops);
    vnode->device = PIPE_DEVICE;
    vnode->ino = pipe_next_ino++;
    error = pipe_open_end(vnode, FP_O_RDONLY | flags, &ends[0]);
    if (error == 0 && (error = pipe_open_end(vnode, FP_O_WRONLY | flags, &ends[1])) < 0)
        file_put(ends[0]);
    vnode_put(vnode); /* the ends hold their own references */
    return error;
}

long sys_pipe2(int *user_fds, int flags)
{
    struct file *ends[2];

    if ((flags & ~PIPE2_FLAGS) || fd_table_current() == NULL)
        return -EINVAL;
    int error = open_ends(flags & FP_O_NONBLOCK, ends);
    if (error)
        return error;
    return fd_pair_install(ends, flags & FP_O_CLOEXEC, user_fds);
}
