/*
 * cpio.h - reading a cpio "newc" archive (the initrd's format), entry by
 * entry, trusting nothing in it.
 *
 * Layer: files (pure: no kernel state; host unit-tested in
 * tests/unit/test_cpio.c). The format, as tools/mkinitrd writes it: each
 * entry is a 110-byte ASCII header ("070701", then 13 fields of 8 hex
 * digits: ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
 * rdevmajor, rdevminor, namesize (NUL included), check), the name and its
 * NUL padded with zeros to a multiple of 4 bytes from the archive's start,
 * then the data padded likewise; the entry named "TRAILER!!!" ends it.
 *
 * Every field is checked against the bytes that are really there: a
 * header, name or data running past the end, a bad magic number, a field
 * that is not 8 hex digits, a name without its NUL, or an archive ending
 * without its trailer is an error, and the reader stops there (nothing
 * after a broken header can be trusted). The archive may sit at any
 * address (no alignment is assumed).
 */
#ifndef FREEPORT_FS_CPIO_H
#define FREEPORT_FS_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX    4096 /* namesize limit, NUL included (= FS_PATH_MAX) */

enum cpio_error {
    CPIO_ERROR_TRUNCATED_HEADER = 1,
    CPIO_ERROR_BAD_MAGIC,
    CPIO_ERROR_BAD_NUMBER,
    CPIO_ERROR_BAD_NAME_SIZE,
    CPIO_ERROR_NAME_NOT_TERMINATED,
    CPIO_ERROR_DATA_TOO_LONG,
    CPIO_ERROR_NO_TRAILER,
};

struct cpio_reader {
    const uint8_t *archive;
    size_t length;
    size_t offset; /* of the next header */
};

struct cpio_entry {
    const char *name; /* NUL-terminated, inside the archive */
    uint32_t mode;    /* type bits (FP_S_IF*) and permissions */
    const uint8_t *data;
    uint32_t size;
};

void cpio_reader_init(struct cpio_reader *reader, const void *archive, size_t length);

/* 1 with the next entry in *entry; 0 at the trailer; -enum cpio_error
 * when the archive is malformed (reader->offset says where). */
int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry);

const char *cpio_error_text(int error);

/* Where an entry may be unpacked, relative to "/": `name` without its
 * leading "/" and "./" ("" for the root itself), or NULL when a ".."
 * component would escape. */
const char *cpio_safe_name(const char *name);

#endif
