/*
 * test_bootinfo.c - host unit tests of src/bootinfo.c (multiboot1/2 parsing).
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. Each test lays out
 * loader structures by hand, following the Multiboot 0.6.96 and Multiboot2
 * 2.0 specifications (not bootinfo.c's private structs), in a fake physical
 * memory: every structure is its own heap block of exactly its size at a
 * made-up physical address, so a read one byte past what the loader gave is
 * an ASan error, and map_physical() fails the test when the parser follows
 * an address the loader never gave it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bootinfo.h"

/* ---- fake physical memory ---------------------------------------------- */

#define BLOCKS_MAX      64
#define BLOCK_SPACING   0x100000u       /* fake physical addresses 1 MiB apart */
#define UNMAPPED        0x0badd000u     /* an address no block covers */

static struct block {
    uint8_t *data;
    size_t size;
    uint64_t physical;
} blocks[BLOCKS_MAX];
static int block_count;

/* Copy `size` bytes into a new block; returns its physical address. */
static uint32_t place(const void *data, size_t size)
{
    struct block *block;

    assert_true(block_count < BLOCKS_MAX);
    assert_true(size > 0);
    block = &blocks[block_count];
    block->data = malloc(size);
    assert_non_null(block->data);
    memcpy(block->data, data, size);
    block->size = size;
    block->physical = (uint64_t)(block_count + 1) * BLOCK_SPACING;
    block_count++;
    return (uint32_t)block->physical;
}

static uint32_t place_string(const char *text)
{
    return place(text, strlen(text) + 1);
}

static const void *map_physical(uint64_t physical)
{
    for (int i = 0; i < block_count; i++)
        if (physical >= blocks[i].physical && physical < blocks[i].physical + blocks[i].size)
            return blocks[i].data + (physical - blocks[i].physical);
    fail_msg("the parser mapped 0x%llx, an address the loader never gave it",
             (unsigned long long)physical);
    return NULL;
}

static int free_blocks(void **state)
{
    (void)state;
    for (int i = 0; i < block_count; i++)
        free(blocks[i].data);
    block_count = 0;
    return 0;
}

/* Parse with *out full of garbage first (the parser must clear it). */
static int parse(uint32_t magic, uint64_t info, struct boot_info *out)
{
    memset(out, 0x5a, sizeof(*out));
    return bootinfo_parse(magic, info, map_physical, out);
}

static void assert_region(const struct boot_info *info, size_t index, uint64_t base,
                          uint64_t length, uint32_t type)
{
    assert_true(index < info->region_count);
    assert_int_equal(info->regions[index].base, base);
    assert_int_equal(info->regions[index].length, length);
    assert_int_equal(info->regions[index].type, type);
}

static void assert_module(const struct boot_info *info, size_t index, uint64_t start,
                          uint64_t end, const char *cmdline)
{
    assert_true(index < info->module_count);
    assert_int_equal(info->modules[index].start, start);
    assert_int_equal(info->modules[index].end, end);
    assert_string_equal(info->modules[index].cmdline, cmdline);
}

/* Everything a parse found but the region and module entries themselves. */
static void assert_summary(const struct boot_info *info, int protocol, const char *cmdline,
                           const char *loader, size_t region_count, size_t module_count)
{
    assert_int_equal(info->protocol, protocol);
    assert_string_equal(info->cmdline, cmdline);
    assert_string_equal(info->loader, loader);
    assert_int_equal(info->region_count, region_count);
    assert_int_equal(info->module_count, module_count);
}

/* ---- multiboot1 (Multiboot Specification 0.6.96, section 3.3) ---------- */

#define MB1_CMDLINE     (1u << 2)
#define MB1_MODS        (1u << 3)
#define MB1_MMAP        (1u << 6)
#define MB1_LOADER      (1u << 9)

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr, syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
    uint32_t apm_table, vbe[4], framebuffer[6];
} __attribute__((packed));

struct mb1_module {
    uint32_t start, end, cmdline, reserved;
} __attribute__((packed));

