/* vga.h - the 80x25 VGA text screen (see vga.c). Layer: machine. */
#ifndef FREEPORT_X86_64_VGA_H
#define FREEPORT_X86_64_VGA_H

void vga_init(void);
void vga_putc(char c);

#endif
