/*
 * ramfs_dir.c - ramfs directories: lists of named entries, and readdir.
 *
 * Layer: files (ramfs). An entry names a node but holds no reference on
 * it: the node's nlink counts its entries (see vnode.h). Lookup is a
 * linear search, fine for the tens of entries a teaching system's
 * directories hold. Invariants: see ramfs_node.h.
 */
#include "fs/ramfs_node.h"
#include "lib/string.h"
#include "mm/heap.h"

#define COOKIE_DOT     0
#define COOKIE_DOTDOT  1
#define COOKIE_ENTRIES 2

void ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent)
{
    list_init(&dir->dir.entries);
    dir->dir.entry_count = 0;
    dir->dir.next_cookie = COOKIE_ENTRIES;
    dir->dir.parent = parent;
}

struct ramfs_entry *ramfs_dir_find(struct ramfs_node *dir, const char *name)
{
    list_for_each(node, &dir->dir.entries) {
        struct ramfs_entry *entry = list_entry(node, struct ramfs_entry, link);
        if (strcmp(entry->name, name) == 0)
            return entry;
    }
    return NULL;
}

/* A detached entry (NULL when memory is short): allocating it before
 * changing anything lets create and rename fail without side effects. */
struct ramfs_entry *ramfs_entry_create(const char *name, struct ramfs_node *node)
{
    size_t length = strlen(name);
    struct ramfs_entry *entry = kmalloc(sizeof(*entry) + length + 1);

    if (entry == NULL)
        return NULL;
    memcpy(entry->name, name, length + 1);
    entry->node = node;
    return entry;
}

void ramfs_dir_insert(struct ramfs_node *dir, struct ramfs_entry *entry)
{
    entry->cookie = dir->dir.next_cookie++;
    list_push_back(&dir->dir.entries, &entry->link);
    dir->dir.entry_count++;
    vnode_touch_modified(&dir->vnode);
}

/* Unlink and free the entry; the node's nlink is the caller's business. */
void ramfs_dir_remove(struct ramfs_node *dir, struct ramfs_entry *entry)
{
    list_remove(&entry->link);
    dir->dir.entry_count--;
    kfree(entry);
    vnode_touch_modified(&dir->vnode);
}

static void dirent_of_node(struct ramfs_node *node, const char *name, struct vnode_dirent *out)
{
    out->ino = node->vnode.ino;
    out->type = node->vnode.type;
    out->name = name;
}

/* A removed directory lists nothing, not even "." and "..". */
int ramfs_readdir(struct vnode *vnode, uint64_t *cursor, struct vnode_dirent *out)
{
    struct ramfs_node *dir = ramfs_node_of(vnode);

    if (vnode->nlink == 0)
        return 0;
    if (*cursor == COOKIE_DOT) {
        dirent_of_node(dir, ".", out);
        *cursor = COOKIE_DOTDOT;
        return 1;
    }
    if (*cursor == COOKIE_DOTDOT) {
        dirent_of_node(dir->dir.parent, "..", out);
        *cursor = COOKIE_ENTRIES;
        return 1;
    }
    list_for_each(node, &dir->dir.entries) {
        struct ramfs_entry *entry = list_entry(node, struct ramfs_entry, link);
        if (entry->cookie >= *cursor) {
            dirent_of_node(entry->node, entry->name, out);
            *cursor = entry->cookie + 1;
            return 1;
        }
    }
    return 0;
}
