#!/usr/bin/env bats
# logd.bats - the system log (docs/logd.md), seen from user space under
# tools/guest-run --services: the SDK's logd_ipc and syslog(3), logger,
# logread's filters and -f, kernel and security events through klogd,
# malformed datagrams accounted, a restart keeping what was stored
# (userland/tests/logd_records.c); and many clients at once, where every record is
# stored in order or counted as dropped (userland/tests/logd_flood.c).

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs logd_records logd_flood
}

@test "logd_ipc, syslog and logger records are stored with level, tag and pid; logread -t -l -p -s -r and -f; kernel and security events; malformed datagrams counted; a restart keeps every stored record" {
    guest_test logd_records --services
    assert_all_passed
}

@test "8 clients x 2000 records at once: per client, stored records in order + drops logd reported = 2000" {
    guest_test logd_flood --services --timeout 120
    assert_all_passed
    assert_line --regexp '^total: [0-9]+ stored, [0-9]+ dropped$'
}

@test "with logd's rate limit lifted (logd -r 0), a paced client's 2000 records are all stored" {
    local table=$BATS_TEST_TMPDIR/services
    printf '%s\n' 'logd always socket=/var/run/logd.sock /bin/logd -r 0' > "$table"
    guest_test logd_flood --services --add "$table:etc/services" --timeout 120 -- 1 2000 paced
    assert_all_passed
    assert_line "total: 2000 stored, 0 dropped"
}
