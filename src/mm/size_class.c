/*
 * size_class.c - size arithmetic of the kernel heap (see size_class.h).
 *
 * Layer: core (memory; pure, host unit-tested). No state. Every function
 * guards against overflow, because sizes come from callers of kmalloc.
 */
#include "mm/size_class.h"

int size_class_index(size_t size)
{
    for (int index = 0; index < SIZE_CLASS_COUNT; index++)
        if (size <= size_class_bytes(index))
            return index;
    return -1;
}

size_t size_class_bytes(int index)
{
    return (size_t)SIZE_CLASS_SMALLEST << index;
}

size_t size_class_objects(int index, size_t slab_bytes, size_t header_bytes)
{
    if (header_bytes >= slab_bytes)
        return 0;
    return (slab_bytes - header_bytes) / size_class_bytes(index);
}

int size_class_block_order(size_t size, size_t header_bytes, size_t page_size, int max_order)
{
    size_t largest = page_size << max_order;

    if (header_bytes > largest || size > largest - header_bytes)
        return -1;
    for (int order = 0;; order++)
        if ((page_size << order) >= size + header_bytes)
            return order;
}
