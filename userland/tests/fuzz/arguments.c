/*
 * arguments.c - structured random arguments, one generator per kind
 * (enum arg_kind in fuzz.h).
 *
 * Layer: test program (fuzz). Every pointer a call gets points into the
 * worker's arena, or is bad on purpose; the worker's own variables are
 * never handed to the kernel, so no call can corrupt its state. The arena
 * is mapped at a fixed address at start:
 *
 *   pages 0-3   buffers: what the kernel reads and writes for plain data
 *   pages 4-7   scratch: one call's strings, arrays and structures
 *   page  8     read-only: the kernel must refuse to write here
 *   page  9     the tail: 'x' up to its last byte, no NUL; an unterminated
 *               string or an object that straddles into page 10
 *   page  10    the guard: mapped PROT_NONE, so that no mmap is placed
 *               there, and no access is allowed
 *
 * The arena sits well above USER_MMAP_BASE, where mmap without an address
 * puts its mappings: they go below it.
 *
 * Memory calls (brk, mmap, munmap, mprotect) aim mostly at the victim
 * region, far above the arena: whatever they do to it, the arena survives
 * (a length that reaches the stack or the arena is possible but rare,
 * and kills only this worker, which the supervisor re-forks).
 */
#include <signal.h>
#include <string.h>
#include <freeport/abi.h>
#include <freeport/ipc.h>
#include <freeport/socket.h>
#include "../../libc/syscall.h"
#include "fuzz.h"

#define PAGE           4096
#define ARENA_ADDRESS  UINT64_C(0x200000000000)
#define ARENA_PAGES    10
#define BUFFERS        0
#define SCRATCH        (4 * PAGE)
#define SCRATCH_SIZE   (4 * PAGE)
#define READ_ONLY      (8 * PAGE)
#define TAIL           (9 * PAGE)
#define ARENA_END      (ARENA_PAGES * PAGE) /* the guard page */
#define VICTIM_ADDRESS UINT64_C(0x300000000000)
#define VICTIM_PAGES   64
#define OVERLONG_PATH  5000

/* Signal handlers and restorers the kernel may be given. */
extern void libc_signal_restorer(void);

static void fuzz_signal_handler(int signal)
{
    /* A fault signal would fault again on return: fall back to the
     * default action, which ends the worker with that signal. */
    if (signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE) {
        struct freeport_sigaction default_action = {.handler = FP_SIG_DFL};
        SYSCALL(SYS_sigaction, signal, &default_action, 0);
    }
}

bool fuzz_arguments_init(struct worker *worker)
{
    long arena = SYSCALL(SYS_mmap, ARENA_ADDRESS, ARENA_PAGES * PAGE, FP_PROT_READ | FP_PROT_WRITE,
                         FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED, -1, 0);
    long guard = SYSCALL(SYS_mmap, ARENA_ADDRESS + ARENA_END, PAGE, FP_PROT_NONE,
                         FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED, -1, 0);
    long victim = SYSCALL(SYS_mmap, VICTIM_ADDRESS, VICTIM_PAGES * PAGE, FP_PROT_READ | FP_PROT_WRITE,
                          FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED, -1, 0);

    if (arena != (long)ARENA_ADDRESS || guard != (long)(ARENA_ADDRESS + ARENA_END) ||
        victim != (long)VICTIM_ADDRESS)
        return false;
    worker->arena = (uint8_t *)ARENA_ADDRESS;
    worker->victim = VICTIM_ADDRESS;
    for (size_t i = 0; i < READ_ONLY; i += sizeof(uint64_t)) {
        uint64_t bits = rng_next(&worker->rng);
        memcpy(worker->arena + i, &bits, sizeof(bits));
    }
    memset(worker->arena + READ_ONLY, 0x5a, PAGE);
    memset(worker->arena + TAIL, 'x', PAGE);
    worker->initial_break = (uintptr_t)SYSCALL(SYS_brk, 0);
    fuzz_arguments_reset(worker);
    return SYSCALL(SYS_mprotect, worker->arena + READ_ONLY, PAGE, FP_PROT_READ) == 0;
}

void fuzz_arguments_reset(struct worker *worker)
{
    worker->scratch = worker->arena + SCRATCH;
    worker->harvest.tokens = NULL;
    worker->harvest.fds = NULL;
    worker->harvest.count = 0;
}

