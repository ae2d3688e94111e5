/*
 * userland/libc/exec.c - the exec family on top of execve: execv, execvp,
 * execl, execlp.
 *
 * Layer: libfreeport, pure user space (newlib's x86_64-elf build has none of
 * these). execvp searches $PATH (default "/bin") like POSIX says: a name
 * containing '/' is used as is; a file the kernel refuses with ENOEXEC is run
 * as a script by /bin/sh.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXEC_MAX_ARGS 256

extern char **environ;

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

static void exec_as_script(const char *path, char *const argv[])
{
    char *script_argv[EXEC_MAX_ARGS + 2];
    int count = 0;

    script_argv[count++] = "sh";
    script_argv[count++] = (char *)path;
    for (int i = 1; argv[0] != NULL && argv[i] != NULL && count < EXEC_MAX_ARGS + 1; i++)
        script_argv[count++] = argv[i];
    script_argv[count] = NULL;
    execve("/bin/sh", script_argv, environ);
}

static void exec_one(const char *path, char *const argv[])
{
    execve(path, argv, environ);
    if (errno == ENOEXEC)
        exec_as_script(path, argv);
}

/* Writes "dir/file" into path, an empty dir meaning "."; 0 if it fits. */
static int join_path(char *path, size_t size, const char *dir, size_t dir_length, const char *file)
{
    if (dir_length == 0) {
        dir = ".";
        dir_length = 1;
    }
    int length = snprintf(path, size, "%.*s/%s", (int)dir_length, dir, file);
    return length >= 0 && (size_t)length < size ? 0 : -1;
}

int execvp(const char *file, char *const argv[])
{
    if (strchr(file, '/') != NULL) {
        exec_one(file, argv);
        return -1;
    }
    const char *dir = getenv("PATH");
    if (dir == NULL)
        dir = "/bin";
    int saw_permission_error = 0;
    for (;;) {
        size_t dir_length = strcspn(dir, ":");
        char path[PATH_MAX];
        if (join_path(path, sizeof(path), dir, dir_length, file) == 0) {
            exec_one(path, argv);
            saw_permission_error |= errno == EACCES;
        }
        if (dir[dir_length] == '\0')
            break;
        dir += dir_length + 1;
    }
    errno = saw_permission_error ? EACCES : ENOENT;
    return -1;
}

/* execl and execlp: the arguments after arg0, up to NULL, become argv for exec_vector. */
static int exec_list(int (*exec_vector)(const char *, char *const[]), const char *name, const char *arg0,
                     va_list arguments)
{
    char *argv[EXEC_MAX_ARGS + 1];
    int count = 0;
    for (const char *arg = arg0; arg != NULL; arg = va_arg(arguments, const char *)) {
        if (count == EXEC_MAX_ARGS) {
            errno = E2BIG;
            return -1;
        }
        argv[count++] = (char *)arg;
    }
    argv[count] = NULL;
    return exec_vector(name, argv);
}

int execl(const char *path, const char *arg0, ...)
{
    va_list arguments;
    va_start(arguments, arg0);
    int result = exec_list(execv, path, arg0, arguments);
    va_end(arguments);
    return result;
}

int execlp(const char *file, const char *arg0, ...)
{
    va_list arguments;
    va_start(arguments, arg0);
    int result = exec_list(execvp, file, arg0, arguments);
    va_end(arguments);
    return result;
}
