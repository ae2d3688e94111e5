/*
 * main.c - the fuzzer's supervisor.
 *
 *   fuzz [--seed S] [--calls N] [--workers W] [--fault-inject ONE_IN] [--trace]
 *
 * Layer: test program (fuzz). Prints the seed (a fresh one unless --seed
 * gives it), takes the kernel's counters (SYS_kstat) and runs its
 * integrity checks (SYS_kcheck) as a baseline, then forks W workers
 * (default 4) that share N calls (default 100000) between them. A worker
 * that dies before its share is done (killed by its own calls: expected,
 * and counted) is forked again, with the next incarnation's seed, for the
 * calls it has left. With --fault-inject, 1 in ONE_IN of the workers'
 * kernel allocations fails on purpose (SYS_fault_inject).
 *
 * At the end it prints the calls made per system call and how each
 * worker ended, removes what the workers left in / and /tmp, waits for
 * the counters to settle, and compares them with the baseline:
 * "fuzz: counters back to baseline", or each difference. Exit status 0
 * only if the counters match and SYS_kcheck finds no problem. A kernel
 * panic or hang shows as the guest dying: tests/robustness.bats and
 * tools/fuzz-minimize see that from the host.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <freeport/sys.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <freeport/ipc.h>
#include "../../libc/syscall.h"
#include "fuzz.h"

#define SETTLE_TRIES      300 /* x 10 ms: reaped orphans, freed thread stacks */
#define POLL_MS           20  /* the supervisor looks at its workers this often */
#define NUDGE_MS          100 /* a worker without a system call for this long gets SIGUSR2 */
#define STUCK_MS          500 /* and is killed after this long */
#define NUDGE_SYSCALLS    2   /* system calls a nudge may cause */
#define PROCESS_TABLE_MAX 64  /* the kernel's PROCESS_MAX */
#define SNAPSHOT_MAX      128 /* names remembered per directory */
#define WARM_UP_BYTES     (64 * 1024)
#define TREE_PATH_MAX     4096 /* the kernel's FS_PATH_MAX */

struct options {
    uint64_t seed, calls, fault_one_in;
    unsigned workers;
    bool trace;
};

struct worker_slot {
    int pid; /* 0 while none runs */
    unsigned incarnation;
    uint64_t calls_left;
    int table_index;                          /* its process table slot, -1 until known */
    uint64_t last_syscalls, last_progress_ms; /* for the watchdog */
    bool nudged, stuck;                       /* sent SIGUSR2, killed by the watchdog */
};

struct endings {
    uint64_t finished, exited_other, stuck, signaled[FP_NSIG + 1];
};

static uint64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

/* --- options ------------------------------------------------------------ */

static uint64_t fresh_seed(void)
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    uint64_t state = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
    return splitmix64(&state);
}

static bool parse_number(const char *text, uint64_t *value)
{
    char *end;

    errno = 0;
    *value = strtoull(text, &end, 0);
    return errno == 0 && *text && !*end;
}

static bool parse_options(int argc, char **argv, struct options *options)
{
    uint64_t workers = 4;

    *options = (struct options){.seed = fresh_seed(), .calls = 100000};
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (!strcmp(option, "--trace")) {
            options->trace = true;
            continue;
        }
        if (i + 1 == argc)
            return false;
        const char *value = argv[++i];
        bool ok = !strcmp(option, "--seed")           ? parse_number(value, &options->seed)
                  : !strcmp(option, "--calls")        ? parse_number(value, &options->calls)
                  : !strcmp(option, "--workers")      ? parse_number(value, &workers)
                  : !strcmp(option, "--fault-inject") ? parse_number(value, &options->fault_one_in)
                                                      : false;
        if (!ok)
            return false;
    }
    options->workers = (unsigned)workers;
    return workers >= 1 && workers <= FUZZ_WORKERS_MAX;
}

/* --- what the workers leave behind ------------------------------------- */

struct snapshot {
    const char *directory;
    char *names[SNAPSHOT_MAX];
    size_t count;
};

