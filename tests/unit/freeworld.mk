# freeworld.mk - host unit tests of the pure part of FreeWorld's channels
# (src/ipc/freeworld_rules.c: types, buffer sizes, modes, names, and where
# each message goes); see core.mk for how they are built.

UNIT_TESTS += freeworld_rules
unit_freeworld_rules_SOURCES := src/ipc/freeworld_rules.c
