/*
 * csrss_protocol - the console server seen by its clients, in a guest where
 * init started it (tools/guest-run --services): every request type, its
 * success and each refusal (bad console and window numbers, geometry off
 * the screen, unknown types, short and oversized messages), a program's
 * output through its pseudo-terminal onto the screen, windows over a
 * console and what closing them restores, windows of a client that dies,
 * kept windows, new consoles up to the limit, and many clients at once.
 * After the abuse csrss still answers.
 *
 * Run by tests/csrss.bats. csrss works while this runs (its consoles are
 * read back with CSRSS_READ_SCREEN), so waits for its effects retry a
 * bounded number of times; nothing is timed.
 */
#include <fcntl.h>
#include <freeport/csrss.h>
#include <stdlib.h>
#include <sys/socket.h>
#include "check.h"

#define TRIES 100 /* of 10 ms each, for csrss to have handled something */

static struct csrss_screen screen;

static bool fails_with(long result, int error)
{
    return result == -1 && errno == error;
}

static void pause_briefly(void)
{
    const struct timespec pause = {.tv_nsec = 10 * 1000 * 1000};
    nanosleep(&pause, NULL);
}

/* Row `row` of `console` as csrss shows it, columns [column, column + length). */
static const char *screen_text(int fd, unsigned console, int row, int column, int length)
{
    static char text[CSRSS_COLUMNS + 1];

    if (csrss_read_screen(fd, console, &screen) != 0)
        return "(read failed)";
    for (int index = 0; index < length; index++)
        text[index] = (char)screen.cells[row * CSRSS_COLUMNS + column + index].character;
    text[length] = '\0';
    return text;
}

/* Whether `text` appears anywhere on `console`, asking until it does. */
static bool screen_shows(int fd, unsigned console, const char *text)
{
    char rows[CSRSS_ROWS * (CSRSS_COLUMNS + 1) + 1];

    for (int try = 0; try < TRIES; try++, pause_briefly()) {
        if (csrss_read_screen(fd, console, &screen) != 0)
            return false;
        for (int cell = 0, out = 0; cell < CSRSS_ROWS * CSRSS_COLUMNS; cell++) {
            rows[out++] = (char)screen.cells[cell].character;
            if (cell % CSRSS_COLUMNS == CSRSS_COLUMNS - 1)
                rows[out++] = '\n';
            rows[out] = '\0';
        }
        if (strstr(rows, text))
            return true;
    }
    return false;
}

static void check_consoles(int fd)
{
    struct csrss_console_info info;

    for (unsigned console = 1; console <= CSRSS_CONSOLES_AT_START; console++) {
        bool found = csrss_console_info(fd, console, &info) == 0;
        CHECK(found && info.console == console && info.rows == 25 && info.columns == 80 &&
                  strncmp(info.slave_path, "/dev/pts/", 9) == 0,
              "console %u exists: %s, 80x25", console, found ? info.slave_path : "-");
    }
    CHECK(fails_with(csrss_console_info(fd, 0, &info), ENOENT), "console 0: ENOENT");
    CHECK(fails_with(csrss_console_info(fd, CSRSS_CONSOLES_AT_START + 1, &info), ENOENT),
          "a console not created yet: ENOENT");
    CHECK(fails_with(csrss_console_info(fd, 0xffffffffu, &info), ENOENT), "console 2^32-1: ENOENT");
}

