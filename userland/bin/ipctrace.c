/*
 * ipctrace - the kernel's IPC trace ring: switch it, show it, or trace
 * one command.
 *
 *   ipctrace on | off       switch tracing (it starts off)
 *   ipctrace                print the events the ring holds, oldest first
 *   ipctrace CMD [ARG...]   trace while CMD runs, then print its events
 *
 *   SEQ   TICK OP       OBJECT SENDER RECEIVER  SIZE    CRC32 ERROR
 *
 * The ring keeps the last few hundred events; older ones are counted as
 * missed. Layer: user program, over ipc_trace_control/read
 * (<freeport/ipc_stats.h>); the host build only says it needs Freeport.
 */
#include <err.h>
#include <freeport/ipc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __freeport__
int main(void)
{
    errx(1, "the IPC trace exists only on Freeport");
}
#else
#include <freeport/ipc_stats.h>

static const char *op_name(uint32_t op)
{
    switch (op) {
    case IPC_TRACE_SEND: return "send";
    case IPC_TRACE_RECEIVE: return "receive";
    case IPC_TRACE_CALL: return "call";
    case IPC_TRACE_REPLY: return "reply";
    case IPC_TRACE_REFUSED: return "refused";
    default: return "?";
    }
}

/* Print the events from number `cursor` on. */
static int show(uint64_t cursor)
{
    struct ipc_trace_event events[16];
    uint64_t missed = 0, total_missed = 0;
    int count;

    printf("  SEQ   TICK OP       OBJECT SENDER RECEIVER  SIZE    CRC32 ERROR\n");
    while ((count = ipc_trace_read(&cursor, events, 16, &missed)) > 0) {
        total_missed += missed;
        for (int i = 0; i < count; i++) {
            const struct ipc_trace_event *e = &events[i];
            printf("%5llu %6llu %-8s %6llu %6u %8u %5u %08x %5u\n", (unsigned long long)e->sequence,
                   (unsigned long long)e->timestamp, op_name(e->op), (unsigned long long)e->object_id,
                   e->sender_pid, e->receiver_pid, e->size, e->payload_crc32, e->error);
        }
    }
    total_missed += missed;
    if (count < 0)
        errx(1, "the IPC trace cannot be read");
    if (total_missed)
        printf("(%llu older events were overwritten)\n", (unsigned long long)total_missed);
    return 0;
}

/* The number the next event will get: read past everything held. */
static uint64_t trace_end(void)
{
    struct ipc_trace_event event;
    uint64_t cursor = 0, missed;

    while (ipc_trace_read(&cursor, &event, 1, &missed) > 0)
        continue;
    return cursor;
}

static int trace_command(char **argv)
{
    uint64_t start = trace_end();
    int status;
    pid_t pid;

    if (ipc_trace_control(1) < 0)
        errx(1, "the IPC trace cannot be read");
    pid = fork();
    if (pid == 0) {
        execvp(argv[0], argv);
        err(127, "%s", argv[0]);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        err(1, "running %s", argv[0]);
    ipc_trace_control(0);
    show(start);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return show(0);
    if (argc == 2 && (strcmp(argv[1], "on") == 0 || strcmp(argv[1], "off") == 0)) {
        if (ipc_trace_control(strcmp(argv[1], "on") == 0) < 0)
            errx(1, "the IPC trace cannot be read");
        return 0;
    }
    return trace_command(argv + 1);
}
#endif
