/*
 * userland/libc/logd_client.c - logd_ipc: sending records to logd
 * (<freeport/logd.h>; docs/logd.md).
 *
 * Layer: libfreeport. One unbound datagram socket per process, opened on
 * first use (close-on-exec). Each record is sent with MSG_DONTWAIT: a
 * program never waits for logd. A record that cannot be sent (logd's queue
 * full, or logd not there) is counted; the count rides on the next record
 * sent (its `dropped` field) so logd accounts it, or a drops-only record
 * logd_flush_drops sends, retrying for up to 2 s. Sequence numbers count
 * every record made, sent or not, so logd can check that
 * sequence gaps and reported drops agree.
 * After fork, the child starts its own count (sequence and drops belong to
 * a pid): the library notices the pid changed.
 */
#include <errno.h>
#include <freeport/logd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define FLUSH_ATTEMPTS 200
#define FLUSH_WAIT_US  10000

static int log_fd = -1;
static pid_t owner_pid;
static uint32_t sequence;
static uint32_t dropped;

/* The socket, opened (and the counts reset) for this pid. */
static int client_socket(void)
{
    pid_t pid = getpid();

    if (owner_pid != pid) {
        owner_pid = pid;
        sequence = 0;
        dropped = 0;
    }
    if (log_fd < 0)
        log_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    return log_fd;
}

static uint64_t realtime_ns(void)
{
    struct timespec now;

    if (clock_gettime(CLOCK_REALTIME, &now) < 0)
        return 0;
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* Sends one record without waiting; counts it as dropped if it cannot go
 * (a drops-only record counts nothing: its drops stay pending). */
static int send_record(struct logd_record *record)
{
    static const struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = LOGD_SOCKET};
    uint8_t datagram[LOGD_RECORD_MAX];
    int fd = client_socket();

    record->pid = (uint32_t)owner_pid;
    record->timestamp_ns = realtime_ns();
    record->dropped = dropped;
    if (!(record->flags & LOGD_FLAG_DROPS_ONLY))
        record->sequence = ++sequence;
    size_t length = logd_record_encode(record, datagram, sizeof(datagram));
    if (length == 0) {
        errno = EINVAL;
        return -1;
    }
    if (fd < 0 ||
        sendto(fd, datagram, length, MSG_DONTWAIT, (const struct sockaddr *)&address, sizeof(address)) < 0) {
        if (!(record->flags & LOGD_FLAG_DROPS_ONLY))
            dropped++;
        return -1;
    }
    dropped = 0;
    return 0;
}

int logd_vlog(int level, const char *tag, const char *format, va_list arguments)
{
    struct logd_record record = {.level = (uint8_t)level};

    if (level < 0 || level > LOGD_LEVEL_MAX || tag == NULL || tag[0] == '\0') {
        errno = EINVAL;
        return -1;
    }
    snprintf(record.tag, sizeof(record.tag), "%s", tag);
    vsnprintf(record.message, sizeof(record.message), format, arguments);
    return send_record(&record);
}

int logd_log(int level, const char *tag, const char *format, ...)
{
    va_list arguments;

    va_start(arguments, format);
    int result = logd_vlog(level, tag, format, arguments);
    va_end(arguments);
    return result;
}

/* Retries while logd's queue is full, for FLUSH_ATTEMPTS x FLUSH_WAIT_US
 * at most: a stopped logd (its socket kept by init) must not hang us. */
int logd_flush_drops(void)
{
    struct logd_record record = {.level = LOGD_LEVEL_INFO, .flags = LOGD_FLAG_DROPS_ONLY, .tag = "logd"};

    client_socket();
    for (int attempt = 0; dropped > 0; attempt++) {
        record.sequence = sequence;
        if (send_record(&record) == 0)
            return 0;
        if (errno != EAGAIN || attempt == FLUSH_ATTEMPTS)
            return -1;
        usleep(FLUSH_WAIT_US);
    }
    return 0;
}

uint32_t logd_pending_drops(void)
{
    client_socket();
    return dropped;
}
