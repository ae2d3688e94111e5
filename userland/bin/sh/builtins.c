/*
 * sh/builtins.c - stage 4, execution: the commands the shell runs itself,
 * because they change the shell (cd exit export unset wait) or are too
 * simple to fork for (true false : test [), and the table that finds them.
 *
 * Layer: user program (Freeport's shell, see sh.h); test and [ are in
 * test.c; used by command.c.
 * Invariant: a builtin takes the expanded argc/argv of a command and returns
 * its exit status; it runs in the shell, unless it is part of a pipeline or
 * a background chain, where it runs in a child and changes only the child.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools.h"
#include "sh.h"

static int builtin_cd(int argc, char **argv)
{
    const char *home = variable_get("HOME", 4);
    const char *target = argc > 1 ? argv[1] : (home != NULL ? home : "/");
    if (chdir(target) < 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", target, strerror(errno));
        return 1;
    }
    char cwd[LINE_MAX_LENGTH];
    if (getcwd(cwd, sizeof(cwd)) != NULL)
        variable_set("PWD", 3, cwd, true);
    return 0;
}

static int builtin_exit(int argc, char **argv)
{
    exit(argc > 1 ? atoi(argv[1]) : last_status);
}

static int builtin_export(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        size_t length = assignment_name_length(argv[i]);
        if (length > 0) {
            variable_set(argv[i], length, argv[i] + length + 1, true);
        } else if (is_name_start(argv[i][0])) {
            const char *current = variable_get(argv[i], strlen(argv[i]));
            variable_set(argv[i], strlen(argv[i]), current != NULL ? current : "", true);
        } else {
            fprintf(stderr, "sh: export: %s: not a valid name\n", argv[i]);
            status = 1;
        }
    }
    return status;
}

static int builtin_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        variable_unset(argv[i]);
    return 0;
}

static int builtin_wait(int argc, char **argv)
{
    int wait_status, status = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            status = waitpid(atoi(argv[i]), &wait_status, 0) > 0 ? exit_status_of(wait_status) : 127;
        return status;
    }
    while (waitpid(-1, &wait_status, 0) > 0)
        status = exit_status_of(wait_status);
    return status;
}

static int builtin_true(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int builtin_false(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

static const struct builtin builtins[] = {
    {"cd", builtin_cd},       {"exit", builtin_exit}, {"export", builtin_export}, {"unset", builtin_unset},
    {"wait", builtin_wait},   {"test", builtin_test}, {"[", builtin_test},        {"true", builtin_true},
    {"false", builtin_false}, {":", builtin_true},
};

const struct builtin *builtin_find(const char *name)
{
    for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}
