/*
 * conwin - the console server from the command line, for scripts and
 * tests (docs/csrss.md):
 *
 *   conwin info N                      console N: slave path, size, cursor
 *   conwin new                         create a console; prints its number
 *   conwin print N TEXT                TEXT onto console N's screen
 *   conwin read N                      what console N shows, as 25 lines
 *   conwin switch N                    show console N
 *   conwin colour N ATTR               new text on N in VGA colours ATTR (0x1e)
 *   conwin cursor N ROW COLUMN         move N's cursor (0-based)
 *   conwin cursor N show|hide
 *   conwin window N X Y W H TITLE [ATTR]
 *                                      open a window on N; prints its number
 *   conwin write WINDOW TEXT           TEXT into a window
 *   conwin close WINDOW                close it
 *
 * Layer: user program, a csrss client (<freeport/csrss.h>). TEXT takes the
 * escapes \n (a new line: CR LF, as a tty sends it), \r \t \e (ESC) \\;
 * "-" means standard input (sent as it is). A window conwin opens is kept
 * (CSRSS_WINDOW_KEEP): it stays after conwin exits, until `conwin close`.
 * `read` prints each cell through csrss_cell_text (window borders as
 * + - |, other bytes outside ASCII as '?') and drops trailing blanks.
 * Exit status: 0, 1 when csrss refused or failed, 2 for bad usage.
 */
#include <err.h>
#include <errno.h>
#include <freeport/csrss.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXT_MAX (CSRSS_MESSAGE_MAX - 64)

struct command {
    const char *name;
    int arguments; /* how many follow the name */
    int (*run)(int fd, char **arguments);
};

static unsigned long number(const char *text)
{
    char *end;
    errno = 0;
    unsigned long value = strtoul(text, &end, 0);

    if (errno != 0 || end == text || *end != '\0' || value > UINT32_MAX)
        errx(2, "'%s' is not a number", text);
    return value;
}

/* The byte an escape \`letter` stands for (\n is handled by decode). */
static char escaped(char letter)
{
    switch (letter) {
    case 'r': return '\r';
    case 't': return '\t';
    case 'e': return '\x1b';
    default: return letter;
    }
}

/* TEXT with its escapes decoded into `out` (TEXT_MAX bytes); its length.
 * \n becomes CR LF, as a terminal's output processing sends a newline. */
static size_t decode(const char *text, char *out)
{
    size_t length = 0;

    for (; *text && length < TEXT_MAX - 1; text++) {
        if (*text != '\\' || text[1] == '\0') {
            out[length++] = *text;
        } else if (*++text == 'n') {
            out[length++] = '\r';
            out[length++] = '\n';
        } else {
            out[length++] = escaped(*text);
        }
    }
    return length;
}

/* TEXT, or standard input for "-": its length in `out`. */
static size_t text_argument(const char *text, char *out)
{
    if (strcmp(text, "-") != 0)
        return decode(text, out);
    size_t length = 0;
    ssize_t got;
    while (length < TEXT_MAX && (got = read(STDIN_FILENO, out + length, TEXT_MAX - length)) > 0)
        length += (size_t)got;
    return length;
}

static int show_info(int fd, char **arguments)
{
    struct csrss_console_info info;

    if (csrss_console_info(fd, (uint32_t)number(arguments[0]), &info) != 0)
        return -1;
    printf("console %u: %s %ux%u cursor %u,%u%s%s\n", info.console, info.slave_path, info.columns, info.rows,
           info.cursor_row, info.cursor_column, info.cursor_visible ? "" : " hidden",
           info.active ? " active" : "");
    return 0;
}

static int new_console(int fd, char **arguments)
{
    (void)arguments;
    int console = csrss_create_console(fd);

    if (console < 0)
        return -1;
    printf("%d\n", console);
    return 0;
}

/* TEXT (arguments[1]) to the console or window numbered arguments[0]. */
static int send_text(int fd, char **arguments, long (*send)(int, uint32_t, const void *, size_t))
{
    char text[TEXT_MAX];
    size_t length = text_argument(arguments[1], text);

    return send(fd, (uint32_t)number(arguments[0]), text, length) < 0 ? -1 : 0;
}

