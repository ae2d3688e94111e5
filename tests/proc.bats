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
    export TEST_BIN=$BATS_FILE_TMPDIR/bin
    mkdir -p "$TEST_BIN"
    local source
    for source in "$REPO_ROOT"/userland/tests/*.c; do
        "$REPO_ROOT/build/bin/freeport-cc" -std=gnu11 -O2 -g -Wall -Wextra -Werror \
            -o "$TEST_BIN/$(basename "$source" .c)" "$source"
    done
}

# guest_test NAME [guest-run options]: run /bin/NAME in a guest.
guest_test() {
    local name=$1
    shift
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" "$@" \
        --add "$TEST_BIN/$name:bin/$name" -- "/bin/$name"
}

# Every check passed and the program said so.
assert_all_passed() {
    refute_line --partial "FAIL - "
    assert_line --regexp '^PASSED: 0 check\(s\) failed$'
    assert_success
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
    "$TOOLS/boot-guest" --gdb "$port" --initrd "$REPO_ROOT/build/initrd.cpio" --timeout 60 \
        > "$BATS_TEST_TMPDIR/serial.log" 2>&1 3>&- &
    local guest=$!
    "$TOOLS/wait-port" "$port" 10 "$guest"
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
    cd "$REPO_ROOT"
    run timeout 60 gdb -batch -nx -x "$BATS_TEST_TMPDIR/session.gdb"
    kill -TERM "$guest" 2>/dev/null || true
    wait "$guest" 2>/dev/null || true
    assert_line --regexp '^Breakpoint 1, syscall_entry \(\) at src/arch/x86_64/syscall_entry\.S:[0-9]+$'
    assert_line --regexp '^0x[0-9a-f]+:[[:space:]]+"Welcome to Freeport\.\\n"$'
    assert_line --regexp '^#1  0x[0-9a-f]+ in syscall_handle \(frame=0x[0-9a-f]+\) at src/arch/x86_64/syscall\.c:[0-9]+$'
    assert_line --regexp '^#4  write \(fd=1, buffer=.*length=.*21\) at userland/libc/file\.c:[0-9]+$'
    assert_line --regexp '^#[0-9]+ +0x[0-9a-f]+ in main \(.*\) at userland/bin/echo\.c:[0-9]+$'
    assert_line 'Value returned is $1 = 21'
}
