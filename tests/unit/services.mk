# services.mk - host unit tests of init's pure parts: the service table
# parser and the restart backoff (userland/bin/init/). They are user-space
# files, built here with the host compiler like the kernel's pure files.

UNIT_TESTS += service_table
unit_service_table_SOURCES := userland/bin/init/service_table.c
unit_service_table_CFLAGS := -I userland/bin/init

UNIT_TESTS += backoff
unit_backoff_SOURCES := userland/bin/init/backoff.c
unit_backoff_CFLAGS := -I userland/bin/init
