# logd.mk - host unit tests of the system log's pure parts: the record
# codec (userland/libc/logd_record.c), the stored line format
# (userland/lib/log_line.c), logd's rate limiter and its per-client
# accounting (userland/bin/logd/). <freeport/logd.h> comes from
# userland/include; only that header is taken from there.

LOGD_UNIT_CFLAGS := -idirafter userland/include -I userland/lib -I userland/bin/logd

UNIT_TESTS += logd_record
unit_logd_record_SOURCES := userland/libc/logd_record.c
unit_logd_record_CFLAGS := $(LOGD_UNIT_CFLAGS)

UNIT_TESTS += log_line
unit_log_line_SOURCES := userland/lib/log_line.c
unit_log_line_CFLAGS := $(LOGD_UNIT_CFLAGS)

UNIT_TESTS += token_bucket
unit_token_bucket_SOURCES := userland/bin/logd/token_bucket.c
unit_token_bucket_CFLAGS := $(LOGD_UNIT_CFLAGS)

UNIT_TESTS += logd_clients
unit_logd_clients_SOURCES := userland/bin/logd/clients.c userland/bin/logd/token_bucket.c
unit_logd_clients_CFLAGS := $(LOGD_UNIT_CFLAGS)
