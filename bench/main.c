/*
 * bench/main.c - the benchmark program: run the workloads, print their figures.
 *
 *   bench [WORKLOAD...]
 *
 * Layer: user program (see bench.h). Runs every workload of workloads.c, or
 * those named, and prints machine-readable lines for tools/bench-report:
 *   BENCH-INFO key=value               what a tick is, which system this is
 *   BENCH name size median_cycles=N p99_cycles=N min_cycles=N ops=N
 *   BENCH-FAIL name size step: error   a workload that could not be measured
 *   BENCH-DONE failures=N
 * Exits 1 if a workload failed or a name matched none.
 */
#include <stdio.h>
#include <string.h>
#include "bench.h"

static int selected(const struct workload *workload, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    for (int arg = 1; arg < argc; arg++)
        if (strcmp(argv[arg], workload->name) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned failures = 0, measured = 0;

    measure_describe_clock();
    for (size_t index = 0; index < workload_count; index++) {
        const struct workload *workload = &workloads[index];
        if (!selected(workload, argc, argv))
            continue;
        measured++;
        /* sizes[0] always runs: 0 there means "no bytes move". */
        for (int size = 0; size < WORKLOAD_SIZES && (size == 0 || workload->sizes[size] != 0); size++)
            if (measure_workload(workload, workload->sizes[size]) < 0)
                failures++;
    }
    printf("BENCH-DONE failures=%u\n", failures);
    if (measured == 0)
        fprintf(stderr, "bench: no workload has any of the names given\n");
    return failures > 0 || measured == 0;
}
