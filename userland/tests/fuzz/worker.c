/*
 * worker.c - one fuzzing worker: pick a row of the table, build its
 * arguments, issue it, count it; again and again.
 *
 * Layer: test program (fuzz). A worker is a forked child of the
 * supervisor (main.c). Its stdin, stdout and stderr are /dev/null, so a
 * fuzzed write cannot flood the console; it reports through its
 * statistics file, rewritten every STATS_EVERY calls on a descriptor no
 * fuzzed call is given (FUZZ_STATS_FD). A worker killed by its own calls
 * (a garbage signal handler, munmap of its stack, SIGKILL to itself...)
 * loses at most the calls since the last rewrite from the counts; the
 * supervisor re-forks it.
 *
 * With --trace, each call is printed on the console (FUZZ_TRACE_FD)
 * before it is issued and its result after, so the last line before a
 * kernel panic is the call that caused it: docs/robustness.md replays it
 * in GDB.
 */
#include <string.h>
#include <freeport/ipc.h>
#include "../../libc/syscall.h"
#include "fuzz.h"

#define STATS_EVERY 64

static struct worker worker;

/* --- --trace output, without stdio (the worker may have wrecked its heap) --- */

static size_t append(char *line, size_t at, const char *text)
{
    size_t length = strlen(text);

    memcpy(line + at, text, length);
    return at + length;
}

static size_t append_number(char *line, size_t at, uint64_t value, bool hex)
{
    char digits[24];
    size_t count = 0;
    unsigned base = hex ? 16 : 10;

    if (hex)
        at = append(line, at, "0x");
    do {
        digits[count++] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value);
    while (count)
        line[at++] = digits[--count];
    return at;
}

/* "fuzz: wW.I #N ": which worker, which incarnation, which call. Each
 * line is one write, so workers' lines never mix. */
static size_t trace_prefix(char *line, uint64_t number)
{
    size_t at = append(line, 0, "fuzz: w");

    at = append_number(line, at, worker.index, false);
    at = append(line, at, ".");
    at = append_number(line, at, worker.incarnation, false);
    at = append(line, at, " #");
    at = append_number(line, at, number, false);
    return append(line, at, " ");
}

static void trace_call(uint64_t number, const struct fuzz_call *call, const uint64_t arguments[6])
{
    char line[256];
    size_t at = append(line, trace_prefix(line, number), call->name);

    for (int i = 0; i < 6; i++) {
        at = append(line, at, i ? ", " : "(");
        at = append_number(line, at, arguments[i], true);
    }
    at = append(line, at, ")\n");
    SYSCALL(SYS_write, FUZZ_TRACE_FD, line, at);
}

static void trace_result(uint64_t number, long result)
{
    char line[64];
    size_t at = append(line, trace_prefix(line, number), "-> ");

    if (result < 0) {
        at = append(line, at, "-");
        at = append_number(line, at, (uint64_t)-result, false);
    } else {
        at = append_number(line, at, (uint64_t)result, true);
    }
    at = append(line, at, "\n");
    SYSCALL(SYS_write, FUZZ_TRACE_FD, line, at);
}

/* --- issuing ------------------------------------------------------------ */

/* fork, kept harmless: the child _exits at once; the parent may signal it
 * and always reaps it, so children never pile up. */
static long fuzz_fork(void)
{
    long child = SYSCALL(SYS_fork);

    if (child == 0)
        SYSCALL(SYS_exit, 0);
    if (child > 0) {
        worker.last_child_pid = (int)child;
        if (rng_one_in(&worker.rng, 2))
            SYSCALL(SYS_kill, child, fuzz_argument(&worker, ARG_SIGNAL));
        SYSCALL(SYS_waitpid, child, 0, 0);
    }
    return child;
}

/* Pools keep the first FUZZ_POOL_SIZE values, then replace one at random. */
static unsigned pool_slot(struct worker *self, unsigned *count)
{
    return *count < FUZZ_POOL_SIZE ? (*count)++ : (unsigned)rng_below(&self->rng, FUZZ_POOL_SIZE);
}

static void remember_fd(struct worker *self, long fd)
{
    if (fd >= 0 && fd != FUZZ_STATS_FD && fd != FUZZ_TRACE_FD)
        self->fds[pool_slot(self, &self->fd_count)] = (int)fd;
}

static void pool_cap(struct worker *self, uint64_t token, enum token_kind kind)
{
    unsigned slot = pool_slot(self, &self->cap_count);

    self->caps[slot] = token;
    self->cap_kinds[slot] = (uint8_t)kind;
}

/* A new token joins the pool, with a copy of it that lacks RECEIVE for
 * messages to carry. The IPC layer does not yet collect cycles of ports
 * whose only RECEIVE rights are queued in each other (docs/robustness.md,
 * "Known problems"): messages carrying those would leak, and every run
 * would end in a leak report. */
