/*
 * test_elf.c - host unit tests of src/proc/elf_parse.c, the checks the ELF
 * loader makes before it maps anything.
 *
 * Each test builds a valid static executable in memory (make_image: an
 * ELF64 header and program headers for a text segment R-X, a data segment
 * RW- with .bss, and a PT_GNU_STACK), changes one thing, and expects
 * -ENOEXEC, or success for changes that are allowed. Built by `make unit`
 * with ASan/UBSan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "errno.h"
#include "proc/elf.h"

#define USER_LOW  0x10000UL
#define USER_HIGH 0x100000000000UL
#define FILE_SIZE 0x3000UL

#define PT_LOAD      1
#define PT_INTERP    3
#define PT_NOTE      4
#define PT_GNU_STACK 0x6474e551
#define PF_X         1
#define PF_W         2
#define PF_R         4

struct header {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct program_header {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define MAX_HEADERS 20

struct image {
    struct header header;
    struct program_header programs[MAX_HEADERS];
};

static struct image make_image(void)
{
    struct image image = {
        .header = {.ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0},
                   .type = 2,
                   .machine = 62,
                   .version = 1,
                   .entry = 0x401000,
                   .phoff = 64,
                   .ehsize = 64,
                   .phentsize = 56,
                   .phnum = 3},
        .programs =
            {
                {PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x401000, 0x1000, 0x1000, 0x1000},
                {PT_LOAD, PF_R | PF_W, 0x2000, 0x402000, 0x402000, 0x800, 0x3000, 0x1000},
                {PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16},
            },
    };
    return image;
}

/* Both steps, as exec.c runs them; the parsed result in *out. */
static int parse(const struct image *image, uint64_t file_size, struct elf_image *out)
{
    int error = elf_parse_header(&image->header, sizeof(image->header), file_size, out);

    if (error)
        return error;
    return elf_parse_segments(image->programs, (size_t)out->program_header_count * ELF_PROGRAM_HEADER_SIZE,
                              file_size, USER_LOW, USER_HIGH, out);
}

static int parse_image(const struct image *image)
{
    struct elf_image out;
    return parse(image, FILE_SIZE, &out);
}

static void test_valid_executable(void **state)
{
    (void)state;
    struct image image = make_image();
    struct elf_image out;

    assert_int_equal(parse(&image, FILE_SIZE, &out), 0);
    assert_int_equal(out.entry, 0x401000);
    assert_int_equal(out.segment_count, 2);
    assert_int_equal(out.segments[0].address, 0x401000);
    assert_true(out.segments[0].executable && !out.segments[0].writable);
    assert_int_equal(out.segments[1].file_size, 0x800);
    assert_int_equal(out.segments[1].memory_size, 0x3000);
    assert_true(out.segments[1].writable && !out.segments[1].executable);
}

static void test_bad_identification(void **state)
{
    (void)state;
    static const struct {
        int index;
        uint8_t value;
    } changes[] = {{0, 0x7e},
                   {1, 'e'},
                   {3, 'G'},
                   {4, 1 /* 32-bit */},
                   {5, 2 /* big-endian */},
                   {6, 0 /* version */},
                   {7, 9 /* an unknown ABI */}};

    for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
        struct image image = make_image();
        image.header.ident[changes[i].index] = changes[i].value;
        assert_int_equal(parse_image(&image), -ENOEXEC);
    }
    struct image gnu = make_image();
    gnu.header.ident[7] = 3; /* the GNU/Linux ABI is fine */
    assert_int_equal(parse_image(&gnu), 0);
}

static void test_bad_header_fields(void **state)
{
    (void)state;
    struct image image;

    image = make_image(), image.header.type = 3; /* ET_DYN: PIE or a shared object */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.type = 1; /* ET_REL */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.machine = 3; /* i386 */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.version = 2;
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.ehsize = 52;
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.phentsize = 32;
    assert_int_equal(parse_image(&image), -ENOEXEC);
}

static void test_program_header_table_bounds(void **state)
{
    (void)state;
    struct image image;
    struct elf_image out;

    image = make_image(), image.header.phnum = 0;
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.phnum = ELF_PROGRAM_HEADERS_MAX + 1;
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.phoff = FILE_SIZE - 100; /* 3 headers do not fit */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.phoff = UINT64_MAX - 10; /* the end would wrap */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image();
    assert_int_equal(elf_parse_header(&image.header, 63, FILE_SIZE, &out), -ENOEXEC); /* short read */
    assert_int_equal(elf_parse_header(&image.header, 64, 63, &out), -ENOEXEC);        /* short file */
    assert_int_equal(elf_parse_header(&image.header, 64, FILE_SIZE, &out), 0);
    assert_int_equal(elf_parse_segments(image.programs, 2 * 56, FILE_SIZE, USER_LOW, USER_HIGH, &out),
                     -ENOEXEC);
}

static void test_bad_load_segments(void **state)
{
    (void)state;
    struct image image;

    image = make_image(), image.programs[1].filesz = 0x3001; /* more file than memory */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].offset = FILE_SIZE - 0x7ff; /* file bytes past the end */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].offset = UINT64_MAX - 0x100; /* offset + size wraps */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].vaddr = USER_LOW - 0x1000; /* below user space */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].vaddr = 0; /* at NULL */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].vaddr = USER_HIGH - 0x2000; /* runs past the top */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].vaddr = 0xffffffff80000000; /* the kernel */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].memsz = UINT64_MAX; /* address + size wraps */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].memsz = 0, image.programs[1].filesz = 0;
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].flags = PF_R | PF_W | PF_X; /* W^X */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.programs[1].vaddr = 0x401800; /* shares a page with the text */
    assert_int_equal(parse_image(&image), -ENOEXEC);
}

static void test_segment_kinds(void **state)
{
    (void)state;
    struct image image = make_image();

    image.programs[2].type = PT_INTERP; /* a dynamic executable */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image.programs[2].type = PT_NOTE; /* ignored */
    assert_int_equal(parse_image(&image), 0);

    image = make_image();
    image.header.phnum = 2;
    image.programs[0].type = PT_NOTE; /* no executable segment left */
    assert_int_equal(parse_image(&image), -ENOEXEC);

    image = make_image();
    image.header.phnum = ELF_SEGMENTS_MAX + 1;
    for (int i = 0; i < ELF_SEGMENTS_MAX + 1; i++)
        image.programs[i] = (struct program_header){PT_LOAD, PF_R | PF_X, 0x1000, 0x401000 + i * 0x1000UL,
                                                    0,       0x100,       0x100,  0x1000};
    assert_int_equal(parse_image(&image), -ENOEXEC); /* too many */
    image.header.phnum = ELF_SEGMENTS_MAX;
    assert_int_equal(parse_image(&image), 0);
}

static void test_entry_point(void **state)
{
    (void)state;
    struct image image;

    image = make_image(), image.header.entry = 0x402000; /* in the data segment */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.entry = 0x402000 + 0x1000 * 10; /* nowhere */
    assert_int_equal(parse_image(&image), -ENOEXEC);
    image = make_image(), image.header.entry = 0x401fff; /* the last byte of the text */
    assert_int_equal(parse_image(&image), 0);
    image = make_image(), image.header.entry = 0x402000 - 0x1000 - 1; /* just before it */
    assert_int_equal(parse_image(&image), -ENOEXEC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_executable),  cmocka_unit_test(test_bad_identification),
        cmocka_unit_test(test_bad_header_fields), cmocka_unit_test(test_program_header_table_bounds),
        cmocka_unit_test(test_bad_load_segments), cmocka_unit_test(test_segment_kinds),
        cmocka_unit_test(test_entry_point),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
