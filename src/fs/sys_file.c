/*
 * sys_file.c - open, close, read, write, readv, writev, lseek.
 *
 * Layer: files (system-call side). Before any byte moves, the descriptor
 * must be open for the transfer (-EBADF) and every buffer must be able to
 * lie in user space (-EFAULT, user_buffer.h). Data moves between user
 * memory and the file through a kernel bounce buffer, IO_CHUNK bytes at a
 * time, each chunk through usercopy.h, except for a file with its own
 * operations (a pipe end), which is handed the user buffer; a regular
 * file keeps going while chunks come back full, a device stops after one
 * (a console read returns at most a line). A transfer that fails after
 * moving some bytes returns that count, as POSIX allows; bytes already
 * taken from a device when the user buffer turns out bad are lost.
 * Every path drops the file reference it took.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "fs/user_buffer.h"
#include "fs/user_path.h"
#include "fs/vfs.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/usercopy.h"

#define IO_CHUNK 2048       /* the largest heap size class */
#define IO_MAX   0x7ffff000 /* one call moves at most this (newlib's int) */
#define OPEN_FLAGS                                                                                           \
    (FP_O_ACCMODE | FP_O_APPEND | FP_O_CREAT | FP_O_TRUNC | FP_O_EXCL | FP_O_NONBLOCK | FP_O_NOCTTY |        \
     FP_O_CLOEXEC | FP_O_DIRECTORY)

long sys_open(const char *user_path, int flags, uint32_t mode)
{
    struct process *process = process_current();
    struct file *file;
    char *path;
    long result;

    if ((flags & ~OPEN_FLAGS) || process == NULL || process->files == NULL)
        return -EINVAL;
    result = user_path_copy(user_path, &path);
    if (result)
        return result;
    result = vfs_open(path, flags, mode & 07777 & ~process->umask, &file);
    kfree(path);
    if (result)
        return result;
    result = fd_install(process->files, file, 0, flags & FP_O_CLOEXEC);
    if (result < 0)
        file_put(file);
    return result;
}