/* `size` bytes of scratch, 8-aligned; wraps to the start when full (one
 * call's objects are small, so they never meet). */
static void *scratch(struct worker *worker, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (worker->scratch + size > worker->arena + SCRATCH + SCRATCH_SIZE)
        worker->scratch = worker->arena + SCRATCH;
    void *object = worker->scratch;
    worker->scratch += size;
    return object;
}

static uint64_t pick(struct rng *rng, const uint64_t *values, size_t count)
{
    return values[rng_below(rng, count)];
}

/* One of the constants listed, each as likely. */
#define PICK(rng, ...) pick((rng), (const uint64_t[]){__VA_ARGS__}, sizeof((uint64_t[]){__VA_ARGS__}) / 8)

/* --- pointers --------------------------------------------------------- */

/* Addresses no call may accept for an object of 8 bytes or more. */
static uint64_t bad_pointer(struct worker *worker)
{
    switch (rng_below(&worker->rng, 8)) {
    case 0: return 0;
    case 1: return 0x10000000;                   /* unmapped, low */
    case 2: return UINT64_C(0xffff800000000000); /* the kernel's direct map */
    case 3: return UINT64_C(0xffffffff80000000); /* the kernel image */
    case 4: return UINT64_C(0x0000800000000000); /* first non-canonical */
    case 5: return UINT64_C(0x00007ffffffff000); /* last user page, never mapped */
    case 6: return (uint64_t)(worker->arena + ARENA_END - 1 - rng_below(&worker->rng, 7)); /* straddles */
    default: return rng_next(&worker->rng);
    }
}

/* Memory of unknown size: a good buffer most of the time. */
static uint64_t pointer(struct worker *worker, bool kernel_writes)
{
    struct rng *rng = &worker->rng;
    uint8_t *buffer = worker->arena + BUFFERS + (rng_below(rng, 2 * PAGE) & ~(uint64_t)7);

    switch (rng_below(rng, 16)) {
    case 0:
    case 1:
    case 2: return bad_pointer(worker);
    case 3: return (uint64_t)(buffer + 1 + rng_below(rng, 7)); /* misaligned */
    case 4: return (uint64_t)(worker->arena + READ_ONLY + rng_below(rng, 64) * 8);
    case 5: return kernel_writes ? (uint64_t)(uintptr_t)fuzz_signal_handler : (uint64_t)buffer; /* text */
    default:
        if (!kernel_writes)
            for (size_t i = 0; i < 64; i++)
                buffer[i] = (uint8_t)rng_next(rng);
        return (uint64_t)buffer;
    }
}

/* --- names and paths --------------------------------------------------- */

static const char *const sandbox_names[] = {
    "",     "/f0",   "/f1",        "/f2",       "/f3",        "/f4",       "/d0",
    "/d1",  "/d2",   "/d0/f0",     "/d0/f1",    "/d1/d0",     "/d0/d0/f0", "/f0/",
    "/d0/", "/f0/x", "/../fz0/f1", "//d0///f1", "/./d1/./f2", "/d0/..",    "/\xff\xfe\x80",
};

static const char *const odd_paths[] = {
    "",
    "/",
    ".",
    "..",
    "/tmp/..",
    "/tmp/../tmp/fz0/d0",
    "/dev/null",
    "/dev/zero",
    "/dev/",
    "/nonexistent/x",
    "/tmp/fz0/../../../../..",
    "////",
    "\xc3\xa9t\xc3\xa9",
    "/dev/null/x",
};

static char *copy_string(struct worker *worker, const char *text)
{
    size_t length = strlen(text);
    char *string = scratch(worker, length + 1);

    memcpy(string, text, length + 1);
    return string;
}

/* "/tmp/fzW" + a sandbox name; mostly this worker's own sandbox. */
static char *sandbox_path(struct worker *worker)
{
    struct rng *rng = &worker->rng;
    unsigned sandbox = rng_one_in(rng, 8) ? (unsigned)rng_below(rng, FUZZ_WORKERS_MAX) : worker->index;
    const char *name = sandbox_names[rng_below(rng, sizeof(sandbox_names) / sizeof(sandbox_names[0]))];
    char *path = scratch(worker, sizeof(FUZZ_SANDBOX) + 4 + strlen(name));
    size_t length = strlen(FUZZ_SANDBOX);

    memcpy(path, FUZZ_SANDBOX, length);
    path[length++] = (char)('0' + sandbox);
    strcpy(path + length, name);
    return path;
}

