/*
 * rights_tag.c - the edges of the bytes sent with descriptors on a stream
 * socket (see rights_tag.h).
 *
 * Layer: POSIX (pure).
 */
#include "posix/rights_tag.h"

size_t rights_tag_limit(const struct rights_tag *tag, uint64_t offset, bool *here)
{
    *here = tag->start <= offset;
    if (!*here)
        return (size_t)(tag->start - offset);
    return tag->start + tag->length > offset ? (size_t)(tag->start + tag->length - offset) : SIZE_MAX;
}
