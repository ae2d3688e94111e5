/*
 * clients.c - per-pid accounting (see clients.h for the invariant).
 *
 * Layer: user program (logd), pure. A fixed table of CLIENTS_MAX slots;
 * a new pid takes a free slot or the one seen least recently, whose
 * unreported drops are reported first. A record whose sequence is not
 * above the last one seen from its pid starts a new count (the pid was
 * reused, or the client is a fork child): it is not a loss.
 */
#include "clients.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct client {
    bool in_use;
    uint32_t pid;
    uint32_t last_sequence; /* 0: none seen yet */
    uint64_t unreported;    /* drops not yet written as a record */
    uint64_t last_seen;     /* a tick of `clock` below, for the least recently seen */
    struct token_bucket bucket;
};

static struct client clients[CLIENTS_MAX];
static struct logd_limits limits;
static store_fn store;
static clock_fn realtime_ns;
static uint32_t own_pid, own_sequence;
static uint64_t clock; /* counts records received: orders the slots by use */

void clients_init(const struct logd_limits *new_limits, store_fn new_store, clock_fn clock_source,
                  uint32_t pid)
{
    memset(clients, 0, sizeof(clients));
    limits = *new_limits;
    store = new_store;
    realtime_ns = clock_source;
    own_pid = pid;
    own_sequence = 0;
    clock = 0;
}

void clients_store_own(int level, const char *format, ...)
{
    struct logd_record record = {
        .timestamp_ns = realtime_ns(), .pid = own_pid, .level = (uint8_t)level, .sequence = ++own_sequence};
    va_list arguments;

    snprintf(record.tag, sizeof(record.tag), "logd");
    va_start(arguments, format);
    vsnprintf(record.message, sizeof(record.message), format, arguments);
    va_end(arguments);
    store(&record);
}

static void report(struct client *client)
{
    if (client->unreported == 0)
        return;
    clients_store_own(LOGD_LEVEL_WARNING, "dropped %llu records from pid %u",
                      (unsigned long long)client->unreported, client->pid);
    client->unreported = 0;
}

static struct client *take_slot(uint32_t pid, uint64_t now_ms)
{
    struct client *oldest = &clients[0];

    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (!clients[i].in_use) {
            oldest = &clients[i];
            break;
        }
        if (clients[i].last_seen < oldest->last_seen)
            oldest = &clients[i];
    }
    if (oldest->in_use)
        report(oldest);
    *oldest = (struct client){.in_use = true, .pid = pid};
    token_bucket_fill(&oldest->bucket, limits.burst, now_ms);
    return oldest;
}

static struct client *find(uint32_t pid)
{
    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].in_use && clients[i].pid == pid)
            return &clients[i];
    }
    return NULL;
}

static struct client *find_or_take(uint32_t pid, uint64_t now_ms)
{
    struct client *client = find(pid);

    return client ? client : take_slot(pid, now_ms);
}

/* Numbers between the last record and this one that nobody reported. */
static void account_sequence(struct client *client, const struct logd_record *record)
{
    if (client->last_sequence != 0 && record->sequence > client->last_sequence) {
        uint64_t missing = record->sequence - client->last_sequence - 1;
        if (missing > record->dropped)
            client->unreported += missing - record->dropped;
    }
    if (record->sequence != 0)
        client->last_sequence = record->sequence;
}

static bool rate_allows(struct client *client, uint64_t now_ms)
{
    return limits.rate == 0 || token_bucket_take(&client->bucket, limits.rate, limits.burst, now_ms);
}

void clients_receive(const struct logd_record *record, uint64_t now_ms)
{
    struct client *client = find_or_take(record->pid, now_ms);

    client->last_seen = ++clock;
    client->unreported += record->dropped;
    if (record->flags & LOGD_FLAG_DROPS_ONLY) {
        /* its dropped field covers every number up to its sequence */
        if (record->sequence > client->last_sequence)
            client->last_sequence = record->sequence;
        report(client);
        return;
    }
    account_sequence(client, record);
    if (!rate_allows(client, now_ms)) {
        client->unreported++;
        return;
    }
    report(client);
    store(record);
}

void clients_restore(uint32_t pid, uint32_t sequence)
{
    struct client *client = find_or_take(pid, 0);

    client->last_seen = ++clock;
    client->last_sequence = sequence;
}

void clients_report_drops(void)
{
    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].in_use)
            report(&clients[i]);
    }
}

bool clients_have_unreported_drops(void)
{
    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].in_use && clients[i].unreported > 0)
            return true;
    }
    return false;
}
