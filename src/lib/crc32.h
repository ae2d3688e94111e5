/*
 * crc32.h - CRC-32 as in IEEE 802.3 (Ethernet, zlib, PNG): reflected
 * polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF.
 * crc32("123456789", 9) == 0xCBF43926.
 *
 * Layer: library (no kernel state; host unit-tested by tests/unit/test_crc32.c).
 */
#ifndef FREEPORT_LIB_CRC32_H
#define FREEPORT_LIB_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32(const void *data, size_t length);

#endif
