/*
 * csrss/main.c - the console server's start and its one loop.
 *
 *   csrss [-n]
 *
 * Layer: csrss (docs/csrss.md). Started by init with the VGA screen, the
 * keyboard and COM1 on fds 3, 4 and 5 (-n: headless, without them). It
 * takes the devices, creates the first CSRSS_CONSOLES_AT_START consoles,
 * listens on CSRSS_SOCKET_PATH, then polls, each round: new connections,
 * requests, keyboard and COM1 input, console output; then redraws the
 * screen once if anything on it changed. SIGTERM ends it (the socket
 * path is removed); anything else that kills it leaves the consoles'
 * programs a hang-up, and init starts a new csrss, which makes new
 * consoles (new gettys attach to them).
 * Exit status: 0 after SIGTERM, 1 when it cannot start, 2 for bad usage.
 */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csrss.h"

#define POLL_MAX (3 + CSRSS_CONSOLES_MAX + CLIENTS_MAX)

enum source_kind { SOURCE_LISTEN, SOURCE_KEYBOARD, SOURCE_SERIAL, SOURCE_CONSOLE, SOURCE_CLIENT };

/* What each pollfd of a round stands for. */
struct poll_set {
    struct pollfd fds[POLL_MAX];
    enum source_kind kinds[POLL_MAX];
    int indices[POLL_MAX]; /* the console's or client's index */
    nfds_t count;
};

static volatile sig_atomic_t stopping;

static void on_terminate(int signal_number)
{
    (void)signal_number;
    stopping = 1;
}

static void poll_add(struct poll_set *set, int fd, enum source_kind kind, int index)
{
    if (fd < 0)
        return;
    set->fds[set->count] = (struct pollfd){.fd = fd, .events = POLLIN};
    set->kinds[set->count] = kind;
    set->indices[set->count++] = index;
}

static void poll_fill(struct csrss *csrss, struct poll_set *set)
{
    set->count = 0;
    poll_add(set, csrss->listen_fd, SOURCE_LISTEN, 0);
    poll_add(set, csrss->devices.keyboard_fd, SOURCE_KEYBOARD, 0);
    poll_add(set, csrss->devices.serial_fd, SOURCE_SERIAL, 0);
    for (int index = 0; index < CSRSS_CONSOLES_MAX; index++)
        if (csrss->consoles[index].number != 0)
            poll_add(set, csrss->consoles[index].master_fd, SOURCE_CONSOLE, index);
    for (int index = 0; index < CLIENTS_MAX; index++)
        poll_add(set, csrss->clients[index].fd, SOURCE_CLIENT, index);
}

static void serve(struct csrss *csrss, enum source_kind kind, int index)
{
    switch (kind) {
    case SOURCE_LISTEN: server_accept(csrss); break;
    case SOURCE_KEYBOARD: input_keyboard(csrss); break;
    case SOURCE_SERIAL: input_serial(csrss); break;
    case SOURCE_CONSOLE: console_read_master(csrss, &csrss->consoles[index]); break;
    case SOURCE_CLIENT: server_receive(csrss, &csrss->clients[index]); break;
    }
}

static void run(struct csrss *csrss)
{
    struct poll_set set;

    while (!stopping) {
        display_refresh(csrss);
        poll_fill(csrss, &set);
        if (poll(set.fds, set.count, -1) < 0) {
            if (errno != EINTR)
                err(1, "poll");
            continue;
        }
        for (nfds_t entry = 0; entry < set.count; entry++)
            if (set.fds[entry].revents != 0)
                serve(csrss, set.kinds[entry], set.indices[entry]);
    }
}

static int start(struct csrss *csrss, bool headless)
{
    memset(csrss, 0, sizeof(*csrss));
    window_table_init(&csrss->windows);
    keyboard_init(&csrss->keyboard);
    if (devices_take(&csrss->devices, headless) != 0)
        return -1;
    for (int number = 1; number <= CSRSS_CONSOLES_AT_START; number++) {
        int error = console_create(csrss, number);
        if (error < 0) {
            warnx("console %d: openpty: %s", number, strerror(-error));
            return -1;
        }
    }
    console_switch(csrss, 1);
    if (server_listen(csrss) != 0) {
        warn("%s", CSRSS_SOCKET_PATH);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static struct csrss csrss; /* large: not on the stack */
    bool headless = argc == 2 && strcmp(argv[1], "-n") == 0;

    if (argc > 2 || (argc == 2 && !headless))
        errx(2, "usage: csrss [-n]");
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_terminate);
    if (start(&csrss, headless) != 0)
        return 1;
    run(&csrss);
    unlink(CSRSS_SOCKET_PATH);
    return 0;
}
