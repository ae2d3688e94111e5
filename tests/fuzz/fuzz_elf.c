/*
 * fuzz_elf.c - libFuzzer target: src/proc/elf_parse.c on any file.
 *
 * The input is a whole executable file. The harness reads it the way
 * exec.c does (the 64-byte header, then the program headers it names, each
 * into a heap block of exactly its size, so ASan sees any over-read) and,
 * when the parser accepts it, checks everything the loader then trusts:
 * segments inside user space and inside the file, never writable and
 * executable, no two on one page, the entry in an executable segment.
 * Built by tests/robustness.mk (clang -fsanitize=fuzzer,address,undefined).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "proc/elf.h"

#define USER_LOW  0x10000UL        /* exec.c's USER_MIN_ADDRESS */
#define USER_HIGH 0x100000000000UL /* and USER_MMAP_BASE */
#define PAGE      4096UL

static void *copy(const uint8_t *data, size_t length)
{
    void *block = malloc(length ? length : 1);

    memcpy(block, data, length);
    return block;
}

static void check_segment(const struct elf_image *image, unsigned index, uint64_t file_size)
{
    const struct elf_segment *segment = &image->segments[index];

    if (segment->address < USER_LOW || segment->memory_size > USER_HIGH - segment->address ||
        segment->file_size > segment->memory_size || segment->file_offset > file_size ||
        segment->file_size > file_size - segment->file_offset || (segment->writable && segment->executable))
        abort();
    for (unsigned other = 0; other < index; other++) {
        const struct elf_segment *earlier = &image->segments[other];
        uint64_t first = segment->address / PAGE, last = (segment->address + segment->memory_size - 1) / PAGE;
        uint64_t earlier_first = earlier->address / PAGE;
        uint64_t earlier_last = (earlier->address + earlier->memory_size - 1) / PAGE;
        if (segment->memory_size && earlier->memory_size && first <= earlier_last && earlier_first <= last)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image image;
    bool entry_executable = false;

    if (size < ELF_HEADER_SIZE)
        return 0;
    uint8_t *header = copy(data, ELF_HEADER_SIZE);
    int error = elf_parse_header(header, ELF_HEADER_SIZE, size, &image);
    free(header);
    if (error)
        return 0;
    size_t length = (size_t)image.program_header_count * ELF_PROGRAM_HEADER_SIZE;
    if (image.program_header_count == 0 || image.program_header_count > ELF_PROGRAM_HEADERS_MAX ||
        image.program_headers_offset > size || length > size - image.program_headers_offset)
        abort(); /* the header check let through headers that are not in the file */
    uint8_t *headers = copy(data + image.program_headers_offset, length);
    error = elf_parse_segments(headers, length, size, USER_LOW, USER_HIGH, &image);
    free(headers);
    if (error)
        return 0;
    if (image.segment_count == 0 || image.segment_count > ELF_SEGMENTS_MAX)
        abort();
    for (unsigned index = 0; index < image.segment_count; index++) {
        const struct elf_segment *segment = &image.segments[index];
        check_segment(&image, index, size);
        entry_executable |= segment->executable && image.entry >= segment->address &&
                            image.entry - segment->address < segment->memory_size;
    }
    if (!entry_executable)
        abort();
    return 0;
}
