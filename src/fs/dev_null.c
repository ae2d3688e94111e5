/*
 * dev_null.c - /dev/null (reads end of file, writes vanish) and /dev/zero
 * (reads zeros, writes vanish).
 *
 * Layer: files (devices under devfs). No state at all.
 */
#include "fs/devices.h"
#include "lib/string.h"

static long null_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)buffer, (void)length, (void)offset, (void)flags;
    return 0;
}

static long zero_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)offset, (void)flags;
    memset(buffer, 0, length);
    return (long)length;
}

static long discard_write(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags)
{
    (void)vnode, (void)buffer, (void)offset, (void)flags;
    return (long)length;
}

const struct vnode_ops null_ops = {
    .read = null_read,
    .write = discard_write,
};

const struct vnode_ops zero_ops = {
    .read = zero_read,
    .write = discard_write,
};
