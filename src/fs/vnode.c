/*
 * vnode.c - vnode reference counting, times, and what stat reports.
 *
 * Layer: files (VFS core). Invariants: refcount counts the pointers held
 * outside the file system's own directories; a vnode is destroyed exactly
 * once, when refcount drops to 0 with nlink 0; vnode_count is the number
 * of vnodes initialised and not yet destroyed.
 */
#include "fs/vnode.h"
#include "arch/arch.h"
#include "lib/string.h"
#include "panic.h"
#include "proc/clock.h"

#define STAT_BLOCK_SIZE        4096

static uint64_t vnode_count;

void vnode_init(struct vnode *vnode, enum vnode_type type, uint32_t permissions, const struct vnode_ops *ops)
{
    uint64_t now = arch_ticks();

    *vnode = (struct vnode){
        .type = type,
        .permissions = permissions & 07777,
        .refcount = 1,
        .access_tick = now,
        .modify_tick = now,
        .change_tick = now,
        .ops = ops,
    };
    vnode_count++;
}

struct vnode *vnode_get(struct vnode *vnode)
{
    ASSERT(vnode->refcount > 0 || vnode->nlink > 0);
    vnode->refcount++;
    return vnode;
}

void vnode_put(struct vnode *vnode)
{
    ASSERT(vnode->refcount > 0);
    if (--vnode->refcount > 0 || vnode->nlink > 0)
        return;
    vnode_count--;
    vnode->ops->release(vnode);
}

void vnode_touch_accessed(struct vnode *vnode)
{
    vnode->access_tick = arch_ticks();
}

void vnode_touch_modified(struct vnode *vnode)
{
    vnode->modify_tick = vnode->change_tick = arch_ticks();
}

void vnode_touch_changed(struct vnode *vnode)
{
    vnode->change_tick = arch_ticks();
}

uint32_t vnode_mode(const struct vnode *vnode)
{
    static const uint32_t type_bits[] = {
        [VNODE_REGULAR] = FP_S_IFREG, [VNODE_DIRECTORY] = FP_S_IFDIR, [VNODE_CHAR_DEVICE] = FP_S_IFCHR,
        [VNODE_FIFO] = FP_S_IFIFO,    [VNODE_SOCKET] = FP_S_IFSOCK,
    };
    return type_bits[vnode->type] | vnode->permissions;
}

uint8_t vnode_dirent_type(enum vnode_type type)
{
    static const uint8_t dirent_types[] = {
        [VNODE_REGULAR] = FP_DT_REG, [VNODE_DIRECTORY] = FP_DT_DIR, [VNODE_CHAR_DEVICE] = FP_DT_CHR,
        [VNODE_FIFO] = FP_DT_FIFO,   [VNODE_SOCKET] = FP_DT_SOCK,
    };
    return dirent_types[type];
}

static struct freeport_timespec ticks_to_timespec(uint64_t ticks)
{
    uint64_t hz = arch_tick_hz() ? arch_tick_hz() : 1;

    return (struct freeport_timespec){
        .tv_sec = (int64_t)(ticks / hz),
        .tv_nsec = (int64_t)((ticks % hz) * (NANOSECONDS_PER_SECOND / hz)),
    };
}

/* Everyone is root (uid and gid 0): see docs/filesystem.md. */
void vnode_stat(const struct vnode *vnode, struct freeport_stat *out)
{
    memset(out, 0, sizeof(*out));
    out->dev = vnode->device;
    out->ino = vnode->ino;
    out->mode = vnode_mode(vnode);
    out->nlink = vnode->nlink;
    out->rdev = vnode->rdev;
    out->size = (int64_t)vnode->size;
    out->blksize = STAT_BLOCK_SIZE;
    out->blocks = (int64_t)vnode->blocks;
    out->atime = ticks_to_timespec(vnode->access_tick);
    out->mtime = ticks_to_timespec(vnode->modify_tick);
    out->ctime = ticks_to_timespec(vnode->change_tick);
}

uint64_t fs_count_vnodes(void)
{
    return vnode_count;
}
