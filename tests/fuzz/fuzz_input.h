/*
 * fuzz_input.h - reading a libFuzzer input as a program: bytes and words
 * taken from the front, zeros once it is used up (so every input, however
 * short, is a complete program).
 *
 * For the targets that interpret their input as operations
 * (fuzz_cap_table.c, fuzz_ring.c).
 */
#ifndef FREEPORT_TESTS_FUZZ_INPUT_H
#define FREEPORT_TESTS_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_input {
    const uint8_t *data;
    size_t size;
};

static inline uint8_t next_byte(struct fuzz_input *input)
{
    if (!input->size)
        return 0;
    input->size--;
    return *input->data++;
}

static inline uint64_t next_word(struct fuzz_input *input)
{
    uint64_t word = 0;

    for (int i = 0; i < 8; i++)
        word = word << 8 | next_byte(input);
    return word;
}

#endif
