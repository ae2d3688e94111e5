/*
 * backoff.c - exponential restart delays (see backoff.h).
 *
 * Layer: user program (init), pure.
 */
#include "backoff.h"

uint32_t backoff_after_exit(struct backoff *backoff, uint64_t uptime_ms)
{
    if (uptime_ms >= BACKOFF_RESET_MS || backoff->next_ms == 0)
        backoff->next_ms = BACKOFF_FIRST_MS;
    uint32_t wait_ms = backoff->next_ms;
    backoff->next_ms = wait_ms >= BACKOFF_MAX_MS / 2 ? BACKOFF_MAX_MS : wait_ms * 2;
    return wait_ms;
}

void backoff_reset(struct backoff *backoff)
{
    backoff->next_ms = 0;
}
