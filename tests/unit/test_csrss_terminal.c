/*
 * test_csrss_terminal.c - host unit tests of csrss's terminal emulator
 * (userland/bin/csrss/terminal.c) and its cell grid (text_area.c).
 *
 * Built by `make unit` with ASan/UBSan. Bytes are written to a small
 * terminal (5 rows of 10 columns, so wrapping and scrolling are quick to
 * reach) and the tests read back rows of characters, attributes and the
 * cursor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "terminal.h"

#define ROWS    5
#define COLUMNS 10

static struct terminal terminal;
static struct text_cell cells[ROWS * COLUMNS];

static int setup(void **state)
{
    (void)state;
    terminal_init(&terminal, cells, ROWS, COLUMNS);
    return 0;
}

static void write_text(const char *text)
{
    terminal_write(&terminal, text, strlen(text));
}

/* Row `row`'s characters as a string. */
static const char *row_text(int row)
{
    static char text[COLUMNS + 1];

    for (int column = 0; column < COLUMNS; column++)
        text[column] = (char)text_area_cell(&terminal.area, row, column)->character;
    text[COLUMNS] = '\0';
    return text;
}

static uint8_t attribute_at(int row, int column)
{
    return text_area_cell(&terminal.area, row, column)->attribute;
}

static void assert_cursor(int row, int column)
{
    assert_int_equal(terminal.area.row, row);
    assert_int_equal(terminal.area.column, column);
}

static void test_starts_blank_with_cursor_home(void **state)
{
    (void)state;
    for (int row = 0; row < ROWS; row++)
        assert_string_equal(row_text(row), "          ");
    assert_int_equal(attribute_at(4, 9), TEXT_ATTRIBUTE_DEFAULT);
    assert_cursor(0, 0);
    assert_true(terminal.area.cursor_visible);
}

static void test_text_and_line_controls(void **state)
{
    (void)state;
    write_text("ab\r\ncd\rX\tY");
    assert_string_equal(row_text(0), "ab        ");
    assert_string_equal(row_text(1), "Xd      Y ");
    assert_cursor(1, 9);
    write_text("\b\bZ");
    assert_string_equal(row_text(1), "Xd     ZY ");
    write_text("\r\b\b");
    assert_cursor(1, 0); /* backspace stops at the margin */
    write_text("\a\x01\x7f");
    assert_cursor(1, 0); /* other controls are ignored */
    assert_string_equal(row_text(1), "Xd     ZY ");
}

static void test_line_feed_keeps_column(void **state)
{
    (void)state;
    write_text("abc\ndef");
    assert_string_equal(row_text(0), "abc       ");
    assert_string_equal(row_text(1), "   def    ");
}

static void test_wrap_is_deferred_at_last_column(void **state)
{
    (void)state;
    write_text("0123456789");
    assert_cursor(0, 9);
    assert_true(terminal.area.pending_wrap);
    assert_string_equal(row_text(1), "          "); /* a full line does not open the next */
    write_text("A");
    assert_string_equal(row_text(1), "A         ");
    assert_cursor(1, 1);
    write_text("\r\n0123456789\r\n");
    assert_cursor(3, 0); /* CR cancels the pending wrap: one line, not two */
}

static void test_scrolls_at_the_bottom(void **state)
{
    (void)state;
    write_text("one\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix");
    assert_string_equal(row_text(0), "two       ");
    assert_string_equal(row_text(3), "five      ");
    assert_string_equal(row_text(4), "six       ");
    assert_cursor(4, 3);
    write_text("\x1b[44m\r\n"); /* the new line takes the current background */
    assert_int_equal(attribute_at(4, 0), 0x17);
}

static void test_cursor_movement(void **state)
{
    (void)state;
    write_text("\x1b[3;4H*");
    assert_string_equal(row_text(2), "   *      ");
    write_text("\x1b[A\x1b[2D+");
    assert_string_equal(row_text(1), "  +       ");
    write_text("\x1b[B\x1b[3C-");
    assert_string_equal(row_text(2), "   *  -   ");
    write_text("\x1b[H");
    assert_cursor(0, 0);
    write_text("\x1b[99;99f");
    assert_cursor(4, 9); /* clamped */
    write_text("\x1b[99A\x1b[99D");
    assert_cursor(0, 0);
    write_text("\x1b[0;0H\x1b[0C");
    assert_cursor(0, 1); /* 0 counts as 1 */
}

static void fill(void)
{
    for (int row = 0; row < ROWS; row++) {
        write_text("\x1b[1;1H");
        terminal.area.row = row;
        write_text("abcdefghij");
    }
}

static void test_erase_in_display(void **state)
{
    (void)state;
    fill();
    write_text("\x1b[2;3H\x1b[J");
    assert_string_equal(row_text(0), "abcdefghij");
    assert_string_equal(row_text(1), "ab        ");
    assert_string_equal(row_text(2), "          ");
    fill();
    write_text("\x1b[2;3H\x1b[1J");
    assert_string_equal(row_text(0), "          ");
    assert_string_equal(row_text(1), "   defghij");
    assert_string_equal(row_text(4), "abcdefghij");
    write_text("\x1b[2J");
    for (int row = 0; row < ROWS; row++)
        assert_string_equal(row_text(row), "          ");
    assert_cursor(1, 2); /* ED does not move the cursor */
}

