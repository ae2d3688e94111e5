/*
 * test_service_table.c - host unit tests of userland/bin/init/service_table.c,
 * the /etc/services parser: good lines give services with every field, bad
 * lines are reported with their number and skipped, and the rest counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "service_table.h"

#define MAX_REPORTS 8

static struct {
    int count;
    int line[MAX_REPORTS];
    char why[MAX_REPORTS][96];
} reports;

static struct service_table table;

static void record_report(int line, const char *why, void *context)
{
    assert_ptr_equal(context, &reports);
    assert_true(reports.count < MAX_REPORTS);
    reports.line[reports.count] = line;
    snprintf(reports.why[reports.count], sizeof(reports.why[0]), "%s", why);
    reports.count++;
}

static int parse(const char *text)
{
    memset(&reports, 0, sizeof(reports));
    return service_table_parse(text, strlen(text), &table, record_report, &reports);
}

/* The line is skipped, and the report names it and says why (substring). */
static void assert_skipped(const char *line, const char *why)
{
    assert_int_equal(parse(line), 1);
    assert_int_equal(table.count, 0);
    assert_int_equal(reports.count, 1);
    assert_int_equal(reports.line[0], 1);
    assert_non_null(strstr(reports.why[0], why));
}

static void a_full_line_gives_every_field(void **state)
{
    char *argv[SERVICE_ARGUMENTS_MAX + 1];

    (void)state;
    assert_int_equal(parse("csrss always devices,ready=/var/run/csrss.sock /bin/csrss -v 2\n"), 0);
    assert_int_equal(table.count, 1);
    const struct service_spec *spec = &table.services[0];
    assert_string_equal(spec->name, "csrss");
    assert_int_equal(spec->restart, RESTART_ALWAYS);
    assert_int_equal(spec->flags, SERVICE_DEVICES);
    assert_string_equal(spec->ready_path, "/var/run/csrss.sock");
    assert_string_equal(spec->socket_path, "");
    service_argv(spec, argv);
    assert_int_equal(spec->argc, 3);
    assert_string_equal(argv[0], "/bin/csrss");
    assert_string_equal(argv[1], "-v");
    assert_string_equal(argv[2], "2");
    assert_null(argv[3]);
}

static void policies_flags_and_order(void **state)
{
    (void)state;
    assert_int_equal(parse("# comment\n\n  logd on-failure socket=/var/run/logd.sock /bin/logd # why\n"
                           "getty1\tnever\ttty\t/bin/getty 1\n"
                           "plain always - /bin/true"),
                     0);
    assert_int_equal(table.count, 3);
    assert_string_equal(table.services[0].name, "logd");
    assert_int_equal(table.services[0].restart, RESTART_ON_FAILURE);
    assert_string_equal(table.services[0].socket_path, "/var/run/logd.sock");
    assert_int_equal(table.services[0].argc, 1);
    assert_int_equal(table.services[1].restart, RESTART_NEVER);
    assert_int_equal(table.services[1].flags, SERVICE_TTY);
    assert_int_equal(table.services[2].flags, 0);
    assert_ptr_equal(service_table_find(&table, "getty1"), &table.services[1]);
    assert_null(service_table_find(&table, "getty"));
}

static void bad_lines_are_reported_by_number_and_the_rest_counts(void **state)
{
    (void)state;
    assert_int_equal(parse("a always - /bin/a\n"
                           "b sometimes - /bin/b\n"
                           "# fine\n"
                           "c always - /bin/c\n"
                           "a always - /bin/again\n"),
                     2);
    assert_int_equal(table.count, 2);
    assert_string_equal(table.services[1].name, "c");
    assert_int_equal(reports.count, 2);
    assert_int_equal(reports.line[0], 2);
    assert_non_null(strstr(reports.why[0], "restart policy"));
    assert_int_equal(reports.line[1], 5);
    assert_non_null(strstr(reports.why[1], "already defined"));
}

static void each_kind_of_bad_line(void **state)
{
    (void)state;
    assert_skipped("x always -\n", "expected NAME");
    assert_skipped("x/y always - /bin/x\n", "name may hold");
    assert_skipped("averyveryverylongservicename always - /bin/x\n", "name too long");
    assert_skipped("x always loud /bin/x\n", "unknown flag");
    assert_skipped("x always tty, /bin/x\n", "empty flag");
    assert_skipped("x always ready=relative /bin/x\n", "absolute path");
    assert_skipped("x always ready= /bin/x\n", "absolute path");
    assert_skipped("x always - bin/x\n", "absolute path");
    assert_skipped("x always - /bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", "too many arguments");
    assert_skipped("x always - /bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21\n",
                   "too many arguments");
}

static void limits_are_exact(void **state)
{
    char line[SERVICE_LINE_MAX + 8];
    char path[SERVICE_PATH_MAX + 1];

    (void)state;
    assert_int_equal(parse("x always - /bin/x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n"), 0);
    assert_int_equal(table.services[0].argc, SERVICE_ARGUMENTS_MAX);

    memset(path, 'p', sizeof(path));
    path[0] = '/';
    path[SERVICE_PATH_MAX - 1] = '\0';
    snprintf(line, sizeof(line), "x always ready=%s /bin/x\n", path);
    assert_int_equal(parse(line), 0);
    path[SERVICE_PATH_MAX - 1] = 'p';
    path[SERVICE_PATH_MAX] = '\0';
    snprintf(line, sizeof(line), "x always ready=%s /bin/x\n", path);
    assert_skipped(line, "path too long");

    memset(line, 'a', sizeof(line));
    memcpy(line, "x always - /", 12);
    line[SERVICE_LINE_MAX] = '\0';
    assert_skipped(line, "line too long");
}

static void the_table_holds_at_most_service_max(void **state)
{
    char text[SERVICE_MAX * 32 + 64];
    size_t used = 0;

    (void)state;
    for (int i = 0; i <= SERVICE_MAX; i++)
        used += (size_t)snprintf(text + used, sizeof(text) - used, "s%d always - /bin/s\n", i);
    assert_int_equal(parse(text), 1);
    assert_int_equal(table.count, SERVICE_MAX);
    assert_int_equal(reports.line[0], SERVICE_MAX + 1);
    assert_non_null(strstr(reports.why[0], "too many services"));
}

static void text_without_a_final_newline_or_nul(void **state)
{
    const char text[] = {'a', ' ', 'n', 'e', 'v', 'e', 'r', ' ', '-', ' ', '/', 'b', 'X'};

    (void)state;
    memset(&reports, 0, sizeof(reports));
    assert_int_equal(service_table_parse(text, sizeof(text) - 1, &table, record_report, &reports), 0);
    assert_int_equal(table.count, 1);
    assert_string_equal(table.services[0].words, "/b");
    assert_string_equal(restart_policy_name(table.services[0].restart), "never");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_full_line_gives_every_field),
        cmocka_unit_test(policies_flags_and_order),
        cmocka_unit_test(bad_lines_are_reported_by_number_and_the_rest_counts),
        cmocka_unit_test(each_kind_of_bad_line),
        cmocka_unit_test(limits_are_exact),
        cmocka_unit_test(the_table_holds_at_most_service_max),
        cmocka_unit_test(text_without_a_final_newline_or_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
