/* serial.h - COM1 polled I/O (see serial.c). Layer: machine. */
#ifndef FREEPORT_X86_64_SERIAL_H
#define FREEPORT_X86_64_SERIAL_H

void serial_init(void);
void serial_putc(char c);
int serial_getc(void);      /* a byte, or -1 when none is waiting */
void serial_flush(void);

#endif
