/*
 * fault_inject.h - making allocations fail on purpose, so the paths that
 * handle a NULL from kmalloc or a 0 from frame_alloc are exercised.
 *
 * Layer: core (memory). kmalloc (heap.c) and frame allocation (frame.c)
 * ask fault_inject_should_fail() first and fail as if memory had run out
 * when it says so. Off by default, so it costs one test of a global then.
 *
 * Which allocations may fail: those of the `sites` chosen, made while the
 * scope callback says yes (the processes layer registers one: "the current
 * process descends from the one that asked", see proc/sys_kcheck.c). Boot,
 * kernel threads and interrupt handlers are never in scope, so the kernel
 * itself keeps running. Among those, 1 in `one_in` fails, as drawn by a
 * splitmix64 generator seeded with `seed`: the same sequence of
 * allocations meets the same failures.
 * Locking: single CPU; the generator is advanced with interrupts off.
 */
#ifndef FREEPORT_MM_FAULT_INJECT_H
#define FREEPORT_MM_FAULT_INJECT_H

#include <stdbool.h>
#include <stdint.h>

enum fault_site {
    FAULT_SITE_HEAP = 1 << 0,   /* kmalloc, kzalloc */
    FAULT_SITE_FRAMES = 1 << 1, /* frame_alloc and its variants */
};

/* From now on, fail 1 in `one_in` in-scope allocations at `sites` (a mask
 * of enum fault_site); one_in 0 (or no sites) turns injection off. */
void fault_inject_configure(uint64_t one_in, uint64_t seed, unsigned sites);

/* Set once by a higher layer: is the allocation being made now in scope? */
void fault_inject_set_scope(bool (*in_scope)(void));

/* Called by the allocators before they allocate: should this one fail?
 * Counts every failure it decides. */
bool fault_inject_should_fail(enum fault_site site);

/* Failures injected since boot. */
uint64_t fault_inject_count(void);

#endif
