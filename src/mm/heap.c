/*
 * heap.c - kmalloc and kfree: slabs for small objects, frame blocks for
 * large ones.
 *
 * Layer: core (memory), above mm/frame.c, reaching frames through the
 * direct map. kfree tells the two kinds apart by the first word of the
 * frame the pointer lies in:
 *
 *   slab (one frame):   | struct slab, 64 bytes | object 0 | object 1 | ...
 *   large block:        | struct large_block, 16 bytes | caller's bytes ...
 *                         (2^order frames, order from the requested size)
 *
 * Invariants: a slab whose objects are all allocated is on full_slabs[its
 * class]; one with some free objects is on partial_slabs[its class]; an
 * empty slab is given back to the frame allocator at once. Bit i of in_use
 * is set iff object i is allocated; bits past the slab's last object are
 * always set. heap_check() verifies all of this (SYS_kcheck).
 * Locking: single CPU; interrupts off inside kmalloc/kfree (arch_irq_save),
 * to be a spinlock with several CPUs.
 */
#include "mm/heap.h"
#include "mm/fault_inject.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "arch/arch.h"
#include "lib/list.h"
#include "lib/string.h"
#include "kcheck.h"
#include "panic.h"
#include "selftest.h"

#define SLAB_MAGIC        0x51ab51abu
#define LARGE_MAGIC       0x1a26eb1du
#define SLAB_HEADER_SIZE  64
#define SLAB_BITMAP_WORDS 4

struct slab {
    uint32_t magic; /* SLAB_MAGIC */
    uint16_t class_index;
    uint16_t used;         /* objects allocated */
    struct list_node link; /* in partial_slabs[class_index], or full_slabs[] when full */
    uint64_t in_use[SLAB_BITMAP_WORDS];
};

struct large_block {
    uint32_t magic; /* LARGE_MAGIC */
    uint32_t order; /* the block is PAGE_SIZE << order bytes */
    uint64_t size;  /* bytes the caller asked for */
};

_Static_assert(sizeof(struct slab) <= SLAB_HEADER_SIZE, "slab header outgrew its space");
_Static_assert((PAGE_SIZE - SLAB_HEADER_SIZE) / SIZE_CLASS_SMALLEST <= 64 * SLAB_BITMAP_WORDS,
               "the in_use bitmap must cover a slab of the smallest class");
_Static_assert(sizeof(struct large_block) == 16, "large blocks keep 16-byte alignment");

static struct list_node partial_slabs[SIZE_CLASS_COUNT];
static struct list_node full_slabs[SIZE_CLASS_COUNT];
static struct heap_stats heap_counters;

void heap_init(void)
{
    for (int index = 0; index < SIZE_CLASS_COUNT; index++) {
        list_init(&partial_slabs[index]);
        list_init(&full_slabs[index]);
    }
}

static size_t slab_capacity(int index)
{
    return size_class_objects(index, PAGE_SIZE, SLAB_HEADER_SIZE);
}

/* Account one allocation (or, with allocating false, one release) of
 * `bytes` in class `index`, -1 standing for a large block. */
static void count(int index, size_t bytes, bool allocating)
{
    size_t *kind = index >= 0 ? &heap_counters.class_allocations[index] : &heap_counters.large_allocations;

    if (allocating) {
        heap_counters.allocations++;
        heap_counters.bytes_in_use += bytes;
        (*kind)++;
    } else {
        heap_counters.allocations--;
        heap_counters.bytes_in_use -= bytes;
        (*kind)--;
    }
}

static struct slab *slab_create(int index)
{
    uint64_t frame = frame_alloc();
    struct slab *slab;

    if (!frame)
        return NULL;
    slab = PHYS_TO_VIRT(frame);
    memset(slab, 0, sizeof(*slab));
    slab->magic = SLAB_MAGIC;
    slab->class_index = (uint16_t)index;
    for (size_t object = slab_capacity(index); object < 64 * SLAB_BITMAP_WORDS; object++)
        slab->in_use[object / 64] |= 1ULL << (object % 64);
    list_push_front(&partial_slabs[index], &slab->link);
    heap_counters.slab_frames++;
    return slab;
}

static void slab_destroy(struct slab *slab)
{
    list_remove(&slab->link);
    slab->magic = 0;
    heap_counters.slab_frames--;
    frame_free(VIRT_TO_PHYS(slab));
}

