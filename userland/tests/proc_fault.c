/*
 * proc_fault - a program's faults end that program only: each fault runs
 * in a child, which must die of the right signal while this process and
 * the kernel carry on; a SIGSEGV handler can catch a fault; nothing leaks.
 */
#include <stdlib.h>
#include "check.h"

static void null_read(void)
{
    volatile int *pointer = bad_pointer(0);
    (void)*pointer;
}

static void kernel_write(void)
{
    *(volatile int *)bad_pointer(0xffffffff80100000) = 1;
}

static void direct_map_read(void)
{
    (void)*(volatile int *)bad_pointer(0xffff800000000000);
}

static void noncanonical_read(void)
{
    (void)*(volatile int *)bad_pointer(0x0000800000000000);
}

static void text_write(void)
{
    *(volatile uint8_t *)(void *)text_write = 0xc3;
}

static uint8_t return_instruction[] = {0xc3}; /* in .data: read-write, no execute */

static void data_execute(void)
{
    ((void (*)(void))bad_pointer((uintptr_t)return_instruction))();
}

static void stack_execute(void)
{
    uint8_t code[] = {0xc3};
    ((void (*)(void))bad_pointer((uintptr_t)code))();
}

static volatile int recursion_limit = 1 << 30;

static int recurse(int depth)
{
    volatile char pad[4096];
    pad[0] = (char)depth;
    return depth < recursion_limit ? recurse(depth + 1) + pad[0] : 0;
}

static void stack_overflow(void)
{
    recurse(0);
}

static void invalid_opcode(void)
{
    __asm__ volatile("ud2");
}

static void privileged_instruction(void)
{
    __asm__ volatile("hlt");
}

static void port_io(void)
{
    __asm__ volatile("outb %%al, $0xf4" : : "a"(0));
}

static void software_interrupt(void)
{
    __asm__ volatile("int $0x80");
}

static void divide_by_zero(void)
{
    volatile int zero = 0;
    volatile int result = 42 / zero; /* not 1 / x: gcc computes that without idiv */
    (void)result;
}

static void jump_to_kernel(void)
{
    ((void (*)(void))bad_pointer(0xffffffff80100000))();
}

static void segv_handler(int signal)
{
    _exit(signal == SIGSEGV ? 77 : 78);
}

static void caught_fault(void)
{
    signal(SIGSEGV, segv_handler);
    null_read();
}

static void ignored_fault(void)
{
    signal(SIGSEGV, SIG_IGN);
    null_read();
}

static const struct {
    const char *name;
    void (*body)(void);
    int signal;
} faults[] = {
    {"read through NULL", null_read, SIGSEGV},
    {"write to the kernel image", kernel_write, SIGSEGV},
    {"read the kernel's direct map", direct_map_read, SIGSEGV},
    {"read a non-canonical address", noncanonical_read, SIGSEGV},
    {"write to program text", text_write, SIGSEGV},
    {"execute data (NX)", data_execute, SIGSEGV},
    {"execute the stack (NX)", stack_execute, SIGSEGV},
    {"overflow the stack", stack_overflow, SIGSEGV},
    {"jump into the kernel", jump_to_kernel, SIGSEGV},
    {"ud2", invalid_opcode, SIGILL},
    {"hlt (privileged)", privileged_instruction, SIGSEGV},
    {"outb to a port", port_io, SIGSEGV},
    {"int $0x80", software_interrupt, SIGSEGV},
    {"divide by zero", divide_by_zero, SIGFPE},
};

int main(void)
{
    struct freeport_kstat before, after;

    setvbuf(stdout, NULL, _IONBF, 0);
    run_in_child(null_read); /* warm up anything the first fault allocates for good */
    freeport_kstat(&before);
    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
        int status = run_in_child(faults[i].body);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == faults[i].signal,
              "%s: killed by signal %d (status 0x%x)", faults[i].name, faults[i].signal, status);
    }
    int status = run_in_child(caught_fault);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 77, "a SIGSEGV handler catches the fault");
    status = run_in_child(ignored_fault);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "an ignored SIGSEGV still kills on a fault");
    freeport_kstat(&after);
    kstat_print("before", &before);
    kstat_print("after", &after);
    CHECK(kstat_same(&before, &after), "every faulting child's memory and files were given back");
    return check_done();
}
