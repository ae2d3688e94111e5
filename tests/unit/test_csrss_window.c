/*
 * test_csrss_window.c - host unit tests of csrss's windows and compositor
 * (userland/bin/csrss/window.c, over terminal.c and text_area.c).
 *
 * Built by `make unit` with ASan/UBSan. A console's text is a terminal on
 * an 80x25 grid; windows are created over it and the composed screen is
 * read back as text, with the box characters shown as + - | (the SDK's
 * csrss_cell_text, as conwin prints them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers, as the code under test sees them */
#include "window.h"
#include <freeport/csrss.h> /* csrss_cell_text: borders as + - | */

static struct window_table table;
static struct terminal console;
static struct text_cell console_cells[SCREEN_ROWS * SCREEN_COLUMNS];
static struct text_cell screen[SCREEN_ROWS * SCREEN_COLUMNS];

static int setup(void **state)
{
    (void)state;
    window_table_init(&table);
    terminal_init(&console, console_cells, SCREEN_ROWS, SCREEN_COLUMNS);
    const char *text = "$ ls\r\nfile-one file-two\r\n$ ";
    terminal_write(&console, text, strlen(text));
    return 0;
}

/* Columns [column, column + length) of the composed row `row` as text. */
static const char *composed(int row, int column, int length)
{
    static char text[SCREEN_COLUMNS + 1];

    window_compose(&table, 1, &console.area, screen);
    for (int index = 0; index < length; index++)
        text[index] = csrss_cell_text(screen[row * SCREEN_COLUMNS + column + index].character);
    text[length] = '\0';
    return text;
}

static long create(int x, int y, int width, int height, const char *title)
{
    struct window_geometry geometry = {x, y, width, height};

    return window_create(&table, 1, 7, geometry, 0x1f, title, strlen(title));
}

static void test_window_drawn_with_border_and_title(void **state)
{
    (void)state;
    long id = create(2, 0, 12, 4, "Logs");
    assert_true(id > 0);
    assert_string_equal(composed(0, 0, 16), "$ +-Logs-----+  ");
    assert_string_equal(composed(1, 0, 16), "fi|          |tw");
    assert_string_equal(composed(3, 0, 16), "  +----------+  ");
    assert_int_equal(screen[0 * SCREEN_COLUMNS + 2].attribute, 0x1f);
    assert_int_equal(screen[1 * SCREEN_COLUMNS + 3].attribute, 0x1f); /* the inside too */
}

static void test_write_wraps_and_scrolls_inside(void **state)
{
    (void)state;
    uint32_t id = (uint32_t)create(0, 5, 7, 4, "w");
    struct window *window = window_find(&table, id);
    assert_non_null(window);
    terminal_write(&window->inside, "abcdefgh\r\nij", 12);
    assert_string_equal(composed(6, 0, 7), "|fgh  |");
    assert_string_equal(composed(7, 0, 7), "|ij   |");
    assert_string_equal(composed(8, 0, 7), "+-----+"); /* nothing spilled out */
    assert_string_equal(composed(9, 0, 7), "       ");
}

static void test_window_colours_are_its_normal_ones(void **state)
{
    (void)state;
    uint32_t id = (uint32_t)create(0, 0, 10, 3, "");
    const char *text = "\x1b[31ma\x1b[0mb";
    terminal_write(&window_find(&table, id)->inside, text, strlen(text));
    assert_string_equal(composed(1, 0, 4), "|ab ");
    assert_int_equal(screen[SCREEN_COLUMNS + 1].attribute, 0x14);
    assert_int_equal(screen[SCREEN_COLUMNS + 2].attribute, 0x1f); /* SGR 0: the window's colours */
}

static void test_close_restores_what_was_under(void **state)
{
    (void)state;
    long id = create(0, 0, 20, 3, "cover");
    assert_string_equal(composed(1, 0, 20), "|                  |");
    terminal_write(&console, "ls", 2); /* the console keeps going under the window */
    assert_int_equal(window_close(&table, (uint32_t)id), 0);
    assert_string_equal(composed(0, 0, 6), "$ ls  ");
    assert_string_equal(composed(1, 0, 17), "file-one file-two");
    assert_string_equal(composed(2, 0, 4), "$ ls");
    assert_int_equal(window_close(&table, (uint32_t)id), -ENOENT);
    assert_null(window_find(&table, (uint32_t)id));
}

