/*
 * logd_flood.c - many clients at once: every record is stored, in order,
 * or counted as dropped (tests/logd.bats, under tools/guest-run --services).
 *
 *   logd_flood [CLIENTS [RECORDS [paced]]]   default 8 clients x 2000 records
 *
 * Each client (a child) numbers its records 1..RECORDS (the library's
 * sequence numbers) as fast as it can, without waiting for logd, then
 * reports the records it could not send (logd_flush_drops). "paced":
 * after each PACE records a client waits until logd has stored the last
 * one (read back from the file), so logd's queue never fills; with logd's
 * rate limit off, nothing may then be dropped. Then, per
 * client, from /var/log/messages(.1): the stored records' sequence numbers
 * rise strictly, and stored + the drops logd reported for it ("dropped N
 * records from pid P") = RECORDS exactly. logd reports drops within a
 * second; the check polls until the sums settle (bounded), then asserts.
 */
#include <freeport/logd.h>
#include <stdlib.h>
#include "check.h"

#define CLIENTS_MAX     16
#define POLL_STEPS      100
#define POLL_US         200000
#define PACE            32 /* records in flight, fewer than logd's socket queues */
#define PACE_WAIT_STEPS 2000
#define PACE_WAIT_US    5000

struct tally {
    pid_t pid;
    unsigned long stored, dropped;
    unsigned last_sequence;
    bool in_order;
};

static struct tally tallies[CLIENTS_MAX];
static int clients;

/* Reads the log on from where it was until this pid's record `sequence`
 * is there (bounded); false if it never shows up. */
static bool wait_stored(FILE *log, int sequence)
{
    static char line[1024];
    char wanted[64];

    snprintf(wanted, sizeof(wanted), " %d info %d flood record %d\n", (int)getpid(), sequence, sequence);
    for (int step = 0; step < PACE_WAIT_STEPS; step++) {
        while (fgets(line, sizeof(line), log)) {
            if (strstr(line, wanted))
                return true;
        }
        clearerr(log);
        usleep(PACE_WAIT_US);
    }
    return false;
}

static _Noreturn void flood(int records, bool paced)
{
    FILE *log = paced ? fopen(LOGD_FILE, "r") : NULL;

    for (int sequence = 1; sequence <= records; sequence++) {
        logd_info("flood", "record %d", sequence);
        if (log && (sequence % PACE == 0 || sequence == records) && !wait_stored(log, sequence))
            _exit(1);
    }
    _exit(logd_flush_drops() == 0 ? 0 : 1);
}

static struct tally *tally_of(unsigned pid)
{
    for (int i = 0; i < clients; i++) {
        if ((unsigned)tallies[i].pid == pid)
            return &tallies[i];
    }
    return NULL;
}

static void count_line(const char *line)
{
    unsigned pid, sequence, from;
    unsigned long dropped;
    char level[16], tag[32], message[128];
    struct tally *tally;

    if (sscanf(line, "%*u.%*u %u %15s %u %31s %127[^\n]", &pid, level, &sequence, tag, message) != 5)
        return;
    if (strcmp(tag, "flood") == 0 && (tally = tally_of(pid)) != NULL) {
        tally->in_order &= sequence > tally->last_sequence;
        tally->last_sequence = sequence;
        tally->stored++;
    } else if (strcmp(tag, "logd") == 0 &&
               sscanf(message, "dropped %lu records from pid %u", &dropped, &from) == 2 &&
               (tally = tally_of(from)) != NULL) {
        tally->dropped += dropped;
    }
}

static void count_file(const char *path)
{
    static char line[1024];
    FILE *file = fopen(path, "r");

    if (!file)
        return;
    while (fgets(line, sizeof(line), file))
        count_line(line);
    fclose(file);
}

static bool tally_all(int records)
{
    bool settled = true;

    for (int i = 0; i < clients; i++)
        tallies[i] = (struct tally){.pid = tallies[i].pid, .in_order = true};
    count_file(LOGD_FILE ".1");
    count_file(LOGD_FILE);
    for (int i = 0; i < clients; i++)
        settled &= tallies[i].stored + tallies[i].dropped == (unsigned long)records;
    return settled;
}

int main(int argc, char **argv)
{
    int records = argc > 2 ? atoi(argv[2]) : 2000;
    int status, failed_children = 0;

    bool paced = argc > 3 && strcmp(argv[3], "paced") == 0;

    clients = argc > 1 ? atoi(argv[1]) : 8;
    if (clients < 1 || clients > CLIENTS_MAX || records < 1)
        return 2;
    for (int i = 0; i < clients; i++) {
        tallies[i].pid = fork();
        if (tallies[i].pid == 0)
            flood(records, paced);
    }
    for (int i = 0; i < clients; i++)
        failed_children += waitpid(tallies[i].pid, &status, 0) != tallies[i].pid || status != 0;
    CHECK(failed_children == 0, "%d clients sent %d records each and reported their own drops", clients,
          records);

    bool settled = false;
    for (int step = 0; step < POLL_STEPS && !settled; step++) {
        usleep(POLL_US);
        settled = tally_all(records);
    }
    unsigned long stored = 0, dropped = 0;
    for (int i = 0; i < clients; i++) {
        const struct tally *tally = &tallies[i];
        CHECK(tally->stored + tally->dropped == (unsigned long)records && tally->in_order,
              "pid %d: %lu stored (in order) + %lu dropped = %d", tally->pid, tally->stored, tally->dropped,
              records);
        stored += tally->stored;
        dropped += tally->dropped;
    }
    printf("total: %lu stored, %lu dropped\n", stored, dropped);
    return check_done();
}
