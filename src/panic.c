/*
 * panic.c - panic(), kernel_exit() and symbolized backtraces.
 *
 * Layer: core. The exit marker line on COM1 is the test harness's verdict in
 * every emulator (Bochs's own exit status is always 1). A panic while
 * panicking (a fault in the backtrace, say) goes straight to the stop.
 */
#include <stdarg.h>
#include "panic.h"
#include "printk.h"
#include "ksyms.h"
#include "arch/arch.h"
#include "lib/format.h"

#define BACKTRACE_DEPTH     16
#define PANIC_EXIT_STATUS   3

bool panic_exits_emulator;
static bool panicking;

static void backtrace_print_frame(uintptr_t address)
{
    uint64_t offset;
    const char *name = ksyms_lookup(address, &offset);

    if (name)
        printk("  %p %s+0x%lx\n", (void *)address, name, (unsigned long)offset);
    else
        printk("  %p ?\n", (void *)address);
}

void backtrace_print(uintptr_t frame)
{
    printk("backtrace:\n");
    arch_backtrace(frame, BACKTRACE_DEPTH, backtrace_print_frame);
}

void kernel_exit(int status)
{
    printk(KERNEL_EXIT_MARKER "%d\n", status);
    arch_exit_emulator(status);
}

void kernel_stop_fatal(void)
{
    if (panic_exits_emulator)
        kernel_exit(PANIC_EXIT_STATUS);
    printk("kernel stopped.\n");
    arch_halt();
}

void panic(const char *format, ...)
{
    char message[256];
    va_list args;

    arch_irq_save();
    va_start(args, format);
    format_string(message, sizeof(message), format, args);
    va_end(args);
    printk("\nPANIC: %s\n", message);
    if (!panicking) {
        panicking = true;
        backtrace_print((uintptr_t)__builtin_frame_address(0));
    }
    kernel_stop_fatal();
}
