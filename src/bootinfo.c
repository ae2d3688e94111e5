/*
 * bootinfo.c - reading multiboot1 and multiboot2 boot information.
 *
 * Layer: core (pure: no hardware, host unit-tested). Formats follow the
 * Multiboot Specification 0.6.96 and Multiboot2 Specification 2.0. Every
 * length the loader gives is bounded before it is trusted; strings are
 * copied with a size limit; tables that overflow our fixed arrays are cut.
 */
#include "bootinfo.h"
#include "lib/string.h"

/* multiboot1 */
#define MB1_FLAG_CMDLINE    (1u << 2)
#define MB1_FLAG_MODULES    (1u << 3)
#define MB1_FLAG_MMAP       (1u << 6)
#define MB1_FLAG_LOADER     (1u << 9)
#define MB1_MMAP_MAX        (64u << 10) /* memory map bytes read at most: thousands of entries */

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __attribute__((packed));

struct mb1_module {
    uint32_t start, end, cmdline, reserved;
} __attribute__((packed));

struct mb1_mmap_entry {
    uint32_t size;          /* of the rest of the entry */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

/* multiboot2 */
#define MB2_TAG_END         0
#define MB2_TAG_CMDLINE     1
#define MB2_TAG_LOADER      2
#define MB2_TAG_MODULE      3
#define MB2_TAG_MMAP        6
#define MB2_INFO_MAX        (1u << 20)

struct mb2_tag {
    uint32_t type, size;
};

struct mb2_module {
    struct mb2_tag tag;
    uint32_t start, end;
    char cmdline[];
};

struct mb2_mmap {
    struct mb2_tag tag;
    uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
    uint64_t base, length;
    uint32_t type, reserved;
};

static void copy_string(char *dest, size_t size, const char *src, size_t available)
{
    size_t length = src ? strnlen(src, available) : 0;

    if (length >= size)
        length = size - 1;
    if (length)
        memcpy(dest, src, length);
    dest[length] = '\0';
}

static void add_region(struct boot_info *out, uint64_t base, uint64_t length, uint32_t type)
{
    if (out->region_count == BOOTINFO_REGIONS_MAX || length == 0)
        return;
    out->regions[out->region_count++] = (struct memory_region){ base, length, type };
}

static void add_module(struct boot_info *out, uint64_t start, uint64_t end, const char *cmdline,
                       size_t cmdline_available)
{
    struct boot_module *module;

    if (out->module_count == BOOTINFO_MODULES_MAX || end < start)
        return;
    module = &out->modules[out->module_count++];
    module->start = start;
    module->end = end;
    copy_string(module->cmdline, sizeof(module->cmdline), cmdline, cmdline_available);
}

/* A multiboot1 command line starts with the kernel's file name: copy the
 * whole line (bounded) first, then keep what follows the name. */
static void copy_multiboot1_cmdline(struct boot_info *out, const char *cmdline)
{
    char line[BOOTINFO_CMDLINE_MAX * 2];
    const char *rest = line;

    copy_string(line, sizeof(line), cmdline, sizeof(line) - 1);
    while (*rest && *rest != ' ')
        rest++;
    while (*rest == ' ')
        rest++;
    copy_string(out->cmdline, sizeof(out->cmdline), rest, sizeof(line));
}

static int parse_multiboot1(const struct mb1_info *info, bootinfo_map_fn map, struct boot_info *out)
{
    if ((info->flags & MB1_FLAG_CMDLINE) && info->cmdline)
        copy_multiboot1_cmdline(out, map(info->cmdline));
    if (info->flags & MB1_FLAG_LOADER)
        copy_string(out->loader, sizeof(out->loader), map(info->boot_loader_name), BOOTINFO_LOADER_MAX);
    if (info->flags & MB1_FLAG_MODULES) {
        const struct mb1_module *modules = map(info->mods_addr);
        for (uint32_t i = 0; i < info->mods_count && i < BOOTINFO_MODULES_MAX; i++)
            add_module(out, modules[i].start, modules[i].end,
                       modules[i].cmdline ? map(modules[i].cmdline) : NULL, 64);
    }
    if (info->flags & MB1_FLAG_MMAP) {
        const uint8_t *entries = map(info->mmap_addr);
        uint32_t length = info->mmap_length < MB1_MMAP_MAX ? info->mmap_length : MB1_MMAP_MAX;
        for (uint32_t at = 0; length - at >= sizeof(struct mb1_mmap_entry);) {
            const struct mb1_mmap_entry *entry = (const void *)(entries + at);
            if (entry->size < 20)
                return -1;
            add_region(out, entry->base, entry->length, entry->type);
            if (entry->size > length - at - sizeof(entry->size))
                break; /* the next entry would start past the end */
            at += entry->size + sizeof(entry->size);
        }
    }
    return 0;
}

static void parse_multiboot2_tag(const struct mb2_tag *tag, struct boot_info *out)
{
    const char *payload = (const char *)(tag + 1);
    size_t payload_size = tag->size - sizeof(*tag);

    switch (tag->type) {
    case MB2_TAG_CMDLINE:
        copy_string(out->cmdline, sizeof(out->cmdline), payload, payload_size);
        break;
    case MB2_TAG_LOADER:
        copy_string(out->loader, sizeof(out->loader), payload, payload_size);
        break;
    case MB2_TAG_MODULE: {
        const struct mb2_module *module = (const void *)tag;
        if (tag->size >= sizeof(*module))
            add_module(out, module->start, module->end, module->cmdline,
                       tag->size - sizeof(*module));
        break;
    }
    case MB2_TAG_MMAP: {
        const struct mb2_mmap *mmap = (const void *)tag;
        if (tag->size < sizeof(*mmap) || mmap->entry_size < sizeof(struct mb2_mmap_entry) ||
            mmap->entry_size > tag->size || mmap->entry_size % 8)
            break; /* the specification's entries are 8-byte multiples: others would be misaligned */
        for (uint32_t at = sizeof(*mmap); at <= tag->size - mmap->entry_size; at += mmap->entry_size) {
            const struct mb2_mmap_entry *entry = (const void *)((const char *)tag + at);
            add_region(out, entry->base, entry->length, entry->type);
        }
        break;
    }
    }
}

static int parse_multiboot2(const uint8_t *info, struct boot_info *out)
{
    uint32_t total = *(const uint32_t *)info;

    if (total < 16 || total > MB2_INFO_MAX)
        return -1;
    for (uint32_t at = 8; at + sizeof(struct mb2_tag) <= total;) {
        const struct mb2_tag *tag = (const void *)(info + at);
        if (tag->type == MB2_TAG_END)
            return 0;
        if (tag->size < sizeof(*tag) || tag->size > total - at)
            return -1;      /* written so that no sum can wrap around */
        parse_multiboot2_tag(tag, out);
        at += (tag->size + 7) & ~7u;
    }
    return -1;      /* no end tag */
}

int bootinfo_parse(uint32_t magic, uint64_t info_physical, bootinfo_map_fn map, struct boot_info *out)
{
    memset(out, 0, sizeof(*out));
    if (magic == MULTIBOOT1_LOADER_MAGIC) {
        out->protocol = 1;
        return parse_multiboot1(map(info_physical), map, out);
    }
    if (magic == MULTIBOOT2_LOADER_MAGIC) {
        out->protocol = 2;
        return parse_multiboot2(map(info_physical), out);
    }
    return -1;
}
