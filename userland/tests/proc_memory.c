/*
 * proc_memory - the address space calls: brk (malloc's sbrk), anonymous
 * mmap, munmap, mprotect; pages are zero-filled on first touch; bad
 * requests fail with the POSIX errors; protections are enforced (in
 * children, which must die of SIGSEGV); memory comes back afterwards.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include "check.h"

#define PAGE      4096
#define ANONYMOUS (MAP_PRIVATE | MAP_ANONYMOUS)

static uint8_t *probe_address;

static void write_probe(void)
{
    *(volatile uint8_t *)probe_address = 1;
}

static void read_probe(void)
{
    (void)*(volatile uint8_t *)probe_address;
}

static void check_break(void)
{
    uintptr_t start = (uintptr_t)RAW(SYS_brk, 0);
    CHECK(start % PAGE == 0 && start > 0x400000, "the break starts page-aligned after the program (0x%lx)",
          (unsigned long)start);
    CHECK((uintptr_t)RAW(SYS_brk, start + 3 * PAGE + 5) == start + 3 * PAGE + 5, "brk grows it to any byte");
    volatile uint8_t *heap = (uint8_t *)start;
    CHECK(heap[0] == 0 && heap[3 * PAGE + 4] == 0, "new heap memory reads as zeros");
    heap[3 * PAGE + 4] = 7;
    CHECK((uintptr_t)RAW(SYS_brk, start + PAGE) == start + PAGE, "brk shrinks it");
    probe_address = (uint8_t *)start + 2 * PAGE;
    int status = run_in_child(read_probe);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "memory above the shrunk break is gone");
    CHECK((uintptr_t)RAW(SYS_brk, start + 4 * PAGE) == start + 4 * PAGE && heap[3 * PAGE + 4] == 0,
          "growing again gives fresh zeros");
    CHECK((uintptr_t)RAW(SYS_brk, start - PAGE) == start + 4 * PAGE, "brk below its start is refused");
    CHECK((uintptr_t)RAW(SYS_brk, 0x7ffffffff000) == start + 4 * PAGE, "brk over the stack is refused");
    RAW(SYS_brk, start);

    char *block = malloc(1 << 20);
    CHECK(block != NULL, "malloc(1 MiB) works (sbrk on brk)");
    memset(block, 'x', 1 << 20);
    free(block);
}

static void check_mmap(void)
{
    uint8_t *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED && (uintptr_t)area % PAGE == 0, "anonymous mmap of 3 pages (%p)", (void *)area);
    CHECK(area[0] == 0 && area[3 * PAGE - 1] == 0, "its pages are zeros");
    memset(area, 'm', 3 * PAGE);
    uint8_t *odd = mmap(NULL, 100, PROT_READ, ANONYMOUS, -1, 0);
    CHECK(odd != MAP_FAILED && odd != area, "a length of 100 maps a page");

    CHECK(munmap(area + PAGE, PAGE) == 0, "munmap of the middle page");
    probe_address = area + PAGE;
    int status = run_in_child(read_probe);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "the unmapped middle page faults");
    CHECK(area[0] == 'm' && area[2 * PAGE] == 'm', "the pages around it keep their data");

    uint8_t *fixed = mmap(area + PAGE, PAGE, PROT_READ | PROT_WRITE, ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(fixed == area + PAGE && fixed[0] == 0, "MAP_FIXED fills the hole with a fresh page");
    uint8_t *over = mmap(area, PAGE, PROT_READ, ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(over == area && area[0] == 0, "MAP_FIXED over a mapping replaces it");
    CHECK(munmap(area, 3 * PAGE) == 0 && munmap(odd, PAGE) == 0, "munmap of everything");
    CHECK(munmap(area, 3 * PAGE) == 0, "munmap of nothing mapped is fine");
}

static void check_mprotect(void)
{
    uint8_t *area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, ANONYMOUS, -1, 0);
    area[0] = 'a';
    area[PAGE] = 'b';
    CHECK(mprotect(area, PAGE, PROT_READ) == 0, "mprotect the first page read-only");
    probe_address = area;
    int status = run_in_child(write_probe);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "writing it faults");
    probe_address = area + PAGE;
    status = run_in_child(write_probe);
    CHECK(WIFEXITED(status), "the second page is still writable");
    CHECK(area[0] == 'a', "a read-only page keeps its data");
    CHECK(mprotect(area, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect it writable again");
    area[0] = 'c';
    CHECK(area[0] == 'c', "and it is writable");
    CHECK(mprotect(area, PAGE, PROT_NONE) == 0, "PROT_NONE");
    probe_address = area;
    status = run_in_child(read_probe);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "reading a PROT_NONE page faults");
    munmap(area, 2 * PAGE);
}

static void exit_at_once(void)
{
    _exit(0);
}

static void check_bad_requests(void)
{
    CHECK(mmap(NULL, 0, PROT_READ, ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL, "length 0: EINVAL");
    CHECK(mmap(NULL, PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "MAP_SHARED: EINVAL (not supported)");
    CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 0, 0) == MAP_FAILED && errno == EINVAL,
          "a file mapping: EINVAL (not supported)");
    CHECK(mmap(NULL, PAGE, 0x80, ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "unknown PROT bits: EINVAL");
    CHECK(mmap(NULL, PAGE, PROT_READ, ANONYMOUS, -1, 100) == MAP_FAILED && errno == EINVAL,
          "an unaligned offset: EINVAL");
    CHECK(mmap((void *)0x100001, PAGE, PROT_READ, ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED &&
              errno == EINVAL,
          "MAP_FIXED at an unaligned address: EINVAL");
    CHECK(mmap(NULL, PAGE, PROT_READ, ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED && errno == EINVAL,
          "MAP_FIXED at NULL: EINVAL");
    CHECK(mmap(NULL, PAGE, PROT_WRITE | PROT_EXEC, ANONYMOUS, -1, 0) == MAP_FAILED && errno == EACCES,
          "writable and executable: EACCES (W^X)");
    CHECK(mmap(NULL, (size_t)1 << 47, PROT_READ, ANONYMOUS, -1, 0) == MAP_FAILED && errno == ENOMEM,
          "128 TiB (all of user space): ENOMEM");
    uint8_t *huge = mmap(NULL, (size_t)1 << 45, PROT_READ | PROT_WRITE, ANONYMOUS, -1, 0);
    CHECK(huge != MAP_FAILED, "32 TiB: fine, pages come only when touched");
    huge[(size_t)1 << 44] = 1;
    int status = run_in_child(exit_at_once);
    CHECK(WIFEXITED(status), "fork copies a 32 TiB mapping quickly (only its touched page)");
    CHECK(munmap(huge, (size_t)1 << 45) == 0, "and unmaps it quickly");
    CHECK(munmap((void *)0x100001, PAGE) == -1 && errno == EINVAL, "munmap of an unaligned address: EINVAL");
    CHECK(munmap((void *)0x100000, 0) == -1 && errno == EINVAL, "munmap of 0 bytes: EINVAL");
    CHECK(mprotect((void *)0x700000000000, PAGE, PROT_READ) == -1 && errno == ENOMEM,
          "mprotect of unmapped memory: ENOMEM");
    void *text = (void *)((uintptr_t)check_bad_requests & ~(uintptr_t)(PAGE - 1));
    CHECK(mprotect(text, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC) == -1 && errno == EACCES,
          "mprotect RWX: EACCES (W^X)");
}

static void touch_lots(void)
{
    uint8_t *area = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, ANONYMOUS, -1, 0);
    for (size_t offset = 0; offset < (8 << 20); offset += PAGE)
        area[offset] = 1;
    _exit(0);
}

/* More than the machine's RAM: the kernel runs out of frames mid-way. */
static void exhaust_memory(void)
{
    size_t size = (size_t)1 << 31;
    uint8_t *area = mmap(NULL, size, PROT_READ | PROT_WRITE, ANONYMOUS, -1, 0);
    for (size_t offset = 0; offset < size; offset += PAGE)
        area[offset] = 1;
    _exit(0);
}

int main(void)
{
    struct freeport_kstat before, after;

    setvbuf(stdout, NULL, _IONBF, 0);
    check_break();
    check_mmap();
    check_mprotect();
    check_bad_requests();
    freeport_kstat(&before);
    int status = run_in_child(touch_lots);
    freeport_kstat(&after);
    CHECK(WIFEXITED(status), "a child touches 8 MiB of mmap'd memory");
    CHECK(kstat_same(&before, &after),
          "and every frame comes back when it exits (%llu free before, %llu after)",
          (unsigned long long)before.frames_free, (unsigned long long)after.frames_free);
    status = run_in_child(exhaust_memory);
    freeport_kstat(&after);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "a child touching 2 GiB is killed when memory runs out");
    CHECK(kstat_same(&before, &after), "and the kernel gets all its frames back (%llu free)",
          (unsigned long long)after.frames_free);
    return check_done();
}
