/*
 * devfs.c - /dev: one static directory listing the character devices.
 *
 * Layer: files (devfs). Invariants: every vnode here keeps nlink >= 1, so
 * vnode_put() never destroys one (no release operation is needed); inode
 * numbers are 1 for the directory and index + 2 for its entries. One entry
 * is a directory itself: pts, the pseudo-terminal slaves (devfs_pts.c).
 */
#include "errno.h"
#include "fs/devfs.h"
#include "fs/devices.h"
#include "fs/device_claim.h"
#include "fs/path_name.h"
#include "lib/string.h"

#define DEVFS_DEVICE            2 /* stat's dev */
#define DEVICE_NUMBER(maj, min) ((uint64_t)(maj) << 8 | (min))
#define DEVICE_COUNT            (sizeof(devfs_nodes) / sizeof(devfs_nodes[0]))
#define CURSOR_DOT              0
#define CURSOR_DOTDOT           1
#define CURSOR_DEVICES          2

struct devfs_node {
    const char *name;
    enum vnode_type type;
    const struct vnode_ops *ops;
    uint32_t permissions;
    uint64_t rdev; /* Linux's numbers, familiar from ls -l */
    struct vnode vnode;
};

static struct devfs_node devfs_nodes[] = {
    {"console", VNODE_CHAR_DEVICE, &console_ops, 0620, DEVICE_NUMBER(5, 1), {0}},
    {"null", VNODE_CHAR_DEVICE, &null_ops, 0666, DEVICE_NUMBER(1, 3), {0}},
    {"pts", VNODE_DIRECTORY, &pts_directory_ops, 0755, 0, {0}},
    {"serial0", VNODE_CHAR_DEVICE, &serial_ops, 0660, DEVICE_NUMBER(4, 64), {0}},
    {"zero", VNODE_CHAR_DEVICE, &zero_ops, 0666, DEVICE_NUMBER(1, 5), {0}},
};

static struct vnode devfs_root_vnode;

/* ".." of the root is the root: the VFS crosses to the covered directory first. */
static int devfs_lookup(struct vnode *dir, const char *name, struct vnode **out)
{
    if (path_name_is_dot_or_dotdot(name)) {
        *out = vnode_get(dir);
        return 0;
    }
    for (size_t i = 0; i < DEVICE_COUNT; i++) {
        if (strcmp(devfs_nodes[i].name, name) == 0) {
            *out = vnode_get(&devfs_nodes[i].vnode);
            return 0;
        }
    }
    return -ENOENT;
}

static void dirent_of(const struct vnode *vnode, const char *name, struct vnode_dirent *out)
{
    out->ino = vnode->ino;
    out->type = vnode->type;
    out->name = name;
}

static int devfs_readdir(struct vnode *dir, uint64_t *cursor, struct vnode_dirent *out)
{
    size_t index;

    if (*cursor <= CURSOR_DOTDOT) {
        dirent_of(dir, *cursor == CURSOR_DOT ? "." : "..", out);
        (*cursor)++;
        return 1;
    }
    index = *cursor - CURSOR_DEVICES;
    if (index >= DEVICE_COUNT)
        return 0;
    dirent_of(&devfs_nodes[index].vnode, devfs_nodes[index].name, out);
    (*cursor)++;
    return 1;
}

static const struct vnode_ops devfs_root_ops = {
    .lookup = devfs_lookup,
    .readdir = devfs_readdir,
};

static void init_vnode(struct vnode *vnode, enum vnode_type type, uint32_t permissions,
                       const struct vnode_ops *ops, uint64_t ino)
{
    vnode_init(vnode, type, permissions, ops);
    vnode->ino = ino;
    vnode->device = DEVFS_DEVICE;
    vnode->nlink = type == VNODE_DIRECTORY ? 2 : 1;
}

struct vnode *devfs_create_root(void)
{
    init_vnode(&devfs_root_vnode, VNODE_DIRECTORY, 0755, &devfs_root_ops, 1);
    for (size_t i = 0; i < DEVICE_COUNT; i++) {
        struct devfs_node *node = &devfs_nodes[i];
        init_vnode(&node->vnode, node->type, node->permissions, node->ops, i + CURSOR_DEVICES);
        node->vnode.rdev = node->rdev;
        vnode_put(&node->vnode);
    }
    console_init();
    serial_device_init();
    device_claim_init();
    return &devfs_root_vnode;
}

struct vnode *devfs_root(void)
{
    return &devfs_root_vnode;
}
