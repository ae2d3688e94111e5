/*
 * physmap.h - sets of physical address ranges: "which RAM is there, and
 * which of it is still free to hand out".
 *
 * Layer: core (memory; pure: no hardware, host unit-tested). The boot memory
 * map is unsorted, may overlap and is not page-aligned; a struct physmap is
 * always sorted, disjoint, non-adjacent and page-aligned, so the code above
 * it (frame.c, paging.c) never sees those quirks.
 *
 * Usable memory is added (rounded inward: a partial page is not usable),
 * reserved memory removed (rounded outward: a page holding any reserved
 * byte is reserved). Removal wins only over what was added before it, so
 * add every usable range first, then remove.
 */
#ifndef FREEPORT_MM_PHYSMAP_H
#define FREEPORT_MM_PHYSMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PHYSMAP_PAGE_SIZE  4096ULL
#define PHYSMAP_MAX_RANGES 128

struct phys_range {
    uint64_t start, end; /* [start, end), both page-aligned */
};

struct physmap {
    struct phys_range ranges[PHYSMAP_MAX_RANGES]; /* sorted by start */
    size_t count;
};

void physmap_init(struct physmap *map);

/* Add [start, end); returns 0, or -1 if the map is full (nothing changed). */
int physmap_add(struct physmap *map, uint64_t start, uint64_t end);

/* Remove [start, end); returns 0, or -1 if splitting a range would
 * overflow the map (nothing changed). */
int physmap_remove(struct physmap *map, uint64_t start, uint64_t end);

/* Find `size` bytes (rounded up to pages) lying wholly below `limit`,
 * lowest address first, and remove them. Returns true and sets *start,
 * or false if no range has room. */
bool physmap_take(struct physmap *map, uint64_t size, uint64_t limit, uint64_t *start);

/* Sum of the ranges' sizes in bytes, and the end of the highest range
 * (0 when empty). */
uint64_t physmap_total(const struct physmap *map);
uint64_t physmap_end(const struct physmap *map);

#endif
