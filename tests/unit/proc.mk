# proc.mk - host unit tests of the pure parts of the process layer: the
# ELF64 header and program-header checks the loader relies on (see core.mk
# for how they are built).

UNIT_TESTS += elf
unit_elf_SOURCES := src/proc/elf_parse.c
