/*
 * userland/libc/csrss_protocol.c - the console server protocol's codec:
 * framing a byte stream into messages, checking a request's shape,
 * encoding a message, a screen cell as text (see <freeport/csrss.h>).
 *
 * Layer: libfreeport, pure (no system calls): csrss and the client calls
 * both use it, and tests/unit/test_csrss_protocol.c runs it on the host.
 * A request's shape is its payload size: a fixed part per type, and for
 * the types that carry text, any number of bytes after it (up to the
 * message limit). The header is copied out with memcpy, so the buffer
 * needs no alignment.
 */
#include <errno.h>
#include <freeport/csrss.h>
#include <stdbool.h>
#include <string.h>

struct request_shape {
    size_t fixed;  /* payload bytes every request of the type has */
    bool variable; /* more bytes may follow */
};

static const struct request_shape request_shapes[CSRSS_TYPE_COUNT] = {
    [CSRSS_CREATE_CONSOLE] = {0, false},
    [CSRSS_CONSOLE_INFO] = {sizeof(struct csrss_console_request), false},
    [CSRSS_WRITE] = {sizeof(struct csrss_write_request), true},
    [CSRSS_READ_SCREEN] = {sizeof(struct csrss_console_request), false},
    [CSRSS_SET_ATTRIBUTES] = {sizeof(struct csrss_attributes_request), false},
    [CSRSS_SWITCH] = {sizeof(struct csrss_console_request), false},
    [CSRSS_WINDOW_CREATE] = {sizeof(struct csrss_window_create_request), true},
    [CSRSS_WINDOW_WRITE] = {sizeof(struct csrss_window_write_request), true},
    [CSRSS_WINDOW_CLOSE] = {sizeof(struct csrss_window_request), false},
};

_Static_assert(sizeof(struct csrss_header) + sizeof(struct csrss_screen) <= CSRSS_MESSAGE_MAX,
               "a screen must fit one reply");
_Static_assert(CSRSS_MESSAGE_MAX <= UINT16_MAX, "the header's length is 16 bits");

long csrss_message_length(const void *buffer, size_t available)
{
    struct csrss_header header;

    if (available < sizeof(header))
        return 0;
    memcpy(&header, buffer, sizeof(header));
    if (header.length < sizeof(header) || header.length > CSRSS_MESSAGE_MAX)
        return -EMSGSIZE;
    return available >= header.length ? (long)header.length : 0;
}

int csrss_check_request(const void *message, size_t length)
{
    struct csrss_header header;

    if (length < sizeof(header))
        return -EINVAL;
    memcpy(&header, message, sizeof(header));
    if (header.type == 0 || header.type >= CSRSS_TYPE_COUNT)
        return -EOPNOTSUPP;
    const struct request_shape *shape = &request_shapes[header.type];
    size_t payload = length - sizeof(header);
    if (payload < shape->fixed || (!shape->variable && payload != shape->fixed))
        return -EINVAL;
    return 0;
}

size_t csrss_encode(void *buffer, uint16_t type, uint32_t request_id, int32_t status, const void *payload,
                    size_t payload_length)
{
    if (payload_length > CSRSS_MESSAGE_MAX - sizeof(struct csrss_header))
        return 0;
    struct csrss_header header = {.type = type,
                                  .length = (uint16_t)(sizeof(header) + payload_length),
                                  .request_id = request_id,
                                  .status = status};
    memcpy(buffer, &header, sizeof(header));
    if (payload_length > 0)
        memcpy((char *)buffer + sizeof(header), payload, payload_length);
    return header.length;
}

char csrss_cell_text(uint8_t character)
{
    switch (character) {
    case 0xda: /* top left corner */
    case 0xbf: /* top right */
    case 0xc0: /* bottom left */
    case 0xd9: return '+';
    case 0xc4: return '-';
    case 0xb3: return '|';
    default: return character >= 0x20 && character <= 0x7e ? (char)character : '?';
    }
}
