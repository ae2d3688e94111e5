#!/usr/bin/env bats
# guest-run.bats - the contract of tools/guest-run, and an outside program.
#
# tools/guest-run boots a fresh guest, runs one command under init, prints
# its output and exits with its status (128 + N for a death by signal N, 124
# for a timeout). An ordinary POSIX program (tests/programs/outside.c),
# built unchanged with the host gcc and with build/bin/freeport-cc, must
# print exactly the same on Linux, in Freeport under QEMU and under Bochs.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    export PROGRAMS=$BATS_FILE_TMPDIR
    cat > "$PROGRAMS/exit7.c" <<'C'
#include <stdlib.h>
int main(void) { exit(7); }
C
    "$REPO_ROOT/build/bin/freeport-cc" -Wall -Werror -o "$PROGRAMS/exit7" "$PROGRAMS/exit7.c"
    "$REPO_ROOT/build/bin/freeport-cc" -Wall -Wextra -Werror -o "$PROGRAMS/outside" \
        "$REPO_ROOT/tests/programs/outside.c"
    gcc -Wall -Wextra -Werror -o "$PROGRAMS/outside-linux" "$REPO_ROOT/tests/programs/outside.c"
}

guest_run() {
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" "$@"
}

@test "guest-run -- /bin/echo hello prints hello and exits 0" {
    guest_run -- /bin/echo hello
    assert_success
    assert_output "hello"
}

@test "a program that calls exit(7) makes guest-run exit 7" {
    guest_run --add "$PROGRAMS/exit7:bin/exit7" -- /bin/exit7
    assert_equal "$status" 7
}

@test "arguments reach the command word for word; the shell's status comes back" {
    guest_run -- /bin/sh -c 'echo "$1|$2"; exit 3' sh 'two words' "it's"
    assert_equal "$status" 3
    assert_output "two words|it's"
}

@test "a command killed by a signal gives 128 + the signal" {
    guest_run -- /bin/sh -c 'kill -9 $$'
    assert_equal "$status" 137
}

@test "a command that does not finish in time gives 124 and the serial log's tail" {
    guest_run --timeout 5 -- /bin/sleep 100
    assert_equal "$status" 124
    assert_output --partial "timed out"
    assert_output --partial "last lines of the serial log"
}

@test "an outside program prints the same on Linux and in Freeport (QEMU)" {
    run "$PROGRAMS/outside-linux"
    assert_success
    local linux_output=$output
    guest_run --add "$PROGRAMS/outside:bin/outside" -- /bin/outside
    assert_success
    assert_output "$linux_output"
}

@test "the outside program prints the same in Freeport under Bochs" {
    run "$PROGRAMS/outside-linux"
    local linux_output=$output
    guest_run --bochs --add "$PROGRAMS/outside:bin/outside" -- /bin/outside
    assert_success
    assert_output "$linux_output"
}
