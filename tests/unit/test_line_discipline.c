/*
 * test_line_discipline.c - host unit tests of src/fs/line_discipline.c,
 * the console's input editing.
 *
 * Built by `make unit` with ASan/UBSan. Bytes are typed one at a time as
 * the COM1 interrupt would deliver them; the tests check what read()
 * would return, when readers would be woken, and what was echoed.
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

static void record_echo(const char *text, size_t length)
{
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
    line_discipline_init(&line, record_echo);
    return 0;
}

/* Type `text`; the number of bytes that asked for a wake-up. */
static int type(const char *text)
{
    int wakes = 0;
    for (; *text; text++)
        wakes += line_discipline_receive(&line, (uint8_t)*text);
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
        line_discipline_receive(&line, 'z');
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
