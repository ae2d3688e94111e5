/*
 * userland/libc/dirent.c - reading directories: getdents, and opendir,
 * readdir, rewinddir, closedir on top of it.
 *
 * Layer: libfreeport, above the SYS_getdents call. A DIR holds one buffer of
 * struct freeport_dirent records; readdir copies the next record into the
 * DIR's struct dirent (so a returned entry lives until the next readdir or
 * closedir on that DIR) and refills the buffer when it is used up.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <freeport/sys.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

#define DIR_BUFFER_SIZE 4096

struct freeport_dir {
    int fd;
    size_t position;     /* of the next record in buffer */
    size_t filled;       /* bytes of records in buffer */
    struct dirent entry; /* what readdir returns */
    _Alignas(struct freeport_dirent) char buffer[DIR_BUFFER_SIZE];
};

ssize_t getdents(int fd, void *buffer, size_t length)
{
    return syscall_result(SYSCALL(SYS_getdents, fd, buffer, length));
}

DIR *fdopendir(int fd)
{
    struct stat status;
    if (fstat(fd, &status) < 0)
        return NULL;
    if (!S_ISDIR(status.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    DIR *dir = malloc(sizeof(*dir));
    if (dir == NULL)
        return NULL;
    dir->fd = fd;
    dir->position = dir->filled = 0;
    return dir;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *dir = fdopendir(fd);
    if (dir == NULL) {
        int saved_errno = errno;
        close(fd);
        errno = saved_errno;
    }
    return dir;
}

/* Makes sure a record is waiting in the buffer; 0 at the end of the directory. */
static int refill(DIR *dir)
{
    if (dir->position < dir->filled)
        return 1;
    ssize_t length = getdents(dir->fd, dir->buffer, sizeof(dir->buffer));
    if (length <= 0)
        return 0;
    dir->position = 0;
    dir->filled = (size_t)length;
    return 1;
}

struct dirent *readdir(DIR *dir)
{
    if (!refill(dir))
        return NULL;
    const struct freeport_dirent *record = (const void *)(dir->buffer + dir->position);
    if (record->record_length <= offsetof(struct freeport_dirent, name) ||
        record->record_length > dir->filled - dir->position) {
        errno = EIO;
        return NULL;
    }
    dir->position += record->record_length;
    dir->entry.d_ino = record->ino;
    dir->entry.d_type = record->type;
    size_t name_length = strnlen(record->name, sizeof(dir->entry.d_name) - 1);
    memcpy(dir->entry.d_name, record->name, name_length);
    dir->entry.d_name[name_length] = '\0';
    return &dir->entry;
}

void rewinddir(DIR *dir)
{
    lseek(dir->fd, 0, SEEK_SET);
    dir->position = dir->filled = 0;
}

int dirfd(DIR *dir)
{
    return dir->fd;
}

int closedir(DIR *dir)
{
    int result = close(dir->fd);
    free(dir);
    return result;
}
