#!/usr/bin/env bats
# ipc_freeworld.bats - FreeWorld's channels (<freeport/freeworld.h>) seen
# from user space: userland/tests/ipc_freeworld.c runs in a fresh guest
# (tools/guest-run) and checks every type's success and error paths -
# names, modes and ids; queue priorities and blocking; pipe bytes, the end
# of the stream and EPIPE; a socket server with three clients, replies by
# pid, a broadcast, senders that cannot be forged, the server's exit -
# signals ending waits, ids not inherited by fork, a process exiting with
# channels open, allocations failing (ENOMEM, nothing left behind), and the
# kernel's counters back at their starting values.
# Then the GDB session docs/ipc.md shows ("FreeWorld channels"), on the
# same program. (The rules are also host-tested:
# tests/unit/test_freeworld_rules.c.)
#
# setup_file compiles the program with build/bin/freeport-cc (run `make`
# first); lib/common has the helpers. teardown stops a guest left running.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs ipc_freeworld
}

setup() {
    port=$(free_port)
    guest_pid=""
}

teardown() {
    stop_guest
}

@test "FreeWorld channels: sockets, pipes and queues, their errors, blocking, broadcast, priorities, no leaks" {
    guest_test ipc_freeworld
    assert_all_passed
}

@test "GDB stops in freeworld_send and shows the channel and the message (docs/ipc.md)" {
    printf '%s\n' /bin/ipc_freeworld > "$BATS_TEST_TMPDIR/guest-run"
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/initrd.cpio" "$REPO_ROOT/build/root" \
        "$BATS_TEST_TMPDIR/guest-run:etc/guest-run" "$TEST_BIN/ipc_freeworld:bin/ipc_freeworld"
    start_guest --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
    # tools/gdbinit connects as `make debug` does and sets breakpoint 1 at kmain.
    cat > "$BATS_TEST_TMPDIR/session.gdb" <<'GDB'
continue
break freeworld_send
continue
bt 3
p endpoint->channel->type
p endpoint->channel->name
p endpoint == endpoint->channel->server
p *message
finish
delete
detach
GDB
    cd "$REPO_ROOT"
    run timeout 60 gdb -batch -nx -ex "set \$freeport_gdb_port = $port" -x tools/gdbinit \
        -x "$BATS_TEST_TMPDIR/session.gdb"
    assert_success
    assert_line --regexp '^Breakpoint 2, freeworld_send \(endpoint='
    assert_line --regexp '^#1 .* in sys_fw_send \('
    assert_line --regexp '^#2 .* in syscall_dispatch \(number=223'
    assert_line '$1 = 2'
    assert_line --regexp '^\$2 = "fw\.queue\.[0-9]+"'
    assert_line '$3 = 0'
    assert_line '$4 = {type = 100, size = 3, receiver = 0, priority = 1}'
    assert_line 'Value returned is $5 = 3'
}
