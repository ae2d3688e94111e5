# memory.mk - host unit tests of the pure parts of memory management: the
# buddy algorithm, the physical range sets built from the boot memory map,
# and the heap's size-class arithmetic (see core.mk for how they are built).

UNIT_TESTS += buddy
unit_buddy_SOURCES := src/mm/buddy.c

UNIT_TESTS += physmap
unit_physmap_SOURCES := src/mm/physmap.c

UNIT_TESTS += size_class
unit_size_class_SOURCES := src/mm/size_class.c
