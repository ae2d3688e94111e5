#!/usr/bin/env bats
# gdb.bats - GDB can debug Freeport in QEMU the way docs and `make debug`
# say: symbols from build/freeport.elf, the 64-bit architecture set before
# connecting, a hardware breakpoint first; and the sessions the chapters
# show work on a running system (docs/posix.md: one write() on a pipe).
#
# Each test boots QEMU (TCG, -kernel) halted with its GDB stub on a port of
# its own, runs a GDB batch session against it, and checks what GDB showed
# and how the guest ended. teardown stops QEMU whatever happened.

load lib/common

setup() {
    port=$(free_port)
    guest_pid=""
}

teardown() {
    stop_guest
    if port_listening "$port"; then
        fail "QEMU still listens on port $port after the test"
    fi
}

@test "GDB stops at kmain on a hardware breakpoint and shows the backtrace" {
    start_guest --cmdline selftest
    write_gdb_session <<GDB
bt
hbreak printk
continue
bt
delete
detach
GDB
    run_gdb_session
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

@test "GDB watches one write() on a pipe reach the stream and the reader copy it out (docs/posix.md)" {
    start_guest_running /bin/sh -c 'echo hello | cat'
    write_gdb_session <<GDB
break stream_write
continue
bt 6
set \$s = stream
p \$s->write.ends
p \$s->read.ends
p \$s->ring.tail - \$s->ring.head
finish
p \$s->ring.tail - \$s->ring.head
delete
break byte_ring_copy_out
continue
bt 3
finish
p \$s->registry.counters.sent
delete
detach
GDB
    run_gdb_session
    assert_success
    assert_line --regexp '^Breakpoint 2, stream_write \(stream=0x[0-9a-f]+, user_buffer=0x[0-9a-f]+, length=6, nonblocking=false\)'
    assert_line --regexp '^#1 .* in pipe_write \('
    assert_line --regexp '^#4 .* in sys_write \('
    assert_line --regexp '^#5 .* in syscall_dispatch \(number=41'
    assert_line '$1 = 1'
    assert_line '$2 = 1'
    assert_line '$3 = 0'
    assert_line 'Value returned is $4 = 6'
    assert_line '$5 = 6'
    assert_line --regexp '^#1 .* in stream_read \('
    assert_line --regexp '^#2 .* in pipe_read \('
    assert_line 'Value returned is $6 = 6'
    assert_line '$7 = 6'

    # Detached, the pipeline finishes: cat printed what echo wrote.
    wait_guest
    assert_success
    assert_line --regexp $'^hello\r?$'
}
