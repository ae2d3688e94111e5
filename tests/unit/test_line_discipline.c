/*
 * test_line_discipline.c - host unit tests of src/fs/line_discipline.c,
 * the terminals' input editing.
 *
 * Built by `make unit` with ASan/UBSan. Bytes are typed one at a time as
 * the COM1 interrupt (or a pty master's write) would deliver them; the
 * tests check what read() would return, when readers would be woken, what
 * was echoed and which signals the terminal was asked to send.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers (src/errno.h) */
#include "fs/line_discipline.h"

static char echoed[4096];
static size_t echoed_length;
static struct line_discipline line;
static int signals[16], signal_count; /* what receive() asked for, in order */

static void record_echo(void *context, const char *text, size_t length)
{
    assert_ptr_equal(context, &line);
    assert_true(echoed_length + length < sizeof(echoed));
    memcpy(echoed + echoed_length, text, length);
    echoed_length += length;
    echoed[echoed_length] = '\0';
}

static int setup(void **state)
{
    (void)state;
    echoed_length = 0;
    echoed[0] = '\0';
    signal_count = 0;
    line_discipline_init(&line, record_echo, &line);
    return 0;
}

/* Type `text`; the number of bytes that asked for a wake-up. */
static int type(const char *text)
{
    int wakes = 0, signal;
    for (; *text; text++) {
        wakes += line_discipline_receive(&line, (uint8_t)*text, &signal);
        if (signal) {
            assert_true(signal_count < 16);
            signals[signal_count++] = signal;
        }
    }
    return wakes;
}

/* One read of at most `length` bytes, as a string (or "EAGAIN"). */
static const char *read_some(size_t length)
{
    static char buffer[2048];
    long count = line_discipline_read(&line, buffer, length);
    if (count == -EAGAIN)
        return "EAGAIN";
    assert_true(count >= 0);
    buffer[count] = '\0';
    return buffer;
}

static void test_line_is_readable_only_when_complete(void **state)
{
    (void)state;
    assert_int_equal(type("hello"), 0);
    assert_string_equal(read_some(100), "EAGAIN");
    assert_int_equal(line_discipline_readable(&line), 0);
    assert_int_equal(type("\r"), 1); /* ICRNL: Enter on a serial line */
    assert_int_equal(line_discipline_readable(&line), 6);
    assert_string_equal(read_some(100), "hello\n");
    assert_string_equal(echoed, "hello\n");
    assert_string_equal(read_some(100), "EAGAIN");
}

static void test_read_stops_at_each_line(void **state)
{
    (void)state;
    type("one\ntwo\n");
    assert_string_equal(read_some(100), "one\n");
    assert_string_equal(read_some(2), "tw");
    assert_string_equal(read_some(100), "o\n");
}

static void test_erase_and_kill(void **state)
{
    (void)state;
    type("cax\x7f\x08t");
    type("\n");
    assert_string_equal(read_some(100), "ct\n");
    assert_string_equal(echoed, "cax\b \b\b \bt\n");
    type("garbage\x15ok\n");
    assert_string_equal(read_some(100), "ok\n");
    type("\x7f\x7fx\n"); /* erasing an empty line does nothing */
    assert_string_equal(read_some(100), "x\n");
}

static void test_end_of_file(void **state)
{
    (void)state;
    assert_int_equal(type("\x04"), 1);
    assert_string_equal(read_some(100), ""); /* 0 bytes: end of file */
    assert_string_equal(read_some(100), "EAGAIN");
    type("abc\x04");
    assert_string_equal(read_some(100), "abc"); /* ^D ends the line, not returned */
    assert_string_equal(read_some(100), "EAGAIN");
    assert_string_equal(echoed, "abc");
}

static void test_raw_mode(void **state)
{
    struct freeport_termios raw = line.termios;

    (void)state;
    type("par");
    raw.lflag &= ~(uint32_t)(FP_ICANON | FP_ECHO);
    assert_true(line_discipline_set_termios(&line, &raw)); /* the partial line becomes readable */
    assert_string_equal(read_some(100), "par");
    assert_int_equal(type("x\x7f\x04"), 3);
    assert_int_equal(line_discipline_readable(&line), 3);
    assert_string_equal(read_some(100), "x\x7f\x04");
    assert_string_equal(echoed, "par"); /* echoed while still canonical */
    assert_false(line_discipline_set_termios(&line, &raw));
}

