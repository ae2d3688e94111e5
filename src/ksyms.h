/*
 * ksyms.h - the kernel's own symbol table, for symbolized backtraces.
 *
 * Layer: core. The table is generated at build time from the linked kernel
 * (tools/gen-ksyms, a second link pass) and sorted by address.
 */
#ifndef FREEPORT_KSYMS_H
#define FREEPORT_KSYMS_H

#include <stdint.h>

struct ksym {
    uint64_t address;
    const char *name;
};

/* The function containing `address`, and the offset into it; NULL if none. */
const char *ksyms_lookup(uint64_t address, uint64_t *offset);

#endif
