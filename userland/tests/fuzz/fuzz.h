/*
 * fuzz.h - the pieces of `fuzz`, Freeport's in-guest system-call fuzzer.
 *
 * Layer: test program (user space), built by tests/robustness.mk with
 * build/bin/freeport-cc and run in the guest by tests/robustness.bats,
 * `make soak` and tools/fuzz-minimize. docs/robustness.md explains the
 * design; in short:
 *
 *   main.c        the supervisor: options, baseline counters, forks the
 *                 workers, re-forks those that die, cleans up, compares the
 *                 counters and runs SYS_kcheck at the end
 *   worker.c      one worker: picks a call from the table, builds its
 *                 arguments, issues it with the raw `syscall` instruction
 *   calls.c       the table: one row per system call, naming the kind of
 *                 each argument (adding a system call is adding a row)
 *   arguments.c   one generator per kind of argument
 *
 * Everything random comes from one xorshift64* generator per worker,
 * seeded from the master seed, the worker's index and its incarnation
 * (how many times it was re-forked), so the same seed replays the same
 * calls. Workers never call printf or malloc: their stdio is /dev/null and
 * they may have shrunk their own heap with brk.
 */
#ifndef FREEPORT_TESTS_FUZZ_H
#define FREEPORT_TESTS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- randomness ----------------------------------------------------------- */

/* splitmix64: turns any seed, even 0 or a counter, into a good one. */
static inline uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* xorshift64* (Vigna 2014): the workers' stream. State never 0. */
struct rng {
    uint64_t state;
};

static inline void rng_seed(struct rng *rng, uint64_t seed)
{
    rng->state = splitmix64(&seed) | 1;
}

static inline uint64_t rng_next(struct rng *rng)
{
    rng->state ^= rng->state >> 12;
    rng->state ^= rng->state << 25;
    rng->state ^= rng->state >> 27;
    return rng->state * 0x2545f4914f6cdd1dULL;
}

/* Uniform enough in [0, bound) for bound > 0. */
static inline uint64_t rng_below(struct rng *rng, uint64_t bound)
{
    return rng_next(rng) % bound;
}

static inline bool rng_one_in(struct rng *rng, uint64_t chances)
{
    return rng_below(rng, chances) == 0;
}

/* The seed of one incarnation of one worker. */
static inline uint64_t fuzz_worker_seed(uint64_t master, unsigned worker, unsigned incarnation)
{
    uint64_t state = master ^ ((uint64_t)worker << 32 | incarnation);

    return splitmix64(&state);
}

/* --- the table of system calls ------------------------------------------- */

enum arg_kind {
    ARG_UNUSED,      /* not an argument: random bits, which the kernel must ignore */
    ARG_FD,          /* descriptors: open ones, closed ones, negative, huge */
    ARG_IN,          /* memory the kernel reads: a good buffer or a bad pointer */
    ARG_OUT,         /* memory the kernel writes: likewise, plus read-only memory */
    ARG_BAD_POINTER, /* only bad pointers (for calls that would block given a good one) */
    ARG_LENGTH,      /* 0, 1, page sizes and their neighbours, huge, negative */
    ARG_FLAGS,       /* flags no family below describes: random bits, small values */
    ARG_OPEN_FLAGS,  /* flag families: their usual values, or every bit, or random bits */
    ARG_MODE,        /*   file types and permissions */
    ARG_PROT,        /*   PROT_* */
    ARG_MAP_FLAGS,   /*   MAP_* */
    ARG_IOCTL,       /*   ioctl requests */
    ARG_PIPE_FLAGS,  /*   pipe2: mostly O_NONBLOCK, as a worker that reads its own empty pipe waits */
    ARG_PATH,        /* sandbox files and directories, odd, overlong, unterminated, bad:
                        never a program, so execve always fails */
    ARG_STRINGS,     /* argv/envp: arrays of strings, empty, huge, with bad pointers */
    ARG_IOVEC,       /* an array of struct freeport_iovec, good and bad buffers */
    ARG_TIMESPEC,    /* short (never long: workers must not sleep) and invalid times */
    ARG_SIGACTION,   /* default, ignore, the worker's handler, garbage handlers */
    ARG_PID,         /* self, its last child, nobody; never -1, init or the supervisor */
    ARG_SIGNAL,      /* 0..32, and invalid numbers */
    ARG_INT,         /* small integers, limits, random */
    ARG_OFFSET,      /* file offsets: 0, small, page-sized, negative, huge */
    ARG_ADDRESS,     /* for brk/mmap/munmap/mprotect: a sacrificial region, odd and bad addresses */
    ARG_SECONDS,     /* alarm: 0, 1, 2, huge */
    ARG_FD_PAIR_OUT, /* where pipe2 writes two descriptors (they join the pool) */
    /* native IPC */
    ARG_CAP,            /* tokens: from the pool (maybe closed since), stale, wrong rights, forged */
    ARG_PORT,           /* ARG_CAP, mostly of a port */
    ARG_CHANNEL,        /*   of a channel end */
    ARG_REGION,         /*   of a shared memory region */
    ARG_WAITSET,        /*   of a wait set */
    ARG_BROADCAST,      /*   of a broadcast endpoint */
    ARG_TOKEN_OUT,      /* where a call writes a new token (it joins the pool) */
    ARG_TOKEN_PAIR_OUT, /* where channel_create writes two */
    ARG_RIGHTS,         /* IPC_RIGHT_* subsets, unknown bits */
    ARG_TIMEOUT,        /* IPC timeouts: none, short, rarely forever */
    ARG_NAME,           /* a service name (not NUL-terminated: its length follows) */
    ARG_NAME_LENGTH,    /* the length of the name just made, mostly */
    ARG_SEND_ARGS,      /* struct ipc_send_args: header, payload, capabilities */
    ARG_RECEIVE_ARGS,   /* struct ipc_receive_args */
    ARG_PORT_CONFIG,    /* struct ipc_port_config */