static void test_no_echo(void **state)
{
    struct freeport_termios quiet = line.termios;

    (void)state;
    quiet.lflag &= ~(uint32_t)FP_ECHO;
    line_discipline_set_termios(&line, &quiet);
    type("secret\n");
    assert_string_equal(read_some(100), "secret\n");
    assert_int_equal(echoed_length, 0);
}

static void test_carriage_return_flags(void **state)
{
    struct freeport_termios settings = line.termios;

    (void)state;
    settings.iflag = FP_IGNCR;
    line_discipline_set_termios(&line, &settings);
    type("a\rb\n");
    assert_string_equal(read_some(100), "ab\n");
    settings.iflag = 0;
    settings.lflag &= ~(uint32_t)FP_ICANON;
    line_discipline_set_termios(&line, &settings);
    type("\r");
    assert_string_equal(read_some(100), "\r");
    settings.iflag = FP_INLCR;
    line_discipline_set_termios(&line, &settings);
    type("\n");
    assert_string_equal(read_some(100), "\r");
}

/* A full line buffer keeps a byte for the newline, so the line still ends. */
static void test_full_buffer(void **state)
{
    (void)state;
    for (int i = 0; i < LINE_BUFFER_SIZE + 100; i++)
        type("z");
    assert_int_equal(line_discipline_readable(&line), 0);
    assert_int_equal(type("\n"), 1);
    assert_int_equal(line_discipline_readable(&line), LINE_BUFFER_SIZE);
    const char *got = read_some(2048);
    assert_int_equal(strlen(got), LINE_BUFFER_SIZE);
    assert_int_equal(got[LINE_BUFFER_SIZE - 1], '\n');
    assert_int_equal(type("again\n"), 1); /* the indices wrapped around */
    assert_string_equal(read_some(100), "again\n");
}

static void test_default_settings(void **state)
{
    (void)state;
    assert_true(line.termios.lflag & FP_ICANON);
    assert_true(line.termios.lflag & FP_ECHO);
    assert_true(line.termios.iflag & FP_ICRNL);
    assert_int_equal(line.termios.cc[FP_VEOF], 4);
    assert_int_equal(line.termios.cc[FP_VERASE], 0x7f);
    assert_int_equal(line.termios.cc[FP_VKILL], 0x15);
    assert_int_equal(line.termios.cc[FP_VMIN], 1);
    assert_true(line.termios.lflag & FP_ISIG);
    assert_int_equal(line.termios.cc[FP_VINTR], 3);
    assert_int_equal(line.termios.cc[FP_VQUIT], 0x1c);
    assert_int_equal(line.termios.cc[FP_VSUSP], 0x1a);
    assert_true(line.termios.oflag & FP_ONLCR);
}

/* ^C asks for SIGINT, is not input, throws the unread input away (the
 * line being edited and lines not yet read) and echoes as ^C. */
static void test_interrupt_flushes_input(void **state)
{
    (void)state;
    type("done\n");
    assert_int_equal(type("half\x03"), 0);
    assert_int_equal(signal_count, 1);
    assert_int_equal(signals[0], FP_SIGINT);
    assert_int_equal(line_discipline_readable(&line), 0);
    assert_string_equal(read_some(100), "EAGAIN");
    assert_string_equal(echoed, "done\nhalf^C");
    type("next\n");
    assert_string_equal(read_some(100), "next\n");
}

static void test_quit_and_suspend(void **state)
{
    (void)state;
    type("\x1c\x1a");
    assert_int_equal(signal_count, 2);
    assert_int_equal(signals[0], FP_SIGQUIT);
    assert_int_equal(signals[1], FP_SIGTSTP);
    assert_string_equal(echoed, "^\\^Z");
}

/* Signals work in raw mode too; without ISIG ^C is an ordinary byte. */
static void test_signals_follow_isig(void **state)
{
    struct freeport_termios settings = line.termios;

    (void)state;
    settings.lflag &= ~(uint32_t)(FP_ICANON | FP_ECHO);
    line_discipline_set_termios(&line, &settings);
    assert_int_equal(type("\x03"), 0);
    assert_int_equal(signal_count, 1);
    settings.lflag &= ~(uint32_t)FP_ISIG;
    line_discipline_set_termios(&line, &settings);
    assert_int_equal(type("\x03"), 1);
    assert_int_equal(signal_count, 1);
    assert_string_equal(read_some(100), "\x03");
}