static struct snapshot snapshots[] = {{.directory = "/"}, {.directory = "/tmp"}};

static void take_snapshot(struct snapshot *snapshot)
{
    DIR *dir = opendir(snapshot->directory);
    struct dirent *entry;

    while (dir && (entry = readdir(dir)) && snapshot->count < SNAPSHOT_MAX)
        snapshot->names[snapshot->count++] = strdup(entry->d_name);
    if (dir)
        closedir(dir);
}

static bool in_snapshot(const struct snapshot *snapshot, const char *name)
{
    for (size_t i = 0; i < snapshot->count; i++)
        if (!strcmp(snapshot->names[i], name))
            return true;
    return false;
}

/* Remove `path` and everything under it. path has room for TREE_PATH_MAX bytes. */
static void remove_tree(char *path)
{
    struct stat status;
    size_t length = strlen(path);
    DIR *dir;
    struct dirent *entry;

    if (lstat(path, &status) < 0)
        return;
    if (!S_ISDIR(status.st_mode)) {
        unlink(path);
        return;
    }
    if ((dir = opendir(path)) != NULL) {
        while ((entry = readdir(dir)) != NULL) {
            if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..") ||
                length + 2 + strlen(entry->d_name) > TREE_PATH_MAX)
                continue;
            snprintf(path + length, TREE_PATH_MAX - length, "/%s", entry->d_name);
            remove_tree(path);
            path[length] = '\0';
        }
        closedir(dir);
    }
    rmdir(path);
}

/* Remove every entry of the snapshot's directory that was not there at
 * the start: the sandboxes, the statistics files, names made relative to
 * a working directory a worker moved to. */
static void clean_up(const struct snapshot *snapshot)
{
    static char path[TREE_PATH_MAX + 1];
    DIR *dir = opendir(snapshot->directory);
    struct dirent *entry;

    while (dir && (entry = readdir(dir)) != NULL) {
        if (in_snapshot(snapshot, entry->d_name))
            continue;
        snprintf(path, sizeof(path), "%s/%s", strcmp(snapshot->directory, "/") ? snapshot->directory : "",
                 entry->d_name);
        remove_tree(path);
    }
    if (dir)
        closedir(dir);
}

/* The workers' queues outlive them until unlinked. */
static void unlink_queues(void)
{
    static const char *const names[] = FUZZ_MQ_NAMES;

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        SYSCALL(SYS_mq_unlink, names[i]);
}

/* --- the kernel's counters --------------------------------------------- */

/* Frames the supervisor itself holds: its own pages are not a leak. */
static uint64_t own_pages(void)
{
    struct freeport_procinfo info;
    int self = getpid();

    for (int index = 0;; index++) {
        int result = freeport_procinfo(index, &info);
        if (result == 0 && info.pid == self)
            return info.memory_bytes / 4096;
        if (result < 0 && errno != ESRCH)
            return 0;
    }
}

struct counters {
    struct freeport_kstat kstat;
    uint64_t frames_free; /* plus the supervisor's own pages */
    struct ipc_global_stats ipc;
};

static struct counters read_counters(void)
{
    struct counters counters = {0};

    freeport_kstat(&counters.kstat);
    counters.frames_free = counters.kstat.frames_free + own_pages();
    SYSCALL(SYS_ipc_stats, IPC_STATS_GLOBAL, 0, &counters.ipc);
    return counters;
}

