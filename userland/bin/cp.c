/*
 * cp source target / cp source... directory - copy files.
 *
 * Layer: user program, over libtools' for_each_source and copy_fd. The copy
 * gets the source's permission bits (less the umask) when it is created; an
 * existing target is overwritten. Directories are refused (no -r).
 */
#include <err.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tools.h"

/* Opens source for reading and fills *status; -1 (reported) on failure or for a directory. */
static int open_source(const char *source, struct stat *status)
{
    int fd = open(source, O_RDONLY);
    if (fd < 0 || fstat(fd, status) < 0) {
        warn("%s", source);
    } else if (S_ISDIR(status->st_mode)) {
        warnx("%s: is a directory", source);
    } else {
        return fd;
    }
    if (fd >= 0)
        close(fd);
    return -1;
}

static int copy_one(const char *source, const char *destination)
{
    struct stat status;
    int from = open_source(source, &status);
    if (from < 0)
        return 1;
    int to = open(destination, O_WRONLY | O_CREAT | O_TRUNC, status.st_mode & 0777);
    int failed = to < 0 || copy_fd(from, to) < 0;
    failed |= to >= 0 && close(to) < 0;
    if (failed)
        warn("%s", destination);
    close(from);
    return failed;
}

int main(int argc, char **argv)
{
    return for_each_source(argc, argv, "cp source target | cp source... directory", copy_one);
}
