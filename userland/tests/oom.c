/*
 * oom - when a program fills memory, that program is killed, not the next
 * one to need a page.
 *
 * Layer: test program (user space), built by tests/robustness.mk and run by
 * tests/robustness.bats. A child maps 1 GiB it never touches and writes
 * it to /dev/null: the kernel reads every page, and each untouched page it
 * reads needs a frame, until none is left. Then this process, which did
 * nothing wrong, touches fresh memory. Before src/proc/user_fault.c chose
 * the process holding the most memory as the victim, this process was the
 * one killed (the fuzzer's supervisor died that way, seed 0x710d93b32fc3).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "check.h"

#define HOG_BYTES    (1UL << 30)
#define TOUCH_BYTES  (1UL << 20)
#define NEARLY_EMPTY 64 /* free frames: memory is full */
#define PAGE_BYTES   4096

static void hog(void)
{
    void *region = mmap(NULL, HOG_BYTES, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int null_fd = open("/dev/null", O_WRONLY);

    if (region == MAP_FAILED || null_fd < 0)
        _exit(1);
    write(null_fd, region, HOG_BYTES);
    for (;;)
        pause();
}

/* Wait (up to 20 s) until the hog has taken (nearly) every frame. */
static bool memory_filled(void)
{
    struct freeport_kstat counters;

    for (int tries = 0; tries < 2000; tries++) {
        if (freeport_kstat(&counters) == 0 && counters.frames_free < NEARLY_EMPTY)
            return true;
        usleep(10000);
    }
    return false;
}

/* Free frames, counting this process's own pages as free: what it holds
 * itself is not the kernel's to give back. */
static uint64_t frames_not_ours(void)
{
    struct freeport_kstat counters;
    struct freeport_procinfo info;
    uint64_t ours = 0;

    for (int index = 0;; index++) {
        int result = freeport_procinfo(index, &info);
        if (result == 0 && info.pid == getpid())
            ours = info.memory_bytes / PAGE_BYTES;
        if (result < 0 && errno != ESRCH)
            break; /* past the end of the process table */
    }
    freeport_kstat(&counters);
    return counters.frames_free + ours;
}

/* Touch 1 MiB of fresh heap, and give it back. */
static bool touch_fresh_memory(void)
{
    char *fresh = malloc(TOUCH_BYTES);

    if (fresh)
        memset(fresh, 1, TOUCH_BYTES);
    free(fresh);
    return fresh != NULL;
}

int main(void)
{
    struct freeport_kstat before, after;
    int status = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    /* Before the baseline, the heap's bookkeeping and printf's stack are in place. */
    touch_fresh_memory();
    printf("# oom: a child fills memory, this process then needs a page\n");
    freeport_kstat(&before);
    uint64_t frames_before = frames_not_ours();
    pid_t child = fork();
    if (child == 0)
        hog();
    CHECK(child > 0 && memory_filled(), "a child that wrote 1 GiB of untouched memory to /dev/null filled memory");
    CHECK(touch_fresh_memory(), "this process touched 1 MiB of fresh memory and lives");
    CHECK(waitpid(child, &status, 0) == child && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "the child holding the memory was killed instead (status 0x%x)", status);
    for (int tries = 0; tries < 200 && frames_not_ours() != frames_before; tries++)
        usleep(10000);
    freeport_kstat(&after);
    kstat_print("before", &before);
    kstat_print("after", &after);
    CHECK(frames_not_ours() == frames_before && after.heap_allocations == before.heap_allocations &&
              after.processes == before.processes && after.open_files == before.open_files,
          "its memory, and everything else, came back (this process's own pages aside)");
    return check_done();
}
