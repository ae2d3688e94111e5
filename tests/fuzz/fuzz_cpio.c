/*
 * fuzz_cpio.c - libFuzzer target: src/fs/cpio.c, the initrd reader, on any
 * archive.
 *
 * The input is the archive, in a heap block of exactly its size (libFuzzer
 * copies it so), so ASan sees any read past its end. Every entry the
 * reader returns must lie inside the archive with its name terminated
 * there; the reader must move forward and stop; the name the initrd would
 * unpack (cpio_safe_name) must stay under the root: no leading '/' and no
 * ".." component. Built by tests/robustness.mk.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fs/cpio.h"

static bool inside(const uint8_t *archive, size_t size, const void *pointer, size_t length)
{
    const uint8_t *at = pointer;

    return at >= archive && at <= archive + size && length <= (size_t)(archive + size - at);
}

static void check_safe_name(const char *name)
{
    const char *safe = cpio_safe_name(name);

    if (!safe)
        return;
    if (safe[0] == '/')
        abort();
    for (const char *component = safe; *component; component++)
        if ((component == safe || component[-1] == '/') && component[0] == '.' && component[1] == '.' &&
            (component[2] == '/' || component[2] == '\0'))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cpio_reader reader;
    struct cpio_entry entry;
    int result;

    cpio_reader_init(&reader, data, size);
    for (size_t entries = 0; (result = cpio_next(&reader, &entry)) == 1; entries++) {
        if (entries > size / CPIO_HEADER_SIZE || !inside(data, size, entry.name, 1) ||
            !inside(data, size, entry.data, entry.size) ||
            !memchr(entry.name, '\0', (size_t)(data + size - (const uint8_t *)entry.name)) ||
            reader.offset > size)
            abort();
        check_safe_name(entry.name);
    }
    if (result < -CPIO_ERROR_NO_TRAILER || (result < 0 && !cpio_error_text(result)))
        abort();
    return 0;
}
