/*
 * scm_control.c - parsing and building SCM_RIGHTS control messages (see
 * scm_control.h).
 *
 * Layer: POSIX (pure). Headers are read with memcpy: the user's buffer
 * need not be aligned.
 */
#include "posix/scm_control.h"
#include "errno.h"
#include "lib/string.h"

#define HEADER_SIZE FP_CMSG_ALIGN(sizeof(struct freeport_cmsghdr))

int scm_control_parse(const void *control, size_t length, int32_t *fds, uint32_t *count)
{
    const char *bytes = control;
    size_t offset = 0;

    *count = 0;
    while (length - offset >= sizeof(struct freeport_cmsghdr)) {
        struct freeport_cmsghdr header;
        memcpy(&header, bytes + offset, sizeof(header));
        if (header.length < HEADER_SIZE || header.length > length - offset)
            return -EINVAL;
        if (header.level != FP_SOL_SOCKET || header.type != FP_SCM_RIGHTS)
            return -EINVAL;
        uint64_t found = (header.length - HEADER_SIZE) / sizeof(int32_t);
        if (found > FP_SCM_RIGHTS_MAX - *count)
            return -EINVAL;
        memcpy(fds + *count, bytes + offset + HEADER_SIZE, found * sizeof(int32_t));
        *count += (uint32_t)found;
        offset += FP_CMSG_ALIGN(header.length);
        if (offset > length)
            break; /* the last message's padding may be missing */
    }
    return 0;
}

uint32_t scm_control_fitting(size_t capacity, uint32_t count)
{
    if (capacity < HEADER_SIZE)
        return 0;
    size_t room = (capacity - HEADER_SIZE) / sizeof(int32_t);
    return room < count ? (uint32_t)room : count;
}

size_t scm_control_build(void *out, size_t capacity, const int32_t *fds, uint32_t count)
{
    struct freeport_cmsghdr header = {
        .length = HEADER_SIZE + count * sizeof(int32_t),
        .level = FP_SOL_SOCKET,
        .type = FP_SCM_RIGHTS,
    };
    size_t used = FP_CMSG_ALIGN(header.length);

    memcpy(out, &header, sizeof(header));
    memcpy((char *)out + HEADER_SIZE, fds, count * sizeof(int32_t));
    return used < capacity ? used : capacity;
}
