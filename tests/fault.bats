#!/usr/bin/env bats
# fault.bats - deliberate faults (`fault=KIND`, src/fault.c) are reported
# fully and, under `harness`, end the run with the kernel's failure verdict.
#
# The report format is src/arch/x86_64/trap.c's: an "EXCEPTION:" line with
# the name, mnemonic and vector, the decoded error code, CR2 for a page
# fault, the registers, and a symbolized backtrace from the faulting
# instruction back to kmain.

load lib/common

# What every page-fault report must hold, whatever the emulator.
assert_page_fault_report() {
    assert_failure_verdict
    assert_line "fault: raising 'pagefault' on purpose"
    assert_line "EXCEPTION: page fault (#PF, vector 14) in kernel mode"
    assert_line "  error code 0x2: not-present page, write, kernel mode"
    assert_line --regexp '^  faulting address \(cr2\) 0x0*dead000$'
    assert_line --regexp '^  rip [0-9a-f]{16}  fault_page\+0x[0-9a-f]+$'
    assert_line --regexp '^  rsp [0-9a-f]{16}  rflags [0-9a-f]{16}  cs 0008  ss [0-9a-f]{4}$'
    assert_line --regexp '^  rax [0-9a-f]{16}  rbx [0-9a-f]{16}  rcx [0-9a-f]{16}$'
    assert_line --regexp '^  r13 [0-9a-f]{16}  r14 [0-9a-f]{16}  r15 [0-9a-f]{16}$'
    assert_backtrace_through fault_page fault_trigger kmain
    refute_line --partial "returned; the handler let it continue"
}

@test "fault=pagefault reports the fault, CR2, registers and a backtrace, then fails (QEMU)" {
    boot --cmdline "harness fault=pagefault"
    assert_page_fault_report
}

@test "fault=pagefault is reported the same in Bochs" {
    boot --bochs --cmdline "harness fault=pagefault"
    assert_page_fault_report
}

@test "fault=panic prints PANIC and a backtrace, then fails" {
    boot --cmdline "harness fault=panic"
    assert_failure_verdict
    assert_line "PANIC: deliberate panic (fault=panic)"
    assert_backtrace_through fault_trigger kmain
}

@test "fault=divide is reported as a divide error" {
    boot --cmdline "harness fault=divide"
    assert_failure_verdict
    assert_line "EXCEPTION: divide error (#DE, vector 0) in kernel mode"
    assert_line --regexp '^  rip [0-9a-f]{16}  fault_divide\+0x[0-9a-f]+$'
    assert_backtrace_through fault_divide fault_trigger kmain
}

@test "fault=invalid-opcode is reported as an invalid opcode" {
    boot --cmdline "harness fault=invalid-opcode"
    assert_failure_verdict
    assert_line "EXCEPTION: invalid opcode (#UD, vector 6) in kernel mode"
    assert_backtrace_through fault_trigger kmain
}

@test "fault=gpf is reported as a general protection fault" {
    boot --cmdline "harness fault=gpf"
    assert_failure_verdict
    assert_line --regexp '^EXCEPTION: general protection fault \(#GP, vector 13\) in kernel mode$'
    assert_backtrace_through fault_general_protection fault_trigger kmain
}

@test "fault=breakpoint is reported and the kernel carries on to the self-tests" {
    boot --cmdline "selftest fault=breakpoint"
    assert_kernel_verdict
    assert_line --regexp '^trap: breakpoint at fault_trigger\+0x[0-9a-f]+, continuing$'
    assert_line "fault: 'breakpoint' returned; the handler let it continue"
    assert_line --regexp '^1\.\.[0-9]+$'
}

@test "without harness a fault stops the kernel instead of exiting" {
    boot --cmdline "fault=pagefault" --until '^kernel stopped\.$'
    assert_success
    assert_line "EXCEPTION: page fault (#PF, vector 14) in kernel mode"
    assert_line "kernel stopped."
    refute_line --partial "FREEPORT-EXIT"
}
