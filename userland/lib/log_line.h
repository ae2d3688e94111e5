/*
 * userland/lib/log_line.h - a logd record as one line of /var/log/messages,
 * shared by logd (writes and reloads it) and logread (reads it).
 *
 * Layer: user library (libtools), pure: unit-tested on the host
 * (tests/unit/test_log_line.c). A line is six fields separated by single
 * spaces, the message last (it may hold spaces):
 *
 *     SECONDS.NANOSECONDS PID LEVEL SEQUENCE TAG MESSAGE\n
 *     1763726400.000123456 12 info 7 flood record 7
 *
 * LEVEL is a syslog level name (emerg alert crit err warning notice info
 * debug). So that a line stays one line, a tag's blanks and control
 * characters become '_' and a message's control characters become ' '.
 */
#ifndef USERLAND_LIB_LOG_LINE_H
#define USERLAND_LIB_LOG_LINE_H

#include <freeport/logd.h>
#include <stddef.h>

#define LOG_LINE_MAX (LOGD_TAG_MAX + LOGD_MESSAGE_MAX + 64)

/* The line, '\n' included, written to out; its length (0 if it cannot fit). */
size_t log_line_format(const struct logd_record *record, char *out, size_t size);
/* Parses one line (length bytes, the '\n' optional); 0, or -1 if malformed. */
int log_line_parse(const char *line, size_t length, struct logd_record *record);

const char *log_level_name(int level);
/* A level's name or number (0-7) to its number; -1 if neither. */
int log_level_parse(const char *name);

#endif
