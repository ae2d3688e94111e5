/*
 * userland/libc/logd_record.c - the logd record codec (format:
 * <freeport/logd.h>).
 *
 * Layer: libfreeport, pure (no system calls): the client library, logd
 * and the host unit test (tests/unit/test_logd_record.c) share it. Fields
 * are written byte by byte in little-endian order, so the format does not
 * depend on the compiler's struct layout. decode trusts nothing: every
 * length is checked against the datagram's before a byte is copied.
 */
#include <freeport/logd.h>
#include <string.h>

#define OFFSET_MAGIC          0
#define OFFSET_VERSION        4
#define OFFSET_LEVEL          5
#define OFFSET_FLAGS          6
#define OFFSET_TAG_LENGTH     7
#define OFFSET_PID            8
#define OFFSET_SEQUENCE       12
#define OFFSET_DROPPED        16
#define OFFSET_MESSAGE_LENGTH 20
#define OFFSET_RESERVED       22
#define OFFSET_TIMESTAMP      24

static void put(uint8_t *at, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++)
        at[i] = (uint8_t)(value >> (8 * i));
}

static uint64_t get(const uint8_t *at, int bytes)
{
    uint64_t value = 0;

    for (int i = 0; i < bytes; i++)
        value |= (uint64_t)at[i] << (8 * i);
    return value;
}

static size_t bounded_length(const char *text, size_t max)
{
    size_t length = 0;

    while (length < max && text[length] != '\0')
        length++;
    return length;
}

size_t logd_record_encode(const struct logd_record *record, void *buffer, size_t size)
{
    uint8_t *out = buffer;
    size_t tag_length = bounded_length(record->tag, LOGD_TAG_MAX);
    size_t message_length = bounded_length(record->message, LOGD_MESSAGE_MAX);
    size_t total = LOGD_HEADER_SIZE + tag_length + message_length;

    if (tag_length == 0 || record->level > LOGD_LEVEL_MAX || size < total)
        return 0;
    put(out + OFFSET_MAGIC, LOGD_MAGIC, 4);
    put(out + OFFSET_VERSION, LOGD_VERSION, 1);
    put(out + OFFSET_LEVEL, record->level, 1);
    put(out + OFFSET_FLAGS, record->flags, 1);
    put(out + OFFSET_TAG_LENGTH, tag_length, 1);
    put(out + OFFSET_PID, record->pid, 4);
    put(out + OFFSET_SEQUENCE, record->sequence, 4);
    put(out + OFFSET_DROPPED, record->dropped, 4);
    put(out + OFFSET_MESSAGE_LENGTH, message_length, 2);
    put(out + OFFSET_RESERVED, 0, 2);
    put(out + OFFSET_TIMESTAMP, record->timestamp_ns, 8);
    memcpy(out + LOGD_HEADER_SIZE, record->tag, tag_length);
    memcpy(out + LOGD_HEADER_SIZE + tag_length, record->message, message_length);
    return total;
}

int logd_record_decode(const void *buffer, size_t length, struct logd_record *record)
{
    const uint8_t *in = buffer;

    if (length < LOGD_HEADER_SIZE || get(in + OFFSET_MAGIC, 4) != LOGD_MAGIC ||
        get(in + OFFSET_VERSION, 1) != LOGD_VERSION)
        return -1;
    size_t tag_length = get(in + OFFSET_TAG_LENGTH, 1);
    size_t message_length = get(in + OFFSET_MESSAGE_LENGTH, 2);
    uint8_t level = (uint8_t)get(in + OFFSET_LEVEL, 1);
    if (tag_length == 0 || tag_length > LOGD_TAG_MAX || message_length > LOGD_MESSAGE_MAX ||
        LOGD_HEADER_SIZE + tag_length + message_length != length || level > LOGD_LEVEL_MAX)
        return -1;
    record->level = level;
    record->flags = (uint8_t)get(in + OFFSET_FLAGS, 1);
    record->pid = (uint32_t)get(in + OFFSET_PID, 4);
    record->sequence = (uint32_t)get(in + OFFSET_SEQUENCE, 4);
    record->dropped = (uint32_t)get(in + OFFSET_DROPPED, 4);
    record->timestamp_ns = get(in + OFFSET_TIMESTAMP, 8);
    memcpy(record->tag, in + LOGD_HEADER_SIZE, tag_length);
    record->tag[tag_length] = '\0';
    memcpy(record->message, in + LOGD_HEADER_SIZE + tag_length, message_length);
    record->message[message_length] = '\0';
    return 0;
}
