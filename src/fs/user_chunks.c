/*
 * user_chunks.c - user buffers moved through a kernel chunk (see
 * user_chunks.h).
 *
 * Layer: files, on proc/usercopy.h.
 */
#include "fs/user_chunks.h"
#include "errno.h"
#include "proc/usercopy.h"

long user_chunks_read(void *user_buffer, size_t length, int flags, user_chunks_take take, void *source)
{
    char buffer[USER_CHUNK];
    long count;

    if (length == 0)
        return 0;
    count = take(source, buffer, length < sizeof(buffer) ? length : sizeof(buffer), flags);
    if (count > 0 && copy_to_user(user_buffer, buffer, (size_t)count) < 0)
        return -EFAULT;
    return count;
}

long user_chunks_write(const void *user_buffer, size_t length, int flags, user_chunks_give give, void *sink)
{
    const char *user_bytes = user_buffer;
    char buffer[USER_CHUNK];
    size_t done = 0;

    while (done < length) {
        size_t chunk = length - done < sizeof(buffer) ? length - done : sizeof(buffer);
        if (copy_from_user(buffer, user_bytes + done, chunk) < 0)
            return done > 0 ? (long)done : -EFAULT;
        long given = give(sink, buffer, chunk, flags);
        if (given < 0)
            return done > 0 ? (long)done : given;
        done += (size_t)given;
        if ((size_t)given < chunk)
            break;
    }
    return (long)done;
}
