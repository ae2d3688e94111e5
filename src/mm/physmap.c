/*
 * physmap.c - sorted, disjoint, page-aligned sets of physical ranges.
 *
 * Layer: core (memory; pure: no hardware, host unit-tested by
 * tests/unit/test_physmap.c). Invariant after every call: ranges[0..count)
 * are page-aligned, non-empty, sorted, and separated by at least one page
 * (touching ranges are merged). Maps are small (tens of ranges), so plain
 * linear scans are fast enough and easy to follow.
 */
#include "mm/physmap.h"
#include "lib/string.h"

#define PAGE_MASK (PHYSMAP_PAGE_SIZE - 1)

static uint64_t round_down(uint64_t address)
{
    return address & ~PAGE_MASK;
}

/* Rounds up, saturating at the last page boundary instead of wrapping. */
static uint64_t round_up(uint64_t address)
{
    if (address > UINT64_MAX - PAGE_MASK)
        return round_down(UINT64_MAX);
    return round_down(address + PAGE_MASK);
}

/* Replace ranges[first..last) by the single range `merged` (first == last:
 * insert it there). The caller has checked there is room. */
static void replace_ranges(struct physmap *map, size_t first, size_t last, struct phys_range merged)
{
    memmove(&map->ranges[first + 1], &map->ranges[last], (map->count - last) * sizeof(struct phys_range));
    map->count = map->count - (last - first) + 1;
    map->ranges[first] = merged;
}

void physmap_init(struct physmap *map)
{
    map->count = 0;
}

int physmap_add(struct physmap *map, uint64_t start, uint64_t end)
{
    struct phys_range merged = {round_up(start), round_down(end)};
    size_t first = 0, last;

    if (merged.start >= merged.end)
        return 0;
    while (first < map->count && map->ranges[first].end < merged.start)
        first++;
    for (last = first; last < map->count && map->ranges[last].start <= merged.end; last++) {
        if (map->ranges[last].start < merged.start)
            merged.start = map->ranges[last].start;
        if (map->ranges[last].end > merged.end)
            merged.end = map->ranges[last].end;
    }
    if (first == last && map->count == PHYSMAP_MAX_RANGES)
        return -1;
    replace_ranges(map, first, last, merged);
    return 0;
}

/* [start, end) strictly inside one range: cut a hole, making two ranges. */
static int split_range(struct physmap *map, size_t i, uint64_t start, uint64_t end)
{
    struct phys_range left = {map->ranges[i].start, start};

    if (map->count == PHYSMAP_MAX_RANGES)
        return -1;
    map->ranges[i].start = end;
    replace_ranges(map, i, i, left);
    return 0;
}

int physmap_remove(struct physmap *map, uint64_t start, uint64_t end)
{
    size_t kept = 0;

    start = round_down(start);
    end = round_up(end);
    if (start >= end)
        return 0;
    for (size_t i = 0; i < map->count; i++)
        if (map->ranges[i].start < start && map->ranges[i].end > end)
            return split_range(map, i, start, end);
    for (size_t i = 0; i < map->count; i++) {
        struct phys_range range = map->ranges[i];
        if (range.end > start && range.start < end) {
            if (range.start < start)
                range.end = start;
            else if (range.end > end)
                range.start = end;
            else
                continue;
        }
        map->ranges[kept++] = range;
    }
    map->count = kept;
    return 0;
}

bool physmap_take(struct physmap *map, uint64_t size, uint64_t limit, uint64_t *start)
{
    size = round_up(size);
    for (size_t i = 0; i < map->count; i++) {
        const struct phys_range *range = &map->ranges[i];
        uint64_t top = range->end < limit ? range->end : limit;
        if (range->start < top && top - range->start >= size) {
            *start = range->start;
            return physmap_remove(map, *start, *start + size) == 0;
        }
    }
    return false;
}

uint64_t physmap_total(const struct physmap *map)
{
    uint64_t total = 0;

    for (size_t i = 0; i < map->count; i++)
        total += map->ranges[i].end - map->ranges[i].start;
    return total;
}

uint64_t physmap_end(const struct physmap *map)
{
    return map->count ? map->ranges[map->count - 1].end : 0;
}
