#!/usr/bin/env bats
# kernel.bats - the in-kernel self-tests (the `selftest` boot option) pass
# under every way Freeport boots: QEMU -kernel, QEMU with GRUB, Bochs.
#
# The guest prints TAP (src/selftest.c) and exits with the number of failed
# tests as its verdict; a failing self-test shows up here with its name.

load lib/common

@test "self-tests pass in QEMU (-kernel, multiboot1, TCG)" {
    boot --cmdline selftest
    assert_selftests_passed
    assert_verdict 0
}

@test "self-tests pass in QEMU booting the GRUB ISO (multiboot2)" {
    boot --iso --cmdline selftest
    assert_line --regexp "^boot: GRUB [^,]+, multiboot2, command line 'selftest'$"
    assert_selftests_passed
    assert_verdict 0
}

@test "self-tests pass in Bochs booting the GRUB ISO" {
    boot --bochs --cmdline selftest
    assert_line --regexp "^boot: GRUB [^,]+, multiboot2, command line 'selftest'$"
    assert_selftests_passed
    assert_verdict 0
}
