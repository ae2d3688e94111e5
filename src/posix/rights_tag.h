/*
 * rights_tag.h - where descriptors passed on a stream socket sit among its
 * bytes: a tag names the bytes of one send by their offsets in the stream
 * (unix_stream_rights.h), and a receive must stop at a tag's edges.
 *
 * Layer: POSIX (pure; host unit-tested by tests/unit/test_rights_tag.c).
 */
#ifndef FREEPORT_POSIX_RIGHTS_TAG_H
#define FREEPORT_POSIX_RIGHTS_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bytes one send with descriptors wrote: [start, start + length). */
struct rights_tag {
    uint64_t start;
    uint64_t length;
};

/* For a reader at stream offset `offset` whose first pending tag is
 * `tag`: how many bytes it may read without crossing into or out of the
 * tagged bytes (SIZE_MAX: no limit), and in *here whether the tag's
 * descriptors come with this read (its bytes start here, or started
 * before: a reader that took part of them without the descriptors). */
size_t rights_tag_limit(const struct rights_tag *tag, uint64_t offset, bool *here);

#endif
