/*
 * selftest_fs.c - self-tests of the file layer, run from kernel code
 * through the VFS (the `selftest` boot option; fs_init() has run).
 *
 * Layer: files. Each test works under /tmp with absolute paths (kmain's
 * thread has no process, so no working directory), cleans up, and checks
 * that the vnode, open-file, heap and frame counters are back where they
 * started: every error path must give back what it took.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/mount.h"
#include "fs/ramfs.h"
#include "fs/terminal.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "selftest.h"

struct fs_counts {
    uint64_t vnodes, open_files, free_frames;
    size_t heap_allocations;
};

static struct fs_counts counts_now(void)
{
    return (struct fs_counts){fs_count_vnodes(), fs_count_open_files(), frame_stats().free,
                              heap_stats().allocations};
}

static bool counts_equal(struct fs_counts a, struct fs_counts b)
{
    return a.vnodes == b.vnodes && a.open_files == b.open_files && a.free_frames == b.free_frames &&
           a.heap_allocations == b.heap_allocations;
}

/* Create (or truncate) `path` holding `text`: 0 or an errno. */
static long write_file(const char *path, const char *text)
{
    struct file *file;
    long result = vfs_open(path, FP_O_WRONLY | FP_O_CREAT | FP_O_TRUNC, 0644, &file);

    if (result)
        return result;
    result = file_write(file, text, strlen(text));
    file_put(file);
    return result < 0 ? result : 0;
}

/* The first `size - 1` bytes of `path`, NUL-terminated: the count or an errno. */
static long read_file(const char *path, char *buffer, size_t size)
{
    struct file *file;
    long result = vfs_open_path(path, FP_O_RDONLY, &file);

    if (result)
        return result;
    result = file_read(file, buffer, size - 1);
    file_put(file);
    buffer[result < 0 ? 0 : result] = '\0';
    return result;
}

static int64_t size_of(const char *path)
{
    struct freeport_stat status;
    int error = vfs_stat(path, &status);
    return error ? error : status.size;
}

static uint32_t nlink_of(const char *path)
{
    struct freeport_stat status;
    return vfs_stat(path, &status) == 0 ? status.nlink : 0;
}

