/*
 * size_class.h - the kernel heap's size arithmetic: which size class a
 * request falls in, how many objects a slab holds, which buddy order a
 * large request needs.
 *
 * Layer: core (memory; pure, host unit-tested by tests/unit/test_size_class.c).
 * Classes are the powers of two from SIZE_CLASS_SMALLEST to
 * SIZE_CLASS_LARGEST: index i holds objects of SIZE_CLASS_SMALLEST << i bytes.
 */
#ifndef FREEPORT_MM_SIZE_CLASS_H
#define FREEPORT_MM_SIZE_CLASS_H

#include <stddef.h>

#define SIZE_CLASS_SMALLEST 16
#define SIZE_CLASS_LARGEST  2048
#define SIZE_CLASS_COUNT    8 /* 16, 32, 64, 128, 256, 512, 1024, 2048 */

/* The smallest class whose objects hold `size` bytes (size 0 is class 0),
 * or -1 when size exceeds SIZE_CLASS_LARGEST. */
int size_class_index(size_t size);

/* Object size of class `index`. */
size_t size_class_bytes(int index);

/* Objects of class `index` that fit in a slab of `slab_bytes` bytes after
 * a header of `header_bytes`. */
size_t size_class_objects(int index, size_t slab_bytes, size_t header_bytes);

/* The smallest order such that (page_size << order) bytes hold a header of
 * `header_bytes` followed by `size` bytes; -1 if that exceeds max_order. */
int size_class_block_order(size_t size, size_t header_bytes, size_t page_size, int max_order);

#endif
