#!/usr/bin/env bats
# posix_socket.bats - Unix sockets, seen from user space: the program
# userland/tests/posix_socket.c runs in a fresh guest (tools/guest-run)
# and checks every success and errno path of the socket calls, with the
# kernel's counters back at their starting values.
#
# setup_file compiles the program with build/bin/freeport-cc (run `make`
# first); each test adds it to the guest's initrd.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    export TEST_BIN=$BATS_FILE_TMPDIR/bin
    mkdir -p "$TEST_BIN"
    "$REPO_ROOT/build/bin/freeport-cc" -std=gnu11 -O2 -g -Wall -Wextra -Werror \
        -o "$TEST_BIN/posix_socket" "$REPO_ROOT/userland/tests/posix_socket.c"
}

# guest [guest-run options] -- CMD...: run CMD in a guest that has the program.
guest() {
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" \
        --add "$TEST_BIN/posix_socket:bin/posix_socket" "$@"
}

assert_all_passed() {
    refute_line --partial "FAIL - "
    assert_line --regexp '^PASSED: 0 check\(s\) failed$'
    assert_success
}

@test "socketpair, socket, bind, listen, connect, accept: flags and refusals, names, send/recv flags, shutdown, EOF, EPIPE and SIGPIPE, getsockopt, two processes, EMFILE, ENOMEM, no leaks" {
    guest -- /bin/posix_socket
    assert_all_passed
}

@test "a writer whose peer is closed dies of SIGPIPE: status 141" {
    guest -- /bin/sh -c '/bin/posix_socket --sigpipe; echo "status $?"'
    assert_success
    assert_line "status 141"
}

@test "ucat: a listener and a client copy both ways through a socket path; errors" {
    local script='ucat -l /tmp/u < /dev/null > /tmp/out & sleep 1; ls -l /tmp/u'
    script+='; echo hello socket | ucat /tmp/u; echo "client $?"; wait; cat /tmp/out; ls /tmp'
    script+='; echo from server | ucat -l /tmp/v & sleep 1; ucat /tmp/v < /dev/null; echo "client $?"; wait'
    script+='; ucat /tmp/u; echo "status $?"; ucat; echo "status $?"'
    guest -- /bin/sh -c "$script"
    assert_success
    assert_line --regexp '^s[rwx-]{9} .* /tmp/u$'
    assert_line 'hello socket'
    assert_line 'from server'
    refute_line --partial 'ls: /tmp/u'
    assert_line 'ucat: /tmp/u: No such file or directory'
    assert_line 'ucat: usage: ucat [-l] path'
    [ "$(grep -c '^client 0$' <<< "$output")" -eq 2 ]
    [ "$(grep -c '^status 2$' <<< "$output")" -eq 2 ]
}

@test "sockets work the same in Bochs" {
    guest --bochs -- /bin/posix_socket
    assert_all_passed
}