static void test_erase_in_line(void **state)
{
    (void)state;
    fill();
    write_text("\x1b[1;4H\x1b[K");
    assert_string_equal(row_text(0), "abc       ");
    write_text("\x1b[2;4H\x1b[1K");
    assert_string_equal(row_text(1), "    efghij");
    write_text("\x1b[3;4H\x1b[2K");
    assert_string_equal(row_text(2), "          ");
    write_text("\x1b[4;4H\x1b[7K"); /* unknown mode: nothing */
    assert_string_equal(row_text(3), "abcdefghij");
}

static void test_colours(void **state)
{
    (void)state;
    write_text("\x1b[31mr\x1b[1;42mg\x1b[0mn\x1b[7mv\x1b[27;94;100mb\x1b[39;49md");
    assert_int_equal(attribute_at(0, 0), 0x04); /* red on black */
    assert_int_equal(attribute_at(0, 1), 0x2c); /* bright red on green */
    assert_int_equal(attribute_at(0, 2), 0x07);
    assert_int_equal(attribute_at(0, 3), 0x70); /* reversed */
    assert_int_equal(attribute_at(0, 4), 0x09); /* bright blue; bright backgrounds are not (they blink) */
    assert_int_equal(attribute_at(0, 5), 0x07);
    terminal_set_attribute(&terminal, 0x1e);
    write_text("s");
    assert_int_equal(attribute_at(0, 6), 0x1e);
    assert_int_equal(terminal_attribute(&terminal), 0x1e);
}

static void test_reset_returns_to_normal_colours(void **state)
{
    (void)state;
    terminal_set_attribute(&terminal, 0x9e); /* the blink bit is dropped */
    write_text("\x1b[31;40ma\x1b[0mb\x1b[32;44mc\x1b[39md\x1b[49me");
    assert_int_equal(attribute_at(0, 0), 0x04);
    assert_int_equal(attribute_at(0, 1), 0x1e);
    assert_int_equal(attribute_at(0, 2), 0x12);
    assert_int_equal(attribute_at(0, 3), 0x1e);
    assert_int_equal(attribute_at(0, 4), 0x1e);
    write_text("\x1b[35m\x1b"
               "c");
    assert_int_equal(terminal_attribute(&terminal), 0x1e); /* ESC c keeps the normal colours */
    assert_int_equal(attribute_at(0, 0), 0x1e);
}

static void test_cursor_visibility(void **state)
{
    (void)state;
    write_text("\x1b[?25l");
    assert_false(terminal.area.cursor_visible);
    write_text("\x1b[?25h");
    assert_true(terminal.area.cursor_visible);
    write_text("\x1b[?7l\x1b[25l"); /* other private modes; 25 without '?' */
    assert_true(terminal.area.cursor_visible);
}

static void test_unknown_and_broken_sequences_print_nothing(void **state)
{
    (void)state;
    write_text("\x1b[5Xa\x1b]b\x1b(Bc\x1b[0;0;0;0;0;0;0;0;44md");
    assert_string_equal(row_text(0), "abcd      ");
    assert_int_equal(attribute_at(0, 3), 0x07); /* the ninth parameter was dropped */
    write_text("\x1b[12\x1b[31me");             /* an ESC in a sequence starts a new one */
    assert_int_equal(attribute_at(0, 4), 0x04);
    write_text("\x1b[999999999999999999;5H");
    assert_cursor(4, 4); /* a huge parameter is capped */
    write_text("\x1b[1;1H\x1b[\n5Cx");
    assert_string_equal(row_text(1), "     x    "); /* LF inside the sequence still acts */
    assert_cursor(1, 6);
}

static void test_reset(void **state)
{
    (void)state;
    write_text("\x1b[31mtext\x1b[?25l\x1b"
               "c");
    assert_string_equal(row_text(0), "          ");
    assert_cursor(0, 0);
    assert_true(terminal.area.cursor_visible);
    assert_int_equal(terminal_attribute(&terminal), TEXT_ATTRIBUTE_DEFAULT);
}

static void test_text_area_clamps_erase_and_move(void **state)
{
    (void)state;
    fill();
    text_area_erase(&terminal.area, -5, -5, 0, 2, 0x07);
    assert_string_equal(row_text(0), "   defghij");
    text_area_erase(&terminal.area, 4, 8, 99, 99, 0x07);
    assert_string_equal(row_text(4), "abcdefgh  ");
    text_area_move(&terminal.area, -1, 100);
    assert_cursor(0, 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_starts_blank_with_cursor_home, setup),
        cmocka_unit_test_setup(test_text_and_line_controls, setup),
        cmocka_unit_test_setup(test_line_feed_keeps_column, setup),
        cmocka_unit_test_setup(test_wrap_is_deferred_at_last_column, setup),
        cmocka_unit_test_setup(test_scrolls_at_the_bottom, setup),
        cmocka_unit_test_setup(test_cursor_movement, setup),
        cmocka_unit_test_setup(test_erase_in_display, setup),
        cmocka_unit_test_setup(test_erase_in_line, setup),
        cmocka_unit_test_setup(test_colours, setup),
        cmocka_unit_test_setup(test_reset_returns_to_normal_colours, setup),
        cmocka_unit_test_setup(test_cursor_visibility, setup),
        cmocka_unit_test_setup(test_unknown_and_broken_sequences_print_nothing, setup),
        cmocka_unit_test_setup(test_reset, setup),
        cmocka_unit_test_setup(test_text_area_clamps_erase_and_move, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
