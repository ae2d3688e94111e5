/*
 * bench/logd_freeport.c - how many records a second logd sustains
 * (Freeport only: logd is Freeport's log daemon, docs/logd.md).
 *
 * Layer: user program (see bench.h), on <freeport/logd.h>. setup starts
 * its own /bin/logd with the rate limit off (-r 0), which binds
 * /var/run/logd.sock itself (the benchmark runs without init's services),
 * and waits until the socket exists. One operation: one record of N
 * message bytes, encoded and sent with a blocking sendto. Once logd's
 * socket queue is full the sender waits for logd to take a record, so in
 * the steady state a batch measures logd's own pace: receive, decode,
 * account, format into the ring, and its share of the write to
 * /var/log/messages. teardown stops logd (SIGTERM: it drains and flushes)
 * and removes what it left.
 */
#include <errno.h>
#include <fcntl.h>
#include <freeport/logd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define READY_STEPS   1000
#define READY_STEP_US 1000

struct logd_bench {
    pid_t logd;
    int fd;
    struct sockaddr_un address;
    uint8_t datagram[LOGD_RECORD_MAX];
    size_t length;
    uint32_t sequence;
};

static int start_logd(struct logd_bench *bench)
{
    struct stat status;

    unlink(LOGD_SOCKET);
    bench->logd = fork();
    if (bench->logd == 0) {
        execl("/bin/logd", "logd", "-r", "0", (char *)NULL);
        _exit(127);
    }
    if (bench->logd < 0)
        return -1;
    for (int step = 0; step < READY_STEPS; step++) {
        if (stat(LOGD_SOCKET, &status) == 0)
            return 0;
        usleep(READY_STEP_US);
    }
    errno = ETIMEDOUT;
    return -1;
}

int logd_bench_setup(size_t size, void **state)
{
    struct logd_bench *bench = calloc(1, sizeof(*bench));
    struct logd_record record = {.level = LOGD_LEVEL_INFO, .pid = (uint32_t)getpid(), .tag = "bench"};

    if (!bench || size > LOGD_MESSAGE_MAX)
        return free(bench), errno = EINVAL, -1;
    memset(record.message, 'x', size);
    bench->length = logd_record_encode(&record, bench->datagram, sizeof(bench->datagram));
    bench->address = (struct sockaddr_un){.sun_family = AF_UNIX, .sun_path = LOGD_SOCKET};
    bench->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (bench->fd < 0 || start_logd(bench) < 0) {
        logd_bench_teardown(bench);
        return -1;
    }
    *state = bench;
    return 0;
}

/* The sequence number is patched in place (offset 12, little-endian). */
int logd_bench_record_run(void *state)
{
    struct logd_bench *bench = state;
    uint32_t sequence = ++bench->sequence;

    for (int i = 0; i < 4; i++)
        bench->datagram[12 + i] = (uint8_t)(sequence >> (8 * i));
    return sendto(bench->fd, bench->datagram, bench->length, 0, (struct sockaddr *)&bench->address,
                  sizeof(bench->address)) == (ssize_t)bench->length
               ? 0
               : -1;
}

int logd_bench_teardown(void *state)
{
    struct logd_bench *bench = state;
    int result = 0;

    if (bench->logd > 0) {
        kill(bench->logd, SIGTERM);
        result = waitpid(bench->logd, NULL, 0) == bench->logd ? 0 : -1;
    }
    if (bench->fd >= 0)
        close(bench->fd);
    unlink(LOGD_SOCKET);
    unlink(LOGD_FILE);
    unlink(LOGD_FILE ".1");
    free(bench);
    return result;
}
