/*
 * test_path_name.c - host unit tests of src/fs/path_name.c, the path
 * component scanner under path resolution.
 *
 * Built by `make unit` with ASan/UBSan. Each test cuts a path into its
 * components and checks them, the "last component" and trailing-slash
 * answers, and the NAME_MAX limit (255 bytes pass, 256 do not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers (src/errno.h) */
#include "fs/path_name.h"

/* Cut `path` into `components` (joined by '|') and say whether the last
 * one was reported last. */
static void assert_components(const char *path, const char *expected)
{
    char joined[512] = "", name[PATH_NAME_MAX + 1];
    const char *cursor = path;
    long length;

    while ((length = path_name_next(&cursor, name)) > 0) {
        assert_int_equal((size_t)length, strlen(name));
        if (joined[0])
            strcat(joined, "|");
        strcat(joined, name);
        if (path_name_is_last(cursor))
            strcat(joined, "$");
    }
    assert_int_equal(length, 0);
    assert_string_equal(joined, expected);
}

static void test_components(void **state)
{
    (void)state;
    assert_components("a/b/c", "a|b|c$");
    assert_components("/usr/bin", "usr|bin$");
    assert_components("//a///b//", "a|b$");
    assert_components("./a/../b", ".|a|..|b$");
    assert_components("name", "name$");
    assert_components("/", "");
    assert_components("///", "");
    assert_components("", "");
}

static void test_name_max(void **state)
{
    char path[PATH_NAME_MAX + 8], name[PATH_NAME_MAX + 1];
    const char *cursor = path;

    (void)state;
    memset(path, 'x', PATH_NAME_MAX);
    strcpy(path + PATH_NAME_MAX, "/y");
    assert_int_equal(path_name_next(&cursor, name), PATH_NAME_MAX);
    assert_int_equal(strlen(name), PATH_NAME_MAX);
    assert_int_equal(path_name_next(&cursor, name), 1);
    assert_string_equal(name, "y");

    memset(path, 'x', PATH_NAME_MAX + 1);
    path[PATH_NAME_MAX + 1] = '\0';
    cursor = path;
    assert_int_equal(path_name_next(&cursor, name), -ENAMETOOLONG);
    assert_ptr_equal(cursor, path);
}

static void test_trailing_slash(void **state)
{
    (void)state;
    assert_true(path_name_has_trailing_slash("a/"));
    assert_true(path_name_has_trailing_slash("/a/b//"));
    assert_false(path_name_has_trailing_slash("a"));
    assert_false(path_name_has_trailing_slash("/"));
    assert_false(path_name_has_trailing_slash("///"));
    assert_false(path_name_has_trailing_slash(""));
}

static void test_dot_names(void **state)
{
    (void)state;
    assert_true(path_name_is_dot_or_dotdot("."));
    assert_true(path_name_is_dot_or_dotdot(".."));
    assert_false(path_name_is_dot_or_dotdot("..."));
    assert_false(path_name_is_dot_or_dotdot(".a"));
    assert_false(path_name_is_dot_or_dotdot(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_name_max),
        cmocka_unit_test(test_trailing_slash),
        cmocka_unit_test(test_dot_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
