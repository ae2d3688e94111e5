/*
 * ramfs.c - ramfs nodes and the namespace operations: lookup, create,
 * unlink, rmdir, rename.
 *
 * Layer: files (ramfs, under the VFS). The VFS has already handled ".",
 * "..", mount points, EXDEV and the type checks POSIX makes on rename
 * (vfs_names.c: unlink is never asked to remove a directory, nor rmdir
 * anything else); what is left here is the bookkeeping of entries and link
 * counts. Each node type gets its own operations table, so an operation
 * never meets a node of the wrong type. Invariants: see ramfs_node.h.
 */
#include "errno.h"
#include "fs/ramfs.h"
#include "fs/ramfs_node.h"
#include "mm/heap.h"

static const struct vnode_ops ramfs_dir_ops, ramfs_file_ops, ramfs_special_ops;
static uint64_t ramfs_next_ino = 1;

static const struct vnode_ops *ops_for(enum vnode_type type)
{
    if (type == VNODE_DIRECTORY)
        return &ramfs_dir_ops;
    return type == VNODE_REGULAR ? &ramfs_file_ops : &ramfs_special_ops;
}

/* A new node with one reference and no names (NULL: out of memory). */
static struct ramfs_node *node_create(enum vnode_type type, uint32_t permissions, struct ramfs_node *parent)
{
    struct ramfs_node *node = kzalloc(sizeof(*node));

    if (node == NULL)
        return NULL;
    vnode_init(&node->vnode, type, permissions, ops_for(type));
    node->vnode.ino = ramfs_next_ino++;
    node->vnode.device = RAMFS_DEVICE;
    if (type == VNODE_DIRECTORY)
        ramfs_dir_init(node, parent ? parent : node);
    return node;
}

static void ramfs_release(struct vnode *vnode)
{
    struct ramfs_node *node = ramfs_node_of(vnode);

    if (vnode->type == VNODE_REGULAR)
        ramfs_file_free(node);
    kfree(node);
}

struct vnode *ramfs_create_root(void)
{
    struct ramfs_node *root = node_create(VNODE_DIRECTORY, 0755, NULL);

    if (root == NULL)
        return NULL;
    root->vnode.nlink = 2; /* "." and its own ".." */
    return &root->vnode;
}

/* A removed directory (nlink 0) has no entries, and nothing can be made in it. */
static int ramfs_lookup(struct vnode *vnode, const char *name, struct vnode **out)
{
    struct ramfs_node *dir = ramfs_node_of(vnode);
    struct ramfs_entry *entry;

    if (vnode->nlink == 0)
        return -ENOENT;
    if (name[0] == '.' && name[1] == '\0') {
        *out = vnode_get(vnode);
        return 0;
    }
    if (name[0] == '.' && name[1] == '.' && name[2] == '\0') {
        *out = vnode_get(&dir->dir.parent->vnode);
        return 0;
    }
    entry = ramfs_dir_find(dir, name);
    if (entry == NULL)
        return -ENOENT;
    *out = vnode_get(&entry->node->vnode);
    return 0;
}

static void link_node(struct ramfs_node *dir, struct ramfs_entry *entry)
{
    struct vnode *vnode = &entry->node->vnode;

    vnode->nlink += vnode->type == VNODE_DIRECTORY ? 2 : 1;
    if (vnode->type == VNODE_DIRECTORY)
        dir->vnode.nlink++;
    ramfs_dir_insert(dir, entry);
}

static int ramfs_create(struct vnode *vnode, const char *name, enum vnode_type type, uint32_t permissions,
                        struct vnode **out)
{
    struct ramfs_node *dir = ramfs_node_of(vnode), *node;
    struct ramfs_entry *entry;

    if (vnode->nlink == 0)
        return -ENOENT;
    if (ramfs_dir_find(dir, name))
        return -EEXIST;
    node = node_create(type, permissions, dir);
    if (node == NULL)
        return -ENOSPC;
    entry = ramfs_entry_create(name, node);
    if (entry == NULL) {
        vnode_put(&node->vnode);
        return -ENOSPC;
    }
    link_node(dir, entry);
    *out = &node->vnode;
    return 0;
}

