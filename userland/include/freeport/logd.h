/*
 * <freeport/logd.h> - the system log: the record format logd receives on
 * /var/run/logd.sock, and the client library (logd_ipc) every program gets
 * from libfreeport.
 *
 * Layer: Freeport SDK header; the library is userland/libc/logd_*.c,
 * <syslog.h> maps onto it. docs/logd.md explains the design.
 *
 * Wire format: one datagram is one record, a fixed 32-byte little-endian
 * header then the tag bytes then the message bytes (neither NUL-terminated):
 *
 *   offset size field
 *     0     4   magic            LOGD_MAGIC ("LOGD" read as bytes)
 *     4     1   version          LOGD_VERSION
 *     5     1   level            LOG_EMERG (0) .. LOG_DEBUG (7), syslog's
 *     6     1   flags            LOGD_FLAG_*
 *     7     1   tag_length       1..LOGD_TAG_MAX
 *     8     4   pid              the sender
 *    12     4   sequence         the sender's count of records, from 1
 *    16     4   dropped          records the sender could not send (its
 *                                queue to logd was full) since the last one
 *                                it did send; logd accounts them
 *    20     2   message_length   0..LOGD_MESSAGE_MAX
 *    22     2   reserved         0
 *    24     8   timestamp_ns     CLOCK_REALTIME when the record was made
 *
 * A record is stored or counted as dropped, never silently lost: logd
 * rate-limits each pid (token bucket) and writes "logd: dropped N records
 * from pid P" for what it refused and for what clients report in dropped.
 */
#ifndef FREEPORT_LOGD_H
#define FREEPORT_LOGD_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/cdefs.h>

#define LOGD_SOCKET      "/var/run/logd.sock"
#define LOGD_FILE        "/var/log/messages"
#define LOGD_MAGIC       0x44474f4cu /* "LOGD" in memory order */
#define LOGD_VERSION     1
#define LOGD_HEADER_SIZE 32
#define LOGD_TAG_MAX     31
#define LOGD_MESSAGE_MAX 400
#define LOGD_RECORD_MAX  (LOGD_HEADER_SIZE + LOGD_TAG_MAX + LOGD_MESSAGE_MAX)

/* Levels: syslog's priorities (<syslog.h> has the same values). */
#define LOGD_LEVEL_ERROR   3
#define LOGD_LEVEL_WARNING 4
#define LOGD_LEVEL_INFO    6
#define LOGD_LEVEL_DEBUG   7
#define LOGD_LEVEL_MAX     7

/* flags: the record only reports `dropped`; it has nothing to store. */
#define LOGD_FLAG_DROPS_ONLY 0x1

/* A record, decoded (tag and message NUL-terminated). */
struct logd_record {
    uint64_t timestamp_ns;
    uint32_t pid;
    uint32_t sequence;
    uint32_t dropped;
    uint8_t level;
    uint8_t flags;
    char tag[LOGD_TAG_MAX + 1];
    char message[LOGD_MESSAGE_MAX + 1];
};

__BEGIN_DECLS
/* The codec (pure: userland/libc/logd_record.c). encode: the datagram's
 * length, or 0 if the record cannot be encoded (empty tag, bad level);
 * a tag or message too long is cut. decode: 0, or -1 for a malformed
 * datagram (bad magic or version, lengths that disagree, bad level). */
size_t logd_record_encode(const struct logd_record *record, void *buffer, size_t size);
int logd_record_decode(const void *buffer, size_t length, struct logd_record *record);

/* The client: each sends one record without waiting (a full queue counts
 * the record as dropped; the count rides on the next record). 0, or -1
 * with errno (EAGAIN: dropped and counted; others: logd is not there). */
int logd_log(int level, const char *tag, const char *format, ...) __attribute__((format(printf, 3, 4)));
int logd_vlog(int level, const char *tag, const char *format, va_list arguments);
#define logd_debug(tag, ...) logd_log(LOGD_LEVEL_DEBUG, (tag), __VA_ARGS__)
#define logd_info(tag, ...)  logd_log(LOGD_LEVEL_INFO, (tag), __VA_ARGS__)
#define logd_warn(tag, ...)  logd_log(LOGD_LEVEL_WARNING, (tag), __VA_ARGS__)
#define logd_error(tag, ...) logd_log(LOGD_LEVEL_ERROR, (tag), __VA_ARGS__)
/* Reports the drops counted so far, retrying for up to 2 s while logd's
 * queue is full; 0, or -1 with errno (EAGAIN: still full; they stay counted). */
int logd_flush_drops(void);
/* Records this process could not send and has not reported yet. */
uint32_t logd_pending_drops(void);
__END_DECLS

#endif
