/*
 * file.c - open files: reference counting, read, write, seek.
 *
 * Layer: files (VFS). Invariants: a file holds exactly one reference on its
 * vnode from file_open_vnode() to its last file_put(), and a file with ops
 * gets its close() exactly once, just before that reference goes;
 * open_file_count is the number of files alive. Only regular files and directories have an
 * offset that moves; devices ignore it.
 */
#include "errno.h"
#include "fs/file.h"
#include "mm/heap.h"
#include "panic.h"

static uint64_t open_file_count;

int file_open_with_ops(struct vnode *vnode, int flags, const struct file_ops *ops, void *private,
                       struct file **out)
{
    struct file *file = kmalloc(sizeof(*file));

    if (file == NULL)
        return -ENOMEM;
    *file = (struct file){
        .vnode = vnode_get(vnode),
        .flags = flags & (FP_O_ACCMODE | FILE_STATUS_FLAGS),
        .refcount = 1,
        .ops = ops,
        .private = private,
    };
    open_file_count++;
    *out = file;
    return 0;
}

int file_open_vnode(struct vnode *vnode, int flags, struct file **out)
{
    return file_open_with_ops(vnode, flags, NULL, NULL, out);
}

struct file *file_get(struct file *file)
{
    ASSERT(file->refcount > 0);
    file->refcount++;
    return file;
}

void file_put(struct file *file)
{
    ASSERT(file->refcount > 0);
    if (--file->refcount > 0)
        return;
    if (file->ops && file->ops->close)
        file->ops->close(file);
    vnode_put(file->vnode);
    kfree(file);
    open_file_count--;
}

bool file_readable(const struct file *file)
{
    int mode = file->flags & FP_O_ACCMODE;
    return mode == FP_O_RDONLY || mode == FP_O_RDWR;
}

bool file_writable(const struct file *file)
{
    int mode = file->flags & FP_O_ACCMODE;
    return mode == FP_O_WRONLY || mode == FP_O_RDWR;
}

int file_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    wait->object = wait->also_object = NULL;
    wait->events = wait->also_events = 0;
    if (file->ops && file->ops->poll)
        return file->ops->poll(file, wanted, wait);
    return (file_readable(file) ? FP_POLLIN : 0) | (file_writable(file) ? FP_POLLOUT : 0);
}

static bool has_offset(const struct vnode *vnode)
{
    return vnode->type == VNODE_REGULAR || vnode->type == VNODE_DIRECTORY;
}

long file_read_at(struct file *file, void *buffer, size_t length, uint64_t offset)
{
    struct vnode *vnode = file->vnode;

    if (vnode->type == VNODE_DIRECTORY)
        return -EISDIR;
    if (vnode->ops->read == NULL)
        return -EINVAL;
    return vnode->ops->read(vnode, buffer, length, offset, file->flags);
}

long file_read(struct file *file, void *buffer, size_t length)
{
    if (!file_readable(file))
        return -EBADF;
    long done = file_read_at(file, buffer, length, file->offset);
    if (done > 0 && has_offset(file->vnode))
        file->offset += (uint64_t)done;
    return done;
}

long file_write(struct file *file, const void *buffer, size_t length)
{
    struct vnode *vnode = file->vnode;

    if (!file_writable(file))
        return -EBADF;
    if (vnode->ops->write == NULL)
        return -EINVAL;
    uint64_t offset = (file->flags & FP_O_APPEND) ? vnode->size : file->offset;
    long done = vnode->ops->write(vnode, buffer, length, offset, file->flags);
    if (done > 0 && has_offset(vnode))
        file->offset = offset + (uint64_t)done;
    return done;
}

int64_t file_seek(struct file *file, int64_t offset, int whence)
{
    int64_t base;

    if (!has_offset(file->vnode))
        return -ESPIPE;
    if (whence == FP_SEEK_SET)
        base = 0;
    else if (whence == FP_SEEK_CUR)
        base = (int64_t)file->offset;
    else if (whence == FP_SEEK_END)
        base = (int64_t)file->vnode->size;
    else
        return -EINVAL;
    if (offset > 0 && base > INT64_MAX - offset)
        return -EOVERFLOW;
    if (base + offset < 0)
        return -EINVAL;
    file->offset = (uint64_t)(base + offset);
    return (int64_t)file->offset;
}

void file_stat(const struct file *file, struct freeport_stat *out)
{
    vnode_stat(file->vnode, out);
}

uint64_t fs_count_open_files(void)
{
    return open_file_count;
}
