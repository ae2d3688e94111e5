/*
 * crc32.c - CRC-32 (IEEE 802.3), four bits at a time.
 *
 * Layer: library. The bitwise algorithm shifts the CRC right one bit per
 * data bit, xoring in the polynomial when a 1 falls out. Doing four of
 * those steps depends only on the low four bits, so they are precomputed:
 * nibble_table[n] is what four bitwise steps make of the value n. Two
 * lookups per byte, and a table small enough to check by hand.
 */
#include "lib/crc32.h"

static const uint32_t nibble_table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t crc32(const void *data, size_t length)
{
    const uint8_t *bytes = data;
    uint32_t crc = 0xffffffff;

    for (size_t index = 0; index < length; index++) {
        crc = (crc >> 4) ^ nibble_table[(crc ^ bytes[index]) & 0xf];
        crc = (crc >> 4) ^ nibble_table[(crc ^ (bytes[index] >> 4)) & 0xf];
    }
    return ~crc;
}
