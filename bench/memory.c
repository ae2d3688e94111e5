/*
 * bench/memory.c - workload of memory bandwidth inside one process: the C
 * library's memcpy between two buffers, the baseline later shared-memory
 * throughput is read against.
 *
 * Layer: user program (see bench.h). Both buffers are touched in setup, so
 * no page fault is timed. Each system's own C library copies (newlib on
 * Freeport, glibc on Linux): the figure is what a program there gets.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define MEMORY_ALIGNMENT 64

struct memory_state {
    size_t size;
    void *source;
    void *destination;
};

int memory_setup(size_t size, void **state)
{
    struct memory_state *memory = calloc(1, sizeof *memory);
    if (memory == NULL)
        return -1;
    memory->size = size;
    if (posix_memalign(&memory->source, MEMORY_ALIGNMENT, size) != 0 ||
        posix_memalign(&memory->destination, MEMORY_ALIGNMENT, size) != 0) {
        memory_teardown(memory);
        errno = ENOMEM; /* posix_memalign returns its error instead of setting errno */
        return -1;
    }
    memset(memory->source, 's', size);
    memset(memory->destination, 'd', size);
    *state = memory;
    return 0;
}

int memory_copy_run(void *state)
{
    struct memory_state *memory = state;
    memcpy(memory->destination, memory->source, memory->size);
    return 0;
}

int memory_teardown(void *state)
{
    struct memory_state *memory = state;
    free(memory->source);
    free(memory->destination);
    free(memory);
    return 0;
}
