/*
 * initrd.c - unpacking the initrd (a cpio "newc" archive, see cpio.h) into
 * the root ramfs at boot.
 *
 * Layer: files, above the VFS. The archive is read in place, through the
 * direct map: frame.c never hands out a boot module's frames. Directories
 * and regular files are unpacked; other types are reported and skipped.
 * Policy on names: leading "/" and "./" are dropped, a ".." component is
 * refused, and nothing may be put under /dev (devfs is mounted there after
 * unpacking; a "dev" entry may only be a directory).
 */
#include "bootinfo.h"
#include "errno.h"
#include "fs/cpio.h"
#include "fs/initrd.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "printk.h"

struct unpack_totals {
    unsigned directories, files, skipped;
    uint64_t bytes;
};

static const struct boot_module *find_module(const struct boot_info *boot_info)
{
    for (size_t i = 0; i < boot_info->module_count; i++)
        if (strcmp(boot_info->modules[i].cmdline, "initrd") == 0)
            return &boot_info->modules[i];
    return boot_info->module_count ? &boot_info->modules[0] : NULL;
}

static bool under_dev(const char *name, uint32_t mode)
{
    if (strncmp(name, "dev", 3) != 0 || (name[3] != '/' && name[3] != '\0'))
        return false;
    return name[3] == '/' ? name[4] != '\0' : (mode & FP_S_IFMT) != FP_S_IFDIR;
}

static int write_file(const char *path, const struct cpio_entry *entry)
{
    struct file *file;
    int error = vfs_open(path, FP_O_WRONLY | FP_O_CREAT | FP_O_TRUNC, entry->mode & 07777, &file);

    if (error)
        return error;
    long written = entry->size ? file_write(file, entry->data, entry->size) : 0;
    file_put(file);
    if (written < 0)
        return (int)written;
    return (uint64_t)written == entry->size ? 0 : -ENOSPC;
}

/* A directory (which may already exist) or a regular file. */
static int unpack_entry(const struct cpio_entry *entry, const char *path, struct unpack_totals *totals)
{
    int error;

    if ((entry->mode & FP_S_IFMT) == FP_S_IFDIR) {
        error = vfs_mknod(path, VNODE_DIRECTORY, entry->mode & 07777);
        if (error == -EEXIST)
            error = 0;
        totals->directories += error == 0;
        return error;
    }
    error = write_file(path, entry);
    if (error == 0) {
        totals->files++;
        totals->bytes += entry->size;
    }
    return error;
}

static bool unpackable_type(uint32_t mode)
{
    return (mode & FP_S_IFMT) == FP_S_IFDIR || (mode & FP_S_IFMT) == FP_S_IFREG;
}

/* "/" + the entry's safe name in `path`; reports and returns false for an
 * entry that must be skipped. The root entry (".") is skipped silently. */
static bool entry_path(const struct cpio_entry *entry, char *path)
{
    const char *name = cpio_safe_name(entry->name);
    const char *why = NULL;

    if (!unpackable_type(entry->mode))
        why = "only directories and regular files are unpacked";
    else if (name == NULL)
        why = "a '..' component would escape the root";
    else if (under_dev(name, entry->mode))
        why = "/dev belongs to devfs";
    else if (strlen(name) + 2 > FS_PATH_MAX)
        why = "path too long";
    if (why)
        printk("initrd: '%s' skipped: %s\n", entry->name, why);
    if (why || name[0] == '\0')
        return false;
    path[0] = '/';
    strlcpy(path + 1, name, FS_PATH_MAX - 1);
    return true;
}

static void unpack_archive(const void *archive, size_t length, char *path, struct unpack_totals *totals)
{
    struct cpio_reader reader;
    struct cpio_entry entry;
    int result;

    cpio_reader_init(&reader, archive, length);
    while ((result = cpio_next(&reader, &entry)) > 0) {
        if (!entry_path(&entry, path)) {
            totals->skipped++;
            continue;
        }
        int error = unpack_entry(&entry, path, totals);
        if (error) {
            printk("initrd: '%s' skipped: error %d\n", entry.name, error);
            totals->skipped++;
        }
    }
    if (result < 0)
        printk("initrd: malformed archive at offset %lu: %s; the rest is skipped\n",
               (unsigned long)reader.offset, cpio_error_text(result));
}

void initrd_unpack(const struct boot_info *boot_info)
{
    const struct boot_module *module = find_module(boot_info);
    struct unpack_totals totals = {0};
    char *path;

    if (module == NULL) {
        printk("initrd: no boot module: / starts empty\n");
        return;
    }
    path = kmalloc(FS_PATH_MAX);
    if (path == NULL) {
        printk("initrd: no memory to unpack it\n");
        return;
    }
    unpack_archive(PHYS_TO_VIRT(module->start), module->end - module->start, path, &totals);
    kfree(path);
    printk("initrd: %u directories, %u files (%lu bytes) unpacked, %u entries skipped\n", totals.directories,
           totals.files, (unsigned long)totals.bytes, totals.skipped);
}
