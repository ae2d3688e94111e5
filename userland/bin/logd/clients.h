/*
 * clients.h - logd's accounting per client (per pid): rate limit, sequence
 * numbers, drops.
 *
 * Layer: user program (logd), pure: records in, records to store out
 * through a callback (host unit test: tests/unit/test_logd_clients.c).
 * Invariant ("nothing silently lost"): for each pid, every record it
 * numbered is either passed to store, or counted in its `unreported`
 * drops, which become a stored "dropped N records from pid P" record -
 * at the client's next stored record, at the next clients_report_drops,
 * or when the client's slot is reused.
 * Counted as dropped: records the rate limit refused, records the client
 * says it could not send (the record's dropped field), and sequence
 * numbers that never arrived and were not reported (lost on the way).
 */
#ifndef LOGD_CLIENTS_H
#define LOGD_CLIENTS_H

#include <freeport/logd.h>
#include <stdbool.h>
#include <stdint.h>
#include "token_bucket.h"

#define CLIENTS_MAX 64

struct logd_limits {
    uint32_t rate;  /* records a second per pid; 0: no limit */
    uint32_t burst; /* records a pid may send at once */
};

typedef void (*store_fn)(const struct logd_record *record);
typedef uint64_t (*clock_fn)(void);

/* own_pid: the pid logd's own records carry; realtime_ns stamps them. */
void clients_init(const struct logd_limits *limits, store_fn store, clock_fn realtime_ns, uint32_t own_pid);
/* A record arrived (decoded) at now_ms. */
void clients_receive(const struct logd_record *record, uint64_t now_ms);
/* A pid's last sequence as found in the stored log (logd restarting). */
void clients_restore(uint32_t pid, uint32_t sequence);
/* Stores a drop report for every client that has unreported drops. */
void clients_report_drops(void);
bool clients_have_unreported_drops(void);
/* A record of logd's own (tag "logd"), stored at once. */
void clients_store_own(int level, const char *format, ...) __attribute__((format(printf, 2, 3)));

#endif
