/*
 * userland/lib/unix_socket.c - the bound Unix socket every server starts
 * from (init's control socket and the sockets it holds for services, logd,
 * csrss).
 *
 * Layer: user library (libtools.a), on the POSIX socket calls. A socket
 * file left at the path by a server that died is removed first, so a
 * restarted server can bind again. On failure nothing stays open and errno
 * says why (ENAMETOOLONG: the path does not fit sun_path; it is never cut).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "tools.h"

int unix_socket_bind(const char *path, int type, int backlog)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};

    if (strlen(path) >= sizeof(address.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, type, 0);
    if (fd < 0)
        return -1;
    unlink(path);
    if (bind(fd, (struct sockaddr *)&address, sizeof(address)) < 0 ||
        (backlog > 0 && listen(fd, backlog) < 0)) {
        int saved_errno = errno;
        close(fd);
        errno = saved_errno;
        return -1;
    }
    return fd;
}
