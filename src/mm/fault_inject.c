/*
 * fault_inject.c - deterministic allocation failures (see fault_inject.h).
 *
 * Layer: core (memory), below the heap and the frame allocator, which
 * consult it. It knows nothing of processes: the scope is a callback the
 * processes layer registers.
 */
#include "mm/fault_inject.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "arch/arch.h"
#include "lib/string.h"
#include "selftest.h"

static uint64_t fail_one_in; /* 0: off */
static unsigned fail_sites;  /* enum fault_site mask */
static uint64_t generator;   /* splitmix64 state */
static uint64_t injected;
static bool (*scope)(void);

void fault_inject_configure(uint64_t one_in, uint64_t seed, unsigned sites)
{
    int enabled = arch_irq_save();

    fail_one_in = sites ? one_in : 0;
    fail_sites = sites;
    generator = seed;
    arch_irq_restore(enabled);
}

void fault_inject_set_scope(bool (*in_scope)(void))
{
    scope = in_scope;
}

/* splitmix64 (Steele, Lea, Flood 2014): every seed gives a good sequence. */
static uint64_t next_random(void)
{
    uint64_t z = (generator += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool fault_inject_should_fail(enum fault_site site)
{
    bool fail = false;

    if (!fail_one_in || !(fail_sites & site) || !scope || !scope())
        return false;
    int enabled = arch_irq_save();
    if (fail_one_in && next_random() % fail_one_in == 0) {
        injected++;
        fail = true;
    }
    arch_irq_restore(enabled);
    return fail;
}

uint64_t fault_inject_count(void)
{
    return injected;
}

static bool always_in_scope(void)
{
    return true;
}

/* The same seed fails the same allocations; only the chosen sites fail;
 * kmalloc really returns NULL when told to. */
SELFTEST(fault_inject_is_deterministic_and_reaches_kmalloc)
{
    bool first[64], second[64];
    unsigned failures = 0;
    uint64_t before = fault_inject_count();
    uint64_t frame;

    fault_inject_set_scope(always_in_scope);
    fault_inject_configure(4, 42, FAULT_SITE_HEAP);
    for (int i = 0; i < 64; i++)
        failures += first[i] = fault_inject_should_fail(FAULT_SITE_HEAP);
    bool frames_spared = !fault_inject_should_fail(FAULT_SITE_FRAMES);
    fault_inject_configure(4, 42, FAULT_SITE_HEAP);
    for (int i = 0; i < 64; i++)
        second[i] = fault_inject_should_fail(FAULT_SITE_HEAP);
    fault_inject_configure(1, 1, FAULT_SITE_HEAP);
    void *refused = kmalloc(16);
    frame = frame_alloc();
    fault_inject_configure(0, 0, 0);
    fault_inject_set_scope(NULL);
    if (frame)
        frame_free(frame);
    SELFTEST_ASSERT(memcmp(first, second, sizeof(first)) == 0);
    SELFTEST_ASSERT(failures > 4 && failures < 32);
    SELFTEST_ASSERT(frames_spared && refused == NULL && frame != 0);
    SELFTEST_ASSERT(fault_inject_count() == before + 2 * failures + 1);
}
