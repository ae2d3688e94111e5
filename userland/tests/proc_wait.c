/*
 * proc_wait - fork, _exit, waitpid and the status encoding; copy-on-write
 * after fork; orphans go to init; no leaks once children are reaped.
 */
#include <stdbool.h>
#include <stdlib.h>
#include "check.h"

static int shared_value = 1;
static char big_buffer[64 * 1024];

static void exit_42(void)
{
    _exit(42);
}

static void wait_forever(void)
{
    for (;;)
        pause();
}

static void write_memory(void)
{
    shared_value = 2;
    memset(big_buffer, 'c', sizeof(big_buffer));
    _exit(shared_value == 2 && big_buffer[100] == 'c' ? 0 : 1);
}

static void check_statuses(void)
{
    int status = run_in_child(exit_42);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "exit(42) gives WIFEXITED, status 42 (0x%x)",
          status);

    pid_t pid = fork();
    if (pid == 0)
        wait_forever();
    CHECK(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG returns 0 while the child runs");
    CHECK(kill(pid, SIGTERM) == 0, "kill(child, SIGTERM)");
    CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "the child was killed by SIGTERM (status 0x%x)", status);
    CHECK(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "no child left: ECHILD");
    CHECK(waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD, "a reaped pid: ECHILD");
    CHECK(waitpid(-1, &status, 0x100) == -1 && errno == EINVAL, "unknown option: EINVAL");
}

static void check_specific_pid(void)
{
    pid_t first = fork();
    if (first == 0)
        _exit(1);
    pid_t second = fork();
    if (second == 0)
        _exit(2);
    int status;
    CHECK(waitpid(second, &status, 0) == second && WEXITSTATUS(status) == 2,
          "waitpid(second) reaps the second");
    CHECK(waitpid(first, &status, 0) == first && WEXITSTATUS(status) == 1, "waitpid(first) reaps the first");
}

static void check_copy_on_write(void)
{
    memset(big_buffer, 'p', sizeof(big_buffer));
    int status = run_in_child(write_memory);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child sees its own writes");
    CHECK(shared_value == 1 && big_buffer[100] == 'p' && big_buffer[sizeof(big_buffer) - 1] == 'p',
          "the parent does not see the child's writes (copy on write)");
}

static void check_parent_ids(void)
{
    int status;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0)
        _exit(getppid() == parent ? 0 : 1);
    CHECK(child > parent || child > 1, "fork returns the child's pid (%d)", child);
    CHECK(waitpid(child, &status, 0) == child && WEXITSTATUS(status) == 0,
          "the child's getppid() is the parent's getpid()");
}

/* Is there a child of init with a pid above `pid`? */
static bool orphan_of_init_after(pid_t pid)
{
    struct freeport_procinfo info;

    for (int index = 0;; index++) {
        if (freeport_procinfo(index, &info) == 0 && info.ppid == 1 && info.pid > pid)
            return true;
        if (errno == EINVAL)
            return false;
    }
}

/* A grandchild outlives its parent: init adopts it. */
static void check_orphan_adopted_by_init(void)
{
    pid_t middle = fork();
    if (middle == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            for (int i = 0; i < 200 && getppid() != 1; i++)
                usleep(10000);
            _exit(getppid() == 1 ? 0 : 1);
        }
        _exit(0);
    }
    int status;
    waitpid(middle, &status, 0);
    CHECK(WIFEXITED(status), "the middle process exited, leaving an orphan");
    usleep(300000);
    CHECK(!orphan_of_init_after(middle), "the orphan ended and init reaped it");
}

static void check_many_children(void)
{
    enum { CHILDREN = 40 };
    int reaped = 0, sum = 0;
    for (int i = 0; i < CHILDREN; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(i);
        if (pid < 0)
            break;
    }
    int status;
    while (wait(&status) > 0) {
        reaped++;
        sum += WEXITSTATUS(status);
    }
    CHECK(reaped == CHILDREN && sum == CHILDREN * (CHILDREN - 1) / 2, "%d children forked and reaped",
          reaped);
}

/* Fork until the process table is full: EAGAIN, and the failed fork
 * leaves nothing behind. */
static void check_table_full(void)
{
    enum { MAX = 100 };
    pid_t children[MAX];
    int count = 0;
    pid_t pid = 0;
    while (count < MAX && (pid = fork()) > 0)
        children[count++] = pid;
    if (pid == 0)
        wait_forever();
    CHECK(pid == -1 && errno == EAGAIN && count > 40,
          "fork fails with EAGAIN when the table is full (%d children)", count);
    for (int i = 0; i < count; i++)
        kill(children[i], SIGKILL);
    int reaped = 0;
    while (wait(NULL) > 0)
        reaped++;
    CHECK(reaped == count, "all %d reaped after SIGKILL", reaped);
}

int main(void)
{
    struct freeport_kstat before, after;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(big_buffer, 'p', sizeof(big_buffer)); /* its .bss pages exist before the count starts */
    check_statuses();
    freeport_kstat(&before);
    check_specific_pid();
    check_copy_on_write();
    check_parent_ids();
    check_many_children();
    check_orphan_adopted_by_init();
    check_table_full();
    freeport_kstat(&after);
    kstat_print("before", &before);
    kstat_print("after", &after);
    CHECK(kstat_same(&before, &after),
          "frames, heap, processes, threads, files and vnodes back to where they were");
    return check_done();
}
