/*
 * kmain.c - the kernel's C entry point: bring the machine up in order.
 *
 * Layer: core. Called once by the boot stub (src/arch/x86_64/boot.S) on the
 * boot stack, interrupts off, with the loader's magic and the physical
 * address of its boot information. Order matters: console first (so every
 * later step can report), then what the loader said, then the machine,
 * then memory, the scheduler and the files, then interrupts on; last, the
 * first process, after which this flow becomes the idle thread.
 */
#include "arch/arch.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "fault.h"
#include "ipc/ipc_process.h"
#include "fs/fs.h"
#include "posix/fifo.h"
#include "mm/memory.h"
#include "mm/layout.h"
#include "panic.h"
#include "printk.h"
#include "proc/proc.h"
#include "proc/scheduler.h"
#include "selftest.h"
#include "version.h"

static struct boot_info boot_info;
static struct kernel_options kernel_options;

static const void *boot_map(uint64_t physical)
{
    return PHYS_TO_VIRT(physical);
}

static void report_rejected_option(const char *why, const char *word, size_t length)
{
    printk("cmdline: %s option '%.*s' ignored\n", why, (int)length, word);
}

static void report_boot_info(void)
{
    printk("boot: %s, multiboot%d, command line '%s'\n",
           boot_info.loader[0] ? boot_info.loader : "unknown loader",
           boot_info.protocol, boot_info.cmdline);
    for (size_t i = 0; i < boot_info.module_count; i++)
        printk("boot: module '%s' at %p, %lu bytes\n", boot_info.modules[i].cmdline,
               (void *)boot_info.modules[i].start,
               (unsigned long)(boot_info.modules[i].end - boot_info.modules[i].start));
    if (boot_info.module_count == 0)
        printk("boot: no initrd module: continuing without a root file system\n");
}

/* pid 1: the init= option's program, else /bin/init. Without it the
 * kernel just idles. */
static void start_first_process(void)
{
    const char *path = kernel_options.init[0] ? kernel_options.init : "/bin/init";
    int error = proc_start_init(path);

    if (error)
        printk("Freeport: cannot start %s (error %d)%s; idling.\n", path, -error,
               boot_info.module_count ? "" : ": no initrd");
}

void kmain(uint32_t magic, uint64_t info_physical)
{
    arch_console_init();
    printk("Freeport %s (x86_64), a teaching operating system\n", FREEPORT_VERSION);

    if (bootinfo_parse(magic, info_physical, boot_map, &boot_info) < 0)
        printk("boot: boot information unreadable (magic %x): using what could be read\n", magic);
    cmdline_parse(boot_info.cmdline, &kernel_options, report_rejected_option);
    panic_exits_emulator = kernel_options.harness || kernel_options.selftest;
    report_boot_info();

    arch_init();
    memory_init(&boot_info);
    proc_init();
    fs_init(&boot_info);
    fifo_init();
    ipc_init();
    arch_irq_enable();

    if (kernel_options.fault[0])
        fault_trigger(kernel_options.fault);
    if (kernel_options.selftest)
        kernel_exit(selftest_run_all() == 0 ? 0 : 1);

    start_first_process();
    scheduler_idle();
}
