#!/usr/bin/env bats
# ipc_channels.bats - channels, shared memory, wait sets, broadcast and the
# system endpoint, seen from user space: the ipc_* programs of
# userland/tests/ run in a fresh guest each (tools/guest-run). Each prints
# one "ok - ..." or "FAIL - ..." line per check and exits with the number
# of failures; each ends by checking that the kernel's and the transport's
# counters are back where they started.
#
# setup_file compiles them with build/bin/freeport-cc (run `make` first).

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs ipc_channel ipc_shm ipc_waitset ipc_broadcast
}

@test "channels: rings, wrap-around, sends without the kernel, ping-pong, blocking, peer death, quotas" {
    guest_test ipc_channel
    assert_all_passed
    assert_line --regexp '^ok - 1000 sends entered the kernel ([0-9]+) times \(the counting: \1\)$'
    assert_line "ok - 1000 round trips with another process through the rings"
}

@test "shared memory: mappings, read-only faults, zero-copy transfer of 1 MiB, quotas" {
    guest_test ipc_shm
    assert_all_passed
    assert_line "ok - the sender lost access (status 0xb)"
}

@test "wait sets: ports and channel ends, timeouts, fairness, peer death, signals" {
    guest_test ipc_waitset
    assert_all_passed
}

@test "broadcast and the system endpoint: fan-out, dropped copies counted, exits, violations, log" {
    guest_test ipc_broadcast
    assert_all_passed
}

@test "channel ping-pong between two processes under Bochs" {
    guest_test ipc_channel --bochs --timeout 300 -- pingpong
    assert_all_passed
}
