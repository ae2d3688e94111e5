/*
 * userland/lib/log_line.c - a logd record to and from its line in
 * /var/log/messages (format: log_line.h).
 *
 * Layer: user library, pure. Parsing checks every field and never reads
 * past length: the file may have been cut anywhere (a crash mid-write).
 */
#include "log_line.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[LOGD_LEVEL_MAX + 1] = {"emerg",   "alert",  "crit", "err",
                                                            "warning", "notice", "info", "debug"};

const char *log_level_name(int level)
{
    return level >= 0 && level <= LOGD_LEVEL_MAX ? level_names[level] : "?";
}

int log_level_parse(const char *name)
{
    for (int level = 0; level <= LOGD_LEVEL_MAX; level++) {
        if (strcmp(name, level_names[level]) == 0)
            return level;
    }
    if (name[0] >= '0' && name[0] <= '0' + LOGD_LEVEL_MAX && name[1] == '\0')
        return name[0] - '0';
    return -1;
}

static void copy_cleaned(char *to, const char *from, char blank_becomes, char control_becomes)
{
    for (; *from; from++, to++) {
        unsigned char c = (unsigned char)*from;
        *to = c < ' ' || c == 0x7f ? control_becomes : c == ' ' ? blank_becomes : (char)c;
    }
    *to = '\0';
}

size_t log_line_format(const struct logd_record *record, char *out, size_t size)
{
    char tag[LOGD_TAG_MAX + 1];
    char message[LOGD_MESSAGE_MAX + 1];

    copy_cleaned(tag, record->tag, '_', '_');
    copy_cleaned(message, record->message, ' ', ' ');
    int length = snprintf(out, size, "%llu.%09llu %u %s %u %s %s\n",
                          (unsigned long long)(record->timestamp_ns / 1000000000u),
                          (unsigned long long)(record->timestamp_ns % 1000000000u), record->pid,
                          log_level_name(record->level), record->sequence, tag, message);
    return length > 0 && (size_t)length < size ? (size_t)length : 0;
}

/* The next space-separated field of [*at, end): its bounds, *at past it. */
static bool next_field(const char **at, const char *end, char *field, size_t size)
{
    const char *start = *at;
    const char *stop = memchr(start, ' ', (size_t)(end - start));

    if (!stop || stop == start || (size_t)(stop - start) >= size)
        return false;
    memcpy(field, start, (size_t)(stop - start));
    field[stop - start] = '\0';
    *at = stop + 1;
    return true;
}

static bool parse_number(const char *text, unsigned long long max, unsigned long long *value)
{
    char *end;

    if (text[0] < '0' || text[0] > '9')
        return false;
    *value = strtoull(text, &end, 10);
    return *end == '\0' && *value <= max;
}

static bool parse_timestamp(char *text, uint64_t *timestamp_ns)
{
    char *dot = strchr(text, '.');
    unsigned long long seconds, nanoseconds;

    if (!dot || strlen(dot + 1) != 9)
        return false;
    *dot = '\0';
    if (!parse_number(text, UINT64_MAX / 1000000000u - 1, &seconds) ||
        !parse_number(dot + 1, 999999999u, &nanoseconds))
        return false;
    *timestamp_ns = seconds * 1000000000u + nanoseconds;
    return true;
}

int log_line_parse(const char *line, size_t length, struct logd_record *record)
{
    char field[LOGD_TAG_MAX + 1];
    const char *at = line, *end = line + length;
    unsigned long long pid, sequence;

    if (length > 0 && end[-1] == '\n')
        end--;
    memset(record, 0, sizeof(*record));
    if (!next_field(&at, end, field, sizeof(field)) || !parse_timestamp(field, &record->timestamp_ns) ||
        !next_field(&at, end, field, sizeof(field)) || !parse_number(field, UINT32_MAX, &pid) ||
        !next_field(&at, end, field, sizeof(field)) || log_level_parse(field) < 0)
        return -1;
    record->pid = (uint32_t)pid;
    record->level = (uint8_t)log_level_parse(field);
    if (!next_field(&at, end, field, sizeof(field)) || !parse_number(field, UINT32_MAX, &sequence) ||
        !next_field(&at, end, record->tag, sizeof(record->tag)))
        return -1;
    record->sequence = (uint32_t)sequence;
    if ((size_t)(end - at) > LOGD_MESSAGE_MAX || memchr(at, '\n', (size_t)(end - at)))
        return -1;
    memcpy(record->message, at, (size_t)(end - at));
    record->message[end - at] = '\0';
    return 0;
}
