/*
 * dev_vga.c - the claimed VGA text screen: a file whose one use is to be
 * mapped (the 80x25 cells, 4096 bytes at offset 0) and whose ioctl moves
 * the hardware cursor.
 *
 * Layer: files (a claimed device, device_claim.h), on arch_vga_* (arch.h).
 * While the file exists the kernel draws nothing on the screen; its last
 * close gives the screen back (the kernel's console resumes where it
 * stopped). Mappings made through it stay valid after the close: they are
 * the process's (as with any mmap), until munmap or exit.
 */
#include "arch/arch.h"
#include "errno.h"
#include "fs/device_claim.h"
#include "mm/layout.h"

static int vga_ioctl(struct file *file, unsigned long request, void *argument)
{
    const struct fp_vga_cursor *cursor = argument;

    (void)file;
    if (request != FP_VGA_SET_CURSOR)
        return -ENOTTY;
    if (cursor->row >= FP_VGA_ROWS || cursor->column >= FP_VGA_COLUMNS)
        return -EINVAL;
    arch_vga_set_cursor(cursor->row, cursor->column, cursor->visible != 0);
    return 0;
}

static int vga_mmap(struct file *file, uint64_t offset, size_t length, uint64_t *physical)
{
    (void)file;
    if (offset != 0 || length > FP_VGA_BUFFER_SIZE)
        return -EINVAL;
    *physical = arch_vga_text_physical();
    return 0;
}

static const struct file_ops vga_file_ops = {
    .read = device_claim_no_read,
    .write = device_claim_no_write,
    .ioctl = vga_ioctl,
    .close = device_claim_close,
    .mmap = vga_mmap,
};

_Static_assert(FP_VGA_BUFFER_SIZE == PAGE_SIZE, "the text buffer is mapped as one page");

const struct claimable_device vga_device = {
    .ops = &vga_file_ops,
    .access = FP_O_RDWR,
    .set_claimed = arch_vga_set_claimed,
};
