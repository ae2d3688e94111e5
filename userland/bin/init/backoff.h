/*
 * backoff.h - how long init waits before restarting a service that ended.
 *
 * Layer: user program (init), pure (host unit test: tests/unit/test_backoff.c).
 * The first restart waits BACKOFF_FIRST_MS; each further one in a row waits
 * twice as long, up to BACKOFF_MAX_MS. A run that lasted BACKOFF_RESET_MS or
 * more counts as healthy: the next wait starts from BACKOFF_FIRST_MS again.
 */
#ifndef INIT_BACKOFF_H
#define INIT_BACKOFF_H

#include <stdint.h>

#define BACKOFF_FIRST_MS 100
#define BACKOFF_MAX_MS   5000
#define BACKOFF_RESET_MS 10000

struct backoff {
    uint32_t next_ms; /* the wait the next restart gets; 0 = BACKOFF_FIRST_MS */
};

/* A run of uptime_ms just ended: the wait before restarting it. */
uint32_t backoff_after_exit(struct backoff *backoff, uint64_t uptime_ms);

/* Forget the history (an explicit start from svc). */
void backoff_reset(struct backoff *backoff);

#endif
