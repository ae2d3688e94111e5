#!/usr/bin/env bats
# posix_poll.bats - poll, ppoll, select and pselect seen from user space:
# userland/tests/posix_poll.c runs in a fresh guest (tools/guest-run) and
# checks every descriptor kind, every revents bit, timeouts, wake-ups by
# another process, EFAULT, EINVAL, EBADF, EINTR and the signal masks, with
# the kernel's counters back at their starting values; then the same in
# Bochs.
#
# setup_file compiles the program with build/bin/freeport-cc (run `make`
# first); lib/common has the helpers.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs posix_poll
}

@test "poll, ppoll, select, pselect: every descriptor kind, revents bits, timeouts, wake-ups, errors, EINTR, masks, no leaks" {
    guest_test posix_poll
    assert_all_passed
}

@test "poll works the same in Bochs" {
    guest_test posix_poll --bochs
    assert_all_passed
}