long sys_close(int fd)
{
    return fd_close(fd_table_current(), fd);
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Read into user memory; `bounce` is an IO_CHUNK buffer. Reads at least
 * once, so a zero-length read of a directory still reports -EISDIR. */
static long read_to_user(struct file *file, char *user_buffer, size_t length, char *bounce)
{
    size_t done = 0;
    long got;

    length = min_size(length, IO_MAX);
    do {
        size_t chunk = min_size(length - done, IO_CHUNK);
        got = file_read(file, bounce, chunk);
        if (got > 0 && copy_to_user(user_buffer + done, bounce, (size_t)got) < 0)
            got = -EFAULT;
        if (got <= 0)
            break;
        done += (size_t)got;
        if ((size_t)got < chunk || file->vnode->type != VNODE_REGULAR)
            break;
    } while (done < length);
    return done > 0 ? (long)done : got;
}

static long write_from_user(struct file *file, const char *user_buffer, size_t length, char *bounce)
{
    size_t done = 0;
    long put;

    length = min_size(length, IO_MAX);
    do {
        size_t chunk = min_size(length - done, IO_CHUNK);
        put =
            copy_from_user(bounce, user_buffer + done, chunk) < 0 ? -EFAULT : file_write(file, bounce, chunk);
        if (put <= 0)
            break;
        done += (size_t)put;
        if ((size_t)put < chunk)
            break;
    } while (done < length);
    return done > 0 ? (long)done : put;
}

/* 0, or why no byte may move: the file is not open for it (-EBADF), or a
 * buffer cannot lie in user space at all (-EFAULT). */
static long check_transfer(const struct file *file, const struct freeport_iovec *vector, int count,
                           bool writing)
{
    if (!(writing ? file_writable(file) : file_readable(file)))
        return -EBADF;
    for (int i = 0; i < count; i++)
        if (!user_buffer_in_range(vector[i].base, vector[i].length))
            return -EFAULT;
    return 0;
}

/* One buffer of a vector. A file with its own operations gets the user
 * buffer itself; once bytes have moved (`later`), a read must not sleep. */
static long transfer_one(struct file *file, char *user_buffer, size_t length, bool writing, bool later,
                         char *bounce)
{
    if (file->ops == NULL)
        return writing ? write_from_user(file, user_buffer, length, bounce)
                       : read_to_user(file, user_buffer, length, bounce);
    length = min_size(length, IO_MAX);
    if (writing)
        return file->ops->write(file, user_buffer, length, file->flags);
    return file->ops->read(file, user_buffer, length, file->flags | (later ? FP_O_NONBLOCK : 0));
}

/* Each buffer of a kernel `vector` in turn, holding the file (and a bounce
 * buffer, for vnode operations) throughout; stop at the first short or
 * failed transfer. */
static long transfer_vector(int fd, const struct freeport_iovec *vector, int count, bool writing)
{
    struct file *file = fd_current_file(fd);
    char *bounce = NULL;
    long done;

    if (file == NULL)
        return -EBADF;
    done = check_transfer(file, vector, count, writing);
    if (done == 0 && file->ops == NULL && (bounce = kmalloc(IO_CHUNK)) == NULL)
        done = -ENOMEM;
    for (int i = 0; done >= 0 && i < count; i++) {
        char *user_buffer = (char *)(uintptr_t)vector[i].base;
        long moved = transfer_one(file, user_buffer, vector[i].length, writing, done > 0, bounce);
        if (moved < 0) {
            done = done > 0 ? done : moved;
            break;
        }
        done += moved;
        if ((uint64_t)moved < vector[i].length)
            break;
    }
    kfree(bounce);
    file_put(file);
    return done;
}

long sys_read(int fd, void *buffer, size_t length)
{
    struct freeport_iovec one = {(uintptr_t)buffer, length};
    return transfer_vector(fd, &one, 1, false);
}

long sys_write(int fd, const void *buffer, size_t length)
{
    struct freeport_iovec one = {(uintptr_t)buffer, length};
    return transfer_vector(fd, &one, 1, true);
}

/* A kernel copy of the user's vector, checked: 0 <= count <= FS_IOV_MAX
 * and a total length that fits in a signed 64-bit count. */
static long copy_vector(const struct freeport_iovec *user_vector, int count, struct freeport_iovec **out)
{
    uint64_t total = 0;

    if (count < 0 || count > FS_IOV_MAX)
        return -EINVAL;
    struct freeport_iovec *vector = kmalloc((size_t)count * sizeof(*vector));
    if (vector == NULL)
        return -ENOMEM;
    if (copy_from_user(vector, user_vector, (size_t)count * sizeof(*vector)) < 0) {
        kfree(vector);
        return -EFAULT;
    }
    for (int i = 0; i < count; i++) {
        if (vector[i].length > (uint64_t)INT64_MAX - total) {
            kfree(vector);
            return -EINVAL;
        }
        total += vector[i].length;
    }
    *out = vector;
    return 0;
}

static long transfer_user_vector(int fd, const struct freeport_iovec *user_vector, int count, bool writing)
{
    struct freeport_iovec *vector;
    long result = copy_vector(user_vector, count, &vector);

    if (result)
        return result;
    result = transfer_vector(fd, vector, count, writing);
    kfree(vector);
    return result;
}

long sys_readv(int fd, const struct freeport_iovec *vector, int count)
{
    return transfer_user_vector(fd, vector, count, false);
}

long sys_writev(int fd, const struct freeport_iovec *vector, int count)
{
    return transfer_user_vector(fd, vector, count, true);
}

long sys_lseek(int fd, int64_t offset, int whence)
{
    struct file *file = fd_current_file(fd);

    if (file == NULL)
        return -EBADF;
    long result = file_seek(file, offset, whence);
    file_put(file);
    return result;
}
