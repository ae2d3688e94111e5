/*
 * test_cmdline.c - host unit tests of src/cmdline.c (the kernel command line).
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. Each test parses one
 * command line and checks the resulting struct kernel_options, the number of
 * rejected words, and every report the parser made (why + exact word).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"

#define MAX_REPORTS 8

/* What the parser reported, in order. */
static struct {
    int count;
    char why[MAX_REPORTS][16];
    char word[MAX_REPORTS][128];
    const char *where[MAX_REPORTS];
} reports;

static void record_report(const char *why, const char *word, size_t length)
{
    assert_true(reports.count < MAX_REPORTS);
    assert_true(length < sizeof(reports.word[0]));
    strncpy(reports.why[reports.count], why, sizeof(reports.why[0]) - 1);
    memcpy(reports.word[reports.count], word, length);
    reports.word[reports.count][length] = '\0';
    reports.where[reports.count] = word;
    reports.count++;
}

static int reset_reports(void **state)
{
    (void)state;
    memset(&reports, 0, sizeof(reports));
    return 0;
}

static void assert_report(int index, const char *why, const char *word)
{
    assert_true(index < reports.count);
    assert_string_equal(reports.why[index], why);
    assert_string_equal(reports.word[index], word);
}

/* Parse `text` into options filled with garbage first (the parser must clear). */
static int parse(const char *text, struct kernel_options *options)
{
    memset(options, 0xa5, sizeof(*options));
    return cmdline_parse(text, options, record_report);
}

static void test_empty_line_gives_defaults(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("", &options), 0);
    assert_false(options.selftest);
    assert_false(options.harness);
    assert_string_equal(options.fault, "");
    assert_string_equal(options.init, "");
    assert_int_equal(reports.count, 0);
}

static void test_null_line_gives_defaults(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse(NULL, &options), 0);
    assert_false(options.selftest);
    assert_string_equal(options.fault, "");
    assert_int_equal(reports.count, 0);
}

static void test_flags(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("selftest harness", &options), 0);
    assert_true(options.selftest);
    assert_true(options.harness);
    assert_string_equal(options.fault, "");
    assert_int_equal(reports.count, 0);
}

static void test_every_fault_kind_accepted(void **state)
{
    static const char *const kinds[] = {
        "pagefault", "divide", "invalid-opcode", "gpf", "breakpoint", "panic",
    };
    struct kernel_options options;
    char line[80];
    (void)state;

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        snprintf(line, sizeof(line), "harness fault=%s", kinds[i]);
        assert_int_equal(parse(line, &options), 0);
        assert_string_equal(options.fault, kinds[i]);
        assert_true(options.harness);
    }
    assert_int_equal(reports.count, 0);
}

static void test_init_takes_any_value(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("init=/bin/sh", &options), 0);
    assert_string_equal(options.init, "/bin/sh");
    assert_int_equal(parse("init=a=b", &options), 0);
    assert_string_equal(options.init, "a=b");
    assert_int_equal(reports.count, 0);
}

static void test_unknown_word_reported_rest_applies(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("bogus selftest", &options), 1);
    assert_true(options.selftest);
    assert_int_equal(reports.count, 1);
    assert_report(0, "unknown", "bogus");
}

static void test_names_are_case_sensitive(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("SELFTEST Harness", &options), 2);
    assert_false(options.selftest);
    assert_false(options.harness);
    assert_report(0, "unknown", "SELFTEST");
    assert_report(1, "unknown", "Harness");
}

static void test_malformed_values(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("fault= fault=nonsense selftest=1 fault init=", &options), 5);
    assert_string_equal(options.fault, "");
    assert_string_equal(options.init, "");
    assert_false(options.selftest);
    assert_int_equal(reports.count, 5);
    assert_report(0, "malformed", "fault=");
    assert_report(1, "malformed", "fault=nonsense");
    assert_report(2, "malformed", "selftest=1");
    assert_report(3, "malformed", "fault");
    assert_report(4, "malformed", "init=");
}

