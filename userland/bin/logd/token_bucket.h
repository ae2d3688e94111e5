/*
 * token_bucket.h - logd's per-client rate limit.
 *
 * Layer: user program (logd), pure (tests/unit/test_token_bucket.c). A
 * bucket holds up to `burst` tokens and gains `rate` tokens a second; each
 * record takes one, and a record that finds the bucket empty is dropped
 * (and counted). Tokens are kept in thousandths, so a refill after any
 * number of milliseconds is exact in integers.
 */
#ifndef LOGD_TOKEN_BUCKET_H
#define LOGD_TOKEN_BUCKET_H

#include <stdbool.h>
#include <stdint.h>

struct token_bucket {
    uint64_t millitokens;
    uint64_t last_ms;
};

/* A full bucket at now_ms. */
void token_bucket_fill(struct token_bucket *bucket, uint32_t burst, uint64_t now_ms);
/* Refills for the time since the last call, then takes a token if there is one. */
bool token_bucket_take(struct token_bucket *bucket, uint32_t rate, uint32_t burst, uint64_t now_ms);

#endif
