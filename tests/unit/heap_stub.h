/*
 * heap_stub.h - kmalloc, kzalloc and kfree for host unit tests of kernel
 * code that allocates (link tests/unit/heap_stub.c): malloc underneath, so
 * ASan sees every block, plus a count of live blocks for leak checks and a
 * switch that makes allocations fail.
 */
#ifndef FREEPORT_TESTS_HEAP_STUB_H
#define FREEPORT_TESTS_HEAP_STUB_H

#include <stddef.h>
#include "mm/heap.h"

/* Blocks kmalloc'd and not yet kfree'd. */
extern size_t heap_stub_live;

/* Allocations that still succeed before every later one returns NULL;
 * negative: never fail (the default). */
extern long heap_stub_successes_left;

#endif
