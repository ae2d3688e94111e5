/*
 * calls.c - the system calls the fuzzer issues, one row each: the number,
 * the kind of each argument (fuzz.h), how often to pick it, and what its
 * result means. Adding a system call to the fuzzer is adding its row.
 *
 * Layer: test program (fuzz). Left out on purpose, because they would end
 * or derail the worker rather than test the kernel: exit (a worker ends
 * when its calls are done), sigreturn (without a signal frame it restores
 * whatever the stack holds, and may resume the worker anywhere; the
 * checked cases are in userland/tests/proc_signal.c). Sandboxed: execve
 * gets paths that are never a program; sigsuspend gets only bad pointers
 * (a good mask would wait for a signal nobody sends); kill only names the
 * worker itself, its children, or nobody; fork's child _exits at once.
 */
#include <freeport/syscall.h>
#include "fuzz.h"

#define ROW(call, weight, flags, ...) {#call, SYS_##call, {__VA_ARGS__}, weight, flags, TOKEN_ANY}
/* A call that writes tokens of one kind. */
#define MAKER(call, weight, makes, ...) {#call, SYS_##call, {__VA_ARGS__}, weight, 0, makes}

const struct fuzz_call fuzz_calls[] = {
    /* processes and memory */
    ROW(fork, 1, CALL_FORK),
    ROW(execve, 4, 0, ARG_PATH, ARG_STRINGS, ARG_STRINGS),
    ROW(waitpid, 4, 0, ARG_INT, ARG_OUT, ARG_FLAGS),
    ROW(getpid, 2, 0),
    ROW(getppid, 2, 0),
    ROW(brk, 4, 0, ARG_ADDRESS),
    ROW(mmap, 8, 0, ARG_ADDRESS, ARG_LENGTH, ARG_PROT, ARG_MAP_FLAGS, ARG_FD, ARG_OFFSET),
    ROW(munmap, 6, 0, ARG_ADDRESS, ARG_LENGTH),
    ROW(mprotect, 6, 0, ARG_ADDRESS, ARG_LENGTH, ARG_PROT),
    ROW(sched_yield, 1, 0),
    ROW(uname, 4, 0, ARG_OUT),
    ROW(poweroff, 1, 0, ARG_INT),
    ROW(reboot, 1, 0),

    /* signals */
    ROW(kill, 3, 0, ARG_PID, ARG_SIGNAL),
    ROW(sigaction, 8, 0, ARG_SIGNAL, ARG_SIGACTION, ARG_OUT),
    ROW(sigprocmask, 6, 0, ARG_INT, ARG_IN, ARG_OUT),
    ROW(sigpending, 4, 0, ARG_OUT),
    ROW(sigsuspend, 2, 0, ARG_BAD_POINTER),
    ROW(alarm, 1, 0, ARG_SECONDS),

    /* time */
    ROW(nanosleep, 3, 0, ARG_TIMESPEC, ARG_OUT),
    ROW(clock_gettime, 4, 0, ARG_INT, ARG_OUT),
    ROW(times, 3, 0, ARG_OUT),

    /* files */
    ROW(read, 10, 0, ARG_FD, ARG_OUT, ARG_LENGTH),
    ROW(write, 10, 0, ARG_FD, ARG_IN, ARG_LENGTH),
    ROW(open, 16, CALL_RETURNS_FD, ARG_PATH, ARG_OPEN_FLAGS, ARG_MODE),
    ROW(close, 8, 0, ARG_FD),
    ROW(lseek, 6, 0, ARG_FD, ARG_OFFSET, ARG_INT),
    ROW(readv, 6, 0, ARG_FD, ARG_IOVEC, ARG_INT),
    ROW(writev, 6, 0, ARG_FD, ARG_IOVEC, ARG_INT),
    ROW(stat, 8, 0, ARG_PATH, ARG_OUT),
    ROW(fstat, 6, 0, ARG_FD, ARG_OUT),
    ROW(lstat, 4, 0, ARG_PATH, ARG_OUT),
    ROW(dup, 5, CALL_RETURNS_FD, ARG_FD),
    ROW(dup2, 5, CALL_RETURNS_FD, ARG_FD, ARG_FD),
    ROW(fcntl, 6, CALL_RETURNS_FD, ARG_FD, ARG_INT, ARG_INT),
    ROW(ioctl, 6, 0, ARG_FD, ARG_IOCTL, ARG_OUT),
    ROW(mkdir, 8, 0, ARG_PATH, ARG_MODE),
    ROW(rmdir, 6, 0, ARG_PATH),
    ROW(unlink, 6, 0, ARG_PATH),
    ROW(rename, 8, 0, ARG_PATH, ARG_PATH),
    ROW(getdents, 6, 0, ARG_FD, ARG_OUT, ARG_LENGTH),
    ROW(chdir, 4, 0, ARG_PATH),
    ROW(getcwd, 4, 0, ARG_OUT, ARG_LENGTH),
    ROW(umask, 2, 0, ARG_MODE),
    ROW(access, 4, 0, ARG_PATH, ARG_INT),
    ROW(mknod, 4, 0, ARG_PATH, ARG_MODE, ARG_INT),

    /* introspection and robustness */
    ROW(kstat, 2, 0, ARG_OUT),
    ROW(procinfo, 3, 0, ARG_INT, ARG_OUT),
    ROW(kcheck, 1, 0, ARG_OUT),
    ROW(fault_inject, 1, CALL_CONFIGURES_FAULTS, ARG_INT, ARG_INT, ARG_FLAGS),

    /* POSIX IPC */
    ROW(pipe2, 4, 0, ARG_FD_PAIR_OUT, ARG_PIPE_FLAGS),

    /* Unix sockets: new sockets and pairs join the pool. The fuzzer never
     * passes descriptors (ARG_MSGHDR has no control data), so no socket is
     * ever sent into its own queue (a cycle, docs/robustness.md section 9).
     * A receive or accept on an empty blocking socket waits for the
     * watchdog's nudge. */
    ROW(socket, 6, CALL_RETURNS_FD, ARG_SOCKET_DOMAIN, ARG_SOCKET_TYPE, ARG_ZERO_MOSTLY, ARG_ZERO_MOSTLY),
    ROW(socket, 6, 0, ARG_SOCKET_DOMAIN, ARG_SOCKET_TYPE, ARG_ZERO_MOSTLY, ARG_FD_PAIR_OUT),
    ROW(bind, 3, 0, ARG_FD, ARG_SOCKADDR, ARG_SOCKADDR_LENGTH),
    ROW(listen, 2, 0, ARG_FD, ARG_INT),
    ROW(connect, 3, 0, ARG_FD, ARG_SOCKADDR, ARG_SOCKADDR_LENGTH),
    ROW(accept4, 2, CALL_RETURNS_FD, ARG_FD, ARG_OUT, ARG_OUT, ARG_FLAGS),
    ROW(sockname, 2, 0, ARG_FD, ARG_INT, ARG_OUT, ARG_OUT),
    ROW(sendmsg, 6, 0, ARG_FD, ARG_MSGHDR, ARG_FLAGS),
    ROW(recvmsg, 6, 0, ARG_FD, ARG_MSGHDR, ARG_FLAGS),
    ROW(shutdown, 2, 0, ARG_FD, ARG_INT),
    ROW(getsockopt, 2, 0, ARG_FD, ARG_INT, ARG_INT, ARG_OUT, ARG_OUT),
    ROW(setsockopt, 2, 0, ARG_FD, ARG_INT, ARG_INT, ARG_IN, ARG_LENGTH),

    /* POSIX message queues and poll: queues are named (a few shared names,
     * unlinked by the supervisor at the end) and outlive their opener; a
     * send to a full queue or a receive from an empty one waits at most
     * until its deadline (ARG_TIMESPEC: in the past, or bad), a poll until
     * its timeout or the watchdog's nudge; mq_notify's signal may end the
     * worker (it is forked again) */
    ROW(mq_open, 3, CALL_RETURNS_FD, ARG_MQ_NAME, ARG_OPEN_FLAGS, ARG_MODE, ARG_MQ_ATTR),
    ROW(mq_unlink, 1, 0, ARG_MQ_NAME),
    ROW(mq_timedsend, 4, 0, ARG_FD, ARG_IN, ARG_LENGTH, ARG_INT, ARG_TIMESPEC),
    ROW(mq_timedreceive, 4, 0, ARG_FD, ARG_OUT, ARG_LENGTH, ARG_OUT, ARG_TIMESPEC),
    ROW(mq_notify, 2, 0, ARG_FD, ARG_INT, ARG_SIGNAL),
    ROW(mq_getsetattr, 2, 0, ARG_FD, ARG_MQ_ATTR, ARG_OUT),
    ROW(ppoll, 3, 0, ARG_IN, ARG_LENGTH, ARG_TIMESPEC, ARG_IN),

    /* job control, terminals, console devices (a worker is never init:
     * device_claim always fails with EPERM) */
    ROW(setpgid, 2, 0, ARG_PID, ARG_INT),
    ROW(getpgid, 1, 0, ARG_PID),
    ROW(setsid, 1, 0),
    ROW(getsid, 1, 0, ARG_PID),
    ROW(openpty, 2, 0, ARG_FD_PAIR_OUT, ARG_PIPE_FLAGS),
    ROW(device_claim, 1, 0, ARG_INT),

    /* native IPC: ports, capabilities, names, statistics, trace */
    MAKER(port_create, 6, TOKEN_PORT, ARG_INT, ARG_TOKEN_OUT),
    ROW(port_send, 8, 0, ARG_PORT, ARG_SEND_ARGS),
    ROW(port_receive, 8, 0, ARG_PORT, ARG_RECEIVE_ARGS),
    ROW(port_call, 3, 0, ARG_PORT, ARG_SEND_ARGS, ARG_RECEIVE_ARGS),
    ROW(port_reply, 3, 0, ARG_INT, ARG_SEND_ARGS),
    ROW(port_configure, 3, 0, ARG_PORT, ARG_PORT_CONFIG),
    ROW(cap_close, 5, 0, ARG_CAP),
    ROW(cap_derive, 5, 0, ARG_CAP, ARG_RIGHTS, ARG_TOKEN_OUT),
    ROW(cap_revoke, 3, 0, ARG_CAP),
    ROW(cap_info, 3, 0, ARG_CAP, ARG_OUT),
    ROW(ns_bind, 3, 0, ARG_NAME, ARG_NAME_LENGTH, ARG_CAP, ARG_RIGHTS),
    ROW(ns_lookup, 3, 0, ARG_NAME, ARG_NAME_LENGTH, ARG_TOKEN_OUT),
    ROW(ns_unbind, 2, 0, ARG_NAME, ARG_NAME_LENGTH),
    ROW(ipc_stats, 2, 0, ARG_INT, ARG_INT, ARG_OUT),
    ROW(ipc_trace_control, 1, 0, ARG_INT),
    ROW(ipc_trace_read, 2, 0, ARG_OUT, ARG_OUT, ARG_INT, ARG_OUT),

    /* native IPC: channels, shared memory, wait sets, broadcast, the system endpoint */
    MAKER(channel_create, 4, TOKEN_CHANNEL, ARG_LENGTH, ARG_TOKEN_PAIR_OUT),
    ROW(channel_map, 3, 0, ARG_CHANNEL, ARG_OUT),
    ROW(channel_wait, 2, 0, ARG_CHANNEL, ARG_INT, ARG_INT, ARG_TIMEOUT),
    ROW(channel_wake, 2, 0, ARG_CHANNEL, ARG_INT),
    MAKER(shm_create, 3, TOKEN_REGION, ARG_LENGTH, ARG_TOKEN_OUT),
    ROW(shm_map, 3, 0, ARG_REGION, ARG_OUT),
    ROW(shm_unmap, 2, 0, ARG_ADDRESS),
    ROW(shm_transfer, 2, 0, ARG_REGION, ARG_PORT, ARG_INT),
    MAKER(waitset_create, 2, TOKEN_WAITSET, ARG_TOKEN_OUT),
    ROW(waitset_add, 3, 0, ARG_WAITSET, ARG_CAP, ARG_INT, ARG_FLAGS),
    ROW(waitset_remove, 2, 0, ARG_WAITSET, ARG_CAP),
    ROW(waitset_wait, 2, 0, ARG_WAITSET, ARG_OUT, ARG_INT, ARG_TIMEOUT),
    MAKER(broadcast_create, 2, TOKEN_BROADCAST, ARG_TOKEN_OUT),
    ROW(broadcast_subscribe, 2, 0, ARG_BROADCAST, ARG_PORT),
    ROW(broadcast_unsubscribe, 2, 0, ARG_BROADCAST, ARG_PORT),
    ROW(broadcast_publish, 3, 0, ARG_BROADCAST, ARG_SEND_ARGS),
    ROW(broadcast_stats, 1, 0, ARG_BROADCAST, ARG_PORT, ARG_OUT),
    ROW(system_subscribe, 1, 0, ARG_PORT, ARG_FLAGS),
    ROW(system_stats, 1, 0, ARG_PORT, ARG_OUT),
    ROW(ipc_transport_stats, 1, 0, ARG_OUT),

    /* FreeWorld channels: an id is a small integer like a descriptor, so
     * the ids made join the descriptor pool and calls take ARG_FD; a send's
     * receiver is often 0 (ARG_SECONDS) and its priority often small
     * (ARG_FLAGS), so that some sends get through; a send to a full queue
     * or pipe waits until the watchdog's nudge (EINTR) */
    ROW(fw_create, 3, CALL_RETURNS_FD, ARG_NAME, ARG_NAME_LENGTH, ARG_INT, ARG_LENGTH),
    ROW(fw_open, 3, CALL_RETURNS_FD, ARG_NAME, ARG_NAME_LENGTH, ARG_INT),
    ROW(fw_close, 2, 0, ARG_FD),
    ROW(fw_send, 4, 0, ARG_FD, ARG_IN, ARG_LENGTH, ARG_INT, ARG_SECONDS, ARG_FLAGS),
    ROW(fw_receive, 4, 0, ARG_FD, ARG_RECEIVE_ARGS),
};

const size_t fuzz_call_count = sizeof(fuzz_calls) / sizeof(fuzz_calls[0]);

_Static_assert(sizeof(fuzz_calls) / sizeof(fuzz_calls[0]) <= FUZZ_CALLS_MAX, "raise FUZZ_CALLS_MAX");

size_t fuzz_pick_call(struct rng *rng, unsigned excluded)
{
    static unsigned total_weight;

    if (!total_weight)
        for (size_t row = 0; row < fuzz_call_count; row++)
            total_weight += fuzz_calls[row].weight;
    for (;;) {
        unsigned pick = (unsigned)rng_below(rng, total_weight);
        size_t row = 0;
        while (pick >= fuzz_calls[row].weight)
            pick -= fuzz_calls[row++].weight;
        if (!(fuzz_calls[row].flags & excluded))
            return row;
    }
}