/* `count` copies of `unit`, then a NUL: overlong paths and components. */
static char *repeated(struct worker *worker, const char *unit, size_t count)
{
    size_t unit_length = strlen(unit);
    char *text = scratch(worker, unit_length * count + 1);

    for (size_t i = 0; i < count; i++)
        memcpy(text + i * unit_length, unit, unit_length);
    text[unit_length * count] = '\0';
    return text;
}

static uint64_t path(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    switch (rng_below(rng, 20)) {
    case 0:
        return (uint64_t)copy_string(worker,
                                     odd_paths[rng_below(rng, sizeof(odd_paths) / sizeof(odd_paths[0]))]);
    case 1: return (uint64_t)repeated(worker, "a", OVERLONG_PATH);              /* ENAMETOOLONG */
    case 2: return (uint64_t)repeated(worker, "b", 256);                        /* a component too long */
    case 3: return (uint64_t)repeated(worker, "/..", 1 + rng_below(rng, 1400)); /* near FS_PATH_MAX */
    case 4:
        return (uint64_t)(worker->arena + ARENA_END - 1 - rng_below(rng, 300)); /* no NUL before page 10 */
    case 5: return bad_pointer(worker);
    case 6: {
        size_t length = 1 + rng_below(rng, 24);
        char *text = scratch(worker, length + 1);
        for (size_t i = 0; i < length; i++)
            text[i] = (char)(1 + rng_below(rng, 255));
        text[length] = '\0';
        return (uint64_t)text;
    }
    default: return (uint64_t)sandbox_path(worker);
    }
}

/* argv or envp: NULL-terminated arrays of strings, good and bad. */
static uint64_t strings(struct worker *worker)
{
    struct rng *rng = &worker->rng;
    size_t count;

    switch (rng_below(rng, 10)) {
    case 0: return 0;
    case 1: return bad_pointer(worker);
    case 2: return (uint64_t)(worker->arena + ARENA_END - 16); /* runs into page 10 without a NULL */
    case 3: count = 600; break;                                /* 600 x 100 bytes: E2BIG */
    default: count = rng_below(rng, 6); break;
    }
    uint64_t *array = scratch(worker, (count + 1) * sizeof(uint64_t));
    char *long_string = count == 600 ? repeated(worker, "e", 100) : NULL;
    for (size_t i = 0; i < count; i++)
        array[i] = long_string          ? (uint64_t)long_string
                   : rng_one_in(rng, 4) ? bad_pointer(worker)
                                        : path(worker);
    array[count] = 0;
    return (uint64_t)array;
}

/* --- numbers ----------------------------------------------------------- */

static uint64_t length(struct rng *rng)
{
    switch (rng_below(rng, 8)) {
    case 0:
    case 1: return rng_below(rng, 10000);
    case 2: return rng_next(rng);
    default:
        return PICK(rng, 0, 1, 2, 7, 8, 16, 64, 512, 4095, 4096, 4097, 8192, 65536, UINT64_C(1) << 20,
                    UINT64_C(1) << 31, UINT64_C(1) << 32, UINT64_C(1) << 62, UINT64_MAX, (uint64_t)-4096);
    }
}

/* Flags of one family: its usual values most of the time, else 0, every
 * bit, or random bits. */
