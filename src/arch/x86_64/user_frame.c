/*
 * user_frame.c - the process layer's view of a saved user context.
 *
 * Layer: machine (implements the user_frame_* calls of arch/context.h).
 * A struct trap_frame (trap.h) holds every register of an interrupted user
 * context; these calls are the only places outside src/arch/x86_64/ that
 * change one, so each keeps the frame safe to iretq to: user code and stack
 * segments, IF set, IOPL 0.
 *
 * Invariants: after user_frame_restore the CPU can always resume the frame
 * without faulting in ring 0; a bad one is refused instead.
 */
#include <stddef.h>
#include "arch/context.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "lib/string.h"
#include "mm/layout.h"

_Static_assert(USER_FRAME_SIZE == sizeof(struct trap_frame), "context.h and trap.h disagree");

#define RFLAGS_ALWAYS_ONE (1ul << 1)
#define RFLAGS_IF         (1ul << 9)
#define RFLAGS_DF         (1ul << 10)
#define RFLAGS_TF         (1ul << 8)
/* The flags user code may set itself: CF PF AF ZF SF TF DF OF AC. */
#define RFLAGS_USER 0x40dd5ul

#define SYSCALL_INSTRUCTION_SIZE 2

static bool is_user_address(uint64_t address)
{
    return address < USER_SPACE_END;
}

void user_frame_init(struct trap_frame *frame, uintptr_t entry, uintptr_t stack_pointer)
{
    memset(frame, 0, sizeof(*frame));
    frame->vector = TRAP_VECTOR_SYSCALL;
    frame->rip = entry;
    frame->cs = GDT_USER_CODE;
    frame->rflags = RFLAGS_ALWAYS_ONE | RFLAGS_IF;
    frame->rsp = stack_pointer;
    frame->ss = GDT_USER_DATA;
}

void user_frame_set_result(struct trap_frame *frame, long result)
{
    frame->rax = (uint64_t)result;
}

long user_frame_result(const struct trap_frame *frame)
{
    return (long)frame->rax;
}

uintptr_t user_frame_stack_pointer(const struct trap_frame *frame)
{
    return frame->rsp;
}

uintptr_t user_frame_instruction_pointer(const struct trap_frame *frame)
{
    return frame->rip;
}

void user_frame_restart_syscall(struct trap_frame *frame, long number)
{
    frame->rax = (uint64_t)number;
    frame->rip -= SYSCALL_INSTRUCTION_SIZE;
}

/* The handler starts as a function called with the signal number: DF and
 * TF clear, as the C ABI and a fresh call expect. */
void user_frame_enter_handler(struct trap_frame *frame, uintptr_t handler, uintptr_t stack_pointer,
                              int signal)
{
    frame->rip = handler;
    frame->rsp = stack_pointer;
    frame->rdi = (uint64_t)signal;
    frame->rax = 0;
    frame->rflags &= ~(RFLAGS_DF | RFLAGS_TF);
}

bool user_frame_restore(struct trap_frame *frame, const void *saved)
{
    struct trap_frame restored;

    memcpy(&restored, saved, sizeof(restored));
    if (!is_user_address(restored.rip) || !is_user_address(restored.rsp))
        return false;
    restored.cs = GDT_USER_CODE;
    restored.ss = GDT_USER_DATA;
    restored.rflags = (restored.rflags & RFLAGS_USER) | RFLAGS_ALWAYS_ONE | RFLAGS_IF;
    restored.vector = TRAP_VECTOR_SYSCALL;
    restored.error_code = 0;
    *frame = restored;
    return true;
}