SELFTEST(fs_write_read_roundtrip)
{
    struct fs_counts before = counts_now();
    struct freeport_stat status;
    struct file *file;
    char buffer[32];

    SELFTEST_ASSERT(vfs_open("/tmp/st-file", FP_O_RDWR | FP_O_CREAT | FP_O_EXCL, 0640, &file) == 0);
    SELFTEST_ASSERT(file_write(file, "hello, ", 7) == 7 && file_write(file, "world", 5) == 5);
    SELFTEST_ASSERT(file_seek(file, 0, FP_SEEK_SET) == 0);
    SELFTEST_ASSERT(file_read(file, buffer, sizeof(buffer)) == 12);
    SELFTEST_ASSERT(memcmp(buffer, "hello, world", 12) == 0);
    SELFTEST_ASSERT(file_read(file, buffer, sizeof(buffer)) == 0);
    file_stat(file, &status);
    SELFTEST_ASSERT(status.mode == (FP_S_IFREG | 0640) && status.size == 12 && status.nlink == 1);
    SELFTEST_ASSERT(status.blksize == 4096 && status.blocks == 8);
    file_put(file);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-file") == 0);
    SELFTEST_ASSERT(vfs_stat("/tmp/st-file", &status) == -ENOENT);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

/* Holes read as zeros and take no page; shrinking zeroes what a later
 * extension would expose. */
SELFTEST(fs_sparse_files_and_truncate)
{
    struct fs_counts before = counts_now();
    struct freeport_stat status;
    struct file *file;
    char buffer[16];

    SELFTEST_ASSERT(vfs_open("/tmp/st-sparse", FP_O_RDWR | FP_O_CREAT, 0600, &file) == 0);
    SELFTEST_ASSERT(file_seek(file, 3 * 4096 + 10, FP_SEEK_SET) == 3 * 4096 + 10);
    SELFTEST_ASSERT(file_write(file, "end", 3) == 3);
    file_stat(file, &status);
    SELFTEST_ASSERT(status.size == 3 * 4096 + 13 && status.blocks == 8);
    SELFTEST_ASSERT(file_read_at(file, buffer, 16, 4096) == 16);
    for (int i = 0; i < 16; i++)
        SELFTEST_ASSERT(buffer[i] == 0);
    SELFTEST_ASSERT(file_seek(file, 0, FP_SEEK_SET) == 0 && file_write(file, "abcdefgh", 8) == 8);
    SELFTEST_ASSERT(file->vnode->ops->truncate(file->vnode, 3) == 0);
    file_stat(file, &status);
    SELFTEST_ASSERT(status.size == 3 && status.blocks == 8);
    SELFTEST_ASSERT(file_seek(file, 8, FP_SEEK_SET) == 8 && file_write(file, "Z", 1) == 1);
    SELFTEST_ASSERT(file_read_at(file, buffer, 16, 0) == 9);
    SELFTEST_ASSERT(memcmp(buffer, "abc\0\0\0\0\0Z", 9) == 0);
    SELFTEST_ASSERT(file_seek(file, -1, FP_SEEK_SET) == -EINVAL);
    SELFTEST_ASSERT(file_seek(file, -2, FP_SEEK_END) == 7);
    SELFTEST_ASSERT(file_seek(file, 0, 3) == -EINVAL);
    SELFTEST_ASSERT(file_write(file, "x", 0) == 0);
    SELFTEST_ASSERT(file->vnode->ops->truncate(file->vnode, RAMFS_MAX_FILE_SIZE + 1) == -EFBIG);
    SELFTEST_ASSERT(file_read_at(file, buffer, 1, RAMFS_MAX_FILE_SIZE) == 0);
    file_put(file);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-sparse") == 0);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

/* POSIX: the name goes at once, the file when its last user closes it. */
SELFTEST(fs_unlinked_file_stays_readable)
{
    struct fs_counts before = counts_now();
    struct freeport_stat status;
    struct file *file;
    char buffer[8];

    SELFTEST_ASSERT(write_file("/tmp/st-gone", "still") == 0);
    SELFTEST_ASSERT(vfs_open_path("/tmp/st-gone", FP_O_RDONLY, &file) == 0);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-gone") == 0);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-gone") == -ENOENT);
    file_stat(file, &status);
    SELFTEST_ASSERT(status.nlink == 0);
    SELFTEST_ASSERT(fs_count_vnodes() == before.vnodes + 1);
    SELFTEST_ASSERT(file_read(file, buffer, sizeof(buffer)) == 5 && memcmp(buffer, "still", 5) == 0);
    file_put(file);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

SELFTEST(fs_open_flags)
{
    struct fs_counts before = counts_now();
    struct file *file;
    char buffer[16];

    SELFTEST_ASSERT(write_file("/tmp/st-flags", "0123456789") == 0);
    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_CREAT | FP_O_EXCL | FP_O_WRONLY, 0644, &file) == -EEXIST);
    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_RDONLY | FP_O_DIRECTORY, 0, &file) == -ENOTDIR);
    SELFTEST_ASSERT(vfs_open("/tmp/st-flags/", FP_O_RDONLY, 0, &file) == -ENOTDIR);
    SELFTEST_ASSERT(vfs_open("/tmp", FP_O_WRONLY, 0, &file) == -EISDIR);
    SELFTEST_ASSERT(vfs_open("/tmp", FP_O_RDWR | FP_O_CREAT, 0644, &file) == -EISDIR);
    SELFTEST_ASSERT(vfs_open("/tmp/st-new/", FP_O_RDWR | FP_O_CREAT, 0644, &file) == -EISDIR);
    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_ACCMODE, 0, &file) == -EINVAL);
    SELFTEST_ASSERT(vfs_open("/tmp/st-x", FP_O_CREAT | FP_O_DIRECTORY, 0644, &file) == -EINVAL);
    SELFTEST_ASSERT(vfs_open("/tmp/st-missing", FP_O_RDONLY, 0, &file) == -ENOENT);

    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_WRONLY | FP_O_APPEND, 0, &file) == 0);
    SELFTEST_ASSERT(file_write(file, "ab", 2) == 2 && file->offset == 12);
    SELFTEST_ASSERT(file_seek(file, 0, FP_SEEK_SET) == 0 && file_write(file, "c", 1) == 1);
    SELFTEST_ASSERT(file_read(file, buffer, 1) == -EBADF);
    file_put(file);
    SELFTEST_ASSERT(read_file("/tmp/st-flags", buffer, sizeof(buffer)) == 13);
    SELFTEST_ASSERT(strcmp(buffer, "0123456789abc") == 0);

    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_RDONLY | FP_O_TRUNC, 0, &file) == 0);
    SELFTEST_ASSERT(file_write(file, "x", 1) == -EBADF);
    file_put(file);
    SELFTEST_ASSERT(size_of("/tmp/st-flags") == 13); /* O_TRUNC needs write access */
    SELFTEST_ASSERT(vfs_open("/tmp/st-flags", FP_O_RDWR | FP_O_TRUNC, 0, &file) == 0);
    file_put(file);
    SELFTEST_ASSERT(size_of("/tmp/st-flags") == 0);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-flags") == 0);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

