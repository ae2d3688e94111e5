/*
 * compiler.h - hints to the compiler about the common case.
 *
 * Layer: library. likely(x) and unlikely(x) tell gcc which way a branch
 * usually goes, so it lays the common case out as straight-line code and
 * moves the rare one aside: the IPC fast path (ipc/port_fastpath.c) marks
 * each precondition unlikely() to fail, as seL4's fastpath does. They
 * change no meaning: the condition is evaluated either way.
 */
#ifndef FREEPORT_LIB_COMPILER_H
#define FREEPORT_LIB_COMPILER_H

#define likely(condition)   __builtin_expect(!!(condition), 1)
#define unlikely(condition) __builtin_expect(!!(condition), 0)

#endif
