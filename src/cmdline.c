/*
 * cmdline.c - kernel command-line parsing (see cmdline.h for the options).
 *
 * Layer: core (pure). Table-driven: each option says whether it is a flag
 * (no '=') or takes a value, and which values it accepts. The parser never
 * writes past a value's buffer: an over-long value is malformed.
 */
#include <stdint.h>
#include "cmdline.h"
#include "lib/string.h"

struct option_spec {
    const char *name;
    bool takes_value;
    const char *const *allowed;     /* NULL-terminated; NULL: any value */
    size_t offset;                  /* of the bool or char[] in kernel_options */
};

static const char *const fault_kinds[] = {
    "pagefault", "divide", "invalid-opcode", "gpf", "breakpoint", "panic", NULL,
};

#define FIELD(name) __builtin_offsetof(struct kernel_options, name)

static const struct option_spec option_specs[] = {
    { "selftest", false, NULL, FIELD(selftest) },
    { "harness", false, NULL, FIELD(harness) },
    { "fault", true, fault_kinds, FIELD(fault) },
    { "init", true, NULL, FIELD(init) },
};

static const struct option_spec *find_option(const char *name, size_t length)
{
    for (size_t i = 0; i < sizeof(option_specs) / sizeof(option_specs[0]); i++)
        if (strlen(option_specs[i].name) == length && memcmp(option_specs[i].name, name, length) == 0)
            return &option_specs[i];
    return NULL;
}

static bool value_allowed(const struct option_spec *spec, const char *value, size_t length)
{
    if (length == 0 || length >= CMDLINE_VALUE_MAX)
        return false;
    if (!spec->allowed)
        return true;
    for (const char *const *allowed = spec->allowed; *allowed; allowed++)
        if (strlen(*allowed) == length && memcmp(*allowed, value, length) == 0)
            return true;
    return false;
}

/* Apply one word; returns the reason it was rejected, or NULL. */
static const char *apply_word(const char *word, size_t length, struct kernel_options *options)
{
    const char *equals = memchr(word, '=', length);
    size_t name_length = equals ? (size_t)(equals - word) : length;
    const struct option_spec *spec = find_option(word, name_length);
    char *field;

    if (!spec)
        return "unknown";
    field = (char *)options + spec->offset;
    if (!spec->takes_value) {
        if (equals)
            return "malformed";
        *(bool *)field = true;
        return NULL;
    }
    if (!equals || !value_allowed(spec, equals + 1, length - name_length - 1))
        return "malformed";
    memcpy(field, equals + 1, length - name_length - 1);
    field[length - name_length - 1] = '\0';
    return NULL;
}

int cmdline_parse(const char *text, struct kernel_options *options, cmdline_report_fn report)
{
    int rejected = 0;

    memset(options, 0, sizeof(*options));
    while (text && *text) {
        while (*text == ' ')
            text++;
        size_t length = 0;
        while (text[length] && text[length] != ' ')
            length++;
        if (length == 0)
            break;
        const char *why = apply_word(text, length, options);
        if (why) {
            rejected++;
            if (report)
                report(why, text, length);
        }
        text += length;
    }
    return rejected;
}