SELFTEST(fs_mkdir_rmdir_unlink_errors)
{
    struct fs_counts before = counts_now();
    uint32_t tmp_links = nlink_of("/tmp");

    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dir", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(nlink_of("/tmp/st-dir") == 2 && nlink_of("/tmp") == tmp_links + 1);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dir", VNODE_DIRECTORY, 0755) == -EEXIST);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dir/", VNODE_DIRECTORY, 0755) == -EEXIST);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dir/.", VNODE_DIRECTORY, 0755) == -EEXIST);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-none/sub", VNODE_DIRECTORY, 0755) == -ENOENT);
    SELFTEST_ASSERT(write_file("/tmp/st-dir/file", "x") == 0);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dir/file/sub", VNODE_DIRECTORY, 0755) == -ENOTDIR);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir") == -ENOTEMPTY);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir/.") == -EINVAL);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir/..") == -ENOTEMPTY);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir/file") == -ENOTDIR);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-dir") == -EISDIR);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-dir/file/") == -ENOTDIR);
    SELFTEST_ASSERT(vfs_rmdir("/dev") == -EBUSY);
    SELFTEST_ASSERT(vfs_mknod("/dev/st", VNODE_REGULAR, 0644) == -EROFS);
    SELFTEST_ASSERT(vfs_unlink("/dev/null") == -EROFS);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-dir/file") == 0);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir/") == 0);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dir") == -ENOENT);
    SELFTEST_ASSERT(nlink_of("/tmp") == tmp_links);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

