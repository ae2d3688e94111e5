/*
 * init - the first user process (PID 1), started by the kernel.
 *
 * Layer: user program. In order:
 *   1. makes sure fds 0, 1 and 2 are open, on /dev/console if they are not;
 *   2. if /etc/guest-run exists (a test run: one argv word per line), runs
 *      that command between the lines "FREEPORT-RUN-BEGIN" and
 *      "FREEPORT-RUN-END <status>" (status: exit code, or 128 + signal) and
 *      powers the machine off with that status;
 *   3. otherwise runs /etc/rc with /bin/sh, then keeps a /bin/sh on the
 *      console, starting a new one whenever it exits.
 * Every wait is waitpid(-1): orphans, which the kernel gives to init, are
 * reaped while init waits for its own child.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools.h"

#ifdef __freeport__
#include <freeport/sys.h>
#endif

#define GUEST_RUN_FILE "/etc/guest-run"
#define RC_FILE        "/etc/rc"
#define SHELL          "/bin/sh"
#define MAX_ARGUMENTS  64

static void open_console(void)
{
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) >= 0)
            continue;
        int console = open("/dev/console", O_RDWR);
        if (console < 0)
            return;
        if (console != fd) {
            dup2(console, fd);
            close(console);
        }
    }
}

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

static int run(char *const argv[])
{
    pid_t pid = start(argv);
    return pid < 0 ? 127 : wait_reaping(pid);
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

static _Noreturn void power_off(int status)
{
#ifdef __freeport__
    freeport_poweroff(status);
    warn("poweroff");
#endif
    exit(status);
}

static _Noreturn void run_guest_command(void)
{
    static char text[4096];
    char *argv[MAX_ARGUMENTS + 1];
    int status = 127;
    printf("FREEPORT-RUN-BEGIN\n");
    if (read_guest_command(text, sizeof(text), argv) == 0)
        status = run(argv);
    else
        warnx("%s: no command in it", GUEST_RUN_FILE);
    printf("FREEPORT-RUN-END %d\n", status);
    power_off(status);
}

int main(void)
{
    open_console();
    setvbuf(stdout, NULL, _IONBF, 0);
    setenv("PATH", "/bin", 0);
    setenv("HOME", "/home", 0);
    if (access(GUEST_RUN_FILE, F_OK) == 0)
        run_guest_command();
    if (access(RC_FILE, F_OK) == 0)
        run((char *const[]){SHELL, RC_FILE, NULL});
    for (;;) {
        int status = run((char *const[]){SHELL, NULL});
        printf("init: %s exited with status %d; starting a new one\n", SHELL, status);
        sleep(1);
    }
}
