/*
 * dirent.c - getdents: a directory's entries as struct freeport_dirent
 * records, resumable across calls.
 *
 * Layer: files (VFS), on the readdir operation. The file's offset is the
 * file system's readdir cursor, so a reader that stops early (its buffer is
 * full) resumes where it stopped, and rewinding is lseek(fd, 0, SEEK_SET).
 * Each record is 8-byte aligned: header, name, NUL, zero padding.
 */
#include <stddef.h>
#include "errno.h"
#include "fs/file.h"
#include "lib/string.h"

#define RECORD_ALIGN 8

static size_t record_length(size_t name_length)
{
    size_t length = offsetof(struct freeport_dirent, name) + name_length + 1;
    return (length + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
}

static void put_record(char *at, size_t length, const struct vnode_dirent *entry)
{
    struct freeport_dirent *record = (struct freeport_dirent *)at;

    memset(at, 0, length);
    record->ino = entry->ino;
    record->record_length = (uint16_t)length;
    record->type = vnode_dirent_type(entry->type);
    memcpy(record->name, entry->name, strlen(entry->name));
}

long file_getdents(struct file *file, void *buffer, size_t length)
{
    struct vnode *dir = file->vnode;
    struct vnode_dirent entry;
    size_t filled = 0;

    if (dir->type != VNODE_DIRECTORY)
        return -ENOTDIR;
    for (;;) {
        uint64_t cursor = file->offset;
        int found = dir->ops->readdir(dir, &cursor, &entry);
        if (found <= 0)
            break;
        size_t needed = record_length(strlen(entry.name));
        if (needed > length - filled)
            return filled > 0 ? (long)filled : -EINVAL;
        put_record((char *)buffer + filled, needed, &entry);
        filled += needed;
        file->offset = cursor;
    }
    vnode_touch_accessed(dir);
    return (long)filled;
}
