/*
 * guest_run.c - a test run: the protocol tools/guest-run relies on.
 *
 * Layer: user program (init). When /etc/guest-run exists (one argv word a
 * line), init runs that command between the lines "FREEPORT-RUN-BEGIN"
 * and "FREEPORT-RUN-END <status>" (status: the exit code, or 128 + the
 * signal) and powers the machine off with that status. Nothing else
 * appears between the markers but what the command and its children write.
 *
 * With /etc/guest-run-services as well (tools/guest-run --services), the
 * services of /etc/services but the tty ones are started first, and the
 * command begins once the boot sequence is done (their sockets exist); the
 * event loop keeps supervising them while it runs, and they are stopped
 * after the END line.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <freeport/sys.h>
#include "init.h"
#include "tools.h"

#define GUEST_RUN_FILE "/etc/guest-run"
#define MAX_ARGUMENTS  64

static pid_t start(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[0], argv);
        warn("%s", argv[0]);
        _exit(127);
    }
    if (pid < 0)
        warn("fork");
    return pid;
}

/* Waits for child, reaping any other process that ends meanwhile; returns its exit status. */
static int wait_reaping(pid_t child)
{
    int wait_status;
    pid_t pid;
    while ((pid = waitpid(-1, &wait_status, 0)) != child) {
        if (pid < 0)
            return 127;
    }
    return exit_status_of(wait_status);
}

int run_and_reap(char *const argv[])
{
    pid_t pid = start(argv);
    return pid < 0 ? 127 : wait_reaping(pid);
}

/* The same, with the services supervised while it runs. */
static int run_supervised(char *const argv[])
{
    int wait_status;
    pid_t pid = start(argv);

    if (pid < 0)
        return 127;
    event_loop_watch(pid);
    while (!event_loop_watched_exited(&wait_status))
        event_loop_once();
    return exit_status_of(wait_status);
}

/* Reads GUEST_RUN_FILE into text and splits it into argv, one word per line. */
static int read_guest_command(char *text, size_t size, char **argv)
{
    int fd = open(GUEST_RUN_FILE, O_RDONLY);
    ssize_t length = fd < 0 ? -1 : read(fd, text, size - 1);
    if (fd >= 0)
        close(fd);
    if (length <= 0)
        return -1;
    text[length] = '\0';
    int argc = 0;
    for (char *line = strtok(text, "\n"); line != NULL && argc < MAX_ARGUMENTS; line = strtok(NULL, "\n"))
        argv[argc++] = line;
    argv[argc] = NULL;
    return argc > 0 ? 0 : -1;
}

static void start_services(void)
{
    if (event_loop_init() < 0 || control_init() < 0)
        warn("init: the service manager cannot start");
    if (supervisor_load(SERVICES_FILE, true) < 0)
        return;
    while (!supervisor_booted())
        event_loop_once();
}

static void stop_services(void)
{
    while (!supervisor_stop_all())
        event_loop_once();
}

bool guest_run_requested(void)
{
    return access(GUEST_RUN_FILE, F_OK) == 0;
}

_Noreturn void guest_run(bool with_services)
{
    static char text[4096];
    char *argv[MAX_ARGUMENTS + 1];
    int status = 127;

    if (with_services)
        start_services();
    printf("FREEPORT-RUN-BEGIN\n");
    if (read_guest_command(text, sizeof(text), argv) == 0)
        status = with_services ? run_supervised(argv) : run_and_reap(argv);
    else
        warnx("%s: no command in it", GUEST_RUN_FILE);
    printf("FREEPORT-RUN-END %d\n", status);
    if (with_services)
        stop_services();
    freeport_poweroff(status);
    warn("poweroff");
    _exit(status);
}
