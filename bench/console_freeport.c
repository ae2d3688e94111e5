/*
 * bench/console_freeport.c - console write throughput through csrss
 * (Freeport only): a program writing to its console, the bytes going
 * through the pseudo-terminal's output processing to csrss, which reads
 * the master and runs them through its terminal emulator onto the screen.
 *
 * Layer: user program (see bench.h). Setup starts a headless csrss
 * (`csrss -n`: the benchmark's guest has no init services, and the
 * devices are not needed to measure the path), waits for its socket, asks
 * it for console 2's slave and opens that. One operation: write `size`
 * bytes of 79-character lines (so the screen scrolls as real output
 * makes it) to the slave. The pty holds at most PTY_OUTPUT_SIZE (4 KiB)
 * for csrss, so a write of `size` bytes returns once all but at most
 * 4 KiB went through csrss: at 64 KiB and up that bound is a few percent
 * of an operation, and it is the same in every sample. Teardown stops
 * csrss with SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <freeport/csrss.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define CONNECT_WAIT_MS 2000
#define LINE_LENGTH     80 /* 79 characters and a newline */

struct console_bench {
    pid_t csrss;
    int slave;
    size_t size;
    char *text;
};

static pid_t start_csrss(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        execl("/bin/csrss", "csrss", "-n", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void fill_lines(char *text, size_t size)
{
    for (size_t index = 0; index < size; index++)
        text[index] = index % LINE_LENGTH == LINE_LENGTH - 1 ? '\n' : (char)('a' + index % 26);
}

/* Console 2's slave, opened for writing: 0, or -1. */
static int open_console(struct console_bench *bench)
{
    struct csrss_console_info info;
    int fd = csrss_connect_waiting(CONNECT_WAIT_MS);
    int found = fd >= 0 ? csrss_console_info(fd, 2, &info) : -1;

    if (fd >= 0)
        close(fd);
    if (found != 0)
        return -1;
    bench->slave = open(info.slave_path, O_WRONLY | O_NOCTTY);
    return bench->slave < 0 ? -1 : 0;
}

int console_write_setup(size_t size, void **state)
{
    struct console_bench *bench = calloc(1, sizeof(*bench));

    if (!bench)
        return -1;
    *bench = (struct console_bench){.csrss = -1, .slave = -1, .size = size};
    if (!(bench->text = malloc(size)) || (bench->csrss = start_csrss()) < 0 || open_console(bench) != 0) {
        int error = errno;
        console_write_teardown(bench);
        errno = error;
        return -1;
    }
    fill_lines(bench->text, size);
    *state = bench;
    return 0;
}

int console_write_run(void *state)
{
    struct console_bench *bench = state;
    const char *next = bench->text;

    for (size_t left = bench->size; left > 0;) {
        ssize_t put = write(bench->slave, next, left);
        if (put <= 0)
            return -1;
        next += put;
        left -= (size_t)put;
    }
    return 0;
}

int console_write_teardown(void *state)
{
    struct console_bench *bench = state;

    if (bench->slave >= 0)
        close(bench->slave);
    if (bench->csrss > 0) {
        kill(bench->csrss, SIGTERM);
        waitpid(bench->csrss, NULL, 0);
    }
    free(bench->text);
    free(bench);
    return 0;
}