struct mb1_mmap_entry {
    uint32_t size;      /* of the rest of the entry: 20 in the specification */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

static uint32_t place_mb1(const struct mb1_info *info)
{
    return place(info, sizeof(*info));
}

/* Lay out a multiboot1 info block and parse it; the parse must succeed. */
static void parse_mb1_ok(const struct mb1_info *info, struct boot_info *out)
{
    assert_int_equal(parse(MULTIBOOT1_LOADER_MAGIC, place_mb1(info), out), 0);
}

static void test_unknown_magic(void **state)
{
    struct boot_info out;
    (void)state;

    assert_int_equal(parse(0x12345678, UNMAPPED, &out), -1);
    assert_summary(&out, 0, "", "", 0, 0);
}

static void test_mb1_cmdline_skips_kernel_name(void **state)
{
    struct mb1_info info = { .flags = MB1_CMDLINE };
    struct boot_info out;
    (void)state;

    info.cmdline = place_string("/boot/freeport32.elf selftest  harness");
    parse_mb1_ok(&info, &out);
    assert_summary(&out, 1, "selftest  harness", "", 0, 0);
}

static void test_mb1_cmdline_with_only_kernel_name(void **state)
{
    struct mb1_info info = { .flags = MB1_CMDLINE };
    struct boot_info out;
    (void)state;

    info.cmdline = place_string("/boot/freeport32.elf");
    parse_mb1_ok(&info, &out);
    assert_string_equal(out.cmdline, "");
}

/* Fields whose flag is clear are never read, whatever they hold. */
static void test_mb1_fields_without_flags_ignored(void **state)
{
    struct mb1_info info = {
        .flags = 0, .cmdline = UNMAPPED, .mods_count = 3, .mods_addr = UNMAPPED,
        .mmap_length = 24, .mmap_addr = UNMAPPED, .boot_loader_name = UNMAPPED,
    };
    struct boot_info out;
    (void)state;

    parse_mb1_ok(&info, &out);
    assert_summary(&out, 1, "", "", 0, 0);
}

static void test_mb1_loader_name(void **state)
{
    struct mb1_info info = { .flags = MB1_LOADER };
    struct boot_info out;
    (void)state;

    info.boot_loader_name = place_string("qemu");
    parse_mb1_ok(&info, &out);
    assert_string_equal(out.loader, "qemu");
}

static void test_mb1_modules(void **state)
{
    struct mb1_module modules[2] = {
        { 0x200000, 0x2004d2, 0, 0 },
        { 0x300000, 0x300000, 0, 0 },       /* empty, no command line */
    };
    struct mb1_info info = { .flags = MB1_MODS, .mods_count = 2 };
    struct boot_info out;
    (void)state;

    modules[0].cmdline = place_string("initrd");
    info.mods_addr = place(modules, sizeof(modules));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.module_count, 2);
    assert_module(&out, 0, 0x200000, 0x2004d2, "initrd");
    assert_module(&out, 1, 0x300000, 0x300000, "");
}

static void test_mb1_module_ending_before_start_dropped(void **state)
{
    struct mb1_module modules[2] = {
        { 0x500000, 0x400000, 0, 0 },
        { 0x600000, 0x601000, 0, 0 },
    };
    struct mb1_info info = { .flags = MB1_MODS, .mods_count = 2 };
    struct boot_info out;
    (void)state;

    info.mods_addr = place(modules, sizeof(modules));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.module_count, 1);
    assert_module(&out, 0, 0x600000, 0x601000, "");
}

/* More modules than struct boot_info holds: the first ones are kept, and
 * the table is read no further than that. */