static uint64_t flags(struct rng *rng, enum arg_kind family)
{
    switch (rng_below(rng, 8)) {
    case 0: return UINT64_MAX;
    case 1: return rng_next(rng);
    case 2: return rng_next(rng) & 0xffff;
    default: break;
    }
    switch (family) {
    case ARG_OPEN_FLAGS:
        return PICK(rng, FP_O_RDONLY, FP_O_WRONLY, FP_O_RDWR, FP_O_ACCMODE, FP_O_CREAT | FP_O_RDWR,
                    FP_O_CREAT | FP_O_EXCL | FP_O_RDWR, FP_O_CREAT | FP_O_TRUNC | FP_O_WRONLY,
                    FP_O_APPEND | FP_O_WRONLY | FP_O_CREAT, FP_O_DIRECTORY, FP_O_NONBLOCK | FP_O_RDONLY,
                    FP_O_NONBLOCK | FP_O_WRONLY, FP_O_CLOEXEC | FP_O_RDWR);
    case ARG_MODE:
        return PICK(rng, 0, 0644, 0755, 0777, 07777, 0600, 0444, FP_S_IFIFO | 0644, FP_S_IFCHR | 0644,
                    FP_S_IFREG | 0600, FP_S_IFDIR | 0755, FP_S_IFSOCK | 0600, FP_S_IFBLK | 0600);
    case ARG_PROT:
        return PICK(rng, FP_PROT_NONE, FP_PROT_READ, FP_PROT_READ | FP_PROT_WRITE,
                    FP_PROT_READ | FP_PROT_EXEC, FP_PROT_READ | FP_PROT_WRITE | FP_PROT_EXEC, FP_PROT_WRITE);
    case ARG_MAP_FLAGS:
        return PICK(rng, FP_MAP_PRIVATE | FP_MAP_ANONYMOUS, FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED,
                    FP_MAP_SHARED | FP_MAP_ANONYMOUS, FP_MAP_PRIVATE, FP_MAP_ANONYMOUS);
    case ARG_IOCTL:
        return PICK(rng, FP_TCGETS, FP_TCSETS, FP_TIOCGWINSZ, FP_FIONREAD, 0, FP_TIOCSWINSZ, FP_TIOCSCTTY,
                    FP_TIOCGPGRP, FP_TIOCSPGRP, FP_TIOCNOTTY, FP_TIOCGPTN);
    case ARG_PIPE_FLAGS:
        return PICK(rng, FP_O_NONBLOCK, FP_O_NONBLOCK, FP_O_NONBLOCK | FP_O_CLOEXEC, 0, FP_O_CLOEXEC);
    case ARG_SOCKET_TYPE:
        return PICK(rng, FP_SOCK_STREAM, FP_SOCK_DGRAM, FP_SOCK_SEQPACKET) |
               PICK(rng, FP_SOCK_NONBLOCK, FP_SOCK_NONBLOCK, FP_SOCK_NONBLOCK | FP_SOCK_CLOEXEC, 0);
    default: return 0;
    }
}

static uint64_t integer(struct rng *rng)
{
    switch (rng_below(rng, 6)) {
    case 0:
    case 1: return rng_below(rng, 16);
    case 2: return rng_next(rng);
    default:
        return PICK(rng, (uint64_t)-1, 0, 1, 2, 3, 4, 255, 256, INT32_MAX, (uint64_t)INT32_MIN,
                    UINT64_C(1) << 32 | 1);
    }
}

static uint64_t offset(struct rng *rng)
{
    switch (rng_below(rng, 6)) {
    case 0: return rng_below(rng, 100000);
    case 1: return rng_next(rng);
    default:
        return PICK(rng, 0, 1, 4095, 4096, 4097, UINT64_C(1) << 20, UINT64_C(1) << 40, INT64_MAX,
                    (uint64_t)-1, (uint64_t)-4096, (uint64_t)INT64_MIN);
    }
}

/* Descriptors: those calls returned (open or closed since), the standard
 * three (/dev/null in a worker), and numbers no table holds. The
 * reserved statistics and trace descriptors are never given out. */
static uint64_t descriptor(struct worker *worker)
{
    struct rng *rng = &worker->rng;
    uint64_t fd;

    if (worker->fd_count && rng_below(rng, 10) < 6)
        fd = (uint64_t)worker->fds[rng_below(rng, worker->fd_count)];
    else if (rng_one_in(rng, 8))
        fd = rng_next(rng);
    else
        fd = PICK(rng, 0, 1, 2, (uint64_t)-1, (uint64_t)INT32_MIN, 252, 255, 256, UINT64_C(1) << 31);
    if ((int)fd == FUZZ_STATS_FD || (int)fd == FUZZ_TRACE_FD)
        fd = 252;
    return fd;
}

/* Processes a worker may signal: itself, its last child, or nobody
 * (above the largest pid, or a group, which Freeport does not have).
 * Never -1 (everyone), init, or the supervisor. */
