/*
 * memory_region.c - sorted, disjoint ranges of a user address space.
 *
 * Layer: processes (see memory_region.h). A plain linked list: a process
 * has a handful of regions (text, data, heap, stack, a few mmaps), and
 * joining equal neighbours keeps a growing heap one region.
 */
#include "proc/memory_region.h"
#include "errno.h"
#include "mm/heap.h"

struct memory_region *region_find(struct list_node *regions, uintptr_t address)
{
    struct memory_region *region = region_first_ending_after(regions, address);

    return region && region->start <= address ? region : NULL;
}

struct memory_region *region_first_ending_after(struct list_node *regions, uintptr_t address)
{
    list_for_each(node, regions) {
        if (region_of(node)->end > address)
            return region_of(node);
    }
    return NULL;
}

static struct memory_region *region_new(uintptr_t start, uintptr_t end, unsigned protection,
                                        uint64_t shared_id)
{
    struct memory_region *region = kmalloc(sizeof(*region));

    if (region) {
        *region = (struct memory_region){start, end, protection, shared_id, {NULL, NULL}};
        list_init(&region->node);
    }
    return region;
}

static struct memory_region *region_neighbour(struct list_node *regions, struct list_node *node)
{
    return node == regions ? NULL : region_of(node);
}

/* Can `region` grow to cover the range [region->end, ...) of this kind? */
static bool region_continues(const struct memory_region *region, uintptr_t start, unsigned protection,
                             uint64_t shared_id)
{
    return region->end == start && region->protection == protection && region->shared_id == shared_id;
}

/* Join `region` with the next one if they touch and agree. */
static void region_join_next(struct list_node *regions, struct memory_region *region)
{
    struct memory_region *next = region_neighbour(regions, region->node.next);

    if (next && region_continues(region, next->start, next->protection, next->shared_id)) {
        region->end = next->end;
        region_remove(next);
    }
}

int region_insert(struct list_node *regions, uintptr_t start, uintptr_t end, unsigned protection,
                  uint64_t shared_id)
{
    struct memory_region *after = region_first_ending_after(regions, start);
    struct list_node *next_node = after ? &after->node : regions;
    struct memory_region *previous = region_neighbour(regions, next_node->prev);

    if (previous && region_continues(previous, start, protection, shared_id)) {
        previous->end = end;
        region_join_next(regions, previous);
        return 0;
    }
    struct memory_region *region = region_new(start, end, protection, shared_id);
    if (!region)
        return -ENOMEM;
    list_insert_between(&region->node, next_node->prev, next_node);
    region_join_next(regions, region);
    return 0;
}

int region_split_at(struct list_node *regions, uintptr_t at)
{
    struct memory_region *region = region_find(regions, at);

    if (!region || region->start == at)
        return 0;
    struct memory_region *upper = region_new(at, region->end, region->protection, region->shared_id);
    if (!upper)
        return -ENOMEM;
    region->end = at;
    list_insert_between(&upper->node, &region->node, region->node.next);
    return 0;
}

void region_remove(struct memory_region *region)
{
    list_remove(&region->node);
    kfree(region);
}

int region_copy_private(struct list_node *to, const struct list_node *from)
{
    list_for_each(node, from) {
        const struct memory_region *region = region_of(node);
        if (region->shared_id)
            continue;
        struct memory_region *copy = region_new(region->start, region->end, region->protection, 0);
        if (!copy)
            return -ENOMEM;
        list_push_back(to, &copy->node);
    }
    return 0;
}

void region_free_all(struct list_node *regions)
{
    struct list_node *node;

    while ((node = list_pop_front(regions)) != NULL)
        kfree(region_of(node));
}
