/*
 * csrss/requests.c - the protocol's requests, one handler each, chosen by
 * type from a table (the syscall table's pattern).
 *
 * Layer: csrss. server.c has already checked the request's shape
 * (csrss_check_request): a handler gets a payload at least as long as its
 * fixed part, and checks the values in it (console and window numbers,
 * geometry). It returns the reply's payload length, or a negative errno
 * that becomes the reply's status.
 */
#include <errno.h>
#include <string.h>

#include "csrss.h"

typedef long (*request_handler)(struct csrss *csrss, struct client *client, const char *payload,
                                size_t length, void *reply);

/* The console a request's leading console number names, or NULL. */
static struct console *named_console(struct csrss *csrss, const char *payload)
{
    uint32_t number;

    memcpy(&number, payload, sizeof(number));
    return console_get(csrss, number);
}

static long create_console(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                           void *reply)
{
    (void)client, (void)payload, (void)length;
    for (int number = 1; number <= CSRSS_CONSOLES_MAX; number++) {
        if (console_get(csrss, (uint32_t)number))
            continue;
        int error = console_create(csrss, number);
        if (error < 0)
            return error;
        struct csrss_console_reply answer = {.console = (uint32_t)number};
        memcpy(reply, &answer, sizeof(answer));
        return sizeof(answer);
    }
    return -ENOSPC;
}

static long console_info(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                         void *reply)
{
    (void)client, (void)length;
    const struct console *console = named_console(csrss, payload);
    if (!console)
        return -ENOENT;
    const struct text_area *area = &console->terminal.area;
    struct csrss_console_info info = {.console = (uint32_t)console->number,
                                      .rows = CSRSS_ROWS,
                                      .columns = CSRSS_COLUMNS,
                                      .cursor_row = (uint16_t)area->row,
                                      .cursor_column = (uint16_t)area->column,
                                      .active = console->number == csrss->active,
                                      .cursor_visible = area->cursor_visible,
                                      .attribute = terminal_attribute(&console->terminal)};
    memcpy(info.slave_path, console->slave_path, sizeof(info.slave_path));
    memcpy(reply, &info, sizeof(info));
    return sizeof(info);
}

static long count_reply(size_t count, void *reply)
{
    struct csrss_count_reply answer = {.count = (uint32_t)count};

    memcpy(reply, &answer, sizeof(answer));
    return sizeof(answer);
}

static long write_text(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                       void *reply)
{
    (void)client;
    struct console *console = named_console(csrss, payload);
    size_t fixed = sizeof(struct csrss_write_request);

    if (!console)
        return -ENOENT;
    console_output(csrss, console, payload + fixed, length - fixed);
    return count_reply(length - fixed, reply);
}

static long read_screen(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                        void *reply)
{
    (void)client, (void)length;
    const struct console *console = named_console(csrss, payload);
    struct csrss_screen screen = {.rows = CSRSS_ROWS, .columns = CSRSS_COLUMNS};
    _Static_assert(sizeof(screen.cells) == sizeof(console->cells), "a screen is a console's cells");

    if (!console)
        return -ENOENT;
    screen.cursor_row = (uint16_t)console->terminal.area.row;
    screen.cursor_column = (uint16_t)console->terminal.area.column;
    display_compose(csrss, console, (struct text_cell *)screen.cells);
    memcpy(reply, &screen, sizeof(screen));
    return sizeof(screen);
}

static long set_attributes(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                           void *reply)
{
    (void)client, (void)length, (void)reply;
    struct csrss_attributes_request request;
    memcpy(&request, payload, sizeof(request));
    struct console *console = console_get(csrss, request.console);
    const uint32_t known = CSRSS_SET_COLOUR | CSRSS_SET_CURSOR | CSRSS_SET_CURSOR_VISIBLE;

    if (!console)
        return -ENOENT;
    if (request.flags & ~known)
        return -EINVAL;
    if (request.flags & CSRSS_SET_COLOUR)
        terminal_set_attribute(&console->terminal, request.attribute);
    if (request.flags & CSRSS_SET_CURSOR)
        text_area_move(&console->terminal.area, request.cursor_row, request.cursor_column);
    if (request.flags & CSRSS_SET_CURSOR_VISIBLE)
        console->terminal.area.cursor_visible = request.cursor_visible != 0;
    csrss->screen_changed = true;
    return 0;
}

static long switch_console(struct csrss *csrss, struct client *client, const char *payload, size_t length,
                           void *reply)
{
    (void)client, (void)length, (void)reply;
    uint32_t number;

    memcpy(&number, payload, sizeof(number));
    return console_switch(csrss, number);
}

static long window_create_request(struct csrss *csrss, struct client *client, const char *payload,
                                  size_t length, void *reply)
{
    struct csrss_window_create_request request;
    memcpy(&request, payload, sizeof(request));
    struct window_geometry geometry = {request.x, request.y, request.width, request.height};

    if (!console_get(csrss, request.console))
        return -ENOENT;
    if (request.flags & ~CSRSS_WINDOW_KEEP)
        return -EINVAL;
    int owner = request.flags & CSRSS_WINDOW_KEEP ? WINDOW_OWNER_NONE : client->number;
    long id = window_create(&csrss->windows, (int)request.console, owner, geometry, request.attribute,
                            payload + sizeof(request), length - sizeof(request));
    if (id < 0)
        return id;
    csrss->screen_changed = true;
    struct csrss_window_reply answer = {.window = (uint32_t)id};
    memcpy(reply, &answer, sizeof(answer));
    return sizeof(answer);
}

/* The open window a request's leading window number names, or NULL. */
static struct window *named_window(struct csrss *csrss, const char *payload)
{
    uint32_t id;

    memcpy(&id, payload, sizeof(id));
    return window_find(&csrss->windows, id);
}

static long window_write_request(struct csrss *csrss, struct client *client, const char *payload,
                                 size_t length, void *reply)
{
    (void)client;
    struct window *window = named_window(csrss, payload);
    size_t fixed = sizeof(struct csrss_window_write_request);

    if (!window)
        return -ENOENT;
    terminal_write(&window->inside, payload + fixed, length - fixed);
    csrss->screen_changed = true;
    return count_reply(length - fixed, reply);
}

static long window_close_request(struct csrss *csrss, struct client *client, const char *payload,
                                 size_t length, void *reply)
{
    (void)client, (void)length, (void)reply;
    const struct window *window = named_window(csrss, payload);

    if (!window)
        return -ENOENT;
    csrss->screen_changed = true;
    return window_close(&csrss->windows, window->id);
}

static const request_handler handlers[CSRSS_TYPE_COUNT] = {
    [CSRSS_CREATE_CONSOLE] = create_console,
    [CSRSS_CONSOLE_INFO] = console_info,
    [CSRSS_WRITE] = write_text,
    [CSRSS_READ_SCREEN] = read_screen,
    [CSRSS_SET_ATTRIBUTES] = set_attributes,
    [CSRSS_SWITCH] = switch_console,
    [CSRSS_WINDOW_CREATE] = window_create_request,
    [CSRSS_WINDOW_WRITE] = window_write_request,
    [CSRSS_WINDOW_CLOSE] = window_close_request,
};

long requests_handle(struct csrss *csrss, struct client *client, const struct csrss_header *header,
                     const char *payload, size_t payload_length, void *reply)
{
    return handlers[header->type](csrss, client, payload, payload_length, reply);
}