static void test_newest_window_on_top(void **state)
{
    (void)state;
    long bottom = create(0, 0, 10, 5, "A");
    long top = create(5, 2, 10, 5, "B");
    assert_string_equal(composed(2, 0, 15), "|    +-B------+");
    assert_int_equal(window_close(&table, (uint32_t)top), 0);
    assert_string_equal(composed(2, 0, 15), "|        |     ");
    assert_string_equal(composed(1, 0, 15), "|        |ile-t");
    window_close(&table, (uint32_t)bottom);
    assert_int_equal(table.count, 0);
}

static void test_windows_only_on_their_console(void **state)
{
    (void)state;
    struct window_geometry geometry = {0, 0, 5, 3};
    assert_true(window_create(&table, 2, 7, geometry, 0x1f, "", 0) > 0);
    assert_string_equal(composed(0, 0, 4), "$ ls");
}

static void test_geometry_checked(void **state)
{
    (void)state;
    assert_int_equal(create(-1, 0, 5, 5, ""), -EINVAL);
    assert_int_equal(create(0, -1, 5, 5, ""), -EINVAL);
    assert_int_equal(create(0, 0, 2, 5, ""), -EINVAL);
    assert_int_equal(create(0, 0, 5, 2, ""), -EINVAL);
    assert_int_equal(create(76, 0, 5, 5, ""), -EINVAL);
    assert_int_equal(create(0, 21, 5, 5, ""), -EINVAL);
    assert_int_equal(create(0, 0, 80000, 5, ""), -EINVAL);
    assert_true(create(75, 20, 5, 5, "") > 0);
    assert_true(create(0, 0, 80, 25, "") > 0);
    assert_true(create(0, 0, 3, 3, "a title that cannot fit") > 0);
    assert_string_equal(composed(0, 0, 3), "+-+");
}

static void test_title_cut_and_cleaned(void **state)
{
    (void)state;
    long id = create(0, 0, 10, 3, "ab\x1b[31mcdefghij");
    assert_string_equal(window_find(&table, (uint32_t)id)->title, "ab[31m");
    assert_string_equal(composed(0, 0, 10), "+-ab[31m-+");
}

static void test_table_full_and_close_owned(void **state)
{
    (void)state;
    struct window_geometry geometry = {0, 0, 3, 3};
    for (int index = 0; index < WINDOW_MAX - 1; index++)
        assert_true(create(0, 0, 3, 3, "") > 0);
    assert_true(window_create(&table, 1, 8, geometry, 0x07, "", 0) > 0);
    assert_int_equal(create(0, 0, 3, 3, ""), -ENOSPC);
    assert_int_equal(window_close_owned(&table, 7), WINDOW_MAX - 1);
    assert_int_equal(table.count, 1);
    assert_int_equal(window_close_owned(&table, 7), 0);
    assert_true(create(0, 0, 3, 3, "") > 0);
}

static void test_ids_not_reused(void **state)
{
    (void)state;
    long first = create(0, 0, 3, 3, "");
    window_close(&table, (uint32_t)first);
    long second = create(0, 0, 3, 3, "");
    assert_true(second > first);
    assert_null(window_find(&table, 0));
    assert_int_equal(window_close(&table, 0), -ENOENT);
    table.next_id = UINT32_MAX;
    assert_int_equal(create(0, 0, 3, 3, ""), (long)UINT32_MAX);
    assert_int_equal(create(0, 0, 3, 3, ""), 1); /* the counter skips 0 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_window_drawn_with_border_and_title, setup),
        cmocka_unit_test_setup(test_write_wraps_and_scrolls_inside, setup),
        cmocka_unit_test_setup(test_window_colours_are_its_normal_ones, setup),
        cmocka_unit_test_setup(test_close_restores_what_was_under, setup),
        cmocka_unit_test_setup(test_newest_window_on_top, setup),
        cmocka_unit_test_setup(test_windows_only_on_their_console, setup),
        cmocka_unit_test_setup(test_geometry_checked, setup),
        cmocka_unit_test_setup(test_title_cut_and_cleaned, setup),
        cmocka_unit_test_setup(test_table_full_and_close_owned, setup),
        cmocka_unit_test_setup(test_ids_not_reused, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