/* A directory removed while held: nothing can be made or found in it. */
SELFTEST(fs_removed_directory_is_dead)
{
    struct fs_counts before = counts_now();
    struct path_parent parent;
    struct vnode *dir, *child;

    SELFTEST_ASSERT(vfs_mknod("/tmp/st-dead", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(path_resolve("/tmp/st-dead", &dir) == 0);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-dead") == 0);
    SELFTEST_ASSERT(dir->nlink == 0);
    SELFTEST_ASSERT(path_step(dir, "..", &child) == -ENOENT);
    parent.dir = dir;
    parent.must_be_directory = false;
    strlcpy(parent.name, "new", sizeof(parent.name));
    SELFTEST_ASSERT(vfs_create_in(&parent, VNODE_REGULAR, 0644, &child) == -ENOENT);
    vnode_put(dir);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

SELFTEST(fs_rename)
{
    struct fs_counts before = counts_now();
    char buffer[16];

    SELFTEST_ASSERT(vfs_mknod("/tmp/st-a", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-a/inner", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-b", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(write_file("/tmp/st-a/one", "one") == 0);
    SELFTEST_ASSERT(write_file("/tmp/st-b/two", "two") == 0);

    SELFTEST_ASSERT(vfs_rename("/tmp/st-a/one", "/tmp/st-b/two") == 0); /* over a file */
    SELFTEST_ASSERT(read_file("/tmp/st-b/two", buffer, sizeof(buffer)) == 3 && strcmp(buffer, "one") == 0);
    SELFTEST_ASSERT(vfs_stat("/tmp/st-a/one", &(struct freeport_stat){0}) == -ENOENT);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-b/two", "/tmp/st-b/two") == 0);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a", "/tmp/st-a/inner/x") == -EINVAL);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a", "/tmp/st-a") == 0);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a/inner", "/tmp/st-b") == -ENOTEMPTY);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-b/two", "/tmp/st-a") == -EISDIR);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a", "/tmp/st-b/two") == -ENOTDIR);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-b/two/", "/tmp/st-b/three") == -ENOTDIR);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-b/two", "/dev/two") == -EXDEV);
    SELFTEST_ASSERT(vfs_rename("/dev", "/tmp/st-dev") == -EBUSY);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a/.", "/tmp/st-c") == -EINVAL);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-none", "/tmp/st-c") == -ENOENT);

    SELFTEST_ASSERT(vfs_rename("/tmp/st-a/inner", "/tmp/st-b/inner") == 0); /* to another parent */
    SELFTEST_ASSERT(nlink_of("/tmp/st-a") == 2 && nlink_of("/tmp/st-b") == 3);
    SELFTEST_ASSERT(vfs_rename("/tmp/st-a", "/tmp/st-b/inner") == 0); /* over an empty directory */
    SELFTEST_ASSERT(nlink_of("/tmp/st-b") == 3);
    SELFTEST_ASSERT(vfs_stat("/tmp/st-a", &(struct freeport_stat){0}) == -ENOENT);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-b/two") == 0);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-b/inner") == 0 && vfs_rmdir("/tmp/st-b") == 0);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

/* Read one record at a time with a buffer too small for two. */
static int list_names(struct file *dir, char *names, size_t size)
{
    char buffer[24]; /* one record at a time, for these names */
    long length;
    int count = 0;

    names[0] = '\0';
    while ((length = file_getdents(dir, buffer, sizeof(buffer))) > 0) {
        struct freeport_dirent *record = (struct freeport_dirent *)buffer;
        if (record->record_length != length || record->record_length % 8)
            return -1;
        strlcpy(names + strlen(names), record->name, size - strlen(names));
        strlcpy(names + strlen(names), " ", size - strlen(names));
        count++;
    }
    return length == 0 ? count : (int)length;
}

