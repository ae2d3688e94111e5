/*
 * test_errno_map.c - host unit tests of src/posix/errno_map.c: every
 * native IPC error has an errno, the ones POSIX calls rely on are the
 * documented ones, and a code outside the enum is EIO, never a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers (src/errno.h) */
#include "posix/errno_map.h"
#include "uapi/freeport/ipc.h"

/* A new IPC_ERR_* without a row in the table fails here. */
static void test_every_ipc_error_has_an_errno(void **state)
{
    (void)state;
    for (int code = IPC_OK + 1; code < IPC_ERR_COUNT; code++) {
        int mapped = posix_errno_of(code);
        if (mapped == EIO || mapped <= 0)
            fail_msg("IPC error %d has no errno in src/posix/errno_map.c", code);
    }
}

static void test_documented_values(void **state)
{
    static const struct {
        int code, errno_value;
    } expected[] = {
        {IPC_ERR_INVALID_CAP, EBADF},     {IPC_ERR_PERMISSION, EACCES},
        {IPC_ERR_FULL, EAGAIN},           {IPC_ERR_EMPTY, EAGAIN},
        {IPC_ERR_TIMEOUT, ETIMEDOUT},     {IPC_ERR_TOO_LARGE, EMSGSIZE},
        {IPC_ERR_QUOTA, EMFILE},          {IPC_ERR_PEER_CLOSED, EPIPE},
        {IPC_ERR_NO_MEMORY, ENOMEM},      {IPC_ERR_INVALID_ARGUMENT, EINVAL},
        {IPC_ERR_FAULT, EFAULT},          {IPC_ERR_NAME_EXISTS, EEXIST},
        {IPC_ERR_NAME_NOT_FOUND, ENOENT}, {IPC_ERR_INTERRUPTED, EINTR},
        {IPC_ERR_FILTERED, EPERM},        {IPC_ERR_RATE_LIMITED, EAGAIN},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
        assert_int_equal(posix_errno_of(expected[i].code), expected[i].errno_value);
}

static void test_unknown_codes_are_eio(void **state)
{
    (void)state;
    assert_int_equal(posix_errno_of(IPC_OK), EIO);
    assert_int_equal(posix_errno_of(-1), EIO);
    assert_int_equal(posix_errno_of(IPC_ERR_COUNT), EIO);
    assert_int_equal(posix_errno_of(1 << 30), EIO);
}

static void test_results_pass_counts_and_map_errors(void **state)
{
    (void)state;
    assert_int_equal(posix_result(0), 0);
    assert_int_equal(posix_result(4096), 4096);
    assert_int_equal(posix_result(-IPC_ERR_FULL), -EAGAIN);
    assert_int_equal(posix_result(-IPC_ERR_PEER_CLOSED), -EPIPE);
    assert_int_equal(posix_result(-IPC_ERR_INTERRUPTED), -EINTR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_ipc_error_has_an_errno),
        cmocka_unit_test(test_documented_values),
        cmocka_unit_test(test_unknown_codes_are_eio),
        cmocka_unit_test(test_results_pass_counts_and_map_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
