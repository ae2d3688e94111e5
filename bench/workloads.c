/*
 * bench/workloads.c - the table of every workload `make bench` runs.
 *
 * Layer: user program (see bench.h). Adding a workload is adding a row; its
 * functions live in the file of its family (process.c, signal.c, file.c,
 * memory.c, or a new bench/FAMILY.c: bench.mk compiles every file it finds,
 * and docs/benchmarks.md says what to do for a workload one system lacks).
 * Rows run in this order, in one process: the process workloads come first,
 * while the address space fork must duplicate (page tables, copy-on-write
 * marks) is still small. Sample counts keep `make bench` to well under a
 * minute of guest time under QEMU's instruction counting; batch > 1 only for
 * operations short enough that rdtsc's own cost would show.
 */
#include "bench.h"

const struct workload workloads[] = {
    /* name, sizes, samples, batch, setup, run, teardown */
    {"null_syscall", {0}, 20000, 8, NULL, process_null_syscall_run, NULL},
    {"fork_exit_wait", {0}, 2000, 1, NULL, process_fork_wait_run, NULL},
    {"signal_pingpong", {0}, 10000, 1, signal_pingpong_setup, signal_pingpong_run, signal_pingpong_teardown},
    {"file_write_read", {8, 64, 512, 4096}, 10000, 1, file_setup, file_write_read_run, file_teardown},
    {"memcpy", {4096, 65536, 1048576}, 2000, 1, memory_setup, memory_copy_run, memory_teardown},
    {"shm_copy", {4096, 65536, 1048576}, 2000, 1, shm_copy_setup, shm_copy_run, shm_copy_teardown},
    {"pipe_roundtrip", {8, 64, 512, 4096}, 10000, 1, posix_pipe_setup, posix_pipe_roundtrip_run, posix_pipe_teardown},
    {"fifo_roundtrip", {8, 64, 512, 4096}, 10000, 1, posix_fifo_setup, posix_pipe_roundtrip_run, posix_pipe_teardown},
    {"unix_stream_roundtrip", {8, 64, 512, 4096}, 10000, 1, posix_unix_stream_setup, posix_pipe_roundtrip_run,
     posix_pipe_teardown},
    {"unix_dgram_roundtrip", {8, 64, 512, 4096}, 10000, 1, posix_unix_dgram_setup, posix_pipe_roundtrip_run,
     posix_pipe_teardown},
    {"pipe_stream", {4096, 65536, 1048576}, 1000, 1, posix_pipe_stream_setup, posix_pipe_roundtrip_run,
     posix_pipe_teardown},
    {"unix_stream_stream", {4096, 65536, 1048576}, 1000, 1, posix_unix_stream_stream_setup,
     posix_pipe_roundtrip_run, posix_pipe_teardown},
    {"mq_roundtrip", {8, 64, 512, 4096}, 10000, 1, posix_mq_setup, posix_mq_roundtrip_run, posix_mq_teardown},
#ifdef __freeport__
    {"channel_pingpong", {8, 64, 512, 4096}, 10000, 1, channel_pingpong_setup, channel_pingpong_run,
     channel_pingpong_teardown},
    {"port_call", {8, 64, 512, 4096}, 10000, 1, ipc_port_setup, ipc_port_call_run, ipc_port_teardown},
    {"message_oneway", {8, 64, 512, 4096}, 10000, 8, ipc_port_setup, ipc_message_oneway_run, ipc_port_teardown},
    {"console_write", {65536, 1048576}, 20, 1, console_write_setup, console_write_run, console_write_teardown},
    {"logd_record", {16, 128, 400}, 100, 512, logd_bench_setup, logd_bench_record_run, logd_bench_teardown},
#endif
#ifdef __linux__
    {"futex_pingpong", {8, 64, 512, 4096}, 10000, 1, futex_pingpong_setup, futex_pingpong_run, futex_pingpong_teardown},
#endif
};

const size_t workload_count = sizeof workloads / sizeof workloads[0];
