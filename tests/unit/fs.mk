# fs.mk - host unit tests of the pure parts of the file layer: the cpio
# "newc" reader the initrd is unpacked with, the path component scanner,
# and the console's line discipline (see core.mk for how they are built).

UNIT_TESTS += cpio
unit_cpio_SOURCES := src/fs/cpio.c

UNIT_TESTS += path_name
unit_path_name_SOURCES := src/fs/path_name.c

UNIT_TESTS += line_discipline
unit_line_discipline_SOURCES := src/fs/line_discipline.c