static void check_write_and_attributes(int fd)
{
    struct csrss_attributes_request colours = {.console = 2, .flags = CSRSS_SET_COLOUR, .attribute = 0x1e};
    struct csrss_attributes_request cursor = {.console = 2,
                                              .flags = CSRSS_SET_CURSOR | CSRSS_SET_CURSOR_VISIBLE,
                                              .cursor_row = 20,
                                              .cursor_column = 7};
    struct csrss_console_info info;

    CHECK(csrss_write(fd, 2, "\x1b[2J\x1b[H", 7) == 7, "write: a clear-screen sequence, 7 bytes taken");
    CHECK(csrss_set_attributes(fd, &colours) == 0, "set attributes: colours 0x1e");
    CHECK(csrss_write(fd, 2, "written by csrss_write", 22) == 22, "write: 22 bytes taken");
    CHECK(strcmp(screen_text(fd, 2, 0, 0, 22), "written by csrss_write") == 0,
          "read screen: the text at row 0");
    CHECK(screen.cells[0].attribute == 0x1e && screen.cursor_column == 22,
          "in colours 0x1e, cursor after it");
    CHECK(csrss_set_attributes(fd, &cursor) == 0, "set attributes: cursor to 20,7, hidden");
    CHECK(csrss_console_info(fd, 2, &info) == 0 && info.cursor_row == 20 && info.cursor_column == 7 &&
              !info.cursor_visible && info.attribute == 0x1e,
          "console info reports cursor 20,7 hidden and the colours");
    cursor.cursor_row = 999;
    CHECK(csrss_set_attributes(fd, &cursor) == 0 && csrss_console_info(fd, 2, &info) == 0 &&
              info.cursor_row == 24,
          "a cursor row off the screen is clamped to 24");
    colours.flags = 0x80;
    CHECK(fails_with(csrss_set_attributes(fd, &colours), EINVAL), "unknown attribute flags: EINVAL");
    colours.console = 42;
    CHECK(fails_with(csrss_set_attributes(fd, &colours), ENOENT), "set attributes on console 42: ENOENT");
    CHECK(fails_with(csrss_write(fd, 9, "x", 1), ENOENT), "write to console 9: ENOENT");
    CHECK(csrss_write(fd, 2, "", 0) == 0, "write of nothing: 0 bytes");
}

static void check_pty_output(int fd)
{
    struct csrss_console_info info;

    if (csrss_console_info(fd, 3, &info) != 0) {
        CHECK(false, "console 3's slave path");
        return;
    }
    int slave = open(info.slave_path, O_RDWR | O_NOCTTY);
    CHECK(slave >= 0 && isatty(slave), "%s opens and is a terminal", info.slave_path);
    CHECK(write(slave, "through the pty\n", 16) == 16, "a program writes to it");
    CHECK(screen_shows(fd, 3, "through the pty"), "its output reaches console 3's screen");
    close(slave);
}

static long open_window(int fd, unsigned console, int x, int y, int width, int height, uint8_t flags)
{
    struct csrss_window_create_request request = {.console = console,
                                                  .x = (uint16_t)x,
                                                  .y = (uint16_t)y,
                                                  .width = (uint16_t)width,
                                                  .height = (uint16_t)height,
                                                  .attribute = 0x1f,
                                                  .flags = flags};
    return csrss_window_create(fd, &request, "Test");
}

static void check_windows(int fd)
{
    csrss_write(fd, 4, "\x1b[2J\x1b[Hunder the window", 25);
    long window = open_window(fd, 4, 0, 0, 12, 4, 0);
    CHECK(window > 0, "window create: window %ld", window);
    CHECK(strcmp(screen_text(fd, 4, 0, 0, 12), "\xda\xc4Test\xc4\xc4\xc4\xc4\xc4\xbf") == 0,
          "its top border carries the title");
    CHECK(screen.cells[0].attribute == 0x1f, "in its colours");
    CHECK(csrss_window_write(fd, (uint32_t)window, "0123456789ABCD\r\nx\r\ny\r\nz", 23) == 23,
          "window write: 23 bytes taken");
    CHECK(strcmp(screen_text(fd, 4, 1, 0, 12), "\xb3y         \xb3") == 0 &&
              strcmp(screen_text(fd, 4, 2, 0, 12), "\xb3z         \xb3") == 0,
          "the text wrapped and scrolled inside the window");
    CHECK(strcmp(screen_text(fd, 4, 0, 12, 4), "ndow") == 0, "the console's text beside it still shows");
    CHECK(csrss_window_close(fd, (uint32_t)window) == 0, "window close");
    CHECK(strcmp(screen_text(fd, 4, 0, 0, 16), "under the window") == 0, "what was under it is back");
    CHECK(fails_with(csrss_window_close(fd, (uint32_t)window), ENOENT), "closing it again: ENOENT");
    CHECK(fails_with(csrss_window_write(fd, (uint32_t)window, "x", 1), ENOENT), "writing to it: ENOENT");
    CHECK(fails_with(csrss_window_write(fd, 0, "x", 1), ENOENT), "window 0: ENOENT");
    CHECK(fails_with(open_window(fd, 4, 70, 0, 11, 3, 0), EINVAL), "a window past the right edge: EINVAL");
    CHECK(fails_with(open_window(fd, 4, 0, 23, 5, 3, 0), EINVAL), "a window past the bottom: EINVAL");
    CHECK(fails_with(open_window(fd, 4, 0, 0, 2, 2, 0), EINVAL), "a window smaller than 3x3: EINVAL");
    CHECK(fails_with(open_window(fd, 4, 0, 0, 3, 3, 0x80), EINVAL), "unknown window flags: EINVAL");
    CHECK(fails_with(open_window(fd, 7, 0, 0, 3, 3, 0), ENOENT), "a window on console 7: ENOENT");
}