static void test_mb1_too_many_modules(void **state)
{
    struct mb1_module modules[BOOTINFO_MODULES_MAX];
    struct mb1_info info = { .flags = MB1_MODS, .mods_count = 1000 };
    struct boot_info out;
    char name[16];
    (void)state;

    for (uint32_t i = 0; i < BOOTINFO_MODULES_MAX; i++) {
        snprintf(name, sizeof(name), "module%u", i);
        modules[i] = (struct mb1_module){ 0x1000000 + i * 0x1000, 0x1000800 + i * 0x1000,
                                          place_string(name), 0 };
    }
    info.mods_addr = place(modules, sizeof(modules));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.module_count, BOOTINFO_MODULES_MAX);
    assert_module(&out, 0, 0x1000000, 0x1000800, "module0");
    assert_module(&out, BOOTINFO_MODULES_MAX - 1, 0x1000000 + (BOOTINFO_MODULES_MAX - 1) * 0x1000,
                  0x1000800 + (BOOTINFO_MODULES_MAX - 1) * 0x1000, "module7");
}

static void test_mb1_memory_map(void **state)
{
    struct mb1_mmap_entry map[4] = {
        { 20, 0x0, 0x9fc00, 1 },
        { 20, 0x9fc00, 0x400, 2 },
        { 20, 0x100000, 0x0, 1 },           /* empty: dropped */
        { 20, 0x100000, 0xfee0000, 1 },
    };
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = sizeof(map) };
    struct boot_info out;
    (void)state;

    info.mmap_addr = place(map, sizeof(map));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, 3);
    assert_region(&out, 0, 0x0, 0x9fc00, MEMORY_USABLE);
    assert_region(&out, 1, 0x9fc00, 0x400, MEMORY_RESERVED);
    assert_region(&out, 2, 0x100000, 0xfee0000, MEMORY_USABLE);
}

/* Entries may be longer than 20 bytes: `size` says where the next starts. */
static void test_mb1_memory_map_wider_entries(void **state)
{
    uint8_t map[2 * 32];
    struct mb1_mmap_entry entry;
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = sizeof(map) };
    struct boot_info out;
    (void)state;

    memset(map, 0xee, sizeof(map));
    entry = (struct mb1_mmap_entry){ 28, 0x1000, 0x2000, 1 };
    memcpy(map, &entry, sizeof(entry));
    entry = (struct mb1_mmap_entry){ 28, 0x5000, 0x3000, 3 };
    memcpy(map + 32, &entry, sizeof(entry));
    info.mmap_addr = place(map, sizeof(map));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, 2);
    assert_region(&out, 0, 0x1000, 0x2000, 1);
    assert_region(&out, 1, 0x5000, 0x3000, 3);
}

/* A memory map length of 4 GiB is not trusted: at most 64 KiB of map is
 * read (bootinfo.c's MB1_MMAP_MAX), here a block of exactly that size, and
 * an entry whose `size` jumps past the end stops the walk. (Found by
 * tests/fuzz/fuzz_bootinfo.c: the walk ran off into unmapped memory.) */
static void test_mb1_memory_map_huge_length(void **state)
{
    enum { MAP_BYTES = 64 << 10 };
    uint8_t *map = calloc(1, MAP_BYTES);
    struct mb1_mmap_entry jump = { 0xfffffff0u, 0x1000, 0x2000, 1 };
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = 0xffffffffu };
    struct boot_info out;
    (void)state;

    assert_non_null(map);
    for (size_t at = 0; at + sizeof(jump) <= MAP_BYTES; at += sizeof(jump))
        memcpy(map + at, &(struct mb1_mmap_entry){ 20, at * 0x1000, 0x1000, 1 }, sizeof(jump));
    info.mmap_addr = place(map, MAP_BYTES);
    free(map);
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, BOOTINFO_REGIONS_MAX);

    info.mmap_addr = place(&jump, sizeof(jump));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, 1);
    assert_region(&out, 0, 0x1000, 0x2000, 1);
}

/* A map whose length ends inside an entry: the partial entry is not read. */
static void test_mb1_memory_map_truncated_entry(void **state)
{
    struct mb1_mmap_entry map[2] = {
        { 20, 0x0, 0x9fc00, 1 },
        { 20, 0x100000, 0x1000000, 1 },
    };
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = sizeof(map) - 4 };
    struct boot_info out;
    (void)state;

    info.mmap_addr = place(map, sizeof(map) - 4);
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, 1);
    assert_region(&out, 0, 0x0, 0x9fc00, 1);
}