/* NOFLSH keeps what was typed; a disabled character (0) matches nothing. */
static void test_noflsh_and_disabled_characters(void **state)
{
    struct freeport_termios settings = line.termios;

    (void)state;
    settings.lflag |= FP_NOFLSH;
    line_discipline_set_termios(&line, &settings);
    type("keep\n\x03");
    assert_int_equal(signal_count, 1);
    assert_string_equal(read_some(100), "keep\n");
    settings.cc[FP_VINTR] = 0;
    line_discipline_set_termios(&line, &settings);
    type("\x03\n");
    assert_int_equal(signal_count, 1);
    assert_string_equal(read_some(100), "\x03\n");
}

/* ECHOCTL echoes a control byte as ^X, but TAB as itself; without it the
 * byte itself is echoed. */
static void test_echo_of_control_bytes(void **state)
{
    struct freeport_termios settings = line.termios;

    (void)state;
    type("\x01\t");
    assert_string_equal(echoed, "^A\t");
    settings.lflag &= ~(uint32_t)FP_ECHOCTL;
    line_discipline_set_termios(&line, &settings);
    type("\x01");
    assert_string_equal(echoed, "^A\t\x01");
}

static void test_output_processing(void **state)
{
    struct freeport_termios settings = line.termios;
    char out[2];

    (void)state;
    assert_int_equal(line_discipline_output(&line, '\n', out), 2);
    assert_memory_equal(out, "\r\n", 2);
    assert_int_equal(line_discipline_output(&line, 'a', out), 1);
    assert_int_equal(out[0], 'a');
    settings.oflag &= ~(uint32_t)FP_OPOST;
    line_discipline_set_termios(&line, &settings);
    assert_int_equal(line_discipline_output(&line, '\n', out), 1);
    assert_int_equal(out[0], '\n');
}

/* Raw mode is full when every byte is unread; canonical mode never says
 * so (the editor drops what does not fit). */
static void test_full(void **state)
{
    struct freeport_termios settings = line.termios;

    (void)state;
    for (int i = 0; i < LINE_BUFFER_SIZE + 10; i++)
        type("c");
    assert_false(line_discipline_full(&line));
    settings.lflag &= ~(uint32_t)(FP_ICANON | FP_ECHO);
    line_discipline_set_termios(&line, &settings); /* 1023 bytes: one was kept for the newline */
    assert_false(line_discipline_full(&line));
    type("c");
    assert_true(line_discipline_full(&line));
    read_some(1);
    assert_false(line_discipline_full(&line));
}

static void test_flush(void **state)
{
    (void)state;
    type("one\ntw");
    line_discipline_flush(&line);
    assert_int_equal(line_discipline_readable(&line), 0);
    type("o\n");
    assert_string_equal(read_some(100), "o\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_line_is_readable_only_when_complete, setup),
        cmocka_unit_test_setup(test_read_stops_at_each_line, setup),
        cmocka_unit_test_setup(test_erase_and_kill, setup),
        cmocka_unit_test_setup(test_end_of_file, setup),
        cmocka_unit_test_setup(test_raw_mode, setup),
        cmocka_unit_test_setup(test_no_echo, setup),
        cmocka_unit_test_setup(test_carriage_return_flags, setup),
        cmocka_unit_test_setup(test_full_buffer, setup),
        cmocka_unit_test_setup(test_default_settings, setup),
        cmocka_unit_test_setup(test_interrupt_flushes_input, setup),
        cmocka_unit_test_setup(test_quit_and_suspend, setup),
        cmocka_unit_test_setup(test_signals_follow_isig, setup),
        cmocka_unit_test_setup(test_noflsh_and_disabled_characters, setup),
        cmocka_unit_test_setup(test_echo_of_control_bytes, setup),
        cmocka_unit_test_setup(test_output_processing, setup),
        cmocka_unit_test_setup(test_full, setup),
        cmocka_unit_test_setup(test_flush, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