static void check_window_limit(int fd)
{
    long windows[32];
    int opened = 0;

    while (opened < 32 && (windows[opened] = open_window(fd, 4, opened, 0, 3, 3, 0)) > 0)
        opened++;
    CHECK(opened >= 1 && opened < 32 && errno == ENOSPC, "windows up to the limit (%d), then ENOSPC", opened);
    for (int index = 0; index < opened; index++)
        csrss_window_close(fd, (uint32_t)windows[index]);
    CHECK(open_window(fd, 4, 0, 0, 3, 3, 0) > 0, "closed windows make room again");
}

static void child_opens_window_and_dies(void)
{
    int fd = csrss_connect();
    _exit(fd >= 0 && open_window(fd, 4, 40, 10, 10, 5, 0) > 0 && open_window(fd, 4, 40, 15, 10, 5, 0) > 0
              ? 0
              : 1);
}

static void check_dead_client(int fd)
{
    csrss_write(fd, 4, "\x1b[2J", 4);
    int status = run_in_child(child_opens_window_and_dies);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child opened two windows and exited");
    bool gone = false;
    for (int try = 0; try < TRIES && !gone; try++, pause_briefly())
        gone = strcmp(screen_text(fd, 4, 10, 40, 10), "          ") == 0 &&
               strcmp(screen_text(fd, 4, 15, 40, 10), "          ") == 0;
    CHECK(gone, "its windows closed with its connection");
    CHECK(csrss_write(fd, 4, "still", 5) == 5, "the console stays usable");
}

static void check_kept_window(int fd)
{
    int other = csrss_connect();
    long window = open_window(other, 4, 30, 5, 10, 4, CSRSS_WINDOW_KEEP);

    CHECK(window > 0, "a kept window");
    close(other);
    bool stayed = true;
    for (int try = 0; try < 10; try++, pause_briefly())
        stayed = stayed && screen_text(fd, 4, 5, 30, 1)[0] == '\xda';
    CHECK(stayed, "outlives its connection");
    CHECK(csrss_window_close(fd, (uint32_t)window) == 0, "another connection closes it");
}

static void check_new_consoles(int fd)
{
    struct csrss_console_info info;
    int console = csrss_create_console(fd);

    CHECK(console == CSRSS_CONSOLES_AT_START + 1, "create console: console %d", console);
    CHECK(csrss_console_info(fd, (unsigned)console, &info) == 0 &&
              strncmp(info.slave_path, "/dev/pts/", 9) == 0,
          "it has a slave: %s", info.slave_path);
    while (csrss_create_console(fd) > 0)
        continue;
    CHECK(errno == ENOSPC && csrss_console_info(fd, CSRSS_CONSOLES_MAX, &info) == 0,
          "consoles up to %d, then ENOSPC", CSRSS_CONSOLES_MAX);
    CHECK(csrss_switch(fd, (unsigned)console) == 0 && csrss_console_info(fd, (unsigned)console, &info) == 0 &&
              info.active,
          "switch: the new console is active");
    CHECK(fails_with(csrss_switch(fd, CSRSS_CONSOLES_MAX + 1), ENOENT),
          "switch to a console past the last: ENOENT");
    CHECK(csrss_switch(fd, 1) == 0, "switch back to console 1");
}