/* An entry claiming under 20 bytes is malformed: what came before is kept. */
static void test_mb1_memory_map_short_entry(void **state)
{
    struct mb1_mmap_entry map[3] = {
        { 20, 0x0, 0x9fc00, 1 },
        { 4, 0x100000, 0x1000000, 1 },
        { 20, 0x2000000, 0x1000, 1 },
    };
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = sizeof(map) };
    struct boot_info out;
    (void)state;

    info.mmap_addr = place(map, sizeof(map));
    assert_int_equal(parse(MULTIBOOT1_LOADER_MAGIC, place_mb1(&info), &out), -1);
    assert_int_equal(out.protocol, 1);
    assert_int_equal(out.region_count, 1);
    assert_region(&out, 0, 0x0, 0x9fc00, 1);
}

static void test_mb1_too_many_regions(void **state)
{
    enum { COUNT = BOOTINFO_REGIONS_MAX + 10 };
    struct mb1_mmap_entry map[COUNT];
    struct mb1_info info = { .flags = MB1_MMAP, .mmap_length = sizeof(map) };
    struct boot_info out;
    (void)state;

    for (uint64_t i = 0; i < COUNT; i++)
        map[i] = (struct mb1_mmap_entry){ 20, i * 0x10000, 0x8000, 1 };
    info.mmap_addr = place(map, sizeof(map));
    parse_mb1_ok(&info, &out);
    assert_int_equal(out.region_count, BOOTINFO_REGIONS_MAX);
    assert_region(&out, 0, 0x0, 0x8000, 1);
    assert_region(&out, BOOTINFO_REGIONS_MAX - 1, (BOOTINFO_REGIONS_MAX - 1) * 0x10000ull, 0x8000, 1);
}

/* A command line with no NUL in sight is cut at BOOTINFO_CMDLINE_MAX - 1. */
static void test_mb1_unterminated_cmdline_cut(void **state)
{
    char text[2 * BOOTINFO_CMDLINE_MAX];
    struct mb1_info info = { .flags = MB1_CMDLINE };
    struct boot_info out;
    (void)state;

    memset(text, 'a', sizeof(text));
    memcpy(text, "kern ", 5);
    info.cmdline = place(text, sizeof(text));
    parse_mb1_ok(&info, &out);
    assert_int_equal(strlen(out.cmdline), BOOTINFO_CMDLINE_MAX - 1);
    assert_memory_equal(out.cmdline, text + 5, BOOTINFO_CMDLINE_MAX - 1);
}

/* Loader name and module strings are read at most 64 bytes far. */
static void test_mb1_unterminated_short_strings_cut(void **state)
{
    char text[64];
    struct mb1_module module = { 0x200000, 0x201000, 0, 0 };
    struct mb1_info info = { .flags = MB1_LOADER | MB1_MODS, .mods_count = 1 };
    struct boot_info out;
    (void)state;

    memset(text, 'L', sizeof(text));
    info.boot_loader_name = place(text, sizeof(text));
    memset(text, 'M', sizeof(text));
    module.cmdline = place(text, sizeof(text));
    info.mods_addr = place(&module, sizeof(module));
    parse_mb1_ok(&info, &out);
    assert_int_equal(strlen(out.loader), sizeof(out.loader) - 1);
    assert_true(strspn(out.loader, "L") == sizeof(out.loader) - 1);
    assert_int_equal(strlen(out.modules[0].cmdline), sizeof(out.modules[0].cmdline) - 1);
    assert_true(strspn(out.modules[0].cmdline, "M") == sizeof(out.modules[0].cmdline) - 1);
}

/* ---- multiboot2 (Multiboot2 Specification 2.0, section 3.6) ------------ */

#define MB2_END         0
#define MB2_CMDLINE     1
#define MB2_LOADER      2
#define MB2_MODULE      3
#define MB2_MEMINFO     4
#define MB2_MMAP        6
#define MB2_LOAD_BASE   21