static uint64_t pid(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    switch (rng_below(rng, 6)) {
    case 0: return (uint64_t)worker->self_pid;
    case 1: return (uint64_t)worker->last_child_pid;
    case 2: return 32768 + rng_below(rng, 100000);
    default: return PICK(rng, 0, (uint64_t)-2, (uint64_t)INT32_MIN, 40000, (uint64_t)INT32_MAX);
    }
}

static uint64_t signal_number(struct rng *rng)
{
    switch (rng_below(rng, 8)) {
    case 0: return rng_next(rng);
    case 1: return PICK(rng, 32, 33, 64, (uint64_t)-1, INT32_MAX);
    default: return rng_below(rng, 32);
    }
}

/* brk and mapping addresses: mostly inside the victim region. */
static uint64_t address(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    switch (rng_below(rng, 12)) {
    case 0: return 0;
    case 1: return worker->initial_break + PICK(rng, 0, PAGE, 1 << 20, (uint64_t)-PAGE, 1);
    case 2: return worker->victim + rng_below(rng, VICTIM_PAGES * PAGE); /* unaligned */
    case 3: return bad_pointer(worker) & ~(uint64_t)(PAGE - 1);
    case 4: return 0x1000;
    case 5: return ARENA_ADDRESS + ((uint64_t)1 << 36) + rng_below(rng, UINT64_C(1) << 28) * PAGE;
    default: return worker->victim + rng_below(rng, VICTIM_PAGES) * PAGE;
    }
}

/* --- structures -------------------------------------------------------- */

static uint64_t iovec(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 8))
        return bad_pointer(worker);
    size_t count = rng_below(rng, 9);
    struct freeport_iovec *vector = scratch(worker, (count ? count : 1) * sizeof(*vector));
    for (size_t i = 0; i < count; i++) {
        vector[i].base = pointer(worker, rng_one_in(rng, 2));
        vector[i].length = rng_one_in(rng, 4) ? length(rng) : rng_below(rng, 600);
    }
    return (uint64_t)vector;
}

/* Never longer than a millisecond: a worker must keep calling. */
static uint64_t timespec(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 6))
        return bad_pointer(worker);
    struct freeport_timespec *time = scratch(worker, sizeof(*time));
    time->tv_sec = rng_one_in(rng, 8) ? -1 : 0;
    time->tv_nsec = (int64_t)PICK(rng, 0, 0, 1, 1000, 1000000, 1000000000, (uint64_t)-1);
    return (uint64_t)time;
}

static uint64_t signal_action(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 6))
        return rng_one_in(rng, 2) ? 0 : bad_pointer(worker);
    struct freeport_sigaction *action = scratch(worker, sizeof(*action));
    switch (rng_below(rng, 6)) {
    case 0: action->handler = FP_SIG_DFL; break;
    case 1:
    case 2: action->handler = FP_SIG_IGN; break;
    case 3: action->handler = bad_pointer(worker); break;
    default: action->handler = (uint64_t)(uintptr_t)fuzz_signal_handler; break;
    }
    action->mask = rng_one_in(rng, 2) ? 0 : rng_next(rng);
    action->flags = rng_one_in(rng, 4) ? rng_next(rng) : PICK(rng, 0, FP_SA_RESTART, FP_SA_SIGINFO);
    action->restorer = rng_one_in(rng, 8) ? bad_pointer(worker) : (uint64_t)(uintptr_t)libc_signal_restorer;
    return (uint64_t)action;
}

/* --- what calls write back ---------------------------------------------- */

/* Room for `count` tokens or descriptors the call will write; after it,
 * the worker adds what was written to its pools. Sometimes a bad pointer. */
static uint64_t harvest(struct worker *worker, unsigned count, bool descriptors)
{
    if (rng_one_in(&worker->rng, 6))
        return bad_pointer(worker);
    void *room = scratch(worker, 2 * sizeof(uint64_t));
    memset(room, 0xff, 2 * sizeof(uint64_t));
    worker->harvest.count = count;
    if (descriptors)
        worker->harvest.fds = room;
    else
        worker->harvest.tokens = room;
    return (uint64_t)room;
}

/* --- native IPC ------------------------------------------------------------ */

