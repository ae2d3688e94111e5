/*
 * test_file_rights.c - host unit tests of src/posix/file_rights.c: the
 * files sendmsg's SCM_RIGHTS names are held and let go exactly once,
 * including when one descriptor is not open (EBADF) or memory runs out;
 * a refusal leaves *out NULL, so sendmsg's clean-up (which puts a non-NULL
 * one) cannot put the freed object a second time.
 *
 * The file layer is stubbed: descriptors 0..FILES-1 are open on files[],
 * whose `refcount` counts what file_rights holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "errno.h"
#include "fs/fd_table.h"
#include "heap_stub.h"
#include "ipc/cap_table.h"
#include "posix/file_rights.h"

#define FILES 4

static struct file files[FILES];

struct file *fd_current_file(int fd)
{
    if (fd < 0 || fd >= FILES)
        return NULL;
    files[fd].refcount++;
    return &files[fd];
}

void file_put(struct file *file)
{
    assert_true(file->refcount > 0);
    file->refcount--;
}

int cap_create_in_flight(struct ipc_object *object, uint16_t rights, struct capability **in_flight)
{
    (void)object, (void)rights, (void)in_flight;
    fail_msg("file_rights_collect makes no capability");
    return 0;
}

static int reset(void **state)
{
    (void)state;
    for (int index = 0; index < FILES; index++)
        files[index].refcount = 0;
    heap_stub_live = 0;
    heap_stub_successes_left = -1;
    return 0;
}

static void assert_nothing_held(void)
{
    for (int index = 0; index < FILES; index++)
        assert_int_equal(files[index].refcount, 0);
    assert_int_equal(heap_stub_live, 0);
}

static void test_collect_holds_each_file_until_the_put(void **state)
{
    const int32_t fds[] = {2, 0, 2};
    struct file_rights *rights = NULL;

    (void)state;
    assert_int_equal(file_rights_collect(fds, 3, &rights), 0);
    assert_non_null(rights);
    assert_int_equal(rights->count, 3);
    assert_ptr_equal(rights->files[1], &files[0]);
    assert_int_equal(files[2].refcount, 2);
    file_rights_put(rights);
    assert_nothing_held();
}

static void test_a_descriptor_not_open_is_ebadf_with_nothing_held(void **state)
{
    const int32_t fds[] = {1, 3, FILES, 0};
    struct file_rights *rights = (struct file_rights *)&rights; /* not NULL before */

    (void)state;
    assert_int_equal(file_rights_collect(fds, 4, &rights), -EBADF);
    assert_null(rights); /* the caller's clean-up must find nothing to put */
    assert_nothing_held();
}

static void test_no_memory_is_enomem_with_nothing_held(void **state)
{
    const int32_t fds[] = {1};
    struct file_rights *rights = (struct file_rights *)&rights;

    (void)state;
    heap_stub_successes_left = 0;
    assert_int_equal(file_rights_collect(fds, 1, &rights), -ENOMEM);
    assert_null(rights);
    assert_nothing_held();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_collect_holds_each_file_until_the_put, reset),
        cmocka_unit_test_setup(test_a_descriptor_not_open_is_ebadf_with_nothing_held, reset),
        cmocka_unit_test_setup(test_no_memory_is_enomem_with_nothing_held, reset),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