/* Tags are 8-byte aligned; the bytes between them get `padding`. */
struct mb2_builder {
    uint8_t bytes[8192];
    size_t length;
    uint8_t padding;
};

static void mb2_start(struct mb2_builder *b, uint8_t padding)
{
    memset(b->bytes, 0, sizeof(b->bytes));
    b->length = 8;          /* total_size, reserved: written by mb2_place() */
    b->padding = padding;
}

static void mb2_raw(struct mb2_builder *b, const void *data, size_t size)
{
    assert_true(b->length + size <= sizeof(b->bytes));
    memcpy(b->bytes + b->length, data, size);
    b->length += size;
}

static void mb2_align(struct mb2_builder *b)
{
    while (b->length % 8)
        b->bytes[b->length++] = b->padding;
}

/* A tag whose size field says `size` (normally 8 + payload size). */
static void mb2_tag_sized(struct mb2_builder *b, uint32_t type, uint32_t size,
                          const void *payload, size_t payload_size)
{
    uint32_t header[2] = { type, size };

    mb2_raw(b, header, sizeof(header));
    if (payload_size)
        mb2_raw(b, payload, payload_size);
    mb2_align(b);
}

static void mb2_tag(struct mb2_builder *b, uint32_t type, const void *payload, size_t payload_size)
{
    mb2_tag_sized(b, type, (uint32_t)(8 + payload_size), payload, payload_size);
}

static void mb2_string_tag(struct mb2_builder *b, uint32_t type, const char *text)
{
    mb2_tag(b, type, text, strlen(text) + 1);
}

static void mb2_module(struct mb2_builder *b, uint32_t start, uint32_t end, const char *cmdline)
{
    uint8_t payload[8 + 64];
    size_t length = strlen(cmdline) + 1;

    assert_true(length <= 64);
    memcpy(payload, &start, 4);
    memcpy(payload + 4, &end, 4);
    memcpy(payload + 8, cmdline, length);
    mb2_tag(b, MB2_MODULE, payload, 8 + length);
}

struct mb2_mmap_entry {
    uint64_t base, length;
    uint32_t type, reserved;
};

/* A memory-map tag with `count` entries of `entry_size` bytes each. */
static void mb2_mmap(struct mb2_builder *b, uint32_t entry_size,
                     const struct mb2_mmap_entry *entries, size_t count)
{
    uint8_t payload[8 + 128 * 40];
    uint32_t header[2] = { entry_size, 0 };

    assert_true(entry_size <= 40 && count <= 128);
    memset(payload, 0xee, sizeof(payload));
    memcpy(payload, header, sizeof(header));
    for (size_t i = 0; i < count; i++)
        memcpy(payload + 8 + i * entry_size, &entries[i],
               entry_size < sizeof(entries[i]) ? entry_size : sizeof(entries[i]));
    mb2_tag(b, MB2_MMAP, payload, 8 + count * entry_size);
}

static void mb2_end(struct mb2_builder *b)
{
    mb2_tag(b, MB2_END, NULL, 0);
}

/* Place the first `length` bytes, with total_size `total`. */
static uint32_t mb2_place_as(struct mb2_builder *b, size_t length, uint32_t total)
{
    memcpy(b->bytes, &total, 4);
    return place(b->bytes, length);
}

static uint32_t mb2_place(struct mb2_builder *b)
{
    return mb2_place_as(b, b->length, (uint32_t)b->length);
}

static struct mb2_builder builder;

static void test_mb2_cmdline_and_loader(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest harness");
    mb2_string_tag(&builder, MB2_LOADER, "GRUB 2.06-13+deb12u2");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    /* No kernel name to skip in a multiboot2 command line. */
    assert_summary(&out, 2, "selftest harness", "GRUB 2.06-13+deb12u2", 0, 0);
}

static void test_mb2_only_end_tag(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.protocol, 2);
    assert_string_equal(out.cmdline, "");
    assert_string_equal(out.loader, "");
}

