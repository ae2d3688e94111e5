/*
 * logread - show the system log.
 *
 *   logread [-t TAG] [-l LEVEL] [-p PID] [-s SECONDS] [-r] [-f]
 *
 *   -t TAG      only records with this tag
 *   -l LEVEL    only records at LEVEL or more severe (err, warning, info...)
 *   -p PID      only records from this pid
 *   -s SECONDS  only records of the last SECONDS seconds
 *   -r          print the stored lines as they are (docs/logd.md)
 *   -f          keep going: show records as logd stores them
 *
 * Reads what logd has stored, /var/log/messages.1 then /var/log/messages,
 * straight from the files (so it works while logd restarts, and never
 * slows logd down). -f polls the file every FOLLOW_INTERVAL_MS and follows
 * it when logd starts a new one. Default output, one record a line:
 *   HH:MM:SS.mmm LEVEL TAG[PID]: MESSAGE
 */
#include <err.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "log_line.h"
#include "tools.h"

#define FOLLOW_INTERVAL_MS 100
#define READ_CHUNK         4096
#define OLD_FILE           LOGD_FILE ".1"

struct filter {
    const char *tag;
    int level; /* most verbose level shown */
    long pid;  /* -1: any */
    uint64_t since_ns;
    bool raw;
};

struct reader {
    int fd;
    char buffer[READ_CHUNK + LOG_LINE_MAX];
    size_t carried;
};

static bool matches(const struct filter *filter, const struct logd_record *record)
{
    return (!filter->tag || strcmp(filter->tag, record->tag) == 0) && record->level <= filter->level &&
           (filter->pid < 0 || (uint32_t)filter->pid == record->pid) &&
           record->timestamp_ns >= filter->since_ns;
}

static void show(const struct filter *filter, const char *line, size_t length)
{
    struct logd_record record;

    if (log_line_parse(line, length, &record) < 0 || !matches(filter, &record))
        return;
    if (filter->raw) {
        fwrite(line, 1, length, stdout);
        return;
    }
    uint64_t seconds = record.timestamp_ns / 1000000000u;
    printf("%02u:%02u:%02u.%03u %s %s[%u]: %s\n", (unsigned)(seconds / 3600 % 24),
           (unsigned)(seconds / 60 % 60), (unsigned)(seconds % 60),
           (unsigned)(record.timestamp_ns / 1000000u % 1000), log_level_name(record.level), record.tag,
           record.pid, record.message);
}

/* Shows every whole line that has arrived; false at the end of the file. */
static bool read_more(struct reader *reader, const struct filter *filter)
{
    ssize_t got = read(reader->fd, reader->buffer + reader->carried, READ_CHUNK);
    size_t filled, start = 0;
    char *newline;

    if (got <= 0)
        return false;
    filled = reader->carried + (size_t)got;
    while ((newline = memchr(reader->buffer + start, '\n', filled - start)) != NULL) {
        size_t end = (size_t)(newline - reader->buffer) + 1;
        show(filter, reader->buffer + start, end - start);
        start = end;
    }
    reader->carried = filled - start < LOG_LINE_MAX ? filled - start : 0;
    memmove(reader->buffer, reader->buffer + start, reader->carried);
    return true;
}

static void show_file(struct reader *reader, const char *path, const struct filter *filter)
{
    reader->fd = open(path, O_RDONLY);
    reader->carried = 0;
    if (reader->fd < 0)
        return;
    while (read_more(reader, filter))
        continue;
}

/* True if path is no longer the file reader has open (logd started a new one). */
static bool replaced(const struct reader *reader, const char *path)
{
    struct stat open_file, named_file;

    if (stat(path, &named_file) < 0)
        return false;
    return reader->fd < 0 || fstat(reader->fd, &open_file) < 0 || open_file.st_ino != named_file.st_ino;
}

static _Noreturn void follow(struct reader *reader, const struct filter *filter)
{
    for (;;) {
        fflush(stdout);
        usleep(FOLLOW_INTERVAL_MS * 1000);
        while (reader->fd >= 0 && read_more(reader, filter))
            continue;
        if (replaced(reader, LOGD_FILE)) {
            if (reader->fd >= 0)
                close(reader->fd);
            show_file(reader, LOGD_FILE, filter);
        }
    }
}

static uint64_t realtime_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int usage(void)
{
    fprintf(stderr, "usage: logread [-t TAG] [-l LEVEL] [-p PID] [-s SECONDS] [-r] [-f]\n");
    return 2;
}

/* The records of the last `text` seconds: since that time, or since 0
 * when it is before the epoch. False if text is not a number of seconds. */
static bool parse_since(const char *text, uint64_t *since_ns)
{
    unsigned long seconds;
    uint64_t now = realtime_ns();

    if (!parse_unsigned(text, ULONG_MAX, &seconds))
        return false;
    *since_ns = seconds < now / 1000000000u ? now - seconds * 1000000000u : 0;
    return true;
}

int main(int argc, char **argv)
{
    static struct reader reader;
    struct filter filter = {.level = LOGD_LEVEL_MAX, .pid = -1};
    bool follow_on = false;
    unsigned long pid;
    int option;

    while ((option = getopt(argc, argv, "t:l:p:s:rf")) != -1) {
        if (option == 't')
            filter.tag = optarg;
        else if (option == 'l' && (filter.level = log_level_parse(optarg)) >= 0)
            continue;
        else if (option == 'p' && parse_unsigned(optarg, UINT32_MAX, &pid))
            filter.pid = (long)pid;
        else if (option == 's' && parse_since(optarg, &filter.since_ns))
            continue;
        else if (option == 'r' || option == 'f')
            *(option == 'r' ? &filter.raw : &follow_on) = true;
        else
            return usage();
    }
    if (optind != argc)
        return usage();
    show_file(&reader, OLD_FILE, &filter);
    if (reader.fd >= 0)
        close(reader.fd);
    show_file(&reader, LOGD_FILE, &filter);
    if (reader.fd < 0 && !follow_on)
        err(1, "%s", LOGD_FILE);
    if (follow_on)
        follow(&reader, &filter);
    return 0;
}
