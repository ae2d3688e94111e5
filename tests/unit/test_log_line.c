/*
 * test_log_line.c - host unit tests of userland/lib/log_line.c: a record's
 * line in /var/log/messages, formatted and parsed back, and every kind of
 * damaged line refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "log_line.h"

static void a_line_has_the_documented_fields(void **state)
{
    struct logd_record record = {.timestamp_ns = 1763726400000123456ull,
                                 .pid = 12,
                                 .level = LOGD_LEVEL_INFO,
                                 .sequence = 7,
                                 .tag = "flood",
                                 .message = "record 7"};
    char line[LOG_LINE_MAX];

    (void)state;
    size_t length = log_line_format(&record, line, sizeof(line));
    assert_int_equal(length, strlen(line));
    assert_string_equal(line, "1763726400.000123456 12 info 7 flood record 7\n");
}

static void round_trip_and_cleaning(void **state)
{
    struct logd_record record = {.timestamp_ns = 5,
                                 .pid = 1,
                                 .level = 0,
                                 .sequence = 4000000000u,
                                 .tag = "my tag\t",
                                 .message = "two\nlines and\ttab"},
                       back;
    char line[LOG_LINE_MAX];

    (void)state;
    size_t length = log_line_format(&record, line, sizeof(line));
    assert_string_equal(line, "0.000000005 1 emerg 4000000000 my_tag_ two lines and tab\n");
    assert_int_equal(log_line_parse(line, length, &back), 0);
    assert_int_equal(back.timestamp_ns, 5);
    assert_int_equal(back.pid, 1);
    assert_int_equal(back.level, 0);
    assert_int_equal(back.sequence, 4000000000u);
    assert_string_equal(back.tag, "my_tag_");
    assert_string_equal(back.message, "two lines and tab");
    assert_int_equal(log_line_parse(line, length - 1, &back), 0); /* without its newline */
    assert_int_equal(log_line_format(&record, line, 20), 0);
}

static void an_empty_message_survives(void **state)
{
    struct logd_record record = {.level = LOGD_LEVEL_DEBUG, .tag = "t"}, back;
    char line[LOG_LINE_MAX];

    (void)state;
    size_t length = log_line_format(&record, line, sizeof(line));
    assert_int_equal(log_line_parse(line, length, &back), 0);
    assert_string_equal(back.message, "");
}

static void damaged_lines_are_refused(void **state)
{
    const char *bad[] = {
        "",
        "1.000000000 12 info 7 flood",  /* no message field */
        "1.00000000 12 info 7 flood x", /* 8 digits of nanoseconds */
        "1 12 info 7 flood x",          /* no fraction */
        "x.000000000 12 info 7 flood x",
        "1.000000000 -1 info 7 flood x",
        "1.000000000 12 loud 7 flood x",
        "1.000000000 12 info 4294967296 flood x", /* sequence > 32 bits */
        "1.000000000 12 info 7  x",               /* empty tag */
        "99999999999999999999.000000000 1 info 1 t x",
        "1.000000000 12 info 7 averyveryveryverylongtagthatisover31 x",
    };
    struct logd_record record;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(log_line_parse(bad[i], strlen(bad[i]), &record), -1);
}

static void levels_by_name_or_number(void **state)
{
    (void)state;
    assert_int_equal(log_level_parse("err"), 3);
    assert_int_equal(log_level_parse("debug"), 7);
    assert_int_equal(log_level_parse("4"), 4);
    assert_int_equal(log_level_parse("8"), -1);
    assert_int_equal(log_level_parse("44"), -1);
    assert_int_equal(log_level_parse("error"), -1);
    assert_string_equal(log_level_name(6), "info");
    assert_string_equal(log_level_name(9), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_line_has_the_documented_fields), cmocka_unit_test(round_trip_and_cleaning),
        cmocka_unit_test(an_empty_message_survives),        cmocka_unit_test(damaged_lines_are_refused),
        cmocka_unit_test(levels_by_name_or_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
