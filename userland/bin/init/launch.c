/*
 * launch.c - starting one service: fork, arrange its descriptors, exec.
 *
 * Layer: user program (init). What a service finds when it starts:
 *   fd 0      /dev/null, or the console for a tty service (the fallback
 *             shell reads it); fds 1 and 2 are init's, the console
 *   fds 3-5   the console devices (VGA, keyboard, COM1), with flag devices
 *   fd N      the socket init bound for it, with socket=PATH; N is 3, or 6
 *             after the devices; its number is in $FREEPORT_SOCKET_FD
 * Every other descriptor of init is close-on-exec, so nothing else leaks
 * into a service.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "init.h"
#include "tools.h"

#define FIRST_HANDED_FD  3
#define PARKING_FD_FIRST 16 /* above every fd a service is given */

static void redirect_stdin(const struct service_spec *spec)
{
    if (spec->flags & SERVICE_TTY)
        return;
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0 && null != STDIN_FILENO) {
        dup2(null, STDIN_FILENO);
        close(null);
    }
}

/* The fds the service gets from 3 up: the devices, then its socket. */
static int handed_fds(const struct service *service, int *fds)
{
    int count = 0;

    if (service->spec->flags & SERVICE_DEVICES) {
        for (int i = 0; i < DEVICES_HANDED_OVER; i++)
            fds[count++] = devices_fd(i);
    }
    if (service->socket_fd >= 0)
        fds[count++] = service->socket_fd;
    return count;
}

/* Puts fds[i] at 3 + i. Each is first parked above every target, so a
 * source sitting on some other's target is never overwritten. */
static void place_fds(const int *fds, int count)
{
    int parked[DEVICES_HANDED_OVER + 1];

    for (int i = 0; i < count; i++)
        parked[i] = fds[i] < 0 ? -1 : fcntl(fds[i], F_DUPFD, PARKING_FD_FIRST);
    for (int i = 0; i < count; i++) {
        if (parked[i] < 0)
            continue;
        dup2(parked[i], FIRST_HANDED_FD + i);
        close(parked[i]);
    }
}

static void announce_socket(const struct service *service, int count)
{
    char number[12];

    if (service->socket_fd < 0)
        return;
    snprintf(number, sizeof(number), "%d", FIRST_HANDED_FD + count - 1);
    setenv("FREEPORT_SOCKET_FD", number, 1);
}

static _Noreturn void exec_service(const struct service *service)
{
    const struct service_spec *spec = service->spec;
    char *argv[SERVICE_ARGUMENTS_MAX + 1];

    int fds[DEVICES_HANDED_OVER + 1];
    int count = handed_fds(service, fds);

    redirect_stdin(spec);
    place_fds(fds, count);
    announce_socket(service, count);
    service_argv(spec, argv);
    execv(argv[0], argv);
    fprintf(stderr, "init: %s: cannot execute %s\n", spec->name, argv[0]);
    _exit(127);
}

pid_t launch_service(struct service *service)
{
    pid_t pid = fork();

    if (pid == 0)
        exec_service(service);
    if (pid < 0)
        init_log("%s: fork failed", service->spec->name);
    return pid;
}

int launch_bind_socket(const char *path)
{
    int fd = unix_socket_bind(path, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        init_log("bind %s: %s", path, strerror(errno));
    return fd;
}
