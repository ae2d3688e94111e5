/*
 * sys_dir.c - getdents: a directory's entries to user space.
 *
 * Layer: files (system-call side), on file_getdents() (dirent.c), which
 * formats the records into a kernel buffer of DIRENT_CHUNK bytes; the user
 * gets as many whole records as fit, and the next call resumes there.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "fs/user_buffer.h"
#include "mm/heap.h"
#include "proc/usercopy.h"

#define DIRENT_CHUNK 2048

long sys_getdents(int fd, void *user_buffer, size_t length)
{
    struct file *file = fd_current_file(fd);
    uint64_t offset_before;
    char *buffer;
    long result;

    if (file == NULL)
        return -EBADF;
    if (!user_buffer_in_range((uintptr_t)user_buffer, length)) {
        file_put(file);
        return -EFAULT;
    }
    buffer = kmalloc(DIRENT_CHUNK);
    if (buffer == NULL) {
        file_put(file);
        return -ENOMEM;
    }
    offset_before = file->offset;
    result = file_getdents(file, buffer, length < DIRENT_CHUNK ? length : DIRENT_CHUNK);
    if (result > 0 && copy_to_user(user_buffer, buffer, (size_t)result) < 0) {
        file->offset = offset_before;
        result = -EFAULT;
    }
    kfree(buffer);
    file_put(file);
    return result;
}
