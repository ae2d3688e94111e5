/*
 * sh/test.c - the test and [ builtins: string, number and file checks.
 *
 *   test EXPRESSION   or   [ EXPRESSION ]
 *   EXPRESSION: ! EXPRESSION, STRING, -z/-n STRING, -e/-f/-d/-r/-w/-x/-s FILE,
 *               A = B, A != B, A -eq/-ne/-lt/-le/-gt/-ge B
 *
 * Layer: user program (Freeport's shell, see sh.h); found by builtins.c.
 * Invariant: the status is 0 for true, 1 for false, 2 for an error (a bad
 * expression, or [ without its ]), which ! keeps.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

static bool test_file(char check, const char *path)
{
    struct stat status;
    if (check == 'r' || check == 'w' || check == 'x')
        return access(path, check == 'r' ? R_OK : check == 'w' ? W_OK : X_OK) == 0;
    if (stat(path, &status) < 0)
        return false;
    return check == 'e' || (check == 'f' && S_ISREG(status.st_mode)) ||
           (check == 'd' && S_ISDIR(status.st_mode)) || (check == 's' && status.st_size > 0);
}

static int test_compare_numbers(const char *left, const char *comparison, const char *right)
{
    static const char *const names[] = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
    long a = strtol(left, NULL, 10), b = strtol(right, NULL, 10);
    const bool results[] = {a == b, a != b, (a < b), a <= b, (a > b), a >= b};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(comparison, names[i]) == 0)
            return results[i] ? 0 : 1;
    fprintf(stderr, "sh: test: unknown comparison %s\n", comparison);
    return 2;
}

/* test's expression, argv[0..argc-1] without "test" or the brackets. */
static int test_evaluate(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "!") == 0) {
        int result = test_evaluate(argc - 1, argv + 1);
        return result == 2 ? 2 : !result;
    }
    if (argc == 0)
        return 1;
    if (argc == 1)
        return argv[0][0] == '\0';
    if (argc == 2 && argv[0][0] == '-' && argv[0][1] != '\0' && argv[0][2] == '\0') {
        if (argv[0][1] == 'z' || argv[0][1] == 'n')
            return (argv[1][0] == '\0') == (argv[0][1] == 'z') ? 0 : 1;
        if (strchr("efdrwxs", argv[0][1]) != NULL)
            return test_file(argv[0][1], argv[1]) ? 0 : 1;
    }
    if (argc == 3 && strcmp(argv[1], "=") == 0)
        return strcmp(argv[0], argv[2]) == 0 ? 0 : 1;
    if (argc == 3 && strcmp(argv[1], "!=") == 0)
        return strcmp(argv[0], argv[2]) != 0 ? 0 : 1;
    if (argc == 3 && argv[1][0] == '-')
        return test_compare_numbers(argv[0], argv[1], argv[2]);
    fprintf(stderr, "sh: test: bad expression\n");
    return 2;
}

int builtin_test(int argc, char **argv)
{
    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            fprintf(stderr, "sh: [: missing ]\n");
            return 2;
        }
        argc--;
    }
    return test_evaluate(argc - 1, argv + 1);
}
