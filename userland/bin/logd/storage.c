/*
 * storage.c - the ring and /var/log/messages (see storage.h).
 *
 * Layer: user program (logd), on log_line.c for the line format and
 * clients.c for the sequence numbers read back. Ring invariants: `count`
 * slots hold lines, the newest just before `head`; the last `pending` of
 * them are not in the file yet (pending <= count <= STORAGE_RING_RECORDS).
 */
#include "storage.h"
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "clients.h"
#include "log_line.h"
#include "tools.h"

#define LOG_DIRECTORY "/var/log"
#define READ_CHUNK    4096

static char ring[STORAGE_RING_RECORDS][LOG_LINE_MAX];
static size_t lengths[STORAGE_RING_RECORDS];
static unsigned head, count, pending;
static int file_fd = -1;
static uint64_t file_size, lost;
static char flush_buffer[STORAGE_RING_RECORDS * LOG_LINE_MAX];

static unsigned slot_back(unsigned back)
{
    return (head + STORAGE_RING_RECORDS - back) % STORAGE_RING_RECORDS;
}

static void ring_put(const char *line, size_t length, bool written)
{
    memcpy(ring[head], line, length);
    lengths[head] = length;
    head = (head + 1) % STORAGE_RING_RECORDS;
    if (count < STORAGE_RING_RECORDS)
        count++;
    if (!written)
        pending++;
}

void storage_store(const struct logd_record *record)
{
    char line[LOG_LINE_MAX];
    size_t length = log_line_format(record, line, sizeof(line));

    if (length == 0)
        return;
    if (pending == STORAGE_RING_RECORDS && storage_flush() < 0) {
        pending--; /* the oldest pending line is overwritten */
        lost++;
    }
    ring_put(line, length, false);
}

static int open_file(void)
{
    file_fd = open(LOGD_FILE, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return file_fd < 0 ? -1 : 0;
}

/* messages -> messages.1, and a new messages. */
static void rotate(void)
{
    close(file_fd);
    if (rename(LOGD_FILE, STORAGE_OLD_FILE) < 0)
        fprintf(stderr, "logd: %s: %s\n", STORAGE_OLD_FILE, strerror(errno));
    file_size = 0;
    if (open_file() < 0)
        fprintf(stderr, "logd: %s: %s\n", LOGD_FILE, strerror(errno));
}

int storage_flush(void)
{
    size_t used = 0;

    if (pending == 0)
        return 0;
    if (file_fd < 0 && open_file() < 0)
        return -1;
    for (unsigned back = pending; back > 0; back--) {
        unsigned slot = slot_back(back);
        memcpy(flush_buffer + used, ring[slot], lengths[slot]);
        used += lengths[slot];
    }
    if (write_all(file_fd, flush_buffer, used) < 0)
        return -1;
    pending = 0;
    file_size += used;
    if (file_size > STORAGE_FILE_MAX)
        rotate();
    return 0;
}

uint64_t storage_take_lost(void)
{
    uint64_t taken = lost;

    lost = 0;
    return taken;
}

/* One line read back: into the ring (as written) and the accounting. */
static void read_back_line(const char *line, size_t length, long *records)
{
    struct logd_record record;

    if (log_line_parse(line, length, &record) < 0)
        return;
    ring_put(line, length, true);
    clients_restore(record.pid, record.sequence);
    (*records)++;
}

/* Reads a file's lines back; true if it ends in the middle of a line. */
static bool read_back(const char *path, long *records, uint64_t *size)
{
    static char buffer[READ_CHUNK + LOG_LINE_MAX];
    size_t carried = 0;
    ssize_t got;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return false;
    while ((got = read(fd, buffer + carried, READ_CHUNK)) > 0) {
        size_t filled = carried + (size_t)got, start = 0;
        char *newline;
        *size += (uint64_t)got;
        while ((newline = memchr(buffer + start, '\n', filled - start)) != NULL) {
            size_t end = (size_t)(newline - buffer) + 1;
            read_back_line(buffer + start, end - start, records);
            start = end;
        }
        carried = filled - start;
        if (carried >= LOG_LINE_MAX) /* no line is that long: skip the fragment */
            carried = 0;
        memmove(buffer, buffer + start, carried);
    }
    close(fd);
    return carried > 0;
}

long storage_open(void)
{
    long records = 0;
    uint64_t old_size = 0;

    if (mkdir(LOG_DIRECTORY, 0755) < 0 && errno != EEXIST)
        return -1;
    read_back(STORAGE_OLD_FILE, &records, &old_size);
    bool cut = read_back(LOGD_FILE, &records, &file_size);
    pending = 0;
    if (open_file() < 0)
        return -1;
    if (cut && write_all(file_fd, "\n", 1) == 0) /* end the line a crash cut short */
        file_size++;
    return records;
}
