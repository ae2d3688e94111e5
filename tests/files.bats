#!/usr/bin/env bats
# files.bats - the file layer seen from user space and from the boot.
#
# userland/tests/files.c (built here with build/bin/freeport-cc) runs in a
# guest through tools/guest-run and calls every file system call, checking
# results and errnos and that the kernel's open-file and vnode counters come
# back to where they were; it prints one "ok - ..." or "FAIL - ..." line per
# check (userland/tests/check.h). The console tests type on COM1 (QEMU's -serial
# stdio, fed from a pipe) to drive the line discipline through a real
# program. The initrd tests boot archives that tools/mkinitrd made and then
# damaged, and check the kernel reports them and boots on.
# Needs `make` first (kernel, sysroot, build/root).

load lib/common

setup_file() {
    build_test_programs files
}

@test "every file system call gives its results and errnos, and nothing leaks" {
    guest_test files --timeout 120
    assert_all_passed
    assert_line --regexp '^ok - no leak: open files [0-9]+ -> [0-9]+, vnodes [0-9]+ -> [0-9]+$'
}

@test "the initrd's files are in / and readable" {
    run "$TOOLS/guest-run" -- /bin/cat /etc/guest-run /etc/rc
    assert_success
    assert_line "/bin/cat"
    assert_line "/etc/rc"
    assert_output --partial "$(head -n 1 "$REPO_ROOT/userland/root/etc/rc")"
}

# console_run INPUT WORD...: a guest whose init runs WORD... while INPUT
# (printf escapes allowed) is typed on COM1, once the kernel is up.
console_run() {
    local input=$1
    shift
    printf '%s\n' "$@" > "$BATS_TEST_TMPDIR/guest-run"
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/initrd.cpio" "$REPO_ROOT/build/root" \
        "$BATS_TEST_TMPDIR/guest-run:etc/guest-run"
    run bash -c '{ sleep 2; printf "$1"; } |
        timeout 30 qemu-system-x86_64 -m 256M -display none -monitor none -no-reboot \
            -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04 -accel tcg \
            -kernel "$2" -append harness -initrd "$3 initrd" | tr -d "\r"' \
        _ "$input" "$REPO_ROOT/build/freeport32.elf" "$BATS_TEST_TMPDIR/initrd.cpio"
}

@test "console: a line is edited with DEL and backspace, echoed, and read whole" {
    console_run 'hello\177\010p me\r' /bin/head -n 1
    assert_line $'hello\b \b\b \bp me'
    assert_line "help me"
    assert_line "FREEPORT-RUN-END 0"
}

# wc counts what reached it: "real\n" and "more", not the killed "junk" nor
# the ^Ds; the echo of "more" may come first on wc's line.
@test "console: ^U kills the line; ^D ends it, and ends the file on an empty line" {
    console_run 'junk\025real\rmore\004\004' /bin/wc -c
    assert_output --partial $'junk\b \b\b \b\b \b\b \breal\n'
    assert_line --regexp '^(more)? *9$'
    assert_line "FREEPORT-RUN-END 0"
}

# damaged_initrd NAME: build/root packed, then damaged with $1's python code.
damaged_initrd() {
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/good.cpio" "$REPO_ROOT/build/root" \
        "$REPO_ROOT/userland/root/etc/rc:../escape" "$REPO_ROOT/userland/root/etc/rc:dev/console"
    python3 -c "$1" "$BATS_TEST_TMPDIR/good.cpio" "$BATS_TEST_TMPDIR/bad.cpio"
}

@test "initrd: '..' and /dev entries are refused, the rest unpacked" {
    damaged_initrd 'import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2])'
    boot --cmdline selftest --initrd "$BATS_TEST_TMPDIR/bad.cpio"
    assert_line "initrd: '..' skipped: a '..' component would escape the root" # mkinitrd's parent entry
    assert_line "initrd: '../escape' skipped: a '..' component would escape the root"
    assert_line "initrd: 'dev/console' skipped: /dev belongs to devfs"
    assert_line --regexp '^initrd: [0-9]+ directories, [0-9]+ files \([0-9]+ bytes\) unpacked, 3 entries skipped$'
    assert_selftests_passed
    assert_verdict 0
}

@test "initrd: a truncated archive is reported, and the boot goes on" {
    damaged_initrd 'import sys; data = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(data[:len(data) // 2])'
    boot --cmdline selftest --initrd "$BATS_TEST_TMPDIR/bad.cpio"
    assert_line --regexp '^initrd: malformed archive at offset [0-9]+: .*; the rest is skipped$'
    assert_line "fs: ramfs on /, devfs on /dev"
    assert_selftests_passed
    assert_verdict 0
}

@test "initrd: a corrupted header is reported, and the boot goes on" {
    damaged_initrd 'import sys; data = bytearray(open(sys.argv[1], "rb").read()); i = data.index(b"070701", 200); data[i + 6 + 6 * 8] = ord("z"); open(sys.argv[2], "wb").write(data)'
    boot --cmdline selftest --initrd "$BATS_TEST_TMPDIR/bad.cpio"
    assert_line --regexp '^initrd: malformed archive at offset [0-9]+: a header field is not 8 hexadecimal digits; the rest is skipped$'
    assert_selftests_passed
    assert_verdict 0
}

@test "no initrd: / starts empty with /tmp and /dev, and the self-tests pass" {
    boot --cmdline selftest
    assert_line "initrd: no boot module: / starts empty"
    assert_line "fs: ramfs on /, devfs on /dev"
    assert_selftests_passed
    assert_verdict 0
}