/* Send `length` raw bytes; the reply's header (status -1 if none came). */
static struct csrss_header raw_request(int fd, const void *message, size_t length)
{
    struct csrss_header reply = {.status = -1};
    char buffer[CSRSS_MESSAGE_MAX];

    if (send(fd, message, length, 0) != (ssize_t)length ||
        recv(fd, buffer, sizeof(reply), 0) != sizeof(reply))
        return reply;
    memcpy(&reply, buffer, sizeof(reply));
    if (reply.length > sizeof(reply))
        recv(fd, buffer, reply.length - sizeof(reply), 0);
    return reply;
}

static void check_bad_requests(void)
{
    char message[CSRSS_MESSAGE_MAX];
    int fd = csrss_connect();
    uint32_t console = 1;

    size_t length = csrss_encode(message, 77, 5, 0, NULL, 0);
    struct csrss_header reply = raw_request(fd, message, length);
    CHECK(reply.type == (77 | CSRSS_REPLY) && reply.request_id == 5 && reply.status == -EOPNOTSUPP,
          "an unknown type: EOPNOTSUPP, with its request id");
    length = csrss_encode(message, CSRSS_CONSOLE_INFO, 6, 0, &console, 2);
    CHECK(raw_request(fd, message, length).status == -EINVAL, "a payload too short for its type: EINVAL");
    length = csrss_encode(message, CSRSS_SWITCH, 7, 0, message, 64);
    CHECK(raw_request(fd, message, length).status == -EINVAL, "a payload too long for its type: EINVAL");
    length = csrss_encode(message, CSRSS_CONSOLE_INFO, 8, 0, &console, sizeof(console));
    CHECK(raw_request(fd, message, length).status == 0, "the connection goes on after refusals");
    struct csrss_header huge = {.type = CSRSS_WRITE, .length = 60000, .request_id = 9};
    reply = raw_request(fd, &huge, sizeof(huge));
    CHECK(reply.status == -EMSGSIZE && reply.request_id == 9, "a length past the limit: EMSGSIZE");
    CHECK(recv(fd, message, 1, 0) == 0, "and csrss hangs up: the stream cannot be framed");
    close(fd);
    fd = csrss_connect();
    struct csrss_header tiny = {.type = CSRSS_WRITE, .length = 3};
    CHECK(raw_request(fd, &tiny, sizeof(tiny)).status == -EMSGSIZE,
          "a length shorter than the header: EMSGSIZE");
    close(fd);
    fd = csrss_connect();
    CHECK(send(fd, "\x02\x00", 2, 0) == 2, "half a header, then the client hangs up");
    close(fd);
}

static void busy_client(void)
{
    struct csrss_console_info info;
    int fd = csrss_connect(), failures = fd < 0;

    for (int round = 0; round < 30 && fd >= 0; round++)
        failures += csrss_console_info(fd, 1 + (unsigned)round % 4, &info) != 0 ||
                    info.console != 1 + (unsigned)round % 4 || csrss_write(fd, 2, ".", 1) != 1;
    _exit(failures);
}

static void check_many_clients(void)
{
    pid_t children[10];
    int failed = 0;

    for (int index = 0; index < 10; index++)
        if ((children[index] = fork()) == 0)
            busy_client();
    for (int index = 0; index < 10; index++) {
        int status = -1;
        waitpid(children[index], &status, 0);
        failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    CHECK(failed == 0, "10 clients at once, 60 requests each: all answered (%d failed)", failed);
}

int main(void)
{
    int fd = csrss_connect();

    CHECK(fd >= 0, "connect to %s", CSRSS_SOCKET_PATH);
    if (fd < 0)
        return check_done();
    check_consoles(fd);
    check_write_and_attributes(fd);
    check_pty_output(fd);
    check_windows(fd);
    check_window_limit(fd);
    check_dead_client(fd);
    check_kept_window(fd);
    check_bad_requests();
    check_many_clients();
    check_new_consoles(fd);
    struct csrss_console_info info;
    CHECK(csrss_console_info(fd, 1, &info) == 0, "csrss still answers the first connection");
    return check_done();
}
