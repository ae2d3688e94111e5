/*
 * mount.c - the mount table (see mount.h).
 *
 * Layer: files (VFS core). Invariants: mount_table[0..mount_count) are in
 * use; entry 0, once set, is the root; for each entry, covered->mounted_here
 * and root->root_of point back at it.
 */
#include "fs/mount.h"
#include "errno.h"

static struct mount mount_table[MOUNT_MAX];
static unsigned mount_count;

int mount_attach(struct vnode *directory, struct vnode *root, const char *fs_name)
{
    if (root->type != VNODE_DIRECTORY || (directory && directory->type != VNODE_DIRECTORY))
        return -ENOTDIR;
    if ((directory == NULL) != (mount_count == 0) || (directory && directory->mounted_here) || root->root_of)
        return -EBUSY;
    if (mount_count == MOUNT_MAX)
        return -ENOMEM;
    struct mount *mount = &mount_table[mount_count++];
    mount->fs_name = fs_name;
    mount->covered = directory ? vnode_get(directory) : NULL;
    mount->root = vnode_get(root);
    if (directory)
        directory->mounted_here = mount;
    root->root_of = mount;
    return 0;
}

struct vnode *vfs_root(void)
{
    return mount_table[0].root;
}

struct vnode *mount_cross_down(struct vnode *vnode)
{
    while (vnode->mounted_here) {
        struct vnode *root = vnode_get(vnode->mounted_here->root);
        vnode_put(vnode);
        vnode = root;
    }
    return vnode;
}

struct vnode *mount_cross_up(struct vnode *dir)
{
    while (dir->root_of && dir->root_of->covered)
        dir = dir->root_of->covered;
    return dir;
}
