/*
 * elf_parse.c - the ELF64 checks of elf.h.
 *
 * Layer: processes (pure). The structures are the ELF64 file formats of
 * the System V ABI (read with memcpy: the buffers need no alignment).
 * Sizes and offsets are checked with subtraction, never with an addition
 * that could wrap: `offset + size <= limit` is written
 * `size <= limit && offset <= limit - size`.
 */
#include "proc/elf.h"
#include "errno.h"
#include "lib/string.h"
#include "mm/layout.h"

#define ELF_CLASS_64       2
#define ELF_DATA_LSB       1
#define ELF_VERSION_1      1
#define ELF_ABI_SYSV       0
#define ELF_ABI_GNU        3
#define ELF_TYPE_EXEC      2
#define ELF_MACHINE_X86_64 62

#define PT_LOAD   1
#define PT_INTERP 3
#define PF_X      1
#define PF_W      2

struct elf64_header {
    uint8_t ident[16]; /* magic, class, data, version, ABI, ... */
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, program_headers_offset, section_headers_offset;
    uint32_t flags;
    uint16_t header_size, program_header_size, program_header_count;
    uint16_t section_header_size, section_header_count, section_names_index;
};

struct elf64_program_header {
    uint32_t type, flags;
    uint64_t offset, address, physical_address, file_size, memory_size, align;
};

_Static_assert(sizeof(struct elf64_header) == ELF_HEADER_SIZE, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_program_header) == ELF_PROGRAM_HEADER_SIZE, "ELF64 phdr is 56 bytes");

/* [offset, offset + size) lies within [0, limit). */
static bool fits(uint64_t offset, uint64_t size, uint64_t limit)
{
    return size <= limit && offset <= limit - size;
}

static bool ident_ok(const uint8_t *ident)
{
    return ident[0] == 0x7f && ident[1] == 'E' && ident[2] == 'L' && ident[3] == 'F' &&
           ident[4] == ELF_CLASS_64 && ident[5] == ELF_DATA_LSB && ident[6] == ELF_VERSION_1 &&
           (ident[7] == ELF_ABI_SYSV || ident[7] == ELF_ABI_GNU);
}

int elf_parse_header(const void *bytes, size_t length, uint64_t file_size, struct elf_image *image)
{
    struct elf64_header header;

    if (length < sizeof(header) || file_size < sizeof(header))
        return -ENOEXEC;
    memcpy(&header, bytes, sizeof(header));
    if (!ident_ok(header.ident) || header.type != ELF_TYPE_EXEC || header.machine != ELF_MACHINE_X86_64 ||
        header.version != ELF_VERSION_1 || header.header_size != ELF_HEADER_SIZE ||
        header.program_header_size != ELF_PROGRAM_HEADER_SIZE)
        return -ENOEXEC;
    if (header.program_header_count == 0 || header.program_header_count > ELF_PROGRAM_HEADERS_MAX ||
        !fits(header.program_headers_offset, (uint64_t)header.program_header_count * ELF_PROGRAM_HEADER_SIZE,
              file_size))
        return -ENOEXEC;
    *image = (struct elf_image){
        .entry = header.entry,
        .program_headers_offset = header.program_headers_offset,
        .program_header_count = header.program_header_count,
    };
    return 0;
}

/* Segments lie below user_high, far from 2^64: rounding up cannot wrap. */
static bool shares_a_page(const struct elf_segment *a, const struct elf_segment *b)
{
    return PAGE_ROUND_DOWN(a->address) < PAGE_ROUND_UP(b->address + b->memory_size) &&
           PAGE_ROUND_DOWN(b->address) < PAGE_ROUND_UP(a->address + a->memory_size);
}

static int add_load_segment(const struct elf64_program_header *header, uint64_t file_size, uint64_t user_low,
                            uint64_t user_high, struct elf_image *image)
{
    struct elf_segment segment = {
        header->address,   header->memory_size,         header->offset,
        header->file_size, (header->flags & PF_W) != 0, (header->flags & PF_X) != 0};

    if (segment.file_size > segment.memory_size || !fits(segment.file_offset, segment.file_size, file_size))
        return -ENOEXEC;
    if (segment.memory_size == 0 || segment.address < user_low ||
        !fits(segment.address, segment.memory_size, user_high))
        return -ENOEXEC;
    if ((segment.writable && segment.executable) || image->segment_count == ELF_SEGMENTS_MAX)
        return -ENOEXEC;
    for (unsigned i = 0; i < image->segment_count; i++)
        if (shares_a_page(&segment, &image->segments[i]))
            return -ENOEXEC;
    image->segments[image->segment_count++] = segment;
    return 0;
}

static bool entry_is_executable(const struct elf_image *image)
{
    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct elf_segment *segment = &image->segments[i];
        if (segment->executable && image->entry >= segment->address &&
            image->entry - segment->address < segment->memory_size)
            return true;
    }
    return false;
}

int elf_parse_segments(const void *headers, size_t length, uint64_t file_size, uint64_t user_low,
                       uint64_t user_high, struct elf_image *image)
{
    if (length < (size_t)image->program_header_count * ELF_PROGRAM_HEADER_SIZE)
        return -ENOEXEC;
    image->segment_count = 0;
    for (unsigned i = 0; i < image->program_header_count; i++) {
        struct elf64_program_header header;
        memcpy(&header, (const uint8_t *)headers + i * ELF_PROGRAM_HEADER_SIZE, sizeof(header));
        if (header.type == PT_INTERP)
            return -ENOEXEC;
        if (header.type == PT_LOAD && add_load_segment(&header, file_size, user_low, user_high, image) < 0)
            return -ENOEXEC;
    }
    return image->segment_count > 0 && entry_is_executable(image) ? 0 : -ENOEXEC;
}