/* A token of the pool as it is, or aged, or with other rights; else one
 * that never named anything. Layout in <freeport/ipc.h>. A call wanting
 * a `kind` mostly gets one of that kind, if the pool has any. */
static uint64_t capability(struct worker *worker, enum token_kind kind)
{
    struct rng *rng = &worker->rng;
    unsigned matching[FUZZ_POOL_SIZE], count = 0;

    for (unsigned i = 0; i < worker->cap_count; i++)
        if (kind == TOKEN_ANY || worker->cap_kinds[i] == kind)
            matching[count++] = i;
    if (count && rng_below(rng, 10) < 8) {
        uint64_t token = worker->caps[matching[rng_below(rng, count)]];
        switch (rng_below(rng, 10)) {
        case 0: return token + ((uint64_t)1 << IPC_CAP_GENERATION_SHIFT);                        /* stale */
        case 1: return token ^ ((uint64_t)(1 + rng_below(rng, 0xffff)) << IPC_CAP_RIGHTS_SHIFT); /* forged */
        default: return token;
        }
    }
    switch (rng_below(rng, 4)) {
    case 0: return IPC_CAP_NONE;
    case 1: return rng_next(rng);
    default:
        return (uint64_t)(1 + rng_below(rng, 300)) |
               (uint64_t)(1 + rng_below(rng, 4)) << IPC_CAP_GENERATION_SHIFT |
               (uint64_t)IPC_RIGHTS_ALL << IPC_CAP_RIGHTS_SHIFT;
    }
}

static uint64_t rights(struct rng *rng)
{
    return rng_one_in(rng, 8) ? rng_next(rng) & 0xffff : rng_below(rng, IPC_RIGHTS_ALL + 1);
}

/* Never IPC_TIMEOUT_FOREVER but rarely: a worker must keep calling (the
 * supervisor nudges or kills one that waits for good). */
static uint64_t timeout(struct rng *rng)
{
    if (rng_one_in(rng, 64))
        return IPC_TIMEOUT_FOREVER;
    return PICK(rng, IPC_TIMEOUT_NONE, IPC_TIMEOUT_NONE, IPC_TIMEOUT_NONE, 1000, 1000000);
}

static const char *const service_names[] = {"fuzz.0", "fuzz.1", "fuzz.2", "SYSTEM::VFS", "", "a.b::c"};

/* A service name: a few shared ones (workers meet through them), the
 * longest allowed and one byte more, random bytes, a bad pointer. */
static uint64_t name(struct worker *worker)
{
    struct rng *rng = &worker->rng;
    char *text;

    switch (rng_below(rng, 8)) {
    case 0: worker->name_length = 8; return bad_pointer(worker);
    case 1:
        worker->name_length = IPC_NAME_MAX + rng_below(rng, 2);
        return (uint64_t)repeated(worker, "n", worker->name_length);
    case 2:
        worker->name_length = 1 + rng_below(rng, 16);
        text = scratch(worker, worker->name_length);
        for (size_t i = 0; i < worker->name_length; i++)
            text[i] = (char)rng_next(rng);
        return (uint64_t)text;
    default:
        text = copy_string(worker,
                           service_names[rng_below(rng, sizeof(service_names) / sizeof(service_names[0]))]);
        worker->name_length = strlen(text);
        return (uint64_t)text;
    }
}

static void message_header(struct worker *worker, struct ipc_msg_header *header)
{
    struct rng *rng = &worker->rng;

    memset(header, 0, sizeof(*header));
    header->type = (uint32_t)rng_below(rng, 70);
    header->length = (uint32_t)(rng_one_in(rng, 8) ? length(rng) : rng_below(rng, 300));
    header->priority = (uint8_t)(rng_one_in(rng, 8) ? rng_next(rng) : rng_below(rng, IPC_PRIORITY_LEVELS));
    header->cap_count = (uint8_t)(rng_one_in(rng, 16) ? rng_next(rng) : rng_below(rng, 3));
    if (rng_one_in(rng, 16))
        header->flags = (uint16_t)rng_next(rng);
    if (rng_one_in(rng, 16))
        header->reserved = (uint32_t)rng_next(rng);
    for (int i = 0; i < IPC_MAX_CAPS_PER_MSG; i++)
        header->caps[i] = capability(worker, TOKEN_GRANTABLE);
}

