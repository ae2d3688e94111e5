/*
 * ipc_test.h - what the in-guest tests of channels, shared memory, wait
 * sets and broadcast share: raw port and name calls, handing a capability
 * to a forked child, timing, and the leak check.
 *
 * Layer: test programs (user space), on ipc_check.h (ports, names and
 * capabilities through libfreeport, timing). Capabilities are not
 * inherited across fork, so a parent gives one to its child through the
 * name service: it binds a name (unique per parent pid) to the token, the
 * child looks the name up, and the parent unbinds it once the child has
 * it (a bound name holds a capability of its own, which would keep a
 * channel end alive after its holder died).
 *
 * Leak checks compare counters in a parent that maps nothing itself: page
 * tables made for a mapping stay with the address space, so the work that
 * maps runs in children.
 */
#ifndef FREEPORT_TESTS_IPC_TEST_H
#define FREEPORT_TESTS_IPC_TEST_H

#include "ipc_check.h"
#include <freeport/broadcast.h>
#include <freeport/channel.h>
#include <freeport/ipc.h>

#define ALL_END_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_MAP)

/* "test.<tag>.<pid>": unique to this parent and purpose. */
static inline void share_name(char *name, size_t size, const char *tag, int pid)
{
    snprintf(name, size, "test.%s.%d", tag, pid);
}

/* Parent: offer `token` (with `rights`) under the name of `tag`. */
static inline int share_offer(const char *tag, uint64_t token, uint32_t rights)
{
    char name[64];

    share_name(name, sizeof(name), tag, getpid());
    return ns_bind(name, token, rights);
}

/* Parent: stop offering it. */
static inline int share_withdraw(const char *tag)
{
    char name[64];

    share_name(name, sizeof(name), tag, getpid());
    return ns_unbind(name);
}

/* Child: take what the parent offered under `tag`. */
static inline int share_take(const char *tag, uint64_t *token)
{
    char name[64];

    share_name(name, sizeof(name), tag, getppid());
    return ns_lookup(name, token);
}

/* Milliseconds since `started` (a now_ns() value). */
static inline uint64_t ms_since(uint64_t started)
{
    return (now_ns() - started) / MS;
}

/* Run body in a child that starts with no failures and exits with its
 * number of failed checks; returns the wait status. */
static inline int run_child(void (*body)(void))
{
    pid_t pid = fork();
    int status = -1;

    if (pid == 0) {
        check_failures = 0;
        body();
        _exit(check_failures);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

static inline void check_child(void (*body)(void), const char *what)
{
    int status = run_child(body);

    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s (status %#x)", what, status);
}

/* body must die of SIGSEGV. */
static inline void check_child_faults(void (*body)(void), const char *what)
{
    int status = run_child(body);

    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s (status %#x)", what, status);
}

/* A channel with a child at the other end: the child takes end 1 (by
 * name), says "ready" and runs child_body; end 0 is opened here once it
 * did. The child exits with its failed checks; finish_peer reaps it. */
static inline pid_t start_peer(void (*child_body)(struct channel *), struct channel **mine)
{
    uint64_t tokens[2], token;
    struct channel *channel;
    char ready[8];
    pid_t pid;

    if (channel_create(4096, tokens) != 0 || share_offer("channel", tokens[1], ALL_END_RIGHTS) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        check_failures = 0;
        if (share_take("channel", &token) != 0 || channel_open(token, &channel) != 0 ||
            channel_send(channel, 0, "ready", 6, IPC_TIMEOUT_FOREVER) != 0)
            _exit(100);
        child_body(channel);
        _exit(check_failures);
    }
    channel_open(tokens[0], mine);
    channel_receive(*mine, NULL, ready, sizeof(ready), IPC_TIMEOUT_FOREVER);
    share_withdraw("channel");
    cap_close(tokens[1]); /* the child's end is the child's alone now */
    return pid;
}

static inline int finish_peer(pid_t pid)
{
    int status = -1;

    waitpid(pid, &status, 0);
    return status;
}

/* FP_PROC_* of the process `pid`, or -1. */
static inline int process_state(pid_t pid)
{
    struct freeport_procinfo info;

    for (int index = 0; freeport_procinfo(index, &info) == 0 || errno == ESRCH; index++)
        if (info.pid == pid)
            return (int)info.state;
    return -1;
}

/* System calls this process has made so far (procinfo's counter; the
 * procinfo call reading it is included). */
static inline uint64_t syscalls_so_far(void)
{
    struct freeport_procinfo info;

    for (int index = 0; freeport_procinfo(index, &info) == 0 || errno == ESRCH; index++)
        if (info.pid == getpid())
            return info.syscalls;
    return 0;
}

/* Everything that must come back once the test's objects and children
 * are gone: the kernel's counters and the transport's live objects. */
struct baseline {
    struct freeport_kstat kernel;
    struct ipc_transport_stats transport;
};

/* The transport first: a process's first IPC call makes its IPC state,
 * which must already be in the kernel's counters. */
static inline void baseline_take(struct baseline *baseline)
{
    ipc_transport_stats(&baseline->transport);
    freeport_kstat(&baseline->kernel);
}

static inline bool baseline_same(const struct baseline *a, const struct baseline *b)
{
    const struct ipc_transport_stats *x = &a->transport, *y = &b->transport;

    return kstat_same(&a->kernel, &b->kernel) && x->channels == y->channels && x->regions == y->regions &&
           x->pinned_bytes == y->pinned_bytes && x->mappings == y->mappings && x->waitsets == y->waitsets &&
           x->waitset_entries == y->waitset_entries && x->broadcasts == y->broadcasts &&
           x->subscriptions == y->subscriptions;
}

static inline void baseline_print(const char *when, const struct baseline *baseline)
{
    const struct ipc_transport_stats *t = &baseline->transport;

    kstat_print(when, &baseline->kernel);
    printf("# transport %s: %llu channels, %llu regions, %llu bytes, %llu mappings, %llu sets/%llu entries, "
           "%llu broadcasts/%llu subscriptions\n",
           when, (unsigned long long)t->channels, (unsigned long long)t->regions,
           (unsigned long long)t->pinned_bytes, (unsigned long long)t->mappings,
           (unsigned long long)t->waitsets, (unsigned long long)t->waitset_entries,
           (unsigned long long)t->broadcasts, (unsigned long long)t->subscriptions);
}

static void baseline_warm_up(void)
{
}

/* What every IPC test starts with: stdout unbuffered, one child run and
 * one check printed, so that neither a stdio buffer nor the stack pages
 * of a first fork or printf count as a leak; then the baseline. */
static inline void baseline_start(struct baseline *baseline)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    CHECK(WIFEXITED(run_child(baseline_warm_up)), "a child runs (%s, pid %d)", "warming up", getpid());
    baseline_take(baseline);
}

/* The check every IPC test ends with. */
static inline void check_back_to_baseline(const struct baseline *before)
{
    struct baseline after;

    baseline_take(&after);
    if (!baseline_same(before, &after)) {
        baseline_print("before", before);
        baseline_print("after", &after);
    }
    CHECK(baseline_same(before, &after), "kernel and transport counters are back to where they started");
}

#endif