static void remember_cap(struct worker *self, uint64_t token, enum token_kind kind)
{
    uint64_t rights = token >> IPC_CAP_RIGHTS_SHIFT, grantable;

    if (token == IPC_CAP_NONE)
        return;
    pool_cap(self, token, kind);
    if (SYSCALL(SYS_cap_derive, token, rights & ~(uint64_t)IPC_RIGHT_RECEIVE, &grantable) == 0)
        pool_cap(self, grantable, TOKEN_GRANTABLE);
}

/* What a successful call wrote where the arguments said (fuzz.h: harvest). */
static void harvest(const struct fuzz_call *call, long result)
{
    if (result < 0)
        return;
    for (unsigned i = 0; i < worker.harvest.count; i++) {
        if (worker.harvest.fds)
            remember_fd(&worker, worker.harvest.fds[i]);
        if (worker.harvest.tokens)
            remember_cap(&worker, worker.harvest.tokens[i], (enum token_kind)call->makes);
    }
}

static void one_call(uint64_t number)
{
    size_t row = fuzz_pick_call(&worker.rng, worker.injecting ? CALL_CONFIGURES_FAULTS : 0);
    const struct fuzz_call *call = &fuzz_calls[row];
    uint64_t arguments[6];
    long result;

    fuzz_arguments_reset(&worker);
    for (int i = 0; i < 6; i++)
        arguments[i] = fuzz_argument(&worker, call->args[i]);
    if (worker.trace)
        trace_call(number, call, arguments);
    if (call->flags & CALL_FORK)
        result = fuzz_fork();
    else
        result = syscall6(call->number, (long)arguments[0], (long)arguments[1], (long)arguments[2],
                          (long)arguments[3], (long)arguments[4], (long)arguments[5]);
    if (worker.trace)
        trace_result(number, result);
    if (call->flags & CALL_RETURNS_FD)
        remember_fd(&worker, result);
    harvest(call, result);
    worker.stats.calls++;
    worker.stats.per_call[row]++;
    worker.stats.failed[row] += result < 0 && result >= -4095;
}

static void write_stats(void)
{
    SYSCALL(SYS_lseek, FUZZ_STATS_FD, 0, FP_SEEK_SET);
    SYSCALL(SYS_write, FUZZ_STATS_FD, &worker.stats, sizeof(worker.stats));
}

void fuzz_numbered_path(char path[FUZZ_PATH_SIZE], const char *prefix, unsigned index)
{
    size_t at = append(path, 0, prefix);

    at = append_number(path, at, index, false);
    path[at] = '\0';
}

/* A session of its own (so kill(0) and kill(-pgid) reach only the worker
 * and its children, never the supervisor, and no terminal signals it),
 * statistics and trace on their reserved descriptors, stdio on /dev/null,
 * the sandbox directory, the arena. Exit status 3 if any of it fails
 * (allocation failures being injected can do that). */
static void set_up(void)
{
    char stats_path[FUZZ_PATH_SIZE], sandbox_path[FUZZ_PATH_SIZE];
    long null_fd = SYSCALL(SYS_open, "/dev/null", FP_O_RDWR, 0);
    long stats_fd;

    SYSCALL(SYS_setsid);
    fuzz_numbered_path(stats_path, FUZZ_STATS_PREFIX, worker.index);
    fuzz_numbered_path(sandbox_path, FUZZ_SANDBOX, worker.index);
    stats_fd = SYSCALL(SYS_open, stats_path, FP_O_CREAT | FP_O_TRUNC | FP_O_RDWR, 0600);
    if (null_fd < 0 || stats_fd < 0 || SYSCALL(SYS_dup2, stats_fd, FUZZ_STATS_FD) < 0)
        SYSCALL(SYS_exit, 3);
    if (worker.trace && SYSCALL(SYS_dup2, 1, FUZZ_TRACE_FD) < 0)
        SYSCALL(SYS_exit, 3);
    for (int fd = 0; fd < 3; fd++)
        SYSCALL(SYS_dup2, null_fd, fd);
    SYSCALL(SYS_close, null_fd);
    SYSCALL(SYS_close, stats_fd);
    SYSCALL(SYS_mkdir, sandbox_path, 0755);
    if (!fuzz_arguments_init(&worker))
        SYSCALL(SYS_exit, 3);
    write_stats();
}

void fuzz_worker_main(const struct worker_options *options)
{
    worker.index = options->index;
    worker.incarnation = options->incarnation;
    worker.trace = options->trace;
    worker.injecting = options->injecting;
    worker.self_pid = (int)SYSCALL(SYS_getpid);
    rng_seed(&worker.rng, options->seed);
    set_up();
    for (uint64_t number = 0; number < options->calls; number++) {
        one_call(number);
        if (worker.stats.calls % STATS_EVERY == 0)
            write_stats();
    }
    write_stats();
    SYSCALL(SYS_exit, 0);
    __builtin_unreachable();
}