/* Mark the first free object allocated; the slab is not full. */
static size_t take_free_object(struct slab *slab)
{
    size_t word = 0, bit;

    while (slab->in_use[word] == ~0ULL)
        word++;
    bit = (size_t)__builtin_ctzll(~slab->in_use[word]);
    slab->in_use[word] |= 1ULL << bit;
    return word * 64 + bit;
}

static void *slab_alloc(int index)
{
    struct slab *slab;
    size_t object;

    if (list_empty(&partial_slabs[index]) && !slab_create(index))
        return NULL;
    slab = list_entry(partial_slabs[index].next, struct slab, link);
    object = take_free_object(slab);
    if (++slab->used == slab_capacity(index)) {
        list_remove(&slab->link);
        list_push_front(&full_slabs[index], &slab->link);
    }
    count(index, size_class_bytes(index), true);
    return (char *)slab + SLAB_HEADER_SIZE + object * size_class_bytes(index);
}

static void slab_free(struct slab *slab, void *pointer)
{
    int index = slab->class_index;
    size_t size = size_class_bytes(index), capacity = slab_capacity(index);
    size_t offset = (uintptr_t)pointer - ((uintptr_t)slab + SLAB_HEADER_SIZE), object = offset / size;
    uint64_t bit = 1ULL << (object % 64);

    if ((uintptr_t)pointer < (uintptr_t)slab + SLAB_HEADER_SIZE || offset % size || object >= capacity)
        panic("kfree(%p): not the start of a %lu-byte object", pointer, (unsigned long)size);
    if (!(slab->in_use[object / 64] & bit))
        panic("kfree(%p): double free of a %lu-byte object", pointer, (unsigned long)size);
    slab->in_use[object / 64] &= ~bit;
    if (slab->used-- == capacity) {
        list_remove(&slab->link);
        list_push_front(&partial_slabs[index], &slab->link);
    }
    count(index, size, false);
    if (slab->used == 0)
        slab_destroy(slab);
}

static void *large_alloc(size_t size)
{
    int order = size_class_block_order(size, sizeof(struct large_block), PAGE_SIZE, FRAME_MAX_ORDER);
    uint64_t block = order < 0 ? 0 : frame_alloc_order((unsigned)order);
    struct large_block *header;

    if (!block)
        return NULL;
    header = PHYS_TO_VIRT(block);
    *header = (struct large_block){LARGE_MAGIC, (uint32_t)order, size};
    count(-1, size, true);
    return header + 1;
}

static void large_free(struct large_block *header, void *pointer)
{
    if (pointer != header + 1)
        panic("kfree(%p): not the start of a large block", pointer);
    count(-1, header->size, false);
    header->magic = 0;
    frame_free_order(VIRT_TO_PHYS(header), header->order);
}

void *kmalloc(size_t size)
{
    int index = size_class_index(size);

    if (fault_inject_should_fail(FAULT_SITE_HEAP))
        return NULL;
    int enabled = arch_irq_save();
    void *memory = index >= 0 ? slab_alloc(index) : large_alloc(size);

    arch_irq_restore(enabled);
    return memory;
}

void *kzalloc(size_t size)
{
    void *memory = kmalloc(size);

    if (memory)
        memset(memory, 0, size);
    return memory;
}

void kfree(void *pointer)
{
    uintptr_t page = PAGE_ROUND_DOWN((uintptr_t)pointer);
    int enabled;

    if (!pointer)
        return;
    enabled = arch_irq_save();
    if (page < DIRECT_MAP_BASE || !frame_is_allocated(VIRT_TO_PHYS(page)))
        panic("kfree(%p): not memory from kmalloc", pointer);
    if (*(uint32_t *)page == SLAB_MAGIC)
        slab_free((struct slab *)page, pointer);
    else if (*(uint32_t *)page == LARGE_MAGIC)
        large_free((struct large_block *)page, pointer);
    else
        panic("kfree(%p): not memory from kmalloc, or freed already", pointer);
    arch_irq_restore(enabled);
}

/* One slab of class `index` on a list that says it is `full` (or not):
 * its header, bitmap and used count agree, and its frame is allocated.
 * Returns the objects it holds. */
