/*
 * bench/bench.h - the benchmark's workload table and what its files share.
 *
 * Layer: user program, built twice from the same sources: by freeport-cc for
 * Freeport and by the host's `gcc -static` for Linux (bench/bench.mk). Code
 * for one system only lives in files named *_freeport.c or *_linux.c (today
 * os_freeport.c and os_linux.c), which only that system's build compiles.
 *
 * A workload is one row of `workloads[]` (workloads.c), measured at each
 * of its sizes: setup builds the state for one size, run performs ONE
 * operation on it (what a BENCH line's figures are per: one round trip, one
 * fork + exit + wait, one copy), teardown undoes setup. measure.c times
 * `batch` operations with rdtsc per sample, keeps `samples` samples after a
 * warm-up, and prints the median and 99th percentile per operation. Errors
 * are values: setup, run and teardown return 0, or -1 with errno set, and
 * that size is then reported as failed instead of measured.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define WORKLOAD_SIZES 4 /* the most sizes one workload runs at */

struct workload {
    const char *name;                        /* first word of its BENCH lines: family_what */
    size_t sizes[WORKLOAD_SIZES];            /* bytes per operation, one BENCH line each; 0s after the
                                                last; none: one line at size 0 (no bytes move) */
    unsigned samples;                        /* measured samples per size, after samples / 10 warm-up ones */
    unsigned batch;                          /* operations timed together in one sample (>= 1) */
    int (*setup)(size_t size, void **state); /* NULL: no state */
    int (*run)(void *state);                 /* one operation */
    int (*teardown)(void *state);            /* NULL: nothing to undo */
};

extern const struct workload workloads[];
extern const size_t workload_count;

/* measure.c: time one workload at one size and print its BENCH line; 0, or -1. */
int measure_workload(const struct workload *workload, size_t size);
/* measure.c: print BENCH-INFO lines saying what one rdtsc tick is here. */
void measure_describe_clock(void);

/* os_freeport.c or os_linux.c: the cheapest system call that really enters
 * the kernel (no C-library caching); returns its result. */
long os_null_syscall(void);

/* Workload functions, by family (process.c, signal.c, file.c, memory.c). */
int process_null_syscall_run(void *state);
int process_fork_wait_run(void *state);

int signal_pingpong_setup(size_t size, void **state);
int signal_pingpong_run(void *state);
int signal_pingpong_teardown(void *state);

int file_setup(size_t size, void **state);
int file_write_read_run(void *state);
int file_teardown(void *state);

int memory_setup(size_t size, void **state);
int memory_copy_run(void *state);
int memory_teardown(void *state);

/* channel_freeport.c (Freeport only) */
int channel_pingpong_setup(size_t size, void **state);
int channel_pingpong_run(void *state);
int channel_pingpong_teardown(void *state);

/* channel_freeport.c on Freeport, shm_linux.c on Linux */
int shm_copy_setup(size_t size, void **state);
int shm_copy_run(void *state);
int shm_copy_teardown(void *state);

/* ipc_freeport.c (Freeport only) */
int ipc_port_setup(size_t size, void **state);
int ipc_port_call_run(void *state);
int ipc_message_oneway_run(void *state);
int ipc_port_teardown(void *state);

/* logd_freeport.c (Freeport only): logd_record */
int logd_bench_setup(size_t size, void **state);
int logd_bench_record_run(void *state);
int logd_bench_teardown(void *state);

/* posix.c: pipe_roundtrip, fifo_roundtrip, unix_stream_roundtrip,
 * unix_dgram_roundtrip, pipe_stream, unix_stream_stream (one run and teardown) */
int posix_pipe_setup(size_t size, void **state);
int posix_fifo_setup(size_t size, void **state);
int posix_unix_stream_setup(size_t size, void **state);
int posix_unix_dgram_setup(size_t size, void **state);
int posix_pipe_stream_setup(size_t size, void **state);
int posix_unix_stream_stream_setup(size_t size, void **state);
int posix_pipe_roundtrip_run(void *state);
int posix_pipe_teardown(void *state);

/* mq.c: mq_roundtrip */
int posix_mq_setup(size_t size, void **state);
int posix_mq_roundtrip_run(void *state);
int posix_mq_teardown(void *state);

/* console_freeport.c (Freeport only): console_write through csrss */
int console_write_setup(size_t size, void **state);
int console_write_run(void *state);
int console_write_teardown(void *state);

/* futex_linux.c (Linux only) */
int futex_pingpong_setup(size_t size, void **state);
int futex_pingpong_run(void *state);
int futex_pingpong_teardown(void *state);

#endif
