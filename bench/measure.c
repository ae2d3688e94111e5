/*
 * bench/measure.c - timing a workload with rdtsc, and saying what a tick is.
 *
 * Layer: user program (see bench.h). A sample is the rdtsc delta around
 * `batch` operations; after samples / 10 untimed warm-up operations (page
 * faults, caches, file sizes settle), `samples` samples are sorted and the
 * per-operation median and 99th percentile printed (nearest rank: the
 * ceil(p * n)-th smallest, divided by batch and rounded). Nothing else runs
 * between the two rdtsc reads but the operations and the loop around them.
 *
 * What a tick means depends on the machine: under QEMU's -icount shift=0
 * rdtsc counts executed instructions (1 instruction = 1 ns of virtual
 * time); on hardware it counts reference cycles. measure_describe_clock()
 * prints the evidence either way, for the report to state.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include "bench.h"

#define CLOCK_LOOP_ITERATIONS 1000000 /* each 2 instructions: dec, jnz */
#define CLOCK_LOOP_RUNS       3
#define CLOCK_RATE_NS         50000000 /* 50 ms of CLOCK_MONOTONIC */

static uint64_t measure_timestamp(void)
{
    uint32_t low, high;
    /* lfence: on hardware, rdtsc must not start before earlier work ends. */
    __asm__ volatile("lfence\n\trdtsc" : "=a"(low), "=d"(high) : : "memory");
    return (uint64_t)high << 32 | low;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The nearest-rank percentile (1-100) of sorted sample totals, per operation. */
static unsigned long long percentile(const uint64_t *sorted, unsigned count, unsigned percent, unsigned batch)
{
    unsigned rank = (unsigned)(((uint64_t)count * percent + 99) / 100);
    return (sorted[rank - 1] + batch / 2) / batch;
}

static int run_batch(const struct workload *workload, void *state)
{
    for (unsigned op = 0; op < workload->batch; op++)
        if (workload->run(state) < 0)
            return -1;
    return 0;
}

static int take_samples(const struct workload *workload, void *state, uint64_t *samples)
{
    for (unsigned warm = 0; warm < workload->samples / 10; warm++)
        if (run_batch(workload, state) < 0)
            return -1;
    for (unsigned sample = 0; sample < workload->samples; sample++) {
        uint64_t start = measure_timestamp();
        if (run_batch(workload, state) < 0)
            return -1;
        samples[sample] = measure_timestamp() - start;
    }
    return 0;
}

int measure_workload(const struct workload *workload, size_t size)
{
    uint64_t *samples = malloc(workload->samples * sizeof *samples);
    void *state = NULL;
    const char *step = "setup";
    int result = -1, error = 0;

    if (samples == NULL || (workload->setup != NULL && workload->setup(size, &state) < 0)) {
        error = errno;
        goto report;
    }
    step = "run";
    result = take_samples(workload, state, samples);
    error = errno; /* before teardown's calls can change it */
    if (workload->teardown != NULL && workload->teardown(state) < 0 && result == 0) {
        step = "teardown";
        error = errno;
        result = -1;
    }
report:
    if (result < 0) {
        printf("BENCH-FAIL %s %zu %s: %s\n", workload->name, size, step, strerror(error));
    } else {
        qsort(samples, workload->samples, sizeof *samples, compare_u64);
        printf("BENCH %s %zu median_cycles=%llu p99_cycles=%llu min_cycles=%llu ops=%llu\n", workload->name,
               size, percentile(samples, workload->samples, 50, workload->batch),
               percentile(samples, workload->samples, 99, workload->batch),
               (unsigned long long)(samples[0] + workload->batch / 2) / workload->batch,
               (unsigned long long)workload->samples * workload->batch);
    }
    fflush(stdout);
    free(samples);
    return result;
}

/* Ticks a loop of 2 * CLOCK_LOOP_ITERATIONS instructions takes, least of a few runs. */
static uint64_t clock_loop_ticks(void)
{
    uint64_t least = UINT64_MAX;
    for (int run = 0; run < CLOCK_LOOP_RUNS; run++) {
        uint64_t count = CLOCK_LOOP_ITERATIONS, start = measure_timestamp();
        __asm__ volatile("1:\n\tdec %0\n\tjnz 1b" : "+r"(count) : : "cc");
        uint64_t ticks = measure_timestamp() - start;
        if (ticks < least)
            least = ticks;
    }
    return least;
}

static uint64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* rdtsc ticks per millisecond of CLOCK_MONOTONIC, by busy-waiting CLOCK_RATE_NS. */
static uint64_t clock_ticks_per_ms(void)
{
    uint64_t start_ns = monotonic_ns(), start = measure_timestamp(), now_ns;
    while ((now_ns = monotonic_ns()) - start_ns < CLOCK_RATE_NS)
        continue;
    return (measure_timestamp() - start) * 1000000u / (now_ns - start_ns);
}

/* The least rdtsc-to-rdtsc delta: what every sample carries besides its operations. */
static uint64_t clock_read_ticks(void)
{
    uint64_t least = UINT64_MAX;
    for (int run = 0; run < 1000; run++) {
        uint64_t start = measure_timestamp(), ticks = measure_timestamp() - start;
        if (ticks < least)
            least = ticks;
    }
    return least;
}

void measure_describe_clock(void)
{
    struct utsname system;
    if (uname(&system) == 0)
        printf("BENCH-INFO os=%s\nBENCH-INFO release=%s\n", system.sysname, system.release);
    printf("BENCH-INFO ticks_per_1000_instructions=%llu\n",
           (unsigned long long)(clock_loop_ticks() * 1000 / (2 * CLOCK_LOOP_ITERATIONS)));
    printf("BENCH-INFO ticks_per_ms=%llu\n", (unsigned long long)clock_ticks_per_ms());
    printf("BENCH-INFO rdtsc_overhead_ticks=%llu\n", (unsigned long long)clock_read_ticks());
    fflush(stdout);
}