static size_t check_slab(struct freeport_kcheck *report, const struct slab *slab, int index, bool full)
{
    size_t capacity = slab_capacity(index), set_bits = 0;

    if (!frame_is_allocated(VIRT_TO_PHYS(slab)) || slab->magic != SLAB_MAGIC || slab->class_index != index) {
        kcheck_problem(report, FP_KCHECK_HEAP, "slab %p on the class %d list is not a slab of that class",
                       (const void *)slab, index);
        return 0;
    }
    for (size_t object = 0; object < 64 * SLAB_BITMAP_WORDS; object++) {
        bool in_use = slab->in_use[object / 64] >> (object % 64) & 1;
        if (object >= capacity && !in_use)
            kcheck_problem(report, FP_KCHECK_HEAP, "slab %p: bit %lu past its last object is clear",
                           (const void *)slab, (unsigned long)object);
        set_bits += object < capacity && in_use;
    }
    if (set_bits != slab->used || slab->used == 0 || (slab->used == capacity) != full)
        kcheck_problem(report, FP_KCHECK_HEAP, "slab %p: %u used, %lu bits set, %lu objects, on the %s list",
                       (const void *)slab, slab->used, (unsigned long)set_bits, (unsigned long)capacity,
                       full ? "full" : "partial");
    return set_bits;
}

/* Every slab of class `index` on `list`; adds them and their objects to
 * the totals. The walk is bounded by the slabs the counters know of, so
 * a list corrupted into a loop ends too. */
static void check_slab_list(struct freeport_kcheck *report, struct list_node *list, int index, bool full,
                            size_t *slabs, size_t *objects)
{
    list_for_each(node, list) {
        if (++*slabs > heap_counters.slab_frames) {
            kcheck_problem(report, FP_KCHECK_HEAP, "class %d: more slabs on the lists than slab_frames (%lu)",
                           index, (unsigned long)heap_counters.slab_frames);
            return;
        }
        *objects += check_slab(report, list_entry(node, struct slab, link), index, full);
    }
}

void heap_check(struct freeport_kcheck *report)
{
    int enabled = arch_irq_save();
    size_t slabs = 0, small_allocations = 0;

    for (int index = 0; index < SIZE_CLASS_COUNT; index++) {
        size_t objects = 0;
        check_slab_list(report, &partial_slabs[index], index, false, &slabs, &objects);
        check_slab_list(report, &full_slabs[index], index, true, &slabs, &objects);
        if (objects != heap_counters.class_allocations[index])
            kcheck_problem(report, FP_KCHECK_HEAP, "class %d: %lu objects in slabs, %lu counted", index,
                           (unsigned long)objects, (unsigned long)heap_counters.class_allocations[index]);
        small_allocations += heap_counters.class_allocations[index];
    }
    if (slabs != heap_counters.slab_frames)
        kcheck_problem(report, FP_KCHECK_HEAP, "%lu slabs on the lists, %lu counted", (unsigned long)slabs,
                       (unsigned long)heap_counters.slab_frames);
    if (small_allocations + heap_counters.large_allocations != heap_counters.allocations)
        kcheck_problem(report, FP_KCHECK_HEAP, "%lu small + %lu large allocations, %lu counted",
                       (unsigned long)small_allocations, (unsigned long)heap_counters.large_allocations,
                       (unsigned long)heap_counters.allocations);
    arch_irq_restore(enabled);
}

struct heap_stats heap_stats(void)
{
    int enabled = arch_irq_save();
    struct heap_stats stats = heap_counters;

    arch_irq_restore(enabled);
    return stats;
}

static bool heap_at_baseline(const struct heap_stats *before, struct frame_stats frames_before)
{
    struct heap_stats now = heap_stats();

    return now.bytes_in_use == before->bytes_in_use && now.allocations == before->allocations &&
           now.slab_frames == before->slab_frames && now.large_allocations == before->large_allocations &&
           frame_stats().free == frames_before.free;
}

SELFTEST(kmalloc_every_size_class)
{
    struct heap_stats before = heap_stats();
    struct frame_stats frames_before = frame_stats();

    for (int index = 0; index < SIZE_CLASS_COUNT; index++) {
        size_t size = size_class_bytes(index);
        unsigned char *object = kmalloc(size);
        SELFTEST_ASSERT(object != NULL && (uintptr_t)object % 16 == 0);
        SELFTEST_ASSERT(heap_stats().class_allocations[index] == before.class_allocations[index] + 1);
        SELFTEST_ASSERT(heap_stats().bytes_in_use == before.bytes_in_use + size);
        memset(object, 0xa5, size);
        kfree(object);
        object = kmalloc(size / 2 + 1);
        SELFTEST_ASSERT(heap_stats().class_allocations[index] == before.class_allocations[index] + 1);
        kfree(object);
    }
    kfree(NULL);
    SELFTEST_ASSERT(heap_at_baseline(&before, frames_before));
}

