# core.mk - host unit tests of the pure core: command line, boot information,
# formatting. Makefile.in builds tests/unit/test_NAME.c with the sources
# listed in unit_NAME_SOURCES into build/unit/test_NAME (ASan/UBSan, cmocka).
# Never list src/lib/string.c: the host C library provides those functions.

UNIT_TESTS += cmdline
unit_cmdline_SOURCES := src/cmdline.c

UNIT_TESTS += bootinfo
unit_bootinfo_SOURCES := src/bootinfo.c

UNIT_TESTS += format
unit_format_SOURCES := src/lib/format.c
