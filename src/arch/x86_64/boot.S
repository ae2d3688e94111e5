/*
 * boot.S - from the boot loader's 32-bit protected mode to kmain() in long mode.
 *
 * Layer: machine. Both GRUB (multiboot2) and QEMU's -kernel (multiboot1)
 * enter _start in 32-bit protected mode, paging off, with the loader's magic
 * in %eax and the physical address of its boot information in %ebx.
 *
 * Steps: check the CPU has long mode; build one page directory of 2 MiB pages
 * covering the first 1 GiB and map it three times (identity, direct map at
 * DIRECT_MAP_BASE, kernel image at KERNEL_VMA); enable PAE, EFER.LME/NXE and
 * paging; load a 64-bit GDT; far-jump to 64-bit code; jump to the higher half;
 * call kmain(magic, info).
 *
 * Invariant: code here runs at its physical address (section .boot), so it
 * may only name higher-half symbols through PHYS(), never call them, until
 * the absolute jump to boot_high.
 */
    .cfi_sections .debug_frame      /* kernel.ld discards .eh_frame; GDB reads this */

#define KERNEL_VMA      0xffffffff80000000
#define PHYS(sym)       ((sym) - KERNEL_VMA)

#define MB2_MAGIC       0xe85250d6
#define MB1_MAGIC       0x1badb002
#define MB1_FLAGS       0x3         /* page-align modules, give memory info */

#define PTE_PRESENT     0x1
#define PTE_WRITE       0x2
#define PTE_HUGE        0x80

#define CR0_PG          (1 << 31)
#define CR0_WP          (1 << 16)
#define CR4_PAE         (1 << 5)
#define MSR_EFER        0xc0000080
#define EFER_LME        (1 << 8)
#define EFER_NXE        (1 << 11)

#define COM1            0x3f8

    .section .multiboot, "a"
    .balign 8
mb2_header:                         /* multiboot2: within 32 KiB, 8-aligned */
    .long MB2_MAGIC
    .long 0                         /* architecture: i386 protected mode */
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
    .balign 8
    .short 0, 0                     /* end tag */
    .long 8
mb2_header_end:

    .balign 4
mb1_header:                         /* multiboot1: within 8 KiB, 4-aligned */
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)

    .section .boot, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    mov     $PHYS(boot_stack_top), %esp
    mov     %eax, %edi              /* kmain's 1st argument: loader magic */
    mov     %ebx, %esi              /* kmain's 2nd argument: boot info */

    /* Long mode present? CPUID 0x80000001 EDX bit 29. */
    mov     $0x80000000, %eax
    cpuid
    cmp     $0x80000001, %eax
    jb      no_long_mode
    mov     $0x80000001, %eax
    cpuid
    bt      $29, %edx
    jnc     no_long_mode

    /* Page directory: 512 entries of 2 MiB = the first 1 GiB. */
    mov     $PHYS(boot_pd), %ebx
    xor     %ecx, %ecx
1:  mov     %ecx, %eax
    shl     $21, %eax
    or      $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
    mov     %eax, (%ebx, %ecx, 8)
    inc     %ecx
    cmp     $512, %ecx
    jne     1b

    /* pdpt[0] (identity and direct map) and pdpt[510] (KERNEL_VMA) -> pd. */
    mov     $PHYS(boot_pd) + (PTE_PRESENT | PTE_WRITE), %eax
    mov     %eax, PHYS(boot_pdpt)
    mov     %eax, PHYS(boot_pdpt) + 510 * 8
    /* pml4[0], pml4[256] (DIRECT_MAP_BASE) and pml4[511] -> pdpt. */
    mov     $PHYS(boot_pdpt) + (PTE_PRESENT | PTE_WRITE), %eax
    mov     %eax, PHYS(boot_pml4)
    mov     %eax, PHYS(boot_pml4) + 256 * 8
    mov     %eax, PHYS(boot_pml4) + 511 * 8

    mov     $PHYS(boot_pml4), %eax
    mov     %eax, %cr3
    mov     %cr4, %eax
    or      $CR4_PAE, %eax
    mov     %eax, %cr4
    mov     $MSR_EFER, %ecx
    rdmsr
    or      $(EFER_LME | EFER_NXE), %eax
    wrmsr
    mov     %cr0, %eax
    or      $(CR0_PG | CR0_WP), %eax
    mov     %eax, %cr0

    lgdt    boot_gdt_pointer
    ljmp    $0x08, $boot_long_mode

no_long_mode:                       /* say why on COM1, then stop */
    mov     $boot_no_long_mode_msg, %esi
2:  lodsb
    test    %al, %al
    jz      3f
    mov     $COM1, %dx
    out     %al, %dx
    jmp     2b
3:  hlt
    jmp     3b

    .code64
boot_long_mode:
    xor     %eax, %eax
    mov     %ax, %ds
    mov     %ax, %es
    mov     %ax, %ss
    mov     %ax, %fs
    mov     %ax, %gs
    movabs  $boot_high, %rax
    jmp     *%rax

boot_no_long_mode_msg:
    .asciz  "Freeport: this CPU has no long mode (x86_64); stopping.\r\n"

    .balign 8
boot_gdt:                           /* replaced by gdt_init() once in C */
    .quad   0
    .quad   0x00af9a000000ffff      /* 0x08: 64-bit code, ring 0 */
    .quad   0x00cf92000000ffff      /* 0x10: data, ring 0 */
boot_gdt_pointer:
    .short  boot_gdt_pointer - boot_gdt - 1
    .long   boot_gdt

    .text
boot_high:
    .cfi_startproc
    .cfi_undefined rip
    movabs  $boot_stack_top, %rsp
    xor     %ebp, %ebp
    call    kmain
4:  cli
    hlt
    jmp     4b
    .cfi_endproc

    .bss
    .balign 4096
    .globl boot_pml4
boot_pml4:  .skip 4096
boot_pdpt:  .skip 4096
boot_pd:    .skip 4096
    .globl boot_stack_top
boot_stack: .skip 16384
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