static void test_fault_kind_is_exact(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("fault=page fault=pagefaults fault=PANIC", &options), 3);
    assert_string_equal(options.fault, "");
    assert_report(0, "malformed", "fault=page");
    assert_report(1, "malformed", "fault=pagefaults");
    assert_report(2, "malformed", "fault=PANIC");
}

static void test_empty_name_is_unknown(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("=x", &options), 1);
    assert_report(0, "unknown", "=x");
}

static void test_spaces_anywhere(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("   selftest    fault=divide   ", &options), 0);
    assert_true(options.selftest);
    assert_string_equal(options.fault, "divide");
    assert_int_equal(reports.count, 0);
}

/* Only spaces separate words: a tab is part of a word. */
static void test_tab_is_not_a_separator(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("selftest\tharness", &options), 1);
    assert_false(options.selftest);
    assert_report(0, "unknown", "selftest\tharness");
}

static void test_later_value_wins(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("fault=divide fault=panic", &options), 0);
    assert_string_equal(options.fault, "panic");
}

static void test_rejected_value_keeps_earlier_one(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse("fault=gpf fault=bad", &options), 1);
    assert_string_equal(options.fault, "gpf");
}

/* CMDLINE_VALUE_MAX - 1 bytes fit with the NUL; one more is malformed. */
static void test_value_length_limit(void **state)
{
    struct kernel_options options;
    char line[16 + CMDLINE_VALUE_MAX + 1];
    (void)state;

    strcpy(line, "init=");
    memset(line + 5, 'p', CMDLINE_VALUE_MAX - 1);
    line[5 + CMDLINE_VALUE_MAX - 1] = '\0';
    assert_int_equal(parse(line, &options), 0);
    assert_int_equal(strlen(options.init), CMDLINE_VALUE_MAX - 1);
    assert_memory_equal(options.init, line + 5, CMDLINE_VALUE_MAX - 1);

    strcat(line, "p");
    assert_int_equal(parse(line, &options), 1);
    assert_string_equal(options.init, "");
    assert_report(0, "malformed", line);
}

static void test_reports_point_into_the_line(void **state)
{
    const char *line = "selftest nope";
    struct kernel_options options;
    (void)state;

    assert_int_equal(parse(line, &options), 1);
    assert_report(0, "unknown", "nope");
    assert_ptr_equal(reports.where[0], line + strlen("selftest "));
}

static void test_no_callback_still_counts(void **state)
{
    struct kernel_options options;
    (void)state;

    assert_int_equal(cmdline_parse("bogus harness fault=", &options, NULL), 2);
    assert_true(options.harness);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty_line_gives_defaults, reset_reports),
        cmocka_unit_test_setup(test_null_line_gives_defaults, reset_reports),
        cmocka_unit_test_setup(test_flags, reset_reports),
        cmocka_unit_test_setup(test_every_fault_kind_accepted, reset_reports),
        cmocka_unit_test_setup(test_init_takes_any_value, reset_reports),
        cmocka_unit_test_setup(test_unknown_word_reported_rest_applies, reset_reports),
        cmocka_unit_test_setup(test_names_are_case_sensitive, reset_reports),
        cmocka_unit_test_setup(test_malformed_values, reset_reports),
        cmocka_unit_test_setup(test_fault_kind_is_exact, reset_reports),
        cmocka_unit_test_setup(test_empty_name_is_unknown, reset_reports),
        cmocka_unit_test_setup(test_spaces_anywhere, reset_reports),
        cmocka_unit_test_setup(test_tab_is_not_a_separator, reset_reports),
        cmocka_unit_test_setup(test_later_value_wins, reset_reports),
        cmocka_unit_test_setup(test_rejected_value_keeps_earlier_one, reset_reports),
        cmocka_unit_test_setup(test_value_length_limit, reset_reports),
        cmocka_unit_test_setup(test_reports_point_into_the_line, reset_reports),
        cmocka_unit_test_setup(test_no_callback_still_counts, reset_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