static unsigned compare(const struct counters *before, const struct counters *after, bool print)
{
    const struct {
        const char *name;
        uint64_t before, after;
    } fields[] = {
        {"frames free", before->frames_free, after->frames_free},
        {"heap bytes", before->kstat.heap_bytes_in_use, after->kstat.heap_bytes_in_use},
        {"heap allocations", before->kstat.heap_allocations, after->kstat.heap_allocations},
        {"processes", before->kstat.processes, after->kstat.processes},
        {"threads", before->kstat.threads, after->kstat.threads},
        {"open files", before->kstat.open_files, after->kstat.open_files},
        {"vnodes", before->kstat.vnodes, after->kstat.vnodes},
        {"IPC ports", before->ipc.ports, after->ipc.ports},
        {"IPC channel ends", before->ipc.channel_ends, after->ipc.channel_ends},
        {"IPC memory regions", before->ipc.memory_regions, after->ipc.memory_regions},
        {"IPC broadcast endpoints", before->ipc.broadcasts, after->ipc.broadcasts},
        {"IPC messages queued", before->ipc.messages, after->ipc.messages},
        {"IPC message bytes", before->ipc.message_bytes, after->ipc.message_bytes},
        {"IPC capabilities", before->ipc.capabilities, after->ipc.capabilities},
        {"IPC names", before->ipc.names, after->ipc.names},
        {"IPC calls waiting", before->ipc.calls_waiting, after->ipc.calls_waiting},
        {"IPC replies owed", before->ipc.replies_owed, after->ipc.replies_owed},
    };
    unsigned differences = 0;

    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (fields[i].before == fields[i].after)
            continue;
        differences++;
        if (print)
            printf("fuzz: LEAK: %s %llu at the start, %llu at the end (%+lld)\n", fields[i].name,
                   (unsigned long long)fields[i].before, (unsigned long long)fields[i].after,
                   (long long)(fields[i].after - fields[i].before));
    }
    return differences;
}

/* Orphans are reaped by init and dead threads freed by the next to run:
 * give them a moment before calling a difference a leak. */
static unsigned settled_differences(const struct counters *baseline)
{
    struct counters now = read_counters();

    for (int try = 0; try < SETTLE_TRIES && compare(baseline, &now, false); try++) {
        nanosleep(&(struct timespec){0, 10000000}, NULL);
        now = read_counters();
    }
    return compare(baseline, &now, true);
}

static int integrity_problems(const char *when)
{
    struct freeport_kcheck report;
    int problems = freeport_kcheck(&report);

    if (problems != 0)
        printf("fuzz: kcheck %s: %d problem(s); first: %s\n", when, problems,
               problems > 0 ? report.first_problem : strerror(errno));
    return problems;
}

/* --- workers --------------------------------------------------------------- */

static int start_worker(const struct options *options, unsigned index, struct worker_slot *slot)
{
    struct worker_options worker = {
        .index = index,
        .incarnation = slot->incarnation,
        .seed = fuzz_worker_seed(options->seed, index, slot->incarnation),
        .calls = slot->calls_left,
        .trace = options->trace,
        .injecting = options->fault_one_in != 0,
    };

    fflush(stdout);
    slot->pid = fork();
    if (slot->pid == 0)
        fuzz_worker_main(&worker);
    slot->last_syscalls = 0;
    slot->last_progress_ms = now_ms();
    slot->table_index = -1;
    return slot->pid;
}

/* Worker `index`'s statistics file, or all zeros if there is none. */
static struct fuzz_stats read_stats(unsigned index)
{
    char path[FUZZ_PATH_SIZE];
    struct fuzz_stats stats = {0};
    int fd;

    fuzz_numbered_path(path, FUZZ_STATS_PREFIX, index);
    if ((fd = open(path, O_RDONLY)) >= 0) {
        if (read(fd, &stats, sizeof(stats)) != sizeof(stats))
            memset(&stats, 0, sizeof(stats));
        close(fd);
    }
    return stats;
}

/* Add the statistics of worker `index`, which has ended, to the totals and
 * remove its file; returns its calls. */
static uint64_t collect_stats(unsigned index, struct fuzz_stats *totals)
{
    char path[FUZZ_PATH_SIZE];
    struct fuzz_stats stats = read_stats(index);

    fuzz_numbered_path(path, FUZZ_STATS_PREFIX, index);
    unlink(path);
    totals->calls += stats.calls;
    for (size_t row = 0; row < FUZZ_CALLS_MAX; row++) {
        totals->per_call[row] += stats.per_call[row];
        totals->failed[row] += stats.failed[row];
    }
    return stats.calls;
}

