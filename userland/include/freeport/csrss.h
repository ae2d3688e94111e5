/*
 * <freeport/csrss.h> - the console server's protocol and its client
 * library.
 *
 * Layer: Freeport SDK header. csrss (userland/bin/csrss/) listens on the
 * stream socket CSRSS_SOCKET_PATH; a client sends requests and reads one
 * reply per request, in order. Every message, both ways, is a struct
 * csrss_header and a payload: `length` counts the whole message (header
 * included, at most CSRSS_MESSAGE_MAX), `request_id` is the client's and
 * comes back in the reply, whose type is the request's | CSRSS_REPLY and
 * whose status is 0 or a negative errno (then the payload is empty).
 * Numbers are the machine's (little-endian); docs/csrss.md has the tables.
 *
 * Consoles are numbered from 1 (Alt+F1) to CSRSS_CONSOLES_MAX; the first
 * CSRSS_CONSOLES_AT_START exist when csrss starts, CSRSS_CREATE_CONSOLE
 * adds more. Windows are numbered by csrss (never 0) and belong to the
 * connection that created them: they close when it does, unless created
 * with CSRSS_WINDOW_KEEP (then only CSRSS_WINDOW_CLOSE closes them). Any
 * connection may write to or close any window: the socket is open to every
 * local process, as the console itself is.
 *
 * The codec (csrss_message_length, csrss_check_request, csrss_encode,
 * csrss_cell_text) is pure, shared by csrss and the client calls, and host unit-tested
 * (tests/unit/test_csrss_protocol.c). The client calls return 0 (or the
 * number asked for) and -1 with errno set: the server's status, or the
 * socket's error (EPROTO for a reply that does not match the request).
 */
#ifndef FREEPORT_CSRSS_H
#define FREEPORT_CSRSS_H

#include <stddef.h>
#include <stdint.h>

#define CSRSS_SOCKET_PATH       "/var/run/csrss.sock"
#define CSRSS_MESSAGE_MAX       4096
#define CSRSS_CONSOLES_MAX      8
#define CSRSS_CONSOLES_AT_START 4
#define CSRSS_ROWS              25
#define CSRSS_COLUMNS           80
#define CSRSS_PATH_MAX          32

enum csrss_type {
    CSRSS_CREATE_CONSOLE = 1, /* -> csrss_console_reply */
    CSRSS_CONSOLE_INFO,       /* csrss_console_request -> csrss_console_info */
    CSRSS_WRITE,              /* csrss_write_request + text -> csrss_count_reply */
    CSRSS_READ_SCREEN,        /* csrss_console_request -> csrss_screen */
    CSRSS_SET_ATTRIBUTES,     /* csrss_attributes_request -> nothing */
    CSRSS_SWITCH,             /* csrss_console_request -> nothing */
    CSRSS_WINDOW_CREATE,      /* csrss_window_create_request + title -> csrss_window_reply */
    CSRSS_WINDOW_WRITE,       /* csrss_window_write_request + text -> csrss_count_reply */
    CSRSS_WINDOW_CLOSE,       /* csrss_window_request -> nothing */
    CSRSS_TYPE_COUNT
};
#define CSRSS_REPLY 0x8000

struct csrss_header {
    uint16_t type;
    uint16_t length; /* the whole message, this header included */
    uint32_t request_id;
    int32_t status; /* replies: 0 or -errno; requests: 0 */
};

struct csrss_console_request {
    uint32_t console;
};

struct csrss_console_reply {
    uint32_t console;
};

struct csrss_console_info {
    uint32_t console;
    uint16_t rows, columns;
    uint16_t cursor_row, cursor_column;
    uint8_t active;         /* 1: shown on the screen now */
    uint8_t cursor_visible; /* 1: the cursor is shown */
    uint8_t attribute;      /* VGA colours new text gets */
    uint8_t reserved;
    char slave_path[CSRSS_PATH_MAX]; /* "/dev/pts/N", NUL-terminated */
};

struct csrss_write_request {
    uint32_t console;
    /* followed by the bytes, through the terminal emulator */
};

