#!/usr/bin/env bats
# posix_mq.bats - POSIX message queues seen from user space:
# userland/tests/posix_mq.c runs in a fresh guest (tools/guest-run) and
# checks every success and errno path of the mq_* calls, exact priority
# order, blocking between two processes, fork inheritance, close-on-exec,
# poll, mq_notify and the limits, with the kernel's counters back at their
# starting values; then the mqtool program, and the same in Bochs. (The
# priority mapping is also host-tested: tests/unit/test_msg_queue.c.)
#
# setup_file compiles the program with build/bin/freeport-cc (run `make`
# first); lib/common has the helpers.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs posix_mq
}

@test "mq_*: open rules and errors, exact priorities, blocking, timeouts, attributes, notify, fork, exec, poll, limits, no leaks" {
    guest_test posix_mq
    assert_all_passed
}

@test "mqtool: create, send, receive in priority order, getattr, unlink, and its errors" {
    guest_shell 'mqtool create /q 4 16' 'mqtool send /q low 1' 'mqtool send /q high 30000' 'mqtool getattr /q' \
        'mqtool receive /q' 'mqtool receive /q' 'mqtool receive -n /q' 'echo "status $?"' \
        'mqtool send /q 01234567890123456' 'echo "status $?"' 'mqtool create /q' 'echo "status $?"' \
        'mqtool unlink /q' 'mqtool getattr /q' 'echo "status $?"' 'mqtool frobnicate' 'echo "status $?"'
    assert_success
    assert_line 'maxmsg 4 msgsize 16 curmsgs 2'
    assert_line --index 1 '30000 high'
    assert_line --index 2 '1 low'
    assert_line --regexp '^mqtool: /q: .*'
    assert_line 'status 1'
    assert_line 'status 2'
    assert_line_count 4 'status 1'
}

@test "message queues work the same in Bochs" {
    guest_test posix_mq --bochs
    assert_all_passed
}
