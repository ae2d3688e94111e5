#!/usr/bin/env bats
# posix_socket.bats - Unix sockets, seen from user space: each program
# userland/tests/posix_socket*.c runs in a fresh guest (tools/guest-run)
# and checks every success and errno path of its part (stream, datagram,
# seqpacket, sendmsg/recvmsg and SCM_RIGHTS, options and poll), with the
# kernel's counters back at their starting values; then the ucat tool in
# its three modes, an outside POSIX program built unmodified
# (tests/programs/outside_sockets.c), and every program again in Bochs; a
# GDB session watches a datagram travel as docs/posix.md shows. (The
# control-message parsing is also host-tested: tests/unit/test_scm_control.c.)
#
# setup_file compiles the programs with build/bin/freeport-cc (run `make`
# first); lib/common has the helpers.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs posix_socket posix_socket_dgram posix_socket_seqpacket posix_socket_scm posix_socket_poll
}

setup() {
    port=$(free_port)
    guest_pid=""
}

teardown() {
    stop_guest
}

@test "socketpair, socket, bind, listen, connect, accept: flags and refusals, names, send/recv flags, shutdown, EOF, EPIPE and SIGPIPE, getsockopt, two processes, EMFILE, ENOMEM, no leaks" {
    guest_test posix_socket
    assert_all_passed
}

@test "SOCK_DGRAM: sendto/recvfrom with names, boundaries, MSG_TRUNC/PEEK/DONTWAIT, EMSGSIZE, every refusal, connect's filter, a full queue blocking another process, wake-ups by send, signal and shutdown, fork, no leaks" {
    guest_test posix_socket_dgram
    assert_all_passed
}

@test "SOCK_SEQPACKET: records on a connection, listen/connect/accept, refusals, EOF after a dead peer's records, EPIPE/SIGPIPE, shutdown, blocking both ways, poll, no leaks" {
    guest_test posix_socket_seqpacket
    assert_all_passed
}

@test "sendmsg/recvmsg on every type, their refusals; SCM_RIGHTS passing a pipe end, a queue and a socket, on streams with their bytes, MSG_CTRUNC, MSG_CMSG_CLOEXEC across exec, never-received messages released, two processes, ENOMEM, no leaks" {
    guest_test posix_socket_scm
    assert_all_passed
}

@test "socket options per type (SO_TYPE, SO_ACCEPTCONN, SO_PEERCRED across processes, SO_SNDBUF, SO_RCVBUF) and poll readiness of every type, with waits woken by sends, room, connects, closes and shutdowns" {
    guest_test posix_socket_poll
    assert_all_passed
}

@test "a writer whose peer is closed dies of SIGPIPE: status 141" {
    guest_shell '/bin/posix_socket --sigpipe' 'echo "status $?"'
    assert_success
    assert_line "status 141"
}

@test "ucat: a listener and a client copy both ways through a socket path; errors" {
    guest_shell 'ucat -l /tmp/u < /dev/null > /tmp/out & sleep 1' 'ls -l /tmp/u' \
        'echo hello socket | ucat /tmp/u' 'echo "client $?"' 'wait' 'cat /tmp/out' 'ls /tmp' \
        'echo from server | ucat -l /tmp/v & sleep 1' 'ucat /tmp/v < /dev/null' 'echo "client $?"' 'wait' \
        'ucat /tmp/u' 'echo "status $?"' 'ucat' 'echo "status $?"'
    assert_success
    assert_line --regexp '^s[rwx-]{9} .* /tmp/u$'
    assert_line 'hello socket'
    assert_line 'from server'
    refute_line --partial 'ls: /tmp/u'
    assert_line 'ucat: /tmp/u: No such file or directory'
    assert_line 'ucat: usage: ucat [-l] [-u | -s] path'
    assert_line_count 2 'client 0'
    assert_line_count 2 'status 2'
}

@test "ucat -s: a seqpacket listener and client copy both ways; ucat -u: datagrams to a bound path until an empty one" {
    guest_shell 'ucat -s -l /tmp/s < /dev/null > /tmp/out & sleep 1' 'echo records | ucat -s /tmp/s' \
        'echo "client $?"' 'wait' 'cat /tmp/out' \
        'ucat -u -l /tmp/d > /tmp/dgrams & sleep 1' 'echo one | ucat -u /tmp/d' 'echo "sender $?"' 'wait' \
        'echo "listener $?"' 'cat /tmp/dgrams' 'ls /tmp' 'ucat -u -s /tmp/d' 'echo "status $?"'
    assert_success
    assert_line 'records'
    assert_line 'one'
    assert_line 'client 0'
    assert_line 'sender 0'
    assert_line 'listener 0'
    refute_line 's'
    refute_line 'd'
    assert_line 'ucat: usage: ucat [-l] [-u | -s] path'
    assert_line 'status 2'
}

@test "an outside program using sockets, SCM_RIGHTS, <sys/uio.h>, poll, <err.h> and <limits.h> builds unmodified and runs" {
    "$REPO_ROOT/build/bin/freeport-cc" -Wall -Wextra -Werror -o "$TEST_BIN/outside" \
        "$REPO_ROOT/tests/programs/outside_sockets.c"
    guest -- /bin/outside
    assert_success
    assert_line 'outside: hello, world'
}

@test "GDB watches a datagram travel from a write to the receiver's port and out (docs/posix.md)" {
    start_guest_running /bin/sh -c 'ucat -u -l /tmp/d > /tmp/out & sleep 1; echo hi | ucat -u /tmp/d; wait; cat /tmp/out'
    write_gdb_session <<GDB
break unix_record_send
continue
bt 5
p destination->name
p sent->io.length
delete
break port_consume
continue
p message->header.length
p message->header.type
p *(char (*)[3])message->payload
delete
detach
GDB
    run_gdb_session
    assert_success
    assert_line --regexp '^Breakpoint 2, unix_record_send \('
    assert_output --regexp $'\n#[1-4] [^\n]*unix_dgram_send \\('
    assert_output --regexp $'\n#[1-4] [^\n]*unix_socket_sendmsg \\('
    assert_line --regexp '^\$1 = 0x[0-9a-f]+ "/tmp/d"$'
    assert_line '$2 = 3'
    assert_line --regexp '^Breakpoint 3, port_consume \('
    assert_line '$3 = 3'
    assert_line '$4 = 0'
    assert_line '$5 = "hi\n"'

    # Detached, the datagram reaches the listener's output.
    wait_guest
    assert_success
    assert_line --regexp $'^hi\r?$'
}

@test "sockets of every type work the same in Bochs" {
    local script='/bin/posix_socket; /bin/posix_socket_dgram; /bin/posix_socket_seqpacket; /bin/posix_socket_scm'
    script+='; /bin/posix_socket_poll'
    guest --bochs -- /bin/sh -c "$script"
    assert_success
    refute_line --partial 'FAIL - '
    assert_line_count 5 'PASSED: 0 check(s) failed'
}
