/*
 * line_discipline.c - terminal input editing (see line_discipline.h).
 *
 * Layer: files (pure). The caller serialises calls: terminal.c runs them
 * with interrupts off (the console's input arrives in the COM1 interrupt).
 */
#include "errno.h"
#include "fs/line_discipline.h"
#include "lib/string.h"

#define CONTROL(letter) ((letter) - '@')
#define BACKSPACE       0x08
#define DELETE          0x7f

void line_discipline_init(struct line_discipline *line, line_echo_function *echo, void *echo_context)
{
    memset(line, 0, sizeof(*line));
    line->termios.iflag = FP_ICRNL;
    line->termios.oflag = FP_OPOST | FP_ONLCR;
    line->termios.cflag = FP_CS8;
    line->termios.lflag = FP_ISIG | FP_ICANON | FP_ECHO | FP_ECHOE | FP_ECHOCTL;
    line->termios.cc[FP_VINTR] = CONTROL('C');
    line->termios.cc[FP_VQUIT] = CONTROL('\\');
    line->termios.cc[FP_VERASE] = DELETE;
    line->termios.cc[FP_VKILL] = CONTROL('U');
    line->termios.cc[FP_VEOF] = CONTROL('D');
    line->termios.cc[FP_VMIN] = 1;
    line->termios.cc[FP_VSUSP] = CONTROL('Z');
    line->echo = echo;
    line->echo_context = echo_context;
}

static bool canonical(const struct line_discipline *line)
{
    return line->termios.lflag & FP_ICANON;
}

static void echo(struct line_discipline *line, const char *text, size_t length)
{
    if ((line->termios.lflag & FP_ECHO) && line->echo)
        line->echo(line->echo_context, text, length);
}

/* A control byte (not TAB or NL) is echoed as ^X with FP_ECHOCTL. */
static void echo_byte(struct line_discipline *line, char c)
{
    uint8_t byte = (uint8_t)c;

    if ((line->termios.lflag & FP_ECHOCTL) && (byte < 0x20 || byte == DELETE) && c != '\t' && c != '\n') {
        char caret[2] = {'^', (char)(byte ^ 0x40)};
        echo(line, caret, 2);
    } else {
        echo(line, &c, 1);
    }
}

static uint32_t used(const struct line_discipline *line)
{
    return line->edit_index - line->read_index;
}

static void append(struct line_discipline *line, char c)
{
    line->buffer[line->edit_index++ % LINE_BUFFER_SIZE] = c;
}

static bool erase_one(struct line_discipline *line)
{
    if (line->edit_index == line->commit_index)
        return false;
    line->edit_index--;
    echo(line, "\b \b", 3);
    return true;
}

/* The byte after input translation, or -1 to drop it. */
static int translate(const struct line_discipline *line, uint8_t byte)
{
    uint32_t iflag = line->termios.iflag;

    if (byte == '\r' && (iflag & FP_IGNCR))
        return -1;
    if (byte == '\r' && (iflag & FP_ICRNL))
        return '\n';
    if (byte == '\n' && (iflag & FP_INLCR))
        return '\r';
    return byte;
}

/* The signal `byte` stands for under FP_ISIG, or 0. A cc entry of 0
 * (_POSIX_VDISABLE) matches nothing. */
static int signal_of(const struct line_discipline *line, uint8_t byte)
{
    const uint8_t *cc = line->termios.cc;

    if (!(line->termios.lflag & FP_ISIG) || byte == 0)
        return 0;
    if (byte == cc[FP_VINTR])
        return FP_SIGINT;
    if (byte == cc[FP_VQUIT])
        return FP_SIGQUIT;
    if (byte == cc[FP_VSUSP])
        return FP_SIGTSTP;
    return 0;
}

/* A line ends (newline or EOF): it becomes readable. */
static bool end_line(struct line_discipline *line, char c)
{
    if (used(line) == LINE_BUFFER_SIZE)
        return false;
    append(line, c);
    line->commit_index = line->edit_index;
    return true;
}

static bool receive_canonical(struct line_discipline *line, char c)
{
    const uint8_t *cc = line->termios.cc;

    if ((uint8_t)c == cc[FP_VERASE] || c == BACKSPACE) {
        erase_one(line);
        return false;
    }
    if ((uint8_t)c == cc[FP_VKILL]) {
        while (erase_one(line))
            ;
        return false;
    }
    if ((uint8_t)c == cc[FP_VEOF])
        return end_line(line, c);
    if (c == '\n') {
        echo(line, "\n", 1);
        return end_line(line, c);
    }
    if (used(line) < LINE_BUFFER_SIZE - 1) {
        append(line, c);
        echo_byte(line, c);
    }
    return false;
}

bool line_discipline_receive(struct line_discipline *line, uint8_t byte, int *signal)
{
    int translated = translate(line, byte);
    char c = (char)translated;

    *signal = translated < 0 ? 0 : signal_of(line, (uint8_t)translated);
    if (*signal) {
        if (!(line->termios.lflag & FP_NOFLSH))
            line_discipline_flush(line);
        echo_byte(line, c);
        return false;
    }
    if (translated < 0)
        return false;
    if (canonical(line))
        return receive_canonical(line, c);
    if (used(line) == LINE_BUFFER_SIZE)
        return false;
    append(line, c);
    echo_byte(line, c);
    line->commit_index = line->edit_index;
    return true;
}

/* In canonical mode a read stops after a newline, and an EOF byte is taken
 * but not returned: "abc^D" reads as "abc", a lone ^D as 0 bytes. */
long line_discipline_read(struct line_discipline *line, char *buffer, size_t length)
{
    size_t count = 0;

    if (line->read_index == line->commit_index)
        return -EAGAIN;
    while (count < length && line->read_index != line->commit_index) {
        char c = line->buffer[line->read_index++ % LINE_BUFFER_SIZE];
        if (canonical(line) && (uint8_t)c == line->termios.cc[FP_VEOF])
            break;
        buffer[count++] = c;
        if (canonical(line) && c == '\n')
            break;
    }
    return (long)count;
}

size_t line_discipline_readable(const struct line_discipline *line)
{
    return line->commit_index - line->read_index;
}

bool line_discipline_full(const struct line_discipline *line)
{
    return !canonical(line) && used(line) == LINE_BUFFER_SIZE;
}

bool line_discipline_set_termios(struct line_discipline *line, const struct freeport_termios *termios)
{
    bool was_canonical = canonical(line);

    line->termios = *termios;
    if (!was_canonical || canonical(line) || line->commit_index == line->edit_index)
        return false;
    line->commit_index = line->edit_index;
    return true;
}

size_t line_discipline_output(const struct line_discipline *line, char byte, char out[2])
{
    uint32_t oflag = line->termios.oflag;

    if (byte == '\n' && (oflag & FP_OPOST) && (oflag & FP_ONLCR)) {
        out[0] = '\r';
        out[1] = '\n';
        return 2;
    }
    out[0] = byte;
    return 1;
}

void line_discipline_flush(struct line_discipline *line)
{
    line->read_index = line->commit_index = line->edit_index;
}
