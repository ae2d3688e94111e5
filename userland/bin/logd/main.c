/*
 * logd - the system log daemon (docs/logd.md).
 *
 *   logd [-r RATE] [-b BURST]     per-pid limit: RATE records a second
 *                                 (0: none), bursts of BURST
 *
 * Layer: user program (a service, started by init from /etc/services).
 * Receives records (<freeport/logd.h>) on the datagram socket
 * /var/run/logd.sock: the one init bound and passed as $FREEPORT_SOCKET_FD
 * (so records sent while logd restarts wait in the socket's queue), else
 * one it binds itself. Each batch of datagrams goes through the
 * accounting (clients.c: rate limit, sequence numbers, drops) into
 * storage (storage.c: the ring and /var/log/messages), then is flushed.
 * SIGTERM (init's shutdown) ends it after the queue is drained, the drops
 * are reported and the file is written: nothing already sent is lost.
 * Waiting: ppoll with SIGTERM blocked outside it, so the signal cannot
 * slip in between the check of `terminating` and the wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "clients.h"
#include "storage.h"
#include "tools.h"

#define BATCH_MAX          64
#define REPORT_INTERVAL_MS 1000
#define DEFAULT_RATE       1000
#define DEFAULT_BURST      500

static volatile sig_atomic_t terminating;
static uint64_t malformed;

static void on_terminate(int signal)
{
    (void)signal;
    terminating = 1;
}

static uint64_t clock_ns(clockid_t clock)
{
    struct timespec now;

    clock_gettime(clock, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static uint64_t monotonic_ms(void)
{
    return clock_ns(CLOCK_MONOTONIC) / 1000000u;
}

static uint64_t realtime_ns(void)
{
    return clock_ns(CLOCK_REALTIME);
}

static uint32_t parse_count(const char *text)
{
    unsigned long value;

    if (!parse_unsigned(text, UINT32_MAX, &value)) {
        fprintf(stderr, "usage: logd [-r RATE] [-b BURST]\n");
        exit(2);
    }
    return (uint32_t)value;
}

static void parse_options(int argc, char **argv, struct logd_limits *limits)
{
    int option;

    *limits = (struct logd_limits){.rate = DEFAULT_RATE, .burst = DEFAULT_BURST};
    while ((option = getopt(argc, argv, "r:b:")) != -1) {
        if (option == 'r')
            limits->rate = parse_count(optarg);
        else if (option == 'b')
            limits->burst = parse_count(optarg);
        else
            parse_count("");
    }
}

/* init's socket, or one bound here. */
static int log_socket(void)
{
    const char *passed = getenv("FREEPORT_SOCKET_FD");

    if (passed) {
        unsigned long fd;
        if (!parse_unsigned(passed, INT_MAX, &fd) || fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0) {
            errno = EBADF;
            return -1;
        }
        return (int)fd;
    }
    return unix_socket_bind(LOGD_SOCKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

static void handle_datagram(const uint8_t *datagram, ssize_t length)
{
    struct logd_record record;

    if (length > LOGD_RECORD_MAX || logd_record_decode(datagram, (size_t)length, &record) < 0) {
        malformed++;
        return;
    }
    clients_receive(&record, monotonic_ms());
}

/* Takes up to BATCH_MAX datagrams without waiting; how many it took. */
static int receive_batch(int fd)
{
    static uint8_t datagram[LOGD_RECORD_MAX + 1]; /* one more: a longer datagram shows */
    int taken = 0;

    while (taken < BATCH_MAX) {
        ssize_t length = recv(fd, datagram, sizeof(datagram), MSG_DONTWAIT);
        if (length < 0)
            break;
        handle_datagram(datagram, length);
        taken++;
    }
    return taken;
}

static void report_problems(void)
{
    uint64_t lost = storage_take_lost();

    clients_report_drops();
    if (malformed)
        clients_store_own(LOGD_LEVEL_WARNING, "ignored %llu malformed datagrams",
                          (unsigned long long)malformed);
    if (lost)
        clients_store_own(LOGD_LEVEL_ERROR, "dropped %llu records: %s could not be written",
                          (unsigned long long)lost, LOGD_FILE);
    malformed = 0;
}

static void block_termination(sigset_t *unblocked)
{
    struct sigaction action = {.sa_handler = on_terminate};
    sigset_t blocked;

    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigprocmask(SIG_BLOCK, &blocked, unblocked);
}

static void serve(int fd, const sigset_t *unblocked)
{
    struct pollfd wait_for = {.fd = fd, .events = POLLIN};
    uint64_t next_report = monotonic_ms() + REPORT_INTERVAL_MS;

    while (!terminating) {
        struct timespec timeout = {.tv_sec = 0, .tv_nsec = REPORT_INTERVAL_MS * 1000000L};
        bool waiting_report = clients_have_unreported_drops() || malformed;
        ppoll(&wait_for, 1, waiting_report ? &timeout : NULL, unblocked);
        while (receive_batch(fd) == BATCH_MAX)
            storage_flush();
        if (waiting_report && monotonic_ms() >= next_report) {
            report_problems();
            next_report = monotonic_ms() + REPORT_INTERVAL_MS;
        }
        storage_flush();
    }
}

int main(int argc, char **argv)
{
    struct logd_limits limits;
    sigset_t unblocked;

    parse_options(argc, argv, &limits);
    block_termination(&unblocked);
    int fd = log_socket();
    if (fd < 0) {
        fprintf(stderr, "logd: %s: %s\n", LOGD_SOCKET, strerror(errno));
        return 1;
    }
    clients_init(&limits, storage_store, realtime_ns, (uint32_t)getpid());
    long reloaded = storage_open();
    if (reloaded < 0) {
        fprintf(stderr, "logd: %s: %s\n", LOGD_FILE, strerror(errno));
        return 1;
    }
    clients_store_own(LOGD_LEVEL_INFO, "started: %ld records in %s", reloaded, LOGD_FILE);
    serve(fd, &unblocked);
    while (receive_batch(fd) > 0)
        storage_flush();
    report_problems();
    clients_store_own(LOGD_LEVEL_INFO, "stopping: every record received is stored");
    if (storage_flush() < 0)
        return 1;
    fprintf(stderr, "logd: stopped; every record received is in %s\n", LOGD_FILE);
    return 0;
}