static void test_mb2_modules(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_module(&builder, 0x118000, 0x1184d2, "initrd");
    mb2_module(&builder, 0x119000, 0x11a000, "");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.module_count, 2);
    assert_module(&out, 0, 0x118000, 0x1184d2, "initrd");
    assert_module(&out, 1, 0x119000, 0x11a000, "");
}

static void test_mb2_too_many_modules(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    for (uint32_t i = 0; i < BOOTINFO_MODULES_MAX + 3; i++)
        mb2_module(&builder, 0x200000 + i * 0x1000, 0x200010 + i * 0x1000, "m");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.module_count, BOOTINFO_MODULES_MAX);
    assert_module(&out, BOOTINFO_MODULES_MAX - 1, 0x200000 + (BOOTINFO_MODULES_MAX - 1) * 0x1000,
                  0x200010 + (BOOTINFO_MODULES_MAX - 1) * 0x1000, "m");
}

static void test_mb2_memory_map(void **state)
{
    const struct mb2_mmap_entry entries[] = {
        { 0x0, 0x9fc00, 1, 0 },
        { 0xf0000, 0x10000, 2, 0 },
        { 0x100000, 0, 1, 0 },              /* empty: dropped */
        { 0x100000, 0xfee0000, 1, 0 },
        { 0xfffc0000, 0x40000, 2, 0 },
    };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_mmap(&builder, 24, entries, 5);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, 4);
    assert_region(&out, 0, 0x0, 0x9fc00, MEMORY_USABLE);
    assert_region(&out, 1, 0xf0000, 0x10000, MEMORY_RESERVED);
    assert_region(&out, 2, 0x100000, 0xfee0000, MEMORY_USABLE);
    assert_region(&out, 3, 0xfffc0000, 0x40000, MEMORY_RESERVED);
}

/* A later specification may widen entries: entry_size is the stride. */
static void test_mb2_memory_map_wider_entries(void **state)
{
    const struct mb2_mmap_entry entries[] = {
        { 0x1000, 0x2000, 1, 0 },
        { 0x8000, 0x1000, 4, 0 },
    };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_mmap(&builder, 40, entries, 2);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, 2);
    assert_region(&out, 0, 0x1000, 0x2000, 1);
    assert_region(&out, 1, 0x8000, 0x1000, 4);
}

/* Entry sizes that are not a multiple of 8 (the specification's promise)
 * would put entries at misaligned addresses: the tag is ignored. (Found by
 * tests/fuzz/fuzz_bootinfo.c under UBSan.) */
static void test_mb2_memory_map_unaligned_entries_ignored(void **state)
{
    const struct mb2_mmap_entry entries[] = { { 0x1000, 0x2000, 1, 0 }, { 0x8000, 0x1000, 1, 0 } };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_mmap(&builder, 28, entries, 2);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, 0);
}

/* Entries narrower than the specification's 24 bytes are not trusted. */
static void test_mb2_memory_map_narrow_entries_ignored(void **state)
{
    const struct mb2_mmap_entry entries[] = { { 0x1000, 0x2000, 1, 0 }, { 0x8000, 0x1000, 1, 0 } };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_mmap(&builder, 16, entries, 2);
    mb2_string_tag(&builder, MB2_CMDLINE, "after");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, 0);
    assert_string_equal(out.cmdline, "after");
}

static void test_mb2_too_many_regions(void **state)
{
    enum { COUNT = BOOTINFO_REGIONS_MAX + 6 };
    struct mb2_mmap_entry entries[COUNT];
    struct boot_info out;
    (void)state;

    for (uint64_t i = 0; i < COUNT; i++)
        entries[i] = (struct mb2_mmap_entry){ i << 20, 0x1000 + i, 1, 0 };
    mb2_start(&builder, 0);
    mb2_mmap(&builder, 24, entries, COUNT);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, BOOTINFO_REGIONS_MAX);
    assert_region(&out, BOOTINFO_REGIONS_MAX - 1, (uint64_t)(BOOTINFO_REGIONS_MAX - 1) << 20,
                  0x1000 + BOOTINFO_REGIONS_MAX - 1, 1);
}

