# posix.mk - host unit tests of the pure parts of the POSIX layer
# (src/posix/): the one IPC-error -> errno table, SCM_RIGHTS control data,
# the tags of descriptors on a stream, the files SCM_RIGHTS holds (see
# core.mk for how they are built).

UNIT_TESTS += errno_map
unit_errno_map_SOURCES := src/posix/errno_map.c

UNIT_TESTS += scm_control
unit_scm_control_SOURCES := src/posix/scm_control.c

UNIT_TESTS += rights_tag
unit_rights_tag_SOURCES := src/posix/rights_tag.c

UNIT_TESTS += file_rights
unit_file_rights_SOURCES := src/posix/file_rights.c tests/unit/heap_stub.c
