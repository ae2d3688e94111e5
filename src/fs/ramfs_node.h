/*
 * ramfs_node.h - ramfs's node and directory entry, shared by its three
 * files: ramfs.c (the namespace operations), ramfs_dir.c (entry lists) and
 * ramfs_file.c (file contents). Nothing outside ramfs includes it.
 *
 * Layer: files (ramfs internals). Invariants:
 *   - a node's vnode is its first member: container_of both ways;
 *   - a directory's entries are in ascending `cookie` order, cookies are
 *     never reused within it (readdir resumes after the last cookie seen);
 *   - directory nlink = 2 + number of subdirectories while it is linked,
 *     0 once removed (a removed directory has no entries and no parent);
 *   - file bytes at or past vnode.size are zero, in every allocated page;
 *     a NULL page is a hole.
 */
#ifndef FREEPORT_FS_RAMFS_NODE_H
#define FREEPORT_FS_RAMFS_NODE_H

#include <stdint.h>
#include "fs/vnode.h"
#include "lib/list.h"

#define RAMFS_DEVICE 1 /* stat's dev for every ramfs vnode */

struct ramfs_node;

struct ramfs_entry {
    struct list_node link; /* in the directory's entries */
    uint64_t cookie;       /* readdir position */
    struct ramfs_node *node;
    char name[];
};

struct ramfs_directory {
    struct list_node entries;
    size_t entry_count;
    uint64_t next_cookie;      /* 0 and 1 are "." and ".." */
    struct ramfs_node *parent; /* itself for the root; NULL once removed */
};

struct ramfs_file {
    void **pages; /* page_slots slots: a page (direct map) or NULL */
    size_t page_slots;
};

struct ramfs_node {
    struct vnode vnode;
    union {
        struct ramfs_directory dir;
        struct ramfs_file file;
    };
};

static inline struct ramfs_node *ramfs_node_of(struct vnode *vnode)
{
    return (struct ramfs_node *)vnode;
}

/* ramfs_dir.c */
void ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent);
struct ramfs_entry *ramfs_dir_find(struct ramfs_node *dir, const char *name);
struct ramfs_entry *ramfs_entry_create(const char *name, struct ramfs_node *node);
void ramfs_dir_insert(struct ramfs_node *dir, struct ramfs_entry *entry);
void ramfs_dir_remove(struct ramfs_node *dir, struct ramfs_entry *entry);
int ramfs_readdir(struct vnode *dir, uint64_t *cursor, struct vnode_dirent *out);

/* ramfs_file.c */
long ramfs_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags);
long ramfs_write(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags);
int ramfs_truncate(struct vnode *vnode, uint64_t size);
void ramfs_file_free(struct ramfs_node *file);

#endif