static void test_mb2_unknown_tags_skipped(void **state)
{
    const uint32_t meminfo[2] = { 639, 261120 };
    const uint32_t load_base = 0x100000;
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag(&builder, MB2_MEMINFO, meminfo, sizeof(meminfo));
    mb2_tag(&builder, MB2_LOAD_BASE, &load_base, sizeof(load_base));
    mb2_tag(&builder, 9999, "xyz", 3);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_string_equal(out.cmdline, "selftest");
    assert_int_equal(out.region_count, 0);
    assert_int_equal(out.module_count, 0);
}

/* Strings without their NUL end at the tag's end, not in the padding. */
static void test_mb2_unterminated_strings_end_at_tag(void **state)
{
    uint8_t module[8 + 5] = { 0 };
    struct boot_info out;
    (void)state;

    memcpy(module + 8, "ramfs", 5);
    mb2_start(&builder, 'X');
    mb2_tag(&builder, MB2_CMDLINE, "hello", 5);
    mb2_tag(&builder, MB2_LOADER, "GRUB", 4);
    mb2_tag(&builder, MB2_MODULE, module, sizeof(module));
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_string_equal(out.cmdline, "hello");
    assert_string_equal(out.loader, "GRUB");
    assert_int_equal(out.module_count, 1);
    assert_string_equal(out.modules[0].cmdline, "ramfs");
}

static void test_mb2_long_cmdline_cut(void **state)
{
    char text[BOOTINFO_CMDLINE_MAX + 100];
    struct boot_info out;
    (void)state;

    memset(text, 'c', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, text);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(strlen(out.cmdline), BOOTINFO_CMDLINE_MAX - 1);
    assert_memory_equal(out.cmdline, text, BOOTINFO_CMDLINE_MAX - 1);
}

/* A module tag too short to hold start and end is skipped. */
static void test_mb2_short_module_tag_skipped(void **state)
{
    const uint32_t start_only = 0x200000;
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag(&builder, MB2_MODULE, &start_only, sizeof(start_only));
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.module_count, 0);
}

static void test_mb2_total_too_small(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place_as(&builder, 16, 8), &out), -1);
    assert_int_equal(out.protocol, 2);
    assert_string_equal(out.cmdline, "");
}

/* A total over the parser's 1 MiB limit is refused before any tag is read. */
static void test_mb2_total_oversized(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC,
                           mb2_place_as(&builder, builder.length, 64u << 20), &out), -1);
    assert_string_equal(out.cmdline, "");
}

/* A total larger than the real structure: parsing stops at the end tag and
 * reads nothing after it (ASan would see it). */
static void test_mb2_total_larger_than_tags(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest");
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC,
                           mb2_place_as(&builder, builder.length, 4096), &out), 0);
    assert_string_equal(out.cmdline, "selftest");
}

static void test_mb2_missing_end_tag(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest");
    mb2_module(&builder, 0x300000, 0x301000, "initrd");
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), -1);
    assert_string_equal(out.cmdline, "selftest");       /* what came before is kept */
    assert_int_equal(out.module_count, 1);
}

/* A tag running past total_size is malformed; it is not parsed. */
static void test_mb2_truncated_tag(void **state)
{
    struct boot_info out;
    size_t cut;
    (void)state;

    mb2_start(&builder, 0);
    mb2_string_tag(&builder, MB2_CMDLINE, "selftest");
    cut = builder.length;
    mb2_string_tag(&builder, MB2_LOADER, "a loader name longer than what is left");
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC,
                           mb2_place_as(&builder, cut + 16, (uint32_t)(cut + 16)), &out), -1);
    assert_string_equal(out.cmdline, "selftest");
    assert_string_equal(out.loader, "");
}

static void test_mb2_tag_smaller_than_header(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag_sized(&builder, MB2_CMDLINE, 4, NULL, 0);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), -1);
    assert_string_equal(out.cmdline, "");
}

