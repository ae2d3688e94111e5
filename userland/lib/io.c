/*
 * userland/lib/io.c - moving bytes between file descriptors, and running a
 * tool over its input files (cat, wc, head, cp).
 *
 * Layer: user library (libtools.a). Short writes and EINTR are retried.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "tools.h"

int write_all(int fd, const void *buffer, size_t length)
{
    const char *bytes = buffer;
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return -1;
        bytes += written;
        length -= (size_t)written;
    }
    return 0;
}

int copy_fd(int from, int to)
{
    char buffer[4096];
    for (;;) {
        ssize_t got = read(from, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return (int)got;
        if (write_all(to, buffer, (size_t)got) < 0)
            return -1;
    }
}

static int process_named(const char *name, int (*process)(int fd, const char *name))
{
    if (strcmp(name, "-") == 0)
        return process(0, name);
    int fd = open(name, O_RDONLY);
    if (fd < 0) {
        warn("%s", name);
        return 1;
    }
    int status = process(fd, name);
    close(fd);
    return status;
}

int for_each_input(int count, char **names, int (*process)(int fd, const char *name))
{
    if (count == 0)
        return process(0, "-") != 0;
    int status = 0;
    for (int i = 0; i < count; i++)
        status |= process_named(names[i], process) != 0;
    return status;
}
