/*
 * fault.c - raise the exception the `fault=` boot option names.
 *
 * Layer: core. noinline keeps each function a real frame in the backtrace.
 */
#include "fault.h"
#include "panic.h"
#include "printk.h"
#include "lib/string.h"

static __attribute__((noinline)) void fault_page(void)
{
    *(volatile int *)0xdead000 = 1;       /* unmapped: page fault, CR2 = 0xdead000 */
}

static __attribute__((noinline)) void fault_divide(void)
{
    volatile int zero = 0;
    volatile int result = 42 / zero;    /* not 1 / x: gcc computes that without idiv */
    (void)result;
}

static __attribute__((noinline)) void fault_general_protection(void)
{
    volatile uint64_t *noncanonical = (uint64_t *)0x8000000000000000UL;
    *noncanonical = 1;
}

void fault_trigger(const char *kind)
{
    printk("fault: raising '%s' on purpose\n", kind);
    if (strcmp(kind, "pagefault") == 0)
        fault_page();
    else if (strcmp(kind, "divide") == 0)
        fault_divide();
    else if (strcmp(kind, "invalid-opcode") == 0)
        __asm__ volatile("ud2");
    else if (strcmp(kind, "gpf") == 0)
        fault_general_protection();
    else if (strcmp(kind, "breakpoint") == 0)
        __asm__ volatile("int3");
    else if (strcmp(kind, "panic") == 0)
        panic("deliberate panic (fault=panic)");
    printk("fault: '%s' returned; the handler let it continue\n", kind);
}
