/*
 * memory_region.h - the sorted list of regions of a user address space.
 *
 * Layer: processes; used only by user_memory.c, which owns the pages. Knows
 * nothing of page tables: it cuts, joins and looks up ranges.
 * Invariants: regions are page-aligned, non-empty, sorted by start and
 * disjoint; adjacent regions with equal protection and equal shared_id are
 * joined on insert.
 */
#ifndef FREEPORT_PROC_MEMORY_REGION_H
#define FREEPORT_PROC_MEMORY_REGION_H

#include <stdint.h>
#include "lib/list.h"
#include "proc/user_memory.h"

#define region_of(list_node) list_entry(list_node, struct memory_region, node)

/* The region holding `address`, or NULL. */
struct memory_region *region_find(struct list_node *regions, uintptr_t address);

/* The first region ending after `address` (holding it or above it), or NULL. */
struct memory_region *region_first_ending_after(struct list_node *regions, uintptr_t address);

/* Add [start, end) with `protection` and `shared_id` (0: private memory),
 * joining equal neighbours. The range must overlap no region. 0 or -ENOMEM. */
int region_insert(struct list_node *regions, uintptr_t start, uintptr_t end, unsigned protection,
                  uint64_t shared_id);

/* Make `at` a region boundary if a region spans it. 0 or -ENOMEM. */
int region_split_at(struct list_node *regions, uintptr_t at);

void region_remove(struct memory_region *region);

/* Copy every private region (shared_id 0) of `from` onto the empty list
 * `to`: what fork gives the child. 0 or -ENOMEM (then `to` holds a prefix:
 * free it with region_free_all). */
int region_copy_private(struct list_node *to, const struct list_node *from);

void region_free_all(struct list_node *regions);

#endif
