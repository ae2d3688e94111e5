/*
 * heap_stub.c - the kernel heap's interface over malloc, for host unit
 * tests (see heap_stub.h).
 */
#include <stdlib.h>
#include <string.h>
#include "heap_stub.h"

size_t heap_stub_live;
long heap_stub_successes_left = -1;

void *kmalloc(size_t size)
{
    void *block;

    if (heap_stub_successes_left == 0)
        return NULL;
    if (heap_stub_successes_left > 0)
        heap_stub_successes_left--;
    block = malloc(size);
    if (block != NULL)
        heap_stub_live++;
    return block;
}

void *kzalloc(size_t size)
{
    void *block = kmalloc(size);

    if (block != NULL)
        memset(block, 0, size);
    return block;
}

void kfree(void *block)
{
    if (block != NULL)
        heap_stub_live--;
    free(block);
}
