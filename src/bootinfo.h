/*
 * bootinfo.h - what the boot loader told us, in one loader-neutral struct.
 *
 * Layer: core. GRUB hands over multiboot2 information, QEMU's -kernel
 * multiboot1 information; bootinfo_parse() copies what the kernel needs
 * (command line, memory map, modules) out of either, so nothing else has to
 * know either format and the loader's memory can be reused at once.
 */
#ifndef FREEPORT_BOOTINFO_H
#define FREEPORT_BOOTINFO_H

#include <stdint.h>
#include <stddef.h>

#define MULTIBOOT1_LOADER_MAGIC     0x2badb002
#define MULTIBOOT2_LOADER_MAGIC     0x36d76289

#define BOOTINFO_CMDLINE_MAX        256
#define BOOTINFO_LOADER_MAX         64
#define BOOTINFO_REGIONS_MAX        64
#define BOOTINFO_MODULES_MAX        8

enum memory_type { MEMORY_USABLE = 1, MEMORY_RESERVED = 2 };

struct memory_region {
    uint64_t base;
    uint64_t length;
    uint32_t type;              /* MEMORY_USABLE or the loader's other codes */
};

struct boot_module {
    uint64_t start, end;        /* physical, end exclusive */
    char cmdline[64];
};

struct boot_info {
    int protocol;               /* 1 or 2 (multiboot version), 0 if unknown */
    char cmdline[BOOTINFO_CMDLINE_MAX];
    char loader[BOOTINFO_LOADER_MAX];
    struct memory_region regions[BOOTINFO_REGIONS_MAX];
    size_t region_count;
    struct boot_module modules[BOOTINFO_MODULES_MAX];
    size_t module_count;
};

/* Maps a physical address from the loader's structures to a pointer. */
typedef const void *(*bootinfo_map_fn)(uint64_t physical);

/* Fill *out from the loader's magic and its information structure. Returns
 * 0, or -1 when the magic is unknown or the structure is malformed (then
 * *out holds whatever could be read safely). */
int bootinfo_parse(uint32_t magic, uint64_t info_physical, bootinfo_map_fn map, struct boot_info *out);

#endif
