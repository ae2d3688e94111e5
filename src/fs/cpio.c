/*
 * cpio.c - the cpio "newc" reader (see cpio.h).
 *
 * Layer: files (pure). Invariant: reader->offset <= reader->length, and
 * every byte read lies in [archive, archive + length): each size taken
 * from a header is compared with what is left before it is used, by
 * subtraction (no addition can overflow).
 */
#include <stdbool.h>
#include "fs/cpio.h"
#include "lib/string.h"

#define MAGIC          "070701"
#define MAGIC_LENGTH   6
#define FIELD_LENGTH   8
#define FIELD_MODE     1
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define FIELD_COUNT    13
#define TRAILER_NAME   "TRAILER!!!"

void cpio_reader_init(struct cpio_reader *reader, const void *archive, size_t length)
{
    reader->archive = archive;
    reader->length = length;
    reader->offset = 0;
}

static int hex_digit(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Field `index` of the header at `header`: 8 hex digits, exactly. */
static bool parse_field(const uint8_t *header, int index, uint32_t *out)
{
    const uint8_t *field = header + MAGIC_LENGTH + index * FIELD_LENGTH;
    uint32_t value = 0;

    for (int i = 0; i < FIELD_LENGTH; i++) {
        int digit = hex_digit(field[i]);
        if (digit < 0)
            return false;
        value = value << 4 | (uint32_t)digit;
    }
    *out = value;
    return true;
}

static size_t align4(size_t offset)
{
    return (offset + 3) & ~(size_t)3;
}

/* Advance past `length` bytes and their padding, if they are all there. */
static bool take(const struct cpio_reader *reader, size_t *offset, size_t length)
{
    if (length > reader->length - *offset)
        return false;
    *offset += length;
    *offset = align4(*offset) <= reader->length ? align4(*offset) : reader->length;
    return true;
}

static int check_header(const struct cpio_reader *reader, uint32_t fields[FIELD_COUNT])
{
    const uint8_t *header = reader->archive + reader->offset;

    if (reader->offset == reader->length)
        return -CPIO_ERROR_NO_TRAILER;
    if (reader->length - reader->offset < CPIO_HEADER_SIZE)
        return -CPIO_ERROR_TRUNCATED_HEADER;
    if (memcmp(header, MAGIC, MAGIC_LENGTH) != 0)
        return -CPIO_ERROR_BAD_MAGIC;
    for (int i = 0; i < FIELD_COUNT; i++)
        if (!parse_field(header, i, &fields[i]))
            return -CPIO_ERROR_BAD_NUMBER;
    return 0;
}

static int read_name(const struct cpio_reader *reader, size_t *offset, uint32_t name_size)
{
    const char *name = (const char *)reader->archive + *offset;

    if (name_size == 0 || name_size > CPIO_NAME_MAX)
        return -CPIO_ERROR_BAD_NAME_SIZE;
    if (!take(reader, offset, name_size))
        return -CPIO_ERROR_BAD_NAME_SIZE;
    if (strnlen(name, name_size) != name_size - 1)
        return -CPIO_ERROR_NAME_NOT_TERMINATED;
    return 0;
}

int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry)
{
    uint32_t fields[FIELD_COUNT];
    size_t offset = reader->offset + CPIO_HEADER_SIZE;
    int error = check_header(reader, fields);

    if (error == 0)
        error = read_name(reader, &offset, fields[FIELD_NAMESIZE]);
    if (error)
        return error;
    entry->name = (const char *)reader->archive + reader->offset + CPIO_HEADER_SIZE;
    entry->mode = fields[FIELD_MODE];
    entry->size = fields[FIELD_FILESIZE];
    entry->data = reader->archive + offset;
    if (strcmp(entry->name, TRAILER_NAME) == 0)
        return 0;
    if (!take(reader, &offset, entry->size))
        return -CPIO_ERROR_DATA_TOO_LONG;
    reader->offset = offset;
    return 1;
}

const char *cpio_error_text(int error)
{
    static const char *const texts[] = {
        [CPIO_ERROR_TRUNCATED_HEADER] = "header cut short by the end of the archive",
        [CPIO_ERROR_BAD_MAGIC] = "bad magic number (not a newc header)",
        [CPIO_ERROR_BAD_NUMBER] = "a header field is not 8 hexadecimal digits",
        [CPIO_ERROR_BAD_NAME_SIZE] = "name size is 0, too large, or past the end",
        [CPIO_ERROR_NAME_NOT_TERMINATED] = "name is not NUL-terminated where its size says",
        [CPIO_ERROR_DATA_TOO_LONG] = "file size runs past the end of the archive",
        [CPIO_ERROR_NO_TRAILER] = "archive ends without its TRAILER!!! entry",
    };
    error = -error;
    if (error <= 0 || error > CPIO_ERROR_NO_TRAILER)
        return "unknown error";
    return texts[error];
}

/* Does the component at `name` (up to '/' or NUL) read ".."? */
static bool is_dotdot(const char *name)
{
    return name[0] == '.' && name[1] == '.' && (name[2] == '/' || name[2] == '\0');
}

const char *cpio_safe_name(const char *name)
{
    for (;;) {
        if (name[0] == '/')
            name++;
        else if (name[0] == '.' && (name[1] == '/' || name[1] == '\0'))
            name++;
        else
            break;
    }
    for (const char *component = name; *component; component++) {
        if ((component == name || component[-1] == '/') && is_dotdot(component))
            return NULL;
    }
    return name;
}