struct csrss_count_reply {
    uint32_t count; /* bytes taken */
};

struct csrss_cell {
    uint8_t character; /* CP437 */
    uint8_t attribute; /* background << 4 | foreground */
};

/* What the console shows (its text and its windows), as on the screen. */
struct csrss_screen {
    uint16_t rows, columns;
    uint16_t cursor_row, cursor_column;
    struct csrss_cell cells[CSRSS_ROWS * CSRSS_COLUMNS];
};

#define CSRSS_SET_COLOUR         0x1 /* attribute */
#define CSRSS_SET_CURSOR         0x2 /* cursor_row, cursor_column (0-based, clamped) */
#define CSRSS_SET_CURSOR_VISIBLE 0x4 /* cursor_visible */

struct csrss_attributes_request {
    uint32_t console;
    uint32_t flags; /* CSRSS_SET_*: which fields apply */
    uint8_t attribute;
    uint8_t cursor_visible;
    uint16_t cursor_row, cursor_column;
    uint16_t reserved;
};

#define CSRSS_WINDOW_KEEP 0x1 /* the window outlives its connection */

struct csrss_window_create_request {
    uint32_t console;
    uint16_t x, y, width, height; /* the border's box, 0-based; at least 3x3 */
    uint8_t attribute;
    uint8_t flags; /* CSRSS_WINDOW_KEEP */
    uint8_t reserved[2];
    /* followed by the title (not NUL-terminated) */
};

struct csrss_window_reply {
    uint32_t window;
};

struct csrss_window_write_request {
    uint32_t window;
    /* followed by the bytes */
};

struct csrss_window_request {
    uint32_t window;
};

/* --- codec (pure) --- */

/* Of the `available` bytes at `buffer` (the start of a message): the
 * message's length when all of it is there, 0 when more must come, or
 * -EMSGSIZE when its header's length is impossible (smaller than the
 * header or larger than CSRSS_MESSAGE_MAX: the stream cannot be framed). */
long csrss_message_length(const void *buffer, size_t available);

/* A whole request of `length` bytes: 0, -EOPNOTSUPP (unknown type) or
 * -EINVAL (its payload has the wrong size for its type). */
int csrss_check_request(const void *message, size_t length);

/* A message of `type` into `buffer` (CSRSS_MESSAGE_MAX bytes): its
 * length, or 0 when the payload does not fit. */
size_t csrss_encode(void *buffer, uint16_t type, uint32_t request_id, int32_t status, const void *payload,
                    size_t payload_length);

/* A cell's character as plain ASCII, for printing a screen as text: the
 * CP437 box-drawing characters of window borders as + - |, other bytes
 * outside 0x20-0x7e as '?'. */
char csrss_cell_text(uint8_t character);

/* --- client calls (libfreeport) --- */

/* A connection to csrss: a descriptor, or -1. */
int csrss_connect(void);

/* The same, trying every 10 ms for up to `milliseconds` while csrss is not
 * there yet (starting, or restarting): a descriptor, or -1. */
int csrss_connect_waiting(unsigned milliseconds);

/* One request and its reply: `reply_length` (may be NULL) gets the reply's
 * payload size; 0, or -1 with errno. */
int csrss_call(int fd, uint16_t type, const void *payload, size_t payload_length, void *reply,
               size_t reply_max, size_t *reply_length);

int csrss_create_console(int fd); /* the new console's number */
int csrss_console_info(int fd, uint32_t console, struct csrss_console_info *info);
long csrss_write(int fd, uint32_t console, const void *text, size_t length);
int csrss_read_screen(int fd, uint32_t console, struct csrss_screen *screen);
int csrss_set_attributes(int fd, const struct csrss_attributes_request *request);
int csrss_switch(int fd, uint32_t console);
long csrss_window_create(int fd, const struct csrss_window_create_request *request, const char *title);
long csrss_window_write(int fd, uint32_t window, const void *text, size_t length);
int csrss_window_close(int fd, uint32_t window);

#endif
