/*
 * vga.c - kernel output on the 80x25 VGA text screen at physical 0xb8000.
 *
 * Layer: machine. Reached through the direct map. Handles \n, \r, \t and
 * \b, scrolls at the bottom and moves the hardware cursor. Light grey on
 * black. The screen belongs to the kernel until a console server takes it.
 */
#include <stdint.h>
#include "arch/x86_64/vga.h"
#include "arch/x86_64/io.h"
#include "mm/layout.h"

#define VGA_COLUMNS 80
#define VGA_ROWS    25
#define VGA_COLOUR  0x07

static volatile uint16_t *const vga_screen = (volatile uint16_t *)PHYS_TO_VIRT(0xb8000);
static int vga_row, vga_column;

static void vga_move_cursor(void)
{
    uint16_t position = (uint16_t)(vga_row * VGA_COLUMNS + vga_column);

    outb(0x3d4, 0x0f);
    outb(0x3d5, position & 0xff);
    outb(0x3d4, 0x0e);
    outb(0x3d5, position >> 8);
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
