# ipc.mk - host unit tests of the pure core of native IPC (src/ipc/): the
# capability table, port message queues, channel rings, the name table,
# the trace ring and the quotas of channels and regions, plus the CRC-32
# the trace uses (see core.mk for how they are built). heap_stub.c stands
# in for the kernel heap where code allocates. test_ring runs two threads:
# -pthread compiles it (glibc >= 2.34 links pthreads without the flag).

UNIT_TESTS += cap_table
unit_cap_table_SOURCES := src/ipc/cap_table.c tests/unit/heap_stub.c

UNIT_TESTS += msg_queue
unit_msg_queue_SOURCES := src/ipc/msg_queue.c

UNIT_TESTS += ring
unit_ring_SOURCES := src/ipc/ring.c
unit_ring_CFLAGS := -pthread

UNIT_TESTS += name_table
unit_name_table_SOURCES := src/ipc/name_table.c src/ipc/cap_table.c tests/unit/heap_stub.c

UNIT_TESTS += trace
unit_trace_SOURCES := src/ipc/trace.c src/lib/crc32.c

UNIT_TESTS += crc32
unit_crc32_SOURCES := src/lib/crc32.c

UNIT_TESTS += quota
unit_quota_SOURCES := src/ipc/quota.c