/* Remove `entry` from `dir` and drop the name it gave its node; the node
 * dies here if nothing else holds it (vnode_put). */
static void unlink_entry(struct ramfs_node *dir, struct ramfs_entry *entry)
{
    struct ramfs_node *node = entry->node;
    struct vnode *vnode = vnode_get(&node->vnode);

    ramfs_dir_remove(dir, entry);
    if (vnode->type == VNODE_DIRECTORY) {
        vnode->nlink = 0;
        node->dir.parent = NULL;
        dir->vnode.nlink--;
    } else {
        vnode->nlink--;
    }
    vnode_touch_changed(vnode);
    vnode_put(vnode);
}

static int ramfs_unlink(struct vnode *vnode, const char *name)
{
    struct ramfs_node *dir = ramfs_node_of(vnode);
    struct ramfs_entry *entry = ramfs_dir_find(dir, name);

    if (entry == NULL)
        return -ENOENT;
    unlink_entry(dir, entry);
    return 0;
}

static int ramfs_rmdir(struct vnode *vnode, const char *name)
{
    struct ramfs_node *dir = ramfs_node_of(vnode);
    struct ramfs_entry *entry = ramfs_dir_find(dir, name);

    if (entry == NULL)
        return -ENOENT;
    if (entry->node->dir.entry_count > 0)
        return -ENOTEMPTY;
    unlink_entry(dir, entry);
    return 0;
}

/* Give the moved node its new name; a directory changes parents. */
static void move_entry(struct ramfs_node *old_dir, struct ramfs_entry *old_entry, struct ramfs_node *new_dir,
                       struct ramfs_entry *new_entry)
{
    struct ramfs_node *node = old_entry->node;

    ramfs_dir_remove(old_dir, old_entry);
    ramfs_dir_insert(new_dir, new_entry);
    if (node->vnode.type == VNODE_DIRECTORY && old_dir != new_dir) {
        node->dir.parent = new_dir;
        old_dir->vnode.nlink--;
        new_dir->vnode.nlink++;
    }
    vnode_touch_changed(&node->vnode);
}

/* The VFS checked the types (a directory only replaces an empty directory,
 * a non-directory only a non-directory) and that a directory does not move
 * under itself. Nothing changes unless everything can. */
static int ramfs_rename(struct vnode *old_vnode, const char *old_name, struct vnode *new_vnode,
                        const char *new_name)
{
    struct ramfs_node *old_dir = ramfs_node_of(old_vnode), *new_dir = ramfs_node_of(new_vnode);
    struct ramfs_entry *source = ramfs_dir_find(old_dir, old_name);
    struct ramfs_entry *target = ramfs_dir_find(new_dir, new_name), *moved;

    if (source == NULL || new_vnode->nlink == 0)
        return -ENOENT;
    if (target && target->node == source->node)
        return 0;
    if (target && target->node->vnode.type == VNODE_DIRECTORY && target->node->dir.entry_count > 0)
        return -ENOTEMPTY;
    moved = ramfs_entry_create(new_name, source->node);
    if (moved == NULL)
        return -ENOSPC;
    if (target)
        unlink_entry(new_dir, target);
    move_entry(old_dir, source, new_dir, moved);
    return 0;
}

static const struct vnode_ops ramfs_dir_ops = {
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
    .rename = ramfs_rename,
    .readdir = ramfs_readdir,
    .release = ramfs_release,
};

static const struct vnode_ops ramfs_file_ops = {
    .read = ramfs_read,
    .write = ramfs_write,
    .truncate = ramfs_truncate,
    .release = ramfs_release,
};

/* FIFOs and sockets: a name and attributes, no contents. */
static const struct vnode_ops ramfs_special_ops = {
    .release = ramfs_release,
};
