/*
 * ipcping - call/reply round trips to an echo server, like ping.
 *
 *   ipcping [-c COUNT] [-s SIZE]
 *
 * Forks a server that answers each call with the request's own bytes,
 * then makes COUNT calls (default 4) of SIZE bytes (default 32, at most
 * IPC_MESSAGE_MAX) and prints each round trip and a summary, with how
 * many went through the kernel's fast path (a small call to a server
 * already waiting: docs/ipc.md). Layer: user program, over <freeport/port.h>;
 * the host build (tests/userland-host.bats) only says it needs Freeport.
 */
#include <err.h>
#include <freeport/ipc.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef __freeport__
int main(void)
{
    errx(1, "ports exist only on Freeport");
}
#else
#include <freeport/capability.h>
#include <freeport/ipc_stats.h>
#include <freeport/port.h>
#include "tools.h"

static char name[32];

static void serve(void)
{
    static char buffer[IPC_MESSAGE_MAX];
    uint64_t port;

    if (port_create(0, &port) < 0 || ns_bind(name, port, IPC_RIGHT_SEND) < 0)
        _exit(1);
    for (;;) {
        struct ipc_receive_args in = {
            .payload = (uintptr_t)buffer, .capacity = sizeof(buffer), .timeout = IPC_TIMEOUT_FOREVER};
        if (port_receive(port, &in) < 0)
            _exit(1);
        struct ipc_send_args out = {.payload = (uintptr_t)buffer};
        out.header.type = in.header.type;
        out.header.length = in.header.length;
        port_reply(in.header.transaction_id, &out);
    }
}

static uint64_t microseconds(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000 + (uint64_t)now.tv_nsec / 1000;
}

static uint64_t lookup_server(void)
{
    uint64_t port;

    for (int tries = 0; tries < 1000; tries++) {
        if (ns_lookup(name, &port) == 0)
            return port;
        usleep(2000);
    }
    errx(1, "the echo server did not start");
}

int main(int argc, char **argv)
{
    static char request[IPC_MESSAGE_MAX], reply[IPC_MESSAGE_MAX];
    unsigned long count = 4, size = 32;
    struct ipc_global_stats before, after;
    uint64_t total = 0, port;
    int option;

    while ((option = getopt(argc, argv, "c:s:")) != -1) {
        if (option == 'c' && parse_unsigned(optarg, LONG_MAX, &count) && count > 0)
            continue;
        if (option == 's' && parse_unsigned(optarg, IPC_MESSAGE_MAX, &size))
            continue;
        errx(2, "usage: ipcping [-c COUNT] [-s SIZE] (COUNT positive, SIZE at most %d)", IPC_MESSAGE_MAX);
    }
    ipc_stats_global(&before);
    snprintf(name, sizeof(name), "ipcping.%d", (int)getpid());
    pid_t server = fork();
    if (server == 0)
        serve();
    port = lookup_server();
    memset(request, 'p', (size_t)size);
    for (unsigned long i = 0; i < count; i++) {
        struct ipc_send_args out = {.payload = (uintptr_t)request, .timeout = IPC_TIMEOUT_FOREVER};
        struct ipc_receive_args in = {
            .payload = (uintptr_t)reply, .capacity = sizeof(reply), .timeout = IPC_TIMEOUT_FOREVER};
        out.header.type = (uint32_t)i;
        out.header.length = (uint32_t)size;
        uint64_t start = microseconds();
        int result = port_call(port, &out, &in);
        uint64_t took = microseconds() - start;
        if (result < 0)
            errx(1, "call %lu: IPC error %d", i, -result);
        total += took;
        printf("%u bytes from pid %u: call %lu, transaction %llu, time %llu us\n", in.header.length,
               in.header.sender_pid, i, (unsigned long long)in.header.transaction_id,
               (unsigned long long)took);
    }
    ipc_stats_global(&after);
    printf("%lu calls of %lu bytes, average %llu us, %llu fast path hits\n", count, size,
           (unsigned long long)(total / (uint64_t)count),
           (unsigned long long)(after.fast_path_hits - before.fast_path_hits));
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    return 0;
}
#endif
