# posix.mk - host unit tests of the pure parts of the POSIX layer
# (src/posix/): the one IPC-error -> errno table (see core.mk for how they
# are built).

UNIT_TESTS += errno_map
unit_errno_map_SOURCES := src/posix/errno_map.c
