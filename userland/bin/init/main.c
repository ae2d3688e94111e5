/*
 * main.c - init, the first user process (PID 1), started by the kernel.
 *
 * Layer: user program. In order:
 *   1. makes sure fds 0, 1 and 2 are open, on /dev/console if they are not;
 *   2. a test run (/etc/guest-run exists): guest_run.c's protocol, then
 *      power off;
 *   3. a boot: runs /etc/rc with /bin/sh, then becomes the service manager:
 *      starts /etc/services in order and supervises them for ever (a shell
 *      on the console takes the place of the consoles when the table has
 *      none that can run). Only a shutdown or reboot request ends it.
 * Every child that ends is reaped, orphans included (init.h lists the
 * files and what each holds).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "init.h"

#define GUEST_RUN_SERVICES_FILE "/etc/guest-run-services"
#define RC_FILE                 "/etc/rc"
#define SHELL                   "/bin/sh"

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

static _Noreturn void manage_services(void)
{
    if (event_loop_init() < 0 || control_init() < 0)
        init_log("the control socket %s is not available", CONTROL_SOCKET);
    if (supervisor_load(SERVICES_FILE, false) < 0 || !supervisor_has_console()) {
        init_log("no console service can run: starting %s on the console instead", SHELL);
        supervisor_add_fallback_shell();
    }
    for (;;)
        event_loop_once();
}

int main(void)
{
    open_console();
    setvbuf(stdout, NULL, _IONBF, 0);
    setenv("PATH", "/bin", 0);
    setenv("HOME", "/home", 0);
    if (guest_run_requested())
        guest_run(access(GUEST_RUN_SERVICES_FILE, F_OK) == 0);
    if (access(RC_FILE, F_OK) == 0)
        run_and_reap((char *const[]){SHELL, RC_FILE, NULL});
    manage_services();
}
