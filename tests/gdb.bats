#!/usr/bin/env bats
# gdb.bats - GDB can debug Freeport in QEMU the way docs and `make debug`
# say: symbols from build/freeport.elf, the 64-bit architecture set before
# connecting, a hardware breakpoint first.
#
# Each test boots QEMU (TCG, -kernel) halted with its GDB stub on a port of
# its own, runs a GDB batch session against it, and checks what GDB showed
# and how the guest ended. teardown stops QEMU whatever happened.

load lib/common

setup() {
    port=$(free_port)
    guest_pid=""
}

# start_guest [boot-guest options]: QEMU halted, waiting for GDB on $port.
# Its serial log goes to $BATS_TEST_TMPDIR/serial.log; fd 3 is closed so
# bats does not wait for it.
start_guest() {
    "$TOOLS/boot-guest" --gdb "$port" --timeout 60 "$@" \
        > "$BATS_TEST_TMPDIR/serial.log" 2>&1 3>&- &
    guest_pid=$!
    "$TOOLS/wait-port" "$port" 10 "$guest_pid" ||
        fail "QEMU did not start: $(cat "$BATS_TEST_TMPDIR/serial.log")"
}

# wait_guest: the guest's verdict in $status, its serial log in $output and
# $lines, as `run` would set them, for the assertions.
wait_guest() {
    status=0
    wait "$guest_pid" || status=$?
    guest_pid=""
    output=$(cat "$BATS_TEST_TMPDIR/serial.log")
    mapfile -t lines < "$BATS_TEST_TMPDIR/serial.log"
}

teardown() {
    if [ -n "$guest_pid" ]; then
        kill -TERM "$guest_pid" 2>/dev/null || true
        wait "$guest_pid" 2>/dev/null || true
    fi
    if port_listening "$port"; then
        fail "QEMU still listens on port $port after the test"
    fi
}

@test "GDB stops at kmain on a hardware breakpoint and shows the backtrace" {
    start_guest --cmdline selftest
    cat > "$BATS_TEST_TMPDIR/session.gdb" <<GDB
set architecture i386:x86-64
file build/freeport.elf
target remote localhost:$port
hbreak kmain
continue
bt
hbreak printk
continue
bt
delete
detach
GDB
    cd "$REPO_ROOT"
    run timeout 60 gdb -batch -nx -x "$BATS_TEST_TMPDIR/session.gdb"
    assert_success
    assert_line --regexp '^Hardware assisted breakpoint 1 at 0x[0-9a-f]+: file src/kmain\.c'
    assert_line --regexp '^Breakpoint 1, kmain \(magic=[0-9]+, info_physical=[0-9]+\) at src/kmain\.c:[0-9]+$'
    assert_line --regexp '^#0  kmain \('
    assert_line --regexp '^Breakpoint 2, printk \(format='
    assert_line --regexp '^#1  0x[0-9a-f]+ in kmain \('
    refute_output --partial "Remote 'g' packet reply is too long"

    # Detached, the kernel runs on to its own verdict as if GDB had not been there.
    wait_guest
    assert_kernel_verdict
    assert_banner
    assert_line "boot: qemu, multiboot1, command line 'selftest'"
}

@test "tools/gdbinit (what make debug loads) connects and stops at kmain" {
    start_guest --cmdline harness
    cd "$REPO_ROOT"
    run timeout 60 gdb -batch -nx -ex "set \$freeport_gdb_port = $port" -x tools/gdbinit \
        -ex freeport-help -ex continue -ex bt -ex kill
    assert_success
    assert_output --partial 'Use hbreak for the first breakpoint'
    assert_line --regexp '^Breakpoint 1, kmain \('
    assert_line --regexp '^#0  kmain \('

    # `kill` ends QEMU before the kernel printed anything: no verdict.
    wait_guest
    assert_equal "$status" 125
    refute_line --partial 'Freeport 0'
}