SELFTEST(kmalloc_reuses_freed_objects)
{
    struct heap_stats before = heap_stats();
    struct frame_stats frames_before = frame_stats();
    void *first = kmalloc(64), *second = kmalloc(64), *again;

    SELFTEST_ASSERT(first && second && first != second);
    kfree(first);
    again = kmalloc(60);
    kfree(second);
    kfree(again);
    SELFTEST_ASSERT(again == first);
    SELFTEST_ASSERT(heap_at_baseline(&before, frames_before));
}

/* Enough 32-byte objects to fill several slabs; each is written with its
 * own number, so overlapping objects would show. */
SELFTEST(kmalloc_fills_many_slabs)
{
    enum { OBJECTS = 1000 };
    struct heap_stats before = heap_stats();
    struct frame_stats frames_before = frame_stats();
    size_t **objects = kmalloc(OBJECTS * sizeof(*objects)), intact = 0;

    SELFTEST_ASSERT(objects != NULL);
    for (size_t i = 0; i < OBJECTS; i++) {
        objects[i] = kmalloc(32);
        SELFTEST_ASSERT(objects[i] != NULL);
        *objects[i] = i;
    }
    SELFTEST_ASSERT(heap_stats().slab_frames >= before.slab_frames + OBJECTS / slab_capacity(1));
    for (size_t i = 0; i < OBJECTS; i++) {
        intact += *objects[i] == i;
        kfree(objects[i]);
    }
    kfree(objects);
    SELFTEST_ASSERT(intact == OBJECTS);
    SELFTEST_ASSERT(heap_at_baseline(&before, frames_before));
}

SELFTEST(kmalloc_large_blocks)
{
    struct heap_stats before = heap_stats();
    struct frame_stats frames_before = frame_stats();
    size_t largest = (PAGE_SIZE << FRAME_MAX_ORDER) - sizeof(struct large_block);
    unsigned char *block = kzalloc(10000), *biggest;
    size_t zero = 0;

    SELFTEST_ASSERT(block != NULL && (uintptr_t)block % 16 == 0);
    for (size_t i = 0; i < 10000; i++)
        zero += block[i] == 0;
    SELFTEST_ASSERT(zero == 10000);
    SELFTEST_ASSERT(heap_stats().large_allocations == before.large_allocations + 1);
    SELFTEST_ASSERT(heap_stats().bytes_in_use == before.bytes_in_use + 10000);
    SELFTEST_ASSERT(frame_stats().free == frames_before.free - 4);
    kfree(block);
    biggest = kmalloc(largest);
    SELFTEST_ASSERT(biggest != NULL);
    biggest[largest - 1] = 1;
    kfree(biggest);
    SELFTEST_ASSERT(kmalloc(largest + 1) == NULL && kmalloc((size_t)-1) == NULL);
    SELFTEST_ASSERT(heap_at_baseline(&before, frames_before));
}

/* Take the largest blocks until the heap says no, then give them all back;
 * the blocks are chained through their first word. (Only the first page of
 * each block is touched: fresh pages are slow for an emulator to supply.) */
SELFTEST(kmalloc_exhaustion_returns_null)
{
    struct heap_stats before = heap_stats();
    struct frame_stats frames_before = frame_stats();
    void **chain = NULL, **block;
    size_t taken = 0;

    while ((block = kmalloc((PAGE_SIZE << FRAME_MAX_ORDER) - sizeof(struct large_block))) != NULL) {
        *block = chain;
        chain = block;
        taken++;
    }
    while (chain) {
        block = *chain;
        kfree(chain);
        chain = block;
    }
    SELFTEST_ASSERT(taken > 0);
    SELFTEST_ASSERT(heap_at_baseline(&before, frames_before));
}

/* heap_check passes on the live heap and notices a slab whose count of
 * used objects disagrees with its bitmap. */
SELFTEST(heap_check_finds_a_corrupted_slab)
{
    struct freeport_kcheck clean = {0}, broken = {0};
    void *object = kmalloc(64);
    struct slab *slab = (struct slab *)PAGE_ROUND_DOWN((uintptr_t)object);

    SELFTEST_ASSERT(object != NULL);
    heap_check(&clean);
    slab->used++;
    heap_check(&broken);
    slab->used--;
    kfree(object);
    SELFTEST_ASSERT(clean.problems == 0);
    SELFTEST_ASSERT(broken.area_problems[FP_KCHECK_HEAP] >= 1);
}