static int print_text(int fd, char **arguments)
{
    return send_text(fd, arguments, csrss_write);
}

static int read_screen(int fd, char **arguments)
{
    static struct csrss_screen screen;

    if (csrss_read_screen(fd, (uint32_t)number(arguments[0]), &screen) != 0)
        return -1;
    for (int row = 0; row < screen.rows; row++) {
        char line[CSRSS_COLUMNS + 1];
        int length = 0;
        for (int column = 0; column < screen.columns; column++) {
            line[column] = csrss_cell_text(screen.cells[row * screen.columns + column].character);
            if (line[column] != ' ')
                length = column + 1;
        }
        printf("%.*s\n", length, line);
    }
    return 0;
}

static int switch_console(int fd, char **arguments)
{
    return csrss_switch(fd, (uint32_t)number(arguments[0]));
}

static int set_colour(int fd, char **arguments)
{
    struct csrss_attributes_request request = {.console = (uint32_t)number(arguments[0]),
                                               .flags = CSRSS_SET_COLOUR,
                                               .attribute = (uint8_t)number(arguments[1])};

    return csrss_set_attributes(fd, &request);
}

static int set_cursor(int fd, char **arguments)
{
    struct csrss_attributes_request request = {.console = (uint32_t)number(arguments[0])};
    bool show = strcmp(arguments[1], "show") == 0;

    if (show || strcmp(arguments[1], "hide") == 0) {
        request.flags = CSRSS_SET_CURSOR_VISIBLE;
        request.cursor_visible = show;
    } else if (arguments[2]) {
        request.flags = CSRSS_SET_CURSOR;
        request.cursor_row = (uint16_t)number(arguments[1]);
        request.cursor_column = (uint16_t)number(arguments[2]);
    } else {
        errx(2, "usage: conwin cursor N ROW COLUMN | conwin cursor N show|hide");
    }
    return csrss_set_attributes(fd, &request);
}

static int open_window(int fd, char **arguments)
{
    struct csrss_window_create_request request = {
        .console = (uint32_t)number(arguments[0]),
        .x = (uint16_t)number(arguments[1]),
        .y = (uint16_t)number(arguments[2]),
        .width = (uint16_t)number(arguments[3]),
        .height = (uint16_t)number(arguments[4]),
        .attribute = arguments[6] ? (uint8_t)number(arguments[6]) : 0x1f,
        .flags = CSRSS_WINDOW_KEEP,
    };
    long window = csrss_window_create(fd, &request, arguments[5]);

    if (window < 0)
        return -1;
    printf("%ld\n", window);
    return 0;
}

static int write_window(int fd, char **arguments)
{
    return send_text(fd, arguments, csrss_window_write);
}

static int close_window(int fd, char **arguments)
{
    return csrss_window_close(fd, (uint32_t)number(arguments[0]));
}

static const struct command commands[] = {
    {"info", 1, show_info},     {"new", 0, new_console},       {"print", 2, print_text},
    {"read", 1, read_screen},   {"switch", 1, switch_console}, {"colour", 2, set_colour},
    {"cursor", 2, set_cursor},  {"cursor", 3, set_cursor},     {"window", 6, open_window},
    {"window", 7, open_window}, {"write", 2, write_window},    {"close", 1, close_window},
};

/* The command `name` taking `count` arguments. */
static const struct command *find_command(const char *name, int count)
{
    for (size_t index = 0; index < sizeof(commands) / sizeof(commands[0]); index++)
        if (strcmp(name, commands[index].name) == 0 && count == commands[index].arguments)
            return &commands[index];
    errx(2, "usage: conwin info|new|print|read|switch|colour|cursor|window|write|close ... (docs/csrss.md)");
}

int main(int argc, char **argv)
{
    const struct command *command = find_command(argc > 1 ? argv[1] : "", argc - 2);
    int fd = csrss_connect();

    if (fd < 0)
        err(1, "%s", CSRSS_SOCKET_PATH);
    if (command->run(fd, argv + 2) != 0)
        err(1, "%s", command->name);
    return 0;
}
