/*
 * proc.c - the process layer's part of booting, and pid 1.
 *
 * Layer: processes, on the file layer (the console, the root directory).
 * init is the only process not made by fork: its memory, files and thread
 * are made here, then exec_program loads its program exactly as execve
 * would, and its thread is made ready. It is an orphan (no parent) and
 * inherits every orphan after it; when it ends, the machine stops.
 */
#include "proc/proc.h"
#include "proc/clock.h"
#include "proc/exec.h"
#include "proc/exec_args.h"
#include "proc/exit.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/mount.h"
#include "fs/vfs.h"
#include "printk.h"

#define INIT_UMASK 022

static const char *const init_environment[] = {"PATH=/bin", "HOME=/", "TERM=vt100"};

void proc_init(void)
{
    scheduler_init();
    clock_init();
    printk("proc: scheduler ready (%d priorities, %d-tick slices), clock from the RTC\n", THREAD_PRIORITIES,
           SCHEDULER_SLICE_TICKS);
}

/* Descriptors 0, 1, 2 on /dev/console (none if it cannot be opened). */
static void open_console(struct fd_table *files)
{
    struct file *console;
    int error = vfs_open("/dev/console", FP_O_RDWR, 0, &console);

    if (error) {
        printk("proc: /dev/console: error %d: init starts without stdin/stdout/stderr\n", -error);
        return;
    }
    for (int fd = 0; fd < 3; fd++)
        fd_install_at(files, fd, fd ? file_get(console) : console, false);
}

static int init_arguments(struct exec_args *args, const char *path)
{
    int error = exec_args_init(args);

    if (!error)
        error = exec_args_add(args, path, false);
    for (size_t i = 0; !error && i < sizeof(init_environment) / sizeof(init_environment[0]); i++)
        error = exec_args_add(args, init_environment[i], true);
    return error;
}

static int prepare_init(struct process *init, const char *path)
{
    struct exec_args args;
    int error;

    init->files = fd_table_create();
    init->thread = thread_create_user(init);
    if (!init->files || !init->thread)
        return -ENOMEM;
    init->cwd = vnode_get(vfs_root());
    init->umask = INIT_UMASK;
    open_console(init->files);
    error = init_arguments(&args, path);
    if (!error)
        error = exec_program(init, path, &args);
    exec_args_free(&args);
    return error;
}

int proc_start_init(const char *path)
{
    struct process *init = process_alloc(NULL, "init");
    int error;

    if (!init)
        return -ENOMEM;
    error = prepare_init(init, path);
    if (error) {
        if (init->thread)
            thread_destroy(init->thread);
        process_release_resources(init);
        process_free(init);
        return error;
    }
    printk("proc: started %s as pid %d\n", path, init->pid);
    scheduler_make_ready(init->thread);
    return 0;
}
