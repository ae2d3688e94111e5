/*
 * bench/file.c - workload of the file calls: write then read back N bytes at
 * the start of one file in /tmp (ramfs on Freeport, tmpfs on Linux).
 *
 * Layer: user program (see bench.h). One operation is four system calls,
 * lseek + write + lseek + read (Freeport has no pread/pwrite yet), with the
 * counts checked; the file stays open across operations, so no path lookup
 * or allocation is timed once the warm-up has sized the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

#define FILE_PATH "/tmp/bench-file"

struct file_state {
    int fd;
    size_t size;
    char *out; /* what is written */
    char *in;  /* where it is read back */
};

int file_setup(size_t size, void **state)
{
    struct file_state *file = calloc(1, sizeof *file);
    if (file == NULL)
        return -1;
    file->size = size;
    file->out = malloc(size);
    file->in = malloc(size);
    file->fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (file->out == NULL || file->in == NULL || file->fd < 0) {
        file_teardown(file);
        return -1;
    }
    memset(file->out, 'b', size);
    *state = file;
    return 0;
}

/* A short count is an error here: a file in RAM has no reason to give one. */
static int whole(long count, size_t expected)
{
    if (count < 0)
        return -1;
    if ((size_t)count != expected) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int file_write_read_run(void *state)
{
    struct file_state *file = state;
    if (lseek(file->fd, 0, SEEK_SET) != 0 || whole(write(file->fd, file->out, file->size), file->size) < 0 ||
        lseek(file->fd, 0, SEEK_SET) != 0 || whole(read(file->fd, file->in, file->size), file->size) < 0)
        return -1;
    return 0;
}

int file_teardown(void *state)
{
    struct file_state *file = state;
    int result = 0;
    if (file->fd >= 0 && (close(file->fd) < 0 || unlink(FILE_PATH) < 0))
        result = -1;
    free(file->out);
    free(file->in);
    free(file);
    return result;
}