static void note_ending(int status, bool stuck, struct endings *endings)
{
    if (stuck)
        endings->stuck++;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        endings->finished++;
    else if (WIFSIGNALED(status) && WTERMSIG(status) <= FP_NSIG)
        endings->signaled[WTERMSIG(status)]++;
    else
        endings->exited_other++;
}

/* The system calls worker `slot` has made (counted by the kernel), or
 * UINT64_MAX once it is gone. Its process table slot is found once. */
static uint64_t syscalls_made(struct worker_slot *slot)
{
    struct freeport_procinfo info;

    for (int index = slot->table_index < 0 ? 0 : slot->table_index; index < PROCESS_TABLE_MAX; index++) {
        if (freeport_procinfo(index, &info) == 0 && info.pid == slot->pid) {
            slot->table_index = index;
            return info.syscalls;
        }
        if (slot->table_index >= 0)
            break;
    }
    return UINT64_MAX;
}

/* A worker may wait for good, legitimately: for a pipe it holds both ends
 * of, or a FIFO nobody will open. One that has made no system call for
 * NUDGE_MS gets SIGUSR2 (a handler ends the wait with EINTR; the default
 * action ends the worker); after STUCK_MS it is killed, which also tests
 * killing a sleeper. Either way it is forked again. The calls a nudge
 * causes (the handler's sigreturn, the wait restarted by SA_RESTART) are
 * not progress. */
static void watch_workers(const struct options *options, struct worker_slot *slots)
{
    uint64_t now = now_ms();

    for (unsigned index = 0; index < options->workers; index++) {
        struct worker_slot *slot = &slots[index];
        if (slot->pid <= 0 || slot->stuck)
            continue;
        uint64_t syscalls = syscalls_made(slot), quiet = now - slot->last_progress_ms;
        if (syscalls - slot->last_syscalls > NUDGE_SYSCALLS) {
            slot->last_syscalls = syscalls;
            slot->last_progress_ms = now;
            slot->nudged = false;
        } else if (quiet > STUCK_MS) {
            slot->stuck = kill(slot->pid, SIGKILL) == 0;
        } else if (quiet > NUDGE_MS && !slot->nudged) {
            slot->nudged = kill(slot->pid, SIGUSR2) == 0;
        }
    }
}

/* Worker slot `slot` (number `index`) has ended with `status`: account
 * for it and fork the next incarnation if calls are left. Returns whether
 * the slot is still running. */
static bool worker_ended(const struct options *options, unsigned index, struct worker_slot *slot, int status,
                         struct fuzz_stats *totals, struct endings *endings)
{
    uint64_t done = collect_stats(index, totals);

    note_ending(status, slot->stuck, endings);
    slot->calls_left -= done < slot->calls_left ? (done ? done : 1) : slot->calls_left;
    slot->incarnation++;
    slot->stuck = slot->nudged = false;
    slot->pid = 0;
    return slot->calls_left && start_worker(options, index, slot) > 0;
}

/* Run the workers until every share of the calls is done. */
static void run_workers(const struct options *options, struct fuzz_stats *totals, struct endings *endings)
{
    struct worker_slot slots[FUZZ_WORKERS_MAX] = {0};
    unsigned running = 0;

    for (unsigned index = 0; index < options->workers; index++) {
        slots[index].calls_left =
            options->calls / options->workers + (index < options->calls % options->workers);
        running += slots[index].calls_left && start_worker(options, index, &slots[index]) > 0;
    }
    while (running > 0) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid < 0)
            break;
        if (pid == 0) {
            nanosleep(&(struct timespec){0, POLL_MS * 1000000}, NULL);
            watch_workers(options, slots);
            continue;
        }
        for (unsigned index = 0; index < options->workers; index++)
            if (slots[index].pid == pid &&
                !worker_ended(options, index, &slots[index], status, totals, endings))
                running--;
    }
}

