/*
 * ksyms.c - address-to-name lookup in the generated symbol table.
 *
 * Layer: core. Binary search over ksyms_table (sorted ascending by
 * tools/gen-ksyms). Addresses outside the kernel's text have no name.
 */
#include <stddef.h>
#include "ksyms.h"

extern const struct ksym ksyms_table[];
extern const uint64_t ksyms_count;
extern const char _text_start[], _text_end[];

const char *ksyms_lookup(uint64_t address, uint64_t *offset)
{
    size_t low = 0, high = ksyms_count;

    if (address < (uint64_t)_text_start || address >= (uint64_t)_text_end || high == 0)
        return NULL;
    while (high - low > 1) {        /* invariant: table[low].address <= address */
        size_t middle = low + (high - low) / 2;
        if (ksyms_table[middle].address <= address)
            low = middle;
        else
            high = middle;
    }
    if (ksyms_table[low].address > address)
        return NULL;
    *offset = address - ksyms_table[low].address;
    return ksyms_table[low].name;
}
