/*
 * vga.c - kernel output on the 80x25 VGA text screen at physical 0xb8000.
 *
 * Layer: machine. Reached through the direct map. Handles \n, \r, \t and
 * \b, scrolls at the bottom and moves the hardware cursor. Light grey on
 * black. The screen belongs to the kernel until a console server takes it
 * (arch_vga_set_claimed: the file layer's claimed VGA device); while it is
 * claimed the kernel draws nothing and the cursor is the server's.
 */
#include <stdbool.h>
#include <stdint.h>
#include "arch/arch.h"
#include "arch/x86_64/vga.h"
#include "arch/x86_64/io.h"
#include "mm/layout.h"

#define VGA_COLUMNS 80
#define VGA_ROWS    25
#define VGA_COLOUR  0x07

static volatile uint16_t *const vga_screen = (volatile uint16_t *)PHYS_TO_VIRT(0xb8000);
static int vga_row, vga_column;
static bool vga_claimed;

#define CRTC_INDEX          0x3d4
#define CRTC_DATA           0x3d5
#define CRTC_CURSOR_START   0x0a
#define CURSOR_DISABLE      0x20
#define CURSOR_SCANLINES    0x0e /* start line 14: an underline */

static void vga_place_cursor(int row, int column)
{
    uint16_t position = (uint16_t)(row * VGA_COLUMNS + column);

    outb(0x3d4, 0x0f);
    outb(0x3d5, position & 0xff);
    outb(0x3d4, 0x0e);
    outb(0x3d5, position >> 8);
}

static void vga_move_cursor(void)
{
    vga_place_cursor(vga_row, vga_column);
}

static void vga_scroll(void)
{
    for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLUMNS; i++)
        vga_screen[i] = vga_screen[i + VGA_COLUMNS];
    for (int i = 0; i < VGA_COLUMNS; i++)
        vga_screen[(VGA_ROWS - 1) * VGA_COLUMNS + i] = (VGA_COLOUR << 8) | ' ';
    vga_row = VGA_ROWS - 1;
}

void vga_init(void)
{
    for (int i = 0; i < VGA_ROWS * VGA_COLUMNS; i++)
        vga_screen[i] = (VGA_COLOUR << 8) | ' ';
    vga_row = vga_column = 0;
    vga_move_cursor();
}

void vga_putc(char c)
{
    if (vga_claimed)
        return;
    switch (c) {
    case '\n': vga_column = 0; vga_row++; break;
    case '\r': vga_column = 0; break;
    case '\t': vga_column = (vga_column + 8) & ~7; break;
    case '\b': if (vga_column > 0) vga_column--; break;
    default:
        vga_screen[vga_row * VGA_COLUMNS + vga_column] = (VGA_COLOUR << 8) | (uint8_t)c;
        vga_column++;
    }
    if (vga_column >= VGA_COLUMNS) {
        vga_column = 0;
        vga_row++;
    }
    if (vga_row >= VGA_ROWS)
        vga_scroll();
    vga_move_cursor();
}

void arch_vga_set_claimed(bool claimed)
{
    vga_claimed = claimed;
    arch_vga_set_cursor((unsigned)vga_row, (unsigned)vga_column, true);
}

uint64_t arch_vga_text_physical(void)
{
    return 0xb8000;
}

void arch_vga_set_cursor(unsigned row, unsigned column, bool visible)
{
    outb(CRTC_INDEX, CRTC_CURSOR_START);
    outb(CRTC_DATA, visible ? CURSOR_SCANLINES : CURSOR_DISABLE);
    vga_place_cursor((int)row, (int)column);
}
