/*
 * exec_args.h - the argument and environment strings of an execve, held
 * in the kernel while the old image is replaced by the new one.
 *
 * Layer: processes. The strings are packed one after another, each with
 * its NUL: first the argc arguments, then the envc environment strings.
 * Limits (E2BIG beyond them): EXEC_ARGS_MAX_BYTES bytes of strings and
 * EXEC_ARGS_MAX_COUNT strings in all.
 */
#ifndef FREEPORT_PROC_EXEC_ARGS_H
#define FREEPORT_PROC_EXEC_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXEC_ARGS_MAX_BYTES (64 * 1024)
#define EXEC_ARGS_MAX_COUNT 4096

struct exec_args {
    char *strings; /* EXEC_ARGS_MAX_BYTES bytes, `length` used */
    size_t length;
    unsigned argc, envc;
};

/* 0 or -ENOMEM. */
int exec_args_init(struct exec_args *args);
void exec_args_free(struct exec_args *args);

/* Append a kernel string as the next argument (or environment string,
 * which must come after every argument). 0 or -E2BIG. */
int exec_args_add(struct exec_args *args, const char *string, bool environment);

/* Append the strings of a user NULL-terminated pointer array (NULL: none).
 * 0, -EFAULT or -E2BIG. */
int exec_args_copy_from_user(struct exec_args *args, const char *const *user_vector, bool environment);

#endif