static const char *const queue_names[] = FUZZ_MQ_NAMES;
static const char *const odd_queue_names[] = {"", "/", "noslash", "/a/b", "//x"};

/* A queue name: mostly a shared one, else an odd or overlong one, or a
 * bad pointer. */
static uint64_t queue_name(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    switch (rng_below(rng, 8)) {
    case 0: return bad_pointer(worker);
    case 1: return (uint64_t)copy_string(worker, odd_queue_names[rng_below(rng, 5)]);
    case 2: return (uint64_t)repeated(worker, "q", FP_MQ_NAME_MAX + 1 + rng_below(rng, 2));
    default: return (uint64_t)copy_string(worker, queue_names[rng_below(rng, 3)]);
    }
}

/* Queue attributes: NULL (the defaults), a small valid queue, fields out
 * of range, or a bad pointer. */
static uint64_t queue_attributes(struct worker *worker)
{
    struct rng *rng = &worker->rng;
    struct freeport_mq_attr *attr;

    switch (rng_below(rng, 6)) {
    case 0: return bad_pointer(worker);
    case 1:
    case 2:
        attr = scratch(worker, sizeof(*attr));
        attr->flags = rng_one_in(rng, 2) ? FP_O_NONBLOCK : 0;
        attr->maxmsg = (int64_t)PICK(rng, 1, 4, FP_MQ_MAXMSG_MAX, 0, -1, FP_MQ_MAXMSG_MAX + 1);
        attr->msgsize = (int64_t)PICK(rng, 1, 64, FP_MQ_MSGSIZE_MAX, 0, -1, FP_MQ_MSGSIZE_MAX + 1);
        attr->curmsgs = (int64_t)rng_next(rng);
        return (uint64_t)attr;
    default: return 0;
    }
}

/* A struct sockaddr_un: AF_UNIX and a sandbox path mostly (cut to fit),
 * else another family or an empty path; or a bad pointer. */
static uint64_t socket_address(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 8))
        return bad_pointer(worker);
    struct {
        uint16_t family;
        char path[108];
    } *address = scratch(worker, sizeof(*address));
    address->family = rng_one_in(rng, 8) ? (uint16_t)rng_below(rng, 4) : FP_AF_UNIX;
    address->path[0] = '\0';
    if (!rng_one_in(rng, 8))
        strncat(address->path, sandbox_path(worker), sizeof(address->path) - 1);
    return (uint64_t)address;
}

/* A struct freeport_msghdr: a vector (iovec), an address a third of the
 * time, never control data (a bad pointer at most): the fuzzer passes no
 * descriptors, so no socket is ever sent into its own queue. */
static uint64_t message_header_of_socket(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 8))
        return bad_pointer(worker);
    struct freeport_msghdr *header = scratch(worker, sizeof(*header));
    *header = (struct freeport_msghdr){.iov = iovec(worker), .iov_count = rng_below(rng, 9)};
    if (rng_one_in(rng, 3)) {
        header->name = socket_address(worker);
        header->name_length = rng_one_in(rng, 4) ? (uint32_t)rng_below(rng, 200) : 110;
    }
    if (rng_one_in(rng, 16)) {
        header->control = bad_pointer(worker);
        header->control_length = 24;
    }
    return (uint64_t)header;
}

static uint64_t send_args(struct worker *worker)
{
    if (rng_one_in(&worker->rng, 8))
        return bad_pointer(worker);
    struct ipc_send_args *args = scratch(worker, sizeof(*args));
    message_header(worker, &args->header);
    args->payload = pointer(worker, false);
    args->timeout = timeout(&worker->rng);
    return (uint64_t)args;
}

static uint64_t receive_args(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 8))
        return bad_pointer(worker);
    struct ipc_receive_args *args = scratch(worker, sizeof(*args));
    memset(args, 0, sizeof(*args));
    args->payload = pointer(worker, true);
    args->capacity = (uint32_t)(rng_one_in(rng, 4) ? length(rng) : rng_below(rng, 4096));
    args->reserved = rng_one_in(rng, 16) ? (uint32_t)rng_next(rng) : 0;
    args->timeout = timeout(rng);
    return (uint64_t)args;
}

