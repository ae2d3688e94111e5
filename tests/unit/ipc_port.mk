# ipc_port.mk - host unit tests of the pure parts of ports (src/ipc/): the
# message filter and its rate limits, the table of replies a process owes
# (transaction matching), and the registry of live objects (see core.mk
# for how they are built).

UNIT_TESTS += port_filter
unit_port_filter_SOURCES := src/ipc/port_filter.c

UNIT_TESTS += reply_table
unit_reply_table_SOURCES := src/ipc/reply_table.c

UNIT_TESTS += registry
unit_registry_SOURCES := src/ipc/registry.c
