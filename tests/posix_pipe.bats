#!/usr/bin/env bats
# posix_pipe.bats - pipes and FIFOs, seen from user space: the programs
# userland/tests/posix_pipe.c and posix_fifo.c run in a fresh guest each
# (tools/guest-run) and check every success and errno path of pipe, pipe2,
# FIFOs and the operations on their ends, with the kernel's counters back
# at their starting values; then the shell's pipelines, SIGPIPE as the
# shell sees it, and the same in Bochs. (tests/gdb.bats follows one pipe
# write in GDB, as docs/posix.md does.)
#
# setup_file compiles the two programs with build/bin/freeport-cc (run
# `make` first); every guest has both in its initrd.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs posix_pipe posix_fifo
}

@test "pipe, pipe2: EOF, EPIPE and SIGPIPE, blocking and non-blocking, PIPE_BUF atomicity, signals, flags, exec, bad pointers, EMFILE, ENOMEM, no leaks" {
    guest -- /bin/posix_pipe
    assert_all_passed
}

@test "FIFOs: mkfifo, who waits in open, O_NONBLOCK and ENXIO, O_RDWR, EINTR, data between processes, no leaks" {
    guest -- /bin/posix_fifo
    assert_all_passed
}

@test "shell pipelines: echo a b c | wc -w, cat | head | wc -l, long chains, the last command's status" {
    guest_shell 'echo a b c | wc -w' 'cat /etc/rc | head -n 2 | wc -l' 'echo x | cat | cat | cat | cat' \
        'true | false' 'echo "status $?"' 'false | true' 'echo "status $?"'
    assert_success
    assert_output $'3\n2\nx\nstatus 1\nstatus 0'
}

@test "SIGPIPE: a writer without readers dies with status 141; a pipeline whose reader quits ends" {
    guest_shell '/bin/posix_pipe --sigpipe' 'echo "status $?"' \
        'cat /bin/sh /bin/sh /bin/sh | head -n 1 > /dev/null' 'echo "status $?"'
    assert_success
    assert_output $'status 141\nstatus 0'
    guest -- /bin/posix_pipe --sigpipe
    assert_equal "$status" 141
}

@test "the mkfifo tool, and a FIFO between two shell commands" {
    guest -- /bin/sh -c 'mkfifo -m 600 /tmp/f; ls -l /tmp/f; wc -c < /tmp/f & echo hello > /tmp/f; wait; mkfifo /tmp/f'
    assert_failure 1
    assert_line --regexp '^prw------- +1 +0 /tmp/f$'
    assert_line '6'
    assert_line --partial 'mkfifo: /tmp/f: '
}

@test "pipes and FIFOs work the same in Bochs" {
    guest --bochs -- /bin/posix_pipe
    assert_all_passed
    guest --bochs -- /bin/posix_fifo
    assert_all_passed
    guest --bochs -- /bin/sh -c 'echo a b c | wc -w; mkfifo /tmp/f; wc -c < /tmp/f & echo hello > /tmp/f; wait'
    assert_success
    assert_output $'3\n6'
}