static uint64_t port_config(struct worker *worker)
{
    struct rng *rng = &worker->rng;

    if (rng_one_in(rng, 8))
        return bad_pointer(worker);
    struct ipc_port_config *config = scratch(worker, sizeof(*config));
    config->depth_limit =
        (uint32_t)(rng_one_in(rng, 4) ? rng_next(rng) : rng_below(rng, IPC_PORT_DEPTH_MAX + 2));
    config->max_message = (uint32_t)(rng_one_in(rng, 4) ? rng_next(rng) : rng_below(rng, 70000));
    config->allowed_types = rng_one_in(rng, 2) ? 0 : rng_next(rng);
    config->rate_messages = (uint32_t)rng_below(rng, 4);
    config->rate_window_ticks = (uint32_t)rng_below(rng, 4);
    return (uint64_t)config;
}

uint64_t fuzz_argument(struct worker *worker, enum arg_kind kind)
{
    struct rng *rng = &worker->rng;

    switch (kind) {
    case ARG_UNUSED: return rng_next(rng);
    case ARG_FD: return descriptor(worker);
    case ARG_IN: return pointer(worker, false);
    case ARG_OUT: return pointer(worker, true);
    case ARG_BAD_POINTER: return bad_pointer(worker);
    case ARG_LENGTH: return length(rng);
    case ARG_FLAGS: return rng_one_in(rng, 2) ? rng_next(rng) : rng_below(rng, 16);
    case ARG_OPEN_FLAGS:
    case ARG_MODE:
    case ARG_PROT:
    case ARG_MAP_FLAGS:
    case ARG_IOCTL:
    case ARG_PIPE_FLAGS: return flags(rng, kind);
    case ARG_PATH: return path(worker);
    case ARG_STRINGS: return strings(worker);
    case ARG_IOVEC: return iovec(worker);
    case ARG_TIMESPEC: return timespec(worker);
    case ARG_SIGACTION: return signal_action(worker);
    case ARG_PID: return pid(worker);
    case ARG_SIGNAL: return signal_number(rng);
    case ARG_INT: return integer(rng);
    case ARG_OFFSET: return offset(rng);
    case ARG_ADDRESS: return address(worker);
    case ARG_SECONDS: return PICK(rng, 0, 1, 2, 1000000, UINT32_MAX);
    case ARG_FD_PAIR_OUT: return harvest(worker, 2, true);
    case ARG_CAP: return capability(worker, TOKEN_ANY);
    case ARG_PORT: return capability(worker, TOKEN_PORT);
    case ARG_CHANNEL: return capability(worker, TOKEN_CHANNEL);
    case ARG_REGION: return capability(worker, TOKEN_REGION);
    case ARG_WAITSET: return capability(worker, TOKEN_WAITSET);
    case ARG_BROADCAST: return capability(worker, TOKEN_BROADCAST);
    case ARG_TOKEN_OUT: return harvest(worker, 1, false);
    case ARG_TOKEN_PAIR_OUT: return harvest(worker, 2, false);
    case ARG_RIGHTS: return rights(rng);
    case ARG_TIMEOUT: return timeout(rng);
    case ARG_NAME: return name(worker);
    case ARG_MQ_NAME: return queue_name(worker);
    case ARG_MQ_ATTR: return queue_attributes(worker);
    case ARG_NAME_LENGTH: return rng_one_in(rng, 4) ? length(rng) : worker->name_length;
    case ARG_SEND_ARGS: return send_args(worker);
    case ARG_RECEIVE_ARGS: return receive_args(worker);
    case ARG_PORT_CONFIG: return port_config(worker);
    case ARG_SOCKET_DOMAIN: return rng_one_in(rng, 8) ? integer(rng) : FP_AF_UNIX;
    case ARG_ZERO_MOSTLY: return rng_one_in(rng, 8) ? integer(rng) : 0;
    case ARG_SOCKET_TYPE: return flags(rng, kind);
    case ARG_SOCKADDR: return socket_address(worker);
    case ARG_SOCKADDR_LENGTH: return rng_one_in(rng, 4) ? length(rng) : 110;
    case ARG_MSGHDR: return message_header_of_socket(worker);
    }
    return 0;
}
