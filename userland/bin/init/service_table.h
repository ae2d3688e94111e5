/*
 * service_table.h - the service table (/etc/services) as init reads it.
 *
 * Layer: user program (init), pure: no system calls, so the host unit test
 * (tests/unit/test_service_table.c) compiles it unchanged. Format and
 * meaning: docs/services.md. One service a line, fields separated by
 * blanks, '#' starts a comment:
 *
 *     NAME  RESTART  FLAGS  COMMAND [ARG...]
 *
 * RESTART is always, on-failure or never; FLAGS is "-" or a comma list of
 * devices, tty, ready=PATH, socket=PATH. The table's order is the start
 * order. A bad line is reported (line number and why) and skipped; the
 * rest of the table still counts.
 */
#ifndef INIT_SERVICE_TABLE_H
#define INIT_SERVICE_TABLE_H

#include <stddef.h>

#define SERVICE_MAX           16
#define SERVICE_NAME_MAX      24 /* bytes, NUL included */
#define SERVICE_PATH_MAX      64 /* ready= and socket= paths, NUL included */
#define SERVICE_ARGUMENTS_MAX 16
#define SERVICE_COMMAND_MAX   192 /* the command's words, each NUL-terminated */
#define SERVICE_LINE_MAX      256

enum restart_policy { RESTART_ALWAYS, RESTART_ON_FAILURE, RESTART_NEVER };

/* Flags: devices = gets the console devices as fds 3, 4, 5 (VGA, keyboard,
 * COM1); tty = a login console, not started in test runs. */
#define SERVICE_DEVICES 0x1u
#define SERVICE_TTY     0x2u

struct service_spec {
    char name[SERVICE_NAME_MAX];
    enum restart_policy restart;
    unsigned flags;
    char ready_path[SERVICE_PATH_MAX];  /* "" = ready once started */
    char socket_path[SERVICE_PATH_MAX]; /* "" = none; else init binds it */
    int argc;
    char words[SERVICE_COMMAND_MAX]; /* argc NUL-terminated words */
};

struct service_table {
    int count;
    struct service_spec services[SERVICE_MAX];
};

/* Called for each line skipped: its number (from 1) and why. */
typedef void (*service_report_fn)(int line, const char *why, void *context);

/* Parses text (length bytes, need not end in NUL) into table; returns the
 * number of lines skipped. */
int service_table_parse(const char *text, size_t length, struct service_table *table,
                        service_report_fn report, void *context);

/* Fills argv (argc + 1 entries) with pointers into spec->words. */
void service_argv(const struct service_spec *spec, char **argv);

const struct service_spec *service_table_find(const struct service_table *table, const char *name);

const char *restart_policy_name(enum restart_policy policy);

#endif
