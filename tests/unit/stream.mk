# stream.mk - host unit tests of the pure part of native IPC's byte stream:
# the byte ring under src/ipc/stream.c (see core.mk for how they are built).

UNIT_TESTS += byte_ring
unit_byte_ring_SOURCES := src/ipc/byte_ring.c
