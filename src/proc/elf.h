/*
 * elf.h - checking an ELF64 executable before anything of it is loaded.
 *
 * Layer: processes (pure: no kernel state, host unit-tested by
 * tests/unit/test_elf.c). The loader (exec.c) reads the file header, asks
 * elf_parse_header(), reads the program headers it names, asks
 * elf_parse_segments(), and only then maps anything. Every field a loader
 * trusts is checked; anything else is -ENOEXEC:
 *   header    magic, 64-bit, little-endian, version 1, System V or GNU ABI,
 *             ET_EXEC (static, not PIE), x86-64, header sizes as ELF64 says,
 *             1..ELF_PROGRAM_HEADERS_MAX program headers inside the file;
 *   PT_LOAD   p_filesz <= p_memsz, file bytes inside the file, the memory
 *             range inside [user_low, user_high) without wrapping, not both
 *             writable and executable (W^X), no two on the same page, at
 *             most ELF_SEGMENTS_MAX; at least one;
 *   PT_INTERP refused (static executables only);
 *   entry     inside an executable PT_LOAD.
 */
#ifndef FREEPORT_PROC_ELF_H
#define FREEPORT_PROC_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_HEADER_SIZE         64
#define ELF_PROGRAM_HEADER_SIZE 56
#define ELF_PROGRAM_HEADERS_MAX 64
#define ELF_SEGMENTS_MAX        16

struct elf_segment {
    uint64_t address;     /* p_vaddr */
    uint64_t memory_size; /* p_memsz: bytes in memory, the rest of p_filesz zeroed */
    uint64_t file_offset; /* p_offset */
    uint64_t file_size;   /* p_filesz */
    bool writable, executable;
};

struct elf_image {
    uint64_t entry;
    uint64_t program_headers_offset;
    unsigned program_header_count;
    unsigned segment_count;
    struct elf_segment segments[ELF_SEGMENTS_MAX];
};

/* Check the file header (`length` bytes of it were read from a file of
 * `file_size` bytes); fill entry and where the program headers are.
 * 0 or -ENOEXEC. */
int elf_parse_header(const void *header, size_t length, uint64_t file_size, struct elf_image *image);

/* Check the program_header_count program headers in `headers` and collect
 * the PT_LOAD segments; memory must lie in [user_low, user_high).
 * 0 or -ENOEXEC. */
int elf_parse_segments(const void *headers, size_t length, uint64_t file_size, uint64_t user_low,
                       uint64_t user_high, struct elf_image *image);

#endif
