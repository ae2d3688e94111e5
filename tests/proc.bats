#!/usr/bin/env bats
# proc.bats - processes, seen from user space: the programs of
# userland/tests/ run in a fresh guest each (tools/guest-run) and check
# fork/exec/wait, signals, faults, bad pointers, memory calls, clocks and
# the scheduler. Each prints one "ok - ..." or "FAIL - ..." line per check
# and exits with the number of failures, so a failing test shows exactly
# which checks failed.
#
# setup_file compiles them with build/bin/freeport-cc (run `make` first);
# each test adds its program to the guest's initrd as /bin/NAME.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs '*'
}

@test "fork, _exit and waitpid: statuses, WNOHANG, ECHILD, copy-on-write, orphans, no leaks" {
    guest_test proc_wait
    assert_all_passed
}

@test "execve: argv, envp, auxv, close-on-exec, signal reset, failures keep the caller" {
    guest_test proc_exec
    assert_all_passed
}

@test "signals: handlers, masks, sigsuspend, alarm, SA_RESTART, SIGCHLD, checked sigreturn" {
    guest_test proc_signal
    assert_all_passed
}

@test "faults kill only the faulting process, with the right signal and one line" {
    guest_test proc_fault
    assert_all_passed
    assert_line --regexp '^pid [0-9]+ \(proc_fault\): segmentation fault at 0x0 \(rip 0x[0-9a-f]+\)$'
    assert_line --regexp '^pid [0-9]+ \(proc_fault\): illegal instruction \(rip 0x[0-9a-f]+\)$'
}

@test "every pointer-taking system call returns EFAULT for bad pointers" {
    guest_test proc_badptr
    assert_all_passed
}

@test "brk, mmap, munmap, mprotect: lazy zero pages, protections, errors, no leaks" {
    guest_test proc_memory
    assert_all_passed
}

@test "clocks, nanosleep and times" {
    guest_test proc_time
    assert_all_passed
}

@test "the scheduler shares the CPU between busy processes; yield; procinfo" {
    guest_test proc_sched
    assert_all_passed
}

@test "fork, exec, wait and signals work the same in Bochs" {
    guest_test proc_wait --bochs
    assert_all_passed
    guest_test proc_signal --bochs
    assert_all_passed
}

@test "a program's exit status becomes the guest's; init's own end stops the machine" {
    run "$TOOLS/guest-run" -- /bin/sh -c 'exit 42'
    assert_equal "$status" 42
    boot --cmdline "harness init=/bin/true" --initrd "$REPO_ROOT/build/initrd.cpio"
    assert_line "init (pid 1) ended with status 0: stopping"
    assert_verdict 0
}

@test "without an initrd the kernel says why no process starts, and idles" {
    boot --until 'cannot start /bin/init'
    assert_line --regexp '^Freeport: cannot start /bin/init \(error 2\): no initrd; idling\.$'
}

@test "GDB follows a write from syscall_entry to the user program's main and back (docs/processes.md)" {
    local port
    port=$(free_port)
    start_guest --initrd "$REPO_ROOT/build/initrd.cpio"
    cat > "$BATS_TEST_TMPDIR/session.gdb" <<GDB
set architecture i386:x86-64
file build/freeport.elf
add-symbol-file build/userland/bin/echo
target remote localhost:$port
hbreak syscall_entry if \$rax == 41
continue
x/s \$rsi
delete
hbreak syscall_dispatch
continue
bt
finish
kill
GDB
    run_gdb_session
    stop_guest
    assert_line --regexp '^Breakpoint 1, syscall_entry \(\) at src/arch/x86_64/syscall_entry\.S:[0-9]+$'
    assert_line --regexp '^0x[0-9a-f]+:[[:space:]]+"Welcome to Freeport\.\\n"$'
    assert_line --regexp '^#1  0x[0-9a-f]+ in syscall_handle \(frame=0x[0-9a-f]+\) at src/arch/x86_64/syscall\.c:[0-9]+$'
    assert_line --regexp '^#4  write \(fd=1, buffer=.*length=.*21\) at userland/libc/file\.c:[0-9]+$'
    assert_line --regexp '^#[0-9]+ +0x[0-9a-f]+ in main \(.*\) at userland/bin/echo\.c:[0-9]+$'
    assert_line 'Value returned is $1 = 21'
}

@test "process groups and sessions: setpgid, setsid, kill and waitpid on groups, stop and continue, orphaned groups" {
    guest_test proc_pgrp
    assert_all_passed
}

@test "init takes only the signals it handles: kill -9 1, SIGSTOP and a group SIGINT leave it running; kill refuses an empty pid" {
    local script='kill -9 1; echo "kill -9 1: $?"; kill -STOP 1; kill -INT 1; echo "init: $?"'
    script+="; kill -9 ''"'; echo "empty: $?"; kill -9 x1; echo "garbage: $?"'
    guest -- /bin/sh -c "$script"
    assert_success
    assert_line 'kill -9 1: 0'
    assert_line 'init: 0'
    assert_line "kill: '': not a process id"
    assert_line 'empty: 1'
    assert_line 'garbage: 1'
}
