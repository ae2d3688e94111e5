#!/usr/bin/env bats
# services.bats - init as a service manager (docs/services.md): the
# services start in order and are supervised (userland/tests/services.c,
# run with tools/guest-run --services), the table's bad lines are reported,
# a test run without --services is what it always was, and the machine
# goes down in order: shutdown powers off QEMU and Bochs, reboot resets
# QEMU (it boots again; with -no-reboot QEMU ends).
#
# The shutdown and reboot tests boot the guest normally (no test command)
# with a small /etc/services whose last service, "finale", runs the tool
# that takes the machine down: what init and logd print while stopping is
# on COM1.

load lib/common
bats_require_minimum_version 1.5.0

BANNER='a teaching operating system'

setup_file() {
    build_test_programs services
}

# An initrd whose /etc/services is logd, klogd and finale running SCRIPT.
# finale is a tty service, so init starts no fallback shell beside it.
finale_initrd() {
    local script=$1 extra=${2:-}
    cat > "$BATS_TEST_TMPDIR/services" <<TABLE
logd     always   socket=/var/run/logd.sock  /bin/logd
klogd    always   -                          /bin/klogd
$extra
finale   never    tty                        /bin/sh /etc/finale
TABLE
    printf '%s\n' "$script" > "$BATS_TEST_TMPDIR/finale"
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/initrd.cpio" "$REPO_ROOT/build/root" \
        "$BATS_TEST_TMPDIR/services:etc/services" "$BATS_TEST_TMPDIR/finale:etc/finale"
}

# The services stopped in order, logd last, having flushed its file.
assert_orderly_stop() {
    assert_line --regexp '^init: stopping logd \(pid [0-9]+\): SIGTERM$'
    assert_line "logd: stopped; every record received is in /var/log/messages"
    assert_output --regexp "logd: stopped; every record received is in /var/log/messages"$'\n'"init: logd \(pid [0-9]+\) exited with status 0"
}

@test "services start in table order; svc list/stop/start/restart and errors; a killed logd restarts with backoff; init reaps orphans and never blocks on a client" {
    guest_test services --services
    assert_all_passed
}

@test "restart policies: on-failure restarts only after a failure, never never; a service that ignores SIGTERM gets SIGKILL 3 s later" {
    cat > "$BATS_TEST_TMPDIR/services" <<'TABLE'
logd      always      socket=/var/run/logd.sock  /bin/logd
stubborn  never       -                          /bin/services stubborn
done      on-failure  -                          /bin/services exit 0
failing   on-failure  -                          /bin/services exit 3
once      never       -                          /bin/services exit 3
TABLE
    guest_test services --services --add "$BATS_TEST_TMPDIR/services:etc/services" -- policies
    assert_all_passed
}

@test "a test run without --services starts no service: no control socket, no logd" {
    guest -- /bin/sh -c 'svc list; echo "svc: $?"; ls /var/run'
    assert_success
    assert_line "svc: /var/run/init.sock: No such file or directory"
    assert_line "svc: 1"
    refute_line "logd.sock"
    refute_line "init.sock"
}

@test "a bad line of /etc/services is reported with its number and skipped; the others still start" {
    finale_initrd 'svc list; shutdown' 'broken   sometimes -                          /bin/true'
    boot --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
    assert_verdict 0
    assert_line "init: /etc/services:3: restart policy must be always, on-failure or never; line skipped"
    assert_line --regexp '^klogd +running +[0-9]+ +0 +-$'
    refute_line --regexp '^broken'
}

@test "shutdown: every service is told, logd stops last and flushes, then QEMU powers off (status 0)" {
    finale_initrd 'svc list; logger -t finale going down; shutdown'
    boot --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
    assert_verdict 0
    assert_line --regexp '^logd +running +[0-9]+ +0 +-$'
    assert_orderly_stop
    assert_line "init: every service has stopped: powering off"
    assert_line "init: power off, status 0"
}

@test "svc shutdown powers Bochs off the same way" {
    finale_initrd 'svc shutdown'
    boot --bochs --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio" --timeout 120
    assert_verdict 0
    assert_orderly_stop
    assert_line "init: every service has stopped: powering off"
}

@test "reboot under QEMU's -no-reboot: the services stop, the kernel resets the machine and QEMU ends without a verdict" {
    finale_initrd 'reboot'
    boot --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
    assert_equal "$status" 125
    assert_orderly_stop
    assert_line "init: every service has stopped: rebooting"
    assert_line "init: reboot"
    refute_line --regexp '^FREEPORT-EXIT'
    refute_output --partial "timed out"
}

@test "reboot: QEMU without -no-reboot boots the kernel a second time" {
    local log=$BATS_TEST_TMPDIR/serial.log banners=0 qemu
    finale_initrd 'reboot'
    cp "$BATS_TEST_TMPDIR/initrd.cpio" "$BATS_TEST_TMPDIR/initrd"   # QEMU names the module by its -initrd word
    cd "$BATS_TEST_TMPDIR"
    timeout 60 qemu-system-x86_64 -m 256M -display none -monitor none -accel tcg -serial "file:$log" \
        -kernel "$REPO_ROOT/build/freeport32.elf" -append harness -initrd initrd 3>&- &
    qemu=$!
    for _ in $(seq 1 300); do
        banners=$(cat "$log" 2>/dev/null | grep -c "$BANNER" || true)
        [ "$banners" -ge 2 ] && break
        kill -0 "$qemu" 2>/dev/null || break
        sleep 0.2
    done
    kill "$qemu" 2>/dev/null || true
    wait "$qemu" || true
    run tr -d '\r' < "$log"
    assert_line "init: reboot"
    [ "$banners" -ge 2 ] || fail "the kernel's banner appeared $banners time(s), not twice"
}