    /* Unix sockets */
    ARG_SOCKET_DOMAIN,   /* AF_UNIX mostly, else another */
    ARG_SOCKET_TYPE,     /* SOCK_STREAM, _DGRAM, _SEQPACKET, mostly non-blocking; odd ones */
    ARG_ZERO_MOSTLY,     /* 0 (a protocol; no pair wanted) mostly, else another */
    ARG_SOCKADDR,        /* struct sockaddr_un naming a sandbox path; odd families and paths */
    ARG_SOCKADDR_LENGTH, /* its length, mostly the whole struct */
    ARG_MSGHDR,          /* struct freeport_msghdr: a vector, an address or none, never control data */

    /* POSIX message queues */
    ARG_MQ_NAME, /* FUZZ_MQ_NAMES (shared: workers meet through them), odd names, bad pointers */
    ARG_MQ_ATTR, /* struct freeport_mq_attr: NULL (the defaults) mostly, small, out of range, bad */
};

/* The queue names workers create; the supervisor unlinks them at the end,
 * so the queues go once their last descriptor does. */
#define FUZZ_MQ_NAMES {"/fuzz.q0", "/fuzz.q1", "/fuzz.q2"}

#define CALL_RETURNS_FD        0x1 /* a result >= 0 is a new descriptor: add it to the pool */
#define CALL_FORK              0x2 /* fork: the child _exits at once, the parent reaps it */
#define CALL_CONFIGURES_FAULTS 0x4 /* skipped while the supervisor injects failures */

/* What the tokens a call writes name (the pool keeps it, so that a call
 * wanting a port is mostly given one). */
enum token_kind {
    TOKEN_ANY,
    TOKEN_PORT,
    TOKEN_CHANNEL,
    TOKEN_REGION,
    TOKEN_WAITSET,
    TOKEN_BROADCAST,
    TOKEN_GRANTABLE, /* a copy without IPC_RIGHT_RECEIVE, for messages to carry (worker.c) */
};

struct fuzz_call {
    const char *name;
    long number;
    uint8_t args[6]; /* enum arg_kind, ARG_UNUSED after the last argument */
    uint8_t weight;  /* relative chance of being picked */
    uint8_t flags;   /* CALL_* */
    uint8_t makes;   /* enum token_kind of the tokens it writes */
};

extern const struct fuzz_call fuzz_calls[];
extern const size_t fuzz_call_count;

/* Pick a row, with its weight as the chance; none flagged `excluded`. */
size_t fuzz_pick_call(struct rng *rng, unsigned excluded);

/* --- a worker ------------------------------------------------------------- */

#define FUZZ_WORKERS_MAX  8 /* sandboxes are /tmp/fz0 ... /tmp/fz7 */
#define FUZZ_POOL_SIZE    16
#define FUZZ_CALLS_MAX    128                /* rows the statistics have room for */
#define FUZZ_STATS_FD     253                /* reserved: never given to a fuzzed call */
#define FUZZ_TRACE_FD     254                /* reserved: the console, in --trace mode */
#define FUZZ_SANDBOX      "/tmp/fz"          /* worker W plays in /tmp/fzW */
#define FUZZ_STATS_PREFIX "/tmp/fuzz-stats." /* and reports in /tmp/fuzz-stats.W */
#define FUZZ_PATH_SIZE    32

/* What a worker reports to the supervisor, through its statistics file. */
struct fuzz_stats {
    uint64_t calls;
    uint64_t per_call[FUZZ_CALLS_MAX];
    uint64_t failed[FUZZ_CALLS_MAX]; /* of those, how many returned an error */
};

struct worker {
    unsigned index, incarnation;
    struct rng rng;
    bool trace, injecting;
    int self_pid, last_child_pid;
    int fds[FUZZ_POOL_SIZE];           /* descriptors calls returned (maybe closed since) */
    uint64_t caps[FUZZ_POOL_SIZE];     /* tokens calls wrote (maybe closed since) */
    uint8_t cap_kinds[FUZZ_POOL_SIZE]; /* enum token_kind of each */
    unsigned fd_count, cap_count;
    size_t name_length; /* of the last ARG_NAME */
    struct {            /* where the call being built writes tokens or descriptors */
        uint64_t *tokens;
        int *fds;
        unsigned count;
    } harvest;
    uint8_t *arena;   /* see arguments.c for its layout */
    uint8_t *scratch; /* bump allocator for one call's objects */
    uintptr_t victim; /* the region memory calls may wreck */
    uintptr_t initial_break;
    struct fuzz_stats stats;
};

/* arguments.c: map the arena and the victim region; false on failure. */
bool fuzz_arguments_init(struct worker *worker);

/* arguments.c: one argument of `kind`, for the call being built. */
uint64_t fuzz_argument(struct worker *worker, enum arg_kind kind);

/* arguments.c: forget the previous call's objects. */
void fuzz_arguments_reset(struct worker *worker);

/* worker.c: run `calls` calls (in a forked child; never returns). */
struct worker_options {
    unsigned index, incarnation;
    uint64_t seed, calls;
    bool trace, injecting; /* injecting: the supervisor injects allocation failures */
};
__attribute__((noreturn)) void fuzz_worker_main(const struct worker_options *options);

/* worker.c: prefix followed by index in decimal (a sandbox, a statistics file). */
void fuzz_numbered_path(char path[FUZZ_PATH_SIZE], const char *prefix, unsigned index);

#endif