/* Sizes near 2^32 must not wrap the bounds checks around (found by review:
 * each of these read outside the information block, or looped forever). */
static void test_mb2_huge_tag_size_rejected(void **state)
{
    uint32_t payload[4] = { 24, 0, 0, 0 };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag_sized(&builder, MB2_MMAP, 0xfffffff8u, payload, sizeof(payload));
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), -1);
    assert_int_equal(out.region_count, 0);
}

static void test_mb2_unknown_tag_of_size_max_rejected(void **state)
{
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag_sized(&builder, 99, 0xffffffffu, NULL, 0);
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), -1);
}

static void test_mb2_huge_mmap_entry_size_ignored(void **state)
{
    uint32_t payload[2] = { 0xfffffff0u, 0 };
    struct boot_info out;
    (void)state;

    mb2_start(&builder, 0);
    mb2_tag(&builder, MB2_MMAP, payload, sizeof(payload));
    mb2_end(&builder);
    assert_int_equal(parse(MULTIBOOT2_LOADER_MAGIC, mb2_place(&builder), &out), 0);
    assert_int_equal(out.region_count, 0);
}

/* A multiboot1 command line with no space and no NUL is read only so far. */
static void test_mb1_cmdline_without_space_or_nul_bounded(void **state)
{
    char text[2 * BOOTINFO_CMDLINE_MAX];
    struct mb1_info info = { .flags = MB1_CMDLINE };
    struct boot_info out;
    (void)state;

    memset(text, 'k', sizeof(text));
    info.cmdline = place(text, sizeof(text));
    parse_mb1_ok(&info, &out);
    assert_string_equal(out.cmdline, "");
}

int main(void)
{
#define TEST(name) cmocka_unit_test_teardown(name, free_blocks)
    const struct CMUnitTest tests[] = {
        TEST(test_unknown_magic),
        TEST(test_mb1_cmdline_skips_kernel_name),
        TEST(test_mb1_cmdline_with_only_kernel_name),
        TEST(test_mb1_fields_without_flags_ignored),
        TEST(test_mb1_loader_name),
        TEST(test_mb1_modules),
        TEST(test_mb1_module_ending_before_start_dropped),
        TEST(test_mb1_too_many_modules),
        TEST(test_mb1_memory_map),
        TEST(test_mb1_memory_map_wider_entries),
        TEST(test_mb1_memory_map_huge_length),
        TEST(test_mb1_memory_map_truncated_entry),
        TEST(test_mb1_memory_map_short_entry),
        TEST(test_mb1_too_many_regions),
        TEST(test_mb1_unterminated_cmdline_cut),
        TEST(test_mb1_unterminated_short_strings_cut),
        TEST(test_mb2_cmdline_and_loader),
        TEST(test_mb2_only_end_tag),
        TEST(test_mb2_modules),
        TEST(test_mb2_too_many_modules),
        TEST(test_mb2_memory_map),
        TEST(test_mb2_memory_map_wider_entries),
        TEST(test_mb2_memory_map_unaligned_entries_ignored),
        TEST(test_mb2_memory_map_narrow_entries_ignored),
        TEST(test_mb2_too_many_regions),
        TEST(test_mb2_unknown_tags_skipped),
        TEST(test_mb2_unterminated_strings_end_at_tag),
        TEST(test_mb2_long_cmdline_cut),
        TEST(test_mb2_short_module_tag_skipped),
        TEST(test_mb2_total_too_small),
        TEST(test_mb2_total_oversized),
        TEST(test_mb2_total_larger_than_tags),
        TEST(test_mb2_missing_end_tag),
        TEST(test_mb2_truncated_tag),
        TEST(test_mb2_tag_smaller_than_header),
        TEST(test_mb2_huge_tag_size_rejected),
        TEST(test_mb2_unknown_tag_of_size_max_rejected),
        TEST(test_mb2_huge_mmap_entry_size_ignored),
        TEST(test_mb1_cmdline_without_space_or_nul_bounded),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
