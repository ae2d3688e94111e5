/*
 * token_bucket.c - the rate limit's arithmetic (see token_bucket.h).
 *
 * Layer: user program (logd), pure. A clock that goes backwards refills
 * nothing (the bucket waits for it to pass last_ms again).
 */
#include "token_bucket.h"

#define MILLI          1000u
#define ELAPSED_MAX_MS (1ull << 31) /* longer idles refill as much; keeps elapsed x rate in 64 bits */

void token_bucket_fill(struct token_bucket *bucket, uint32_t burst, uint64_t now_ms)
{
    bucket->millitokens = (uint64_t)burst * MILLI;
    bucket->last_ms = now_ms;
}

bool token_bucket_take(struct token_bucket *bucket, uint32_t rate, uint32_t burst, uint64_t now_ms)
{
    uint64_t full = (uint64_t)burst * MILLI;

    if (now_ms > bucket->last_ms) {
        uint64_t elapsed = now_ms - bucket->last_ms;
        if (elapsed > ELAPSED_MAX_MS)
            elapsed = ELAPSED_MAX_MS;
        /* elapsed ms x rate tokens/s = elapsed x rate millitokens */
        bucket->millitokens += elapsed * rate;
        if (bucket->millitokens > full)
            bucket->millitokens = full;
        bucket->last_ms = now_ms;
    }
    if (bucket->millitokens < MILLI)
        return false;
    bucket->millitokens -= MILLI;
    return true;
}