SELFTEST(fs_getdents_lists_and_resumes)
{
    struct fs_counts before = counts_now();
    struct file *dir;
    char names[128], tiny[12];

    SELFTEST_ASSERT(vfs_mknod("/tmp/st-list", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(write_file("/tmp/st-list/alpha", "") == 0);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-list/beta", VNODE_FIFO, 0644) == 0);
    SELFTEST_ASSERT(vfs_mknod("/tmp/st-list/gamma", VNODE_DIRECTORY, 0755) == 0);
    SELFTEST_ASSERT(vfs_open_path("/tmp/st-list", FP_O_RDONLY | FP_O_DIRECTORY, &dir) == 0);
    SELFTEST_ASSERT(list_names(dir, names, sizeof(names)) == 5);
    SELFTEST_ASSERT(strcmp(names, ". .. alpha beta gamma ") == 0);
    SELFTEST_ASSERT(file_seek(dir, 0, FP_SEEK_SET) == 0);
    SELFTEST_ASSERT(file_getdents(dir, tiny, sizeof(tiny)) == -EINVAL);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-list/alpha") == 0);
    SELFTEST_ASSERT(list_names(dir, names, sizeof(names)) == 4);
    SELFTEST_ASSERT(strcmp(names, ". .. beta gamma ") == 0);
    SELFTEST_ASSERT(file_read(dir, tiny, 1) == -EISDIR);
    file_put(dir);
    SELFTEST_ASSERT(vfs_open_path("/tmp/st-list/beta", FP_O_RDONLY, &dir) == -ENXIO);
    SELFTEST_ASSERT(vfs_open_path("/dev", FP_O_RDONLY, &dir) == 0);
    SELFTEST_ASSERT(list_names(dir, names, sizeof(names)) == 7);
    SELFTEST_ASSERT(strcmp(names, ". .. console null pts serial0 zero ") == 0);
    file_put(dir);
    SELFTEST_ASSERT(vfs_unlink("/tmp/st-list/beta") == 0);
    SELFTEST_ASSERT(vfs_rmdir("/tmp/st-list/gamma") == 0 && vfs_rmdir("/tmp/st-list") == 0);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

/* Resolve `path` and compare with `expected` (or expect an error). */
static bool resolves_to(const char *path, struct vnode *expected, int error)
{
    struct vnode *vnode;
    int result = path_resolve(path, &vnode);

    if (result)
        return result == error;
    bool same = error == 0 && vnode == expected;
    vnode_put(vnode);
    return same;
}

SELFTEST(fs_path_resolution_edge_cases)
{
    struct fs_counts before = counts_now();
    struct vnode *root = vfs_root(), *tmp, *dev;
    char *long_path = kmalloc(FS_PATH_MAX + 1);

    SELFTEST_ASSERT(long_path != NULL);
    SELFTEST_ASSERT(path_resolve("/tmp", &tmp) == 0 && path_resolve("/dev", &dev) == 0);
    SELFTEST_ASSERT(dev->root_of != NULL && dev->device != root->device);
    SELFTEST_ASSERT(resolves_to("//tmp///", tmp, 0) && resolves_to("/tmp/.", tmp, 0));
    SELFTEST_ASSERT(resolves_to("/tmp/..", root, 0) && resolves_to("/..", root, 0));
    SELFTEST_ASSERT(resolves_to("/dev/..", root, 0) && resolves_to("/dev/../tmp", tmp, 0));
    SELFTEST_ASSERT(resolves_to("/dev/./.././dev", dev, 0) && resolves_to("/../../", root, 0));
    SELFTEST_ASSERT(resolves_to("/dev/null/", NULL, -ENOTDIR) && resolves_to("/dev/null/x", NULL, -ENOTDIR));
    SELFTEST_ASSERT(resolves_to("/dev/nothing", NULL, -ENOENT) && resolves_to("", NULL, -ENOENT));
    memset(long_path, 'n', FS_NAME_MAX + 1);
    strlcpy(long_path + FS_NAME_MAX + 1, "", 1);
    long_path[0] = '/';
    SELFTEST_ASSERT(resolves_to(long_path, NULL, -ENOENT)); /* exactly FS_NAME_MAX bytes */
    long_path[FS_NAME_MAX + 1] = 'n';
    long_path[FS_NAME_MAX + 2] = '\0';
    SELFTEST_ASSERT(resolves_to(long_path, NULL, -ENAMETOOLONG));
    for (int i = 0; i < FS_PATH_MAX; i += 2)
        memcpy(long_path + i, "/.", 2);
    long_path[FS_PATH_MAX - 1] = '\0';
    SELFTEST_ASSERT(resolves_to(long_path, root, 0)); /* FS_PATH_MAX - 1 bytes */
    long_path[FS_PATH_MAX - 1] = '.';
    long_path[FS_PATH_MAX] = '\0';
    SELFTEST_ASSERT(resolves_to(long_path, NULL, -ENAMETOOLONG));
    kfree(long_path);
    vnode_put(tmp);
    vnode_put(dev);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

SELFTEST(fs_devices)
{
    struct fs_counts before = counts_now();
    struct freeport_winsize size;
    struct freeport_termios termios;
    struct freeport_stat status;
    struct file *file;
    char buffer[8] = "xxxxxxx";

    SELFTEST_ASSERT(vfs_open_path("/dev/zero", FP_O_RDWR, &file) == 0);
    SELFTEST_ASSERT(file_read(file, buffer, 8) == 8 && buffer[0] == 0 && buffer[7] == 0);
    SELFTEST_ASSERT(file_write(file, "abc", 3) == 3);
    SELFTEST_ASSERT(file_seek(file, 0, FP_SEEK_SET) == -ESPIPE);
    file_stat(file, &status);
    SELFTEST_ASSERT(status.mode == (FP_S_IFCHR | 0666) && status.rdev == (1 << 8 | 5));
    file_put(file);
    SELFTEST_ASSERT(vfs_open_path("/dev/null", FP_O_RDWR, &file) == 0);
    SELFTEST_ASSERT(file_read(file, buffer, 8) == 0 && file_write(file, "abc", 3) == 3);
    SELFTEST_ASSERT(file->vnode->ops->ioctl == NULL);
    file_put(file);
    SELFTEST_ASSERT(vfs_open_path("/dev/console", FP_O_RDWR | FP_O_NONBLOCK, &file) == 0);
    const struct file_ops *console = file->ops; /* a terminal's file (terminal.h) */
    SELFTEST_ASSERT(console == &terminal_file_ops);
    SELFTEST_ASSERT(console->ioctl(file, FP_TIOCGWINSZ, &size) == 0);
    SELFTEST_ASSERT(size.rows == 25 && size.columns == 80);
    SELFTEST_ASSERT(console->ioctl(file, FP_TCGETS, &termios) == 0);
    SELFTEST_ASSERT((termios.lflag & FP_ICANON) && (termios.lflag & FP_ECHO) && (termios.lflag & FP_ISIG));
    SELFTEST_ASSERT(console->ioctl(file, FP_TCSETS, &termios) == 0);
    SELFTEST_ASSERT(console->ioctl(file, 0x1234, &termios) == -ENOTTY);
    SELFTEST_ASSERT(console->ioctl(file, FP_TIOCGPTN, &termios) == -ENOTTY);
    struct file_poll_wait wait;
    SELFTEST_ASSERT(file_poll(file, FP_POLLIN | FP_POLLOUT, &wait) == FP_POLLOUT && wait.object != NULL);
    file_put(file);
    SELFTEST_ASSERT(vfs_access("/dev/null", FP_R_OK | FP_W_OK) == 0);
    SELFTEST_ASSERT(vfs_access("/dev/null", FP_X_OK) == -EACCES);
    SELFTEST_ASSERT(vfs_access("/dev", FP_X_OK) == 0 && vfs_access("/dev", 8) == -EINVAL);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}

SELFTEST(fs_descriptor_tables)
{
    struct fs_counts before = counts_now();
    struct fd_table *table = fd_table_create(), *copy;
    struct file *file, *got;

    SELFTEST_ASSERT(table != NULL);
    SELFTEST_ASSERT(vfs_open_path("/dev/null", FP_O_RDWR, &file) == 0);
    SELFTEST_ASSERT(fd_install(table, file, 0, false) == 0);
    SELFTEST_ASSERT(fd_install(table, file_get(file), 0, true) == 1);
    SELFTEST_ASSERT(fd_install(table, file_get(file), 10, false) == 10);
    SELFTEST_ASSERT(file->refcount == 3 && fs_count_open_files() == before.open_files + 1);
    copy = fd_table_clone(table);
    SELFTEST_ASSERT(copy != NULL && file->refcount == 6);
    fd_table_close_on_exec(copy);
    SELFTEST_ASSERT(copy->files[1] == NULL && copy->files[0] == file && file->refcount == 5);
    got = fd_table_get(copy, 10);
    SELFTEST_ASSERT(got == file && fd_table_get(copy, 11) == NULL && fd_table_get(copy, -1) == NULL);
    file_put(got);
    SELFTEST_ASSERT(fd_close(copy, 10) == 0 && fd_close(copy, 10) == -EBADF && fd_close(copy, 999) == -EBADF);
    fd_install_at(copy, 0, file_get(file), true); /* over itself */
    SELFTEST_ASSERT(copy->close_on_exec[0] && file->refcount == 4);
    fd_table_destroy(copy);
    for (int i = 3; i < FD_TABLE_SIZE; i++)
        SELFTEST_ASSERT(fd_install(table, file_get(file), 0, false) >= 0);
    got = file_get(file);
    SELFTEST_ASSERT(fd_install(table, got, 0, false) == -EMFILE);
    file_put(got);
    fd_table_destroy(table);
    SELFTEST_ASSERT(counts_equal(counts_now(), before));
}