static void report(const struct fuzz_stats *totals, const struct endings *endings, uint64_t milliseconds)
{
    printf("fuzz: %llu calls in %llu ms (%llu calls/s)\n", (unsigned long long)totals->calls,
           (unsigned long long)milliseconds, (unsigned long long)(totals->calls * 1000 / (milliseconds + 1)));
    for (size_t row = 0; row < fuzz_call_count; row++)
        printf("fuzz:   %-14s %9llu calls %9llu failed\n", fuzz_calls[row].name,
               (unsigned long long)totals->per_call[row], (unsigned long long)totals->failed[row]);
    printf(
        "fuzz: workers: %llu finished their calls, %llu exited otherwise, %llu blocked for good and killed",
        (unsigned long long)endings->finished, (unsigned long long)endings->exited_other,
        (unsigned long long)endings->stuck);
    for (int signal = 1; signal <= FP_NSIG; signal++)
        if (endings->signaled[signal])
            printf(", %llu killed by signal %d", (unsigned long long)endings->signaled[signal], signal);
    printf("\n");
}

/* The supervisor's own memory stops growing before the baseline: its
 * stack and heap are touched now, and the clean-up runs once. */
static void warm_up(void)
{
    volatile char stack[WARM_UP_BYTES];

    stack[0] = stack[WARM_UP_BYTES - 1] = 0;
    free(malloc(WARM_UP_BYTES));
    for (size_t i = 0; i < sizeof(snapshots) / sizeof(snapshots[0]); i++) {
        take_snapshot(&snapshots[i]);
        clean_up(&snapshots[i]);
    }
    integrity_problems("warm-up");
    read_counters();
}

int main(int argc, char **argv)
{
    struct options options;
    struct fuzz_stats totals = {0};
    struct endings endings = {0};

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!parse_options(argc, argv, &options)) {
        fprintf(stderr,
                "usage: fuzz [--seed S] [--calls N] [--workers 1-%d] [--fault-inject ONE_IN] [--trace]\n",
                FUZZ_WORKERS_MAX);
        return 2;
    }
    printf("fuzz: seed 0x%llx, %llu calls, %u workers, allocation failures: ",
           (unsigned long long)options.seed, (unsigned long long)options.calls, options.workers);
    if (options.fault_one_in)
        printf("1 in %llu\n", (unsigned long long)options.fault_one_in);
    else
        printf("none\n");
    printf("fuzz: replay with: fuzz --seed 0x%llx --calls %llu --workers %u --fault-inject %llu [--trace]\n",
           (unsigned long long)options.seed, (unsigned long long)options.calls, options.workers,
           (unsigned long long)options.fault_one_in);
    warm_up();
    struct counters baseline = read_counters();
    int problems = integrity_problems("at the start");

    if (options.fault_one_in)
        freeport_fault_inject(options.fault_one_in, options.seed, FP_FAULT_HEAP | FP_FAULT_FRAMES);
    uint64_t start = now_ms();
    run_workers(&options, &totals, &endings);
    uint64_t milliseconds = now_ms() - start;
    freeport_fault_inject(0, 0, 0);

    report(&totals, &endings, milliseconds);
    for (size_t i = 0; i < sizeof(snapshots) / sizeof(snapshots[0]); i++)
        clean_up(&snapshots[i]);
    unlink_queues();
    unsigned leaks = settled_differences(&baseline);
    problems += integrity_problems("at the end");
    printf("fuzz: allocation failures injected so far: %llu\n",
           (unsigned long long)read_counters().kstat.faults_injected);
    if (leaks == 0)
        printf("fuzz: counters back to baseline\n");
    printf("fuzz: %s: seed 0x%llx, %llu calls, %u leak(s), %d integrity problem(s)\n",
           leaks || problems ? "FAILED" : "PASSED", (unsigned long long)options.seed,
           (unsigned long long)totals.calls, leaks, problems);
    return leaks || problems ? 1 : 0;
}
