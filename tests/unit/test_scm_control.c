/*
 * test_scm_control.c - host unit tests of src/posix/scm_control.c: the
 * SCM_RIGHTS messages a sender's control buffer holds (one, several,
 * none, every malformed header refused), and what a receiver's buffer
 * of each size gets (all, some, none; the length it uses).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers (src/errno.h) */
#include "posix/scm_control.h"

#define HEADER 16 /* CMSG_LEN(0) */

/* A control message at `offset` of `buffer`: a header and `count` fds. */
static size_t put(char *buffer, size_t offset, int level, int type, const int32_t *fds, uint32_t count)
{
    struct freeport_cmsghdr header = {HEADER + count * sizeof(int32_t), level, type};

    memcpy(buffer + offset, &header, sizeof(header));
    memcpy(buffer + offset + HEADER, fds, count * sizeof(int32_t));
    return offset + FP_CMSG_ALIGN(header.length);
}

static void test_one_message(void **state)
{
    char buffer[64] = {0};
    int32_t sent[3] = {4, 7, 9}, fds[FP_SCM_RIGHTS_MAX];
    uint32_t count = 99;

    (void)state;
    size_t length = put(buffer, 0, FP_SOL_SOCKET, FP_SCM_RIGHTS, sent, 3);
    assert_int_equal(length, 32);
    assert_int_equal(scm_control_parse(buffer, length, fds, &count), 0);
    assert_int_equal(count, 3);
    assert_memory_equal(fds, sent, sizeof(sent));
    assert_int_equal(scm_control_parse(buffer, HEADER + 12, fds, &count), 0); /* the last padding left out */
    assert_int_equal(count, 3);
}

static void test_several_messages_add_up(void **state)
{
    char buffer[128] = {0};
    int32_t first[1] = {3}, second[2] = {5, 6}, fds[FP_SCM_RIGHTS_MAX];
    uint32_t count;

    (void)state;
    size_t length = put(buffer, put(buffer, 0, FP_SOL_SOCKET, FP_SCM_RIGHTS, first, 1), FP_SOL_SOCKET,
                        FP_SCM_RIGHTS, second, 2);
    assert_int_equal(scm_control_parse(buffer, length, fds, &count), 0);
    assert_int_equal(count, 3);
    assert_int_equal(fds[0], 3);
    assert_int_equal(fds[2], 6);
}

static void test_nothing(void **state)
{
    char buffer[8] = {0};
    int32_t fds[FP_SCM_RIGHTS_MAX];
    uint32_t count = 5;

    (void)state;
    assert_int_equal(scm_control_parse(buffer, 0, fds, &count), 0);
    assert_int_equal(count, 0);
    assert_int_equal(scm_control_parse(buffer, sizeof(buffer), fds, &count), 0); /* too short for a header */
    assert_int_equal(count, 0);
}

static void test_malformed(void **state)
{
    char buffer[64] = {0};
    int32_t one[1] = {3}, fds[FP_SCM_RIGHTS_MAX];
    uint32_t count;
    struct freeport_cmsghdr header = {8, FP_SOL_SOCKET, FP_SCM_RIGHTS};

    (void)state;
    put(buffer, 0, 0, FP_SCM_RIGHTS, one, 1);
    assert_int_equal(scm_control_parse(buffer, 24, fds, &count), -EINVAL); /* another level */
    put(buffer, 0, FP_SOL_SOCKET, 2, one, 1);
    assert_int_equal(scm_control_parse(buffer, 24, fds, &count), -EINVAL); /* SCM_CREDENTIALS */
    put(buffer, 0, FP_SOL_SOCKET, FP_SCM_RIGHTS, one, 1);
    assert_int_equal(scm_control_parse(buffer, 18, fds, &count), -EINVAL); /* runs past the end */
    memcpy(buffer, &header, sizeof(header));
    assert_int_equal(scm_control_parse(buffer, 24, fds, &count), -EINVAL); /* shorter than a header */
}

static void test_too_many(void **state)
{
    static char buffer[2 * (HEADER + 4 * FP_SCM_RIGHTS_MAX)];
    int32_t many[FP_SCM_RIGHTS_MAX] = {0}, fds[FP_SCM_RIGHTS_MAX];
    uint32_t count;

    (void)state;
    size_t length = put(buffer, 0, FP_SOL_SOCKET, FP_SCM_RIGHTS, many, FP_SCM_RIGHTS_MAX);
    assert_int_equal(scm_control_parse(buffer, length, fds, &count), 0);
    assert_int_equal(count, FP_SCM_RIGHTS_MAX);
    length = put(buffer, length, FP_SOL_SOCKET, FP_SCM_RIGHTS, many, 1);
    assert_int_equal(scm_control_parse(buffer, length, fds, &count), -EINVAL);
}

static void test_fitting(void **state)
{
    (void)state;
    assert_int_equal(scm_control_fitting(0, 3), 0);
    assert_int_equal(scm_control_fitting(HEADER + 3, 3), 0);
    assert_int_equal(scm_control_fitting(HEADER + 4, 3), 1);
    assert_int_equal(scm_control_fitting(HEADER + 12, 3), 3);
    assert_int_equal(scm_control_fitting(4096, 3), 3);
}

static void test_build(void **state)
{
    char out[64];
    int32_t fds[3] = {10, 11, 12};
    struct freeport_cmsghdr header;

    (void)state;
    memset(out, 0, sizeof(out));
    assert_int_equal(scm_control_build(out, sizeof(out), fds, 3), 32);
    memcpy(&header, out, sizeof(header));
    assert_int_equal(header.length, HEADER + 12);
    assert_int_equal(header.level, FP_SOL_SOCKET);
    assert_int_equal(header.type, FP_SCM_RIGHTS);
    assert_memory_equal(out + HEADER, fds, sizeof(fds));
    assert_int_equal(scm_control_build(out, HEADER + 12, fds, 3), HEADER + 12); /* no room for the padding */
    assert_int_equal(scm_control_build(out, sizeof(out), fds, 2), 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_message), cmocka_unit_test(test_several_messages_add_up),
        cmocka_unit_test(test_nothing),     cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_too_many),    cmocka_unit_test(test_fitting),
        cmocka_unit_test(test_build),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
