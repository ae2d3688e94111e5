/*
 * exec_args.c - collecting execve's argv and envp into the kernel.
 *
 * Layer: processes, on usercopy.h. Every user pointer of the vectors and
 * every string is copied through usercopy, so a bad one gives -EFAULT and
 * a vector that never ends gives -E2BIG once the limits are reached.
 */
#include "proc/exec_args.h"
#include "proc/usercopy.h"
#include "errno.h"
#include "lib/string.h"
#include "mm/heap.h"

int exec_args_init(struct exec_args *args)
{
    *args = (struct exec_args){kmalloc(EXEC_ARGS_MAX_BYTES), 0, 0, 0};
    return args->strings ? 0 : -ENOMEM;
}

void exec_args_free(struct exec_args *args)
{
    kfree(args->strings);
    args->strings = NULL;
}

static int count_one(struct exec_args *args, bool environment)
{
    if (args->argc + args->envc == EXEC_ARGS_MAX_COUNT)
        return -E2BIG;
    if (environment)
        args->envc++;
    else
        args->argc++;
    return 0;
}

int exec_args_add(struct exec_args *args, const char *string, bool environment)
{
    size_t size = strlen(string) + 1;

    if (size > EXEC_ARGS_MAX_BYTES - args->length || count_one(args, environment) < 0)
        return -E2BIG;
    memcpy(args->strings + args->length, string, size);
    args->length += size;
    return 0;
}

int exec_args_copy_from_user(struct exec_args *args, const char *const *user_vector, bool environment)
{
    for (size_t index = 0; user_vector; index++) {
        const char *user_string;
        if (copy_from_user(&user_string, &user_vector[index], sizeof(user_string)) < 0)
            return -EFAULT;
        if (!user_string)
            return 0;
        long length =
            strncpy_from_user(args->strings + args->length, user_string, EXEC_ARGS_MAX_BYTES - args->length);
        if (length == -ENAMETOOLONG)
            return -E2BIG;
        if (length < 0)
            return (int)length;
        if (count_one(args, environment) < 0)
            return -E2BIG;
        args->length += (size_t)length + 1;
    }
    return 0;
}
