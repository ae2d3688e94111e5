#!/usr/bin/env bats
# ipc.bats - native IPC seen from user space: ports, capabilities, names,
# call/reply, the fast path, clean-up when processes die, and a stress run
# with random kills. The port programs of userland/tests/ (ipc_port.c,
# ipc_procs.c, ipc_stress.c, ipc_demo.c; channels, shared memory, wait sets
# and broadcast are tests/ipc_channels.bats') run in a fresh guest each
# (tools/guest-run), print one "ok - ..." or "FAIL - ..." line per check
# and exit with the number of failures.
#
# setup_file compiles them with build/bin/freeport-cc (run `make` first);
# each test adds its program to the guest's initrd as /bin/NAME.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs ipc_port ipc_procs ipc_stress ipc_demo
}

@test "ports, capabilities and names in one process: every success and error path, totals back to baseline" {
    guest_test ipc_port
    assert_all_passed
}

@test "between processes: capability transfer and revoke, call/reply matching, names die with binders, peer death, blocking, FIFO receivers, fast path" {
    guest_test ipc_procs
    assert_all_passed
}

@test "stress: senders, callers and a server killed at random; nothing lost, duplicated or reordered; totals back to baseline" {
    local seed
    for seed in 1 2 3; do
        guest_test ipc_stress -- "$seed"
        assert_all_passed
        assert_line --regexp '^# chaos: killing pid [0-9]+ \(caller [0-9]+\)$'
        assert_line --regexp '^# chaos: killing pid [0-9]+ \(sender [0-9]+\)$'
    done
}

@test "ports and call/reply work the same in Bochs" {
    guest_test ipc_procs --bochs --timeout 300
    assert_all_passed
}

@test "GDB follows port_call from user space through the fast path to the receiver's return (docs/ipc.md)" {
    local port line
    port=$(free_port)
    line=$(grep -n 'if (outcome == PORT_DELIVERED)' "$REPO_ROOT/src/ipc/port.c" | cut -d: -f1)
    start_guest --initrd "$REPO_ROOT/build/initrd.cpio" --cmdline "harness init=/bin/ipcping"
    cat > "$BATS_TEST_TMPDIR/session.gdb" <<GDB
set architecture i386:x86-64
file build/freeport.elf
add-symbol-file build/userland/bin/ipcping
target remote localhost:$port
source tools/gdb/freeport.py
hbreak sys_port_call
continue
bt
set var trace_ring.enabled = 1
delete
hbreak port_fastpath
continue
p args->header.length
delete
hbreak port_hand_off
continue
bt 3
p receiver->target.process->pid
p *header
delete
hbreak src/ipc/port.c:$line
continue
p outcome
p thread_current()->process->pid
bt
fp-caps 2
fp-port port->registry.id
fp-trace
kill
GDB
    run_gdb_session
    stop_guest
    assert_line --regexp '^Breakpoint 1, sys_port_call \(token=[0-9]+, user_request=0x[0-9a-f]+, user_reply=0x[0-9a-f]+\) at '
    assert_line --regexp '^#5  port_call \(port=[0-9]+, request=0x[0-9a-f]+, reply=0x[0-9a-f]+\) at userland/libc/ipc_port\.c:[0-9]+$'
    assert_line --regexp '^#6  0x[0-9a-f]+ in main \(.*\) at userland/bin/ipcping\.c:[0-9]+$'
    assert_line --regexp '^Breakpoint 3, port_hand_off \(.*\) at src/ipc/port\.c:[0-9]+$'
    assert_line --regexp '^#1  0x[0-9a-f]+ in port_fastpath \(.*\) at src/ipc/port_fastpath\.c:[0-9]+$'
    assert_line --regexp "^Breakpoint 4, port_receive \(.*\) at src/ipc/port\.c:$line\$"
    assert_line '$1 = 32'
    assert_line '$2 = 2'
    assert_line --regexp '^\$3 = \{type = 0, length = 32, sender_pid = 1, receiver_pid = 2, .*flags = 1, .*transaction_id = 1, '
    assert_line '$4 = 2'
    assert_line '$5 = 2'
    assert_line --regexp '^#[0-9]+ +0x[0-9a-f]+ in serve \(\) at userland/bin/ipcping\.c:[0-9]+$'
    assert_line --regexp '^ +1 0x000f[0-9a-f]{12} SEND\|RECEIVE\|GRANT\|REVOKE +port '
    assert_line --regexp '^  1 receivers and 0 senders waiting|^  0 receivers and 0 senders waiting'
    assert_line --regexp '^ +[0-9]+ tick [0-9]+ +call +object [0-9]+ +pid 1 -> 0, 32 bytes, crc [0-9a-f]{8}, error 0$'
    assert_line --regexp '^ +[0-9]+ tick [0-9]+ +receive +object [0-9]+ +pid 1 -> 2, 32 bytes'
}

@test "ipcstat lists live ports with owner and counters; ipctrace shows a command's events with payload CRCs" {
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" --add "$TEST_BIN/ipc_demo:bin/ipc_demo" \
        -- /bin/ipctrace /bin/ipc_demo
    assert_all_passed
    assert_line --regexp '^   ID KIND +OWNER DEPTH +MAX LIMIT +WAIT +SENT RECEIVED DROPPED REFUSED DISCARD +FAST$'
    assert_line --regexp '^ +[0-9]+ port +[0-9]+ +3 +3 +8 +0/0 +3 +0 +0 +1 +0 +0$'
    assert_line --regexp '^live: [0-9]+ ports, .* 3 messages \(27 bytes\) queued, '
    assert_line --regexp '^ +[0-9]+ +[0-9]+ send +[0-9]+ +[0-9]+ +0 +9 cbf43926 +0$'
    assert_line --regexp '^ +[0-9]+ +[0-9]+ refused +[0-9]+ +[0-9]+ +0 +0 00000000 +15$'
    assert_line --regexp '^ +[0-9]+ +[0-9]+ call +[0-9]+ +[0-9]+ +0 +4 '
    assert_line --regexp '^ +[0-9]+ +[0-9]+ reply +0 +[0-9]+ +[0-9]+ +4 '
}
