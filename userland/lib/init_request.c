/*
 * userland/lib/init_request.c - one request to init over /var/run/init.sock
 * (the svc protocol, docs/services.md), for svc, shutdown and reboot.
 *
 * Layer: user library (libtools.a). Sends the request line, reads the
 * whole reply, and judges its last line ("ok" or "error WHY"): on "ok" the
 * lines before it go to stdout (after a header, if given), on an error
 * only the reason, to stderr.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "tools.h"

#define INIT_SOCKET "/var/run/init.sock"
#define REPLY_MAX   4096

static int connect_to_init(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    strncpy(address.sun_path, INIT_SOCKET, sizeof(address.sun_path) - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads until init closes the connection; the reply's length, or -1. */
static ssize_t read_reply(int fd, char *reply, size_t size)
{
    size_t length = 0;
    ssize_t got;

    while (length < size - 1 && (got = read(fd, reply + length, size - 1 - length)) > 0)
        length += (size_t)got;
    reply[length] = '\0';
    return got < 0 ? -1 : (ssize_t)length;
}

/* Judges the last line; on "ok", prints header and every line before it. */
static int show_reply(char *reply, const char *header)
{
    char *last = reply;
    char *newline;

    while ((newline = strchr(last, '\n')) != NULL && newline[1] != '\0')
        last = newline + 1;
    if (strncmp(last, "ok", 2) == 0) {
        if (header)
            fputs(header, stdout);
        fwrite(reply, 1, (size_t)(last - reply), stdout);
        return 0;
    }
    last[strcspn(last, "\n")] = '\0';
    warnx("%s", strncmp(last, "error ", 6) == 0 ? last + 6 : "init gave no answer");
    return 1;
}

int init_request(const char *request, const char *header)
{
    static char reply[REPLY_MAX];
    int fd = connect_to_init();

    if (fd < 0) {
        warn("%s", INIT_SOCKET);
        return 1;
    }
    if (write_all(fd, request, strlen(request)) < 0 || write_all(fd, "\n", 1) < 0 ||
        read_reply(fd, reply, sizeof(reply)) < 0) {
        warn("%s", INIT_SOCKET);
        close(fd);
        return 1;
    }
    close(fd);
    return show_reply(reply, header);
}

int init_request_tool(int argc, const char *request)
{
    if (argc != 1) {
        fprintf(stderr, "usage: %s\n", request);
        return 2;
    }
    return init_request(request, NULL);
}
