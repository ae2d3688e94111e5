/*
 * fuzz_bootinfo.c - libFuzzer target: src/bootinfo.c on any multiboot
 * information.
 *
 * The first input byte picks the loader's magic (multiboot1, multiboot2 or
 * neither); the rest is physical memory from address 0, where the
 * information structure starts, in a buffer whose every mapped address has
 * MAP_REACH bytes after it (the reach of the parser's fixed-size reads).
 * Any address the structures name beyond the input reads zeros; a read
 * past that reach means a length from the loader was trusted unbounded,
 * which ASan reports. The boot_info produced must be well formed: strings
 * terminated, counts within their arrays. Built by tests/robustness.mk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bootinfo.h"

#define MEMORY_SIZE (2u << 20) /* multiboot2 information may be 1 MiB long */
#define MAP_REACH   (1u << 20)

static uint8_t *memory;

static const void *map(uint64_t physical)
{
    return memory + physical % (MEMORY_SIZE - MAP_REACH);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t magics[] = {MULTIBOOT1_LOADER_MAGIC, MULTIBOOT2_LOADER_MAGIC, 0x12345678};
    struct boot_info info;

    if (size < 1)
        return 0;
    if (!memory)
        memory = malloc(MEMORY_SIZE);
    size_t used = size - 1 < MEMORY_SIZE ? size - 1 : MEMORY_SIZE;
    memset(memory, 0, MEMORY_SIZE);
    memcpy(memory, data + 1, used);
    bootinfo_parse(magics[data[0] % 3], 0, map, &info);
    if (strnlen(info.cmdline, BOOTINFO_CMDLINE_MAX) == BOOTINFO_CMDLINE_MAX ||
        strnlen(info.loader, BOOTINFO_LOADER_MAX) == BOOTINFO_LOADER_MAX ||
        info.region_count > BOOTINFO_REGIONS_MAX || info.module_count > BOOTINFO_MODULES_MAX)
        abort();
    for (size_t i = 0; i < info.module_count; i++)
        if (strnlen(info.modules[i].cmdline, sizeof(info.modules[i].cmdline)) ==
            sizeof(info.modules[i].cmdline))
            abort();
    return 0;
}
