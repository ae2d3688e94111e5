/*
 * userland/libc/start.c - from the kernel's initial stack to main() and exit().
 *
 * Layer: C runtime. crt0.S calls __libc_start with the address of argc on the
 * initial stack (layout in crt0.S). Order matters: environ and the program
 * name are set before any constructor runs, so constructors may use getenv().
 */
#include <stdlib.h>
#include <string.h>
#include "libc.h"

extern char **environ;
extern void __libc_init_array(void);
extern void __libc_fini_array(void);
extern int main(int argc, char **argv, char **envp);

const char *libc_program_name = "?";

void __libc_start(long *initial_stack) __attribute__((noreturn));

static void set_program_name(const char *argv0)
{
    if (argv0 == NULL)
        return;
    const char *slash = strrchr(argv0, '/');
    libc_program_name = slash != NULL ? slash + 1 : argv0;
}

void __libc_start(long *initial_stack)
{
    int argc = (int)initial_stack[0];
    char **argv = (char **)(initial_stack + 1);
    char **envp = argv + argc + 1;

    environ = envp;
    set_program_name(argv[0]);
    atexit(__libc_fini_array);
    __libc_init_array();
    exit(main(argc, argv, envp));
}
