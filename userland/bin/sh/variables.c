/*
 * sh/variables.c - the shell's variables: NAME=value pairs, some exported
 * to the environment of the commands it runs.
 *
 * Layer: user program (Freeport's shell, see sh.h); used by expansion
 * ($NAME), the builtins (cd, export, unset) and command.c (assignments,
 * environments).
 * Invariants: names and values are the shell's own heap copies (never in
 * the line arena); a name appears at most once; an exported variable stays
 * exported until unset.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define MAX_VARIABLES 256

struct variable {
    char *name;
    char *value;
    bool exported;
};

static struct variable variables[MAX_VARIABLES];
static int variable_count;

bool is_name_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static struct variable *variable_find(const char *name, size_t length)
{
    for (int i = 0; i < variable_count; i++)
        if (strlen(variables[i].name) == length && strncmp(variables[i].name, name, length) == 0)
            return &variables[i];
    return NULL;
}

const char *variable_get(const char *name, size_t length)
{
    struct variable *variable = variable_find(name, length);
    return variable != NULL ? variable->value : NULL;
}

/* Sets name (length bytes of name) to value; exported only ever turns on. */
int variable_set(const char *name, size_t length, const char *value, bool exported)
{
    struct variable *variable = variable_find(name, length);
    if (variable == NULL) {
        if (variable_count == MAX_VARIABLES) {
            fprintf(stderr, "sh: too many variables\n");
            return -1;
        }
        variable = &variables[variable_count++];
        variable->name = strndup(name, length);
        variable->value = NULL;
        variable->exported = false;
    }
    char *copy = strdup(value); /* value may be the old value itself */
    free(variable->value);
    variable->value = copy;
    variable->exported |= exported;
    return 0;
}

void variable_unset(const char *name)
{
    struct variable *variable = variable_find(name, strlen(name));
    if (variable == NULL)
        return;
    free(variable->name);
    free(variable->value);
    *variable = variables[--variable_count];
}

void variables_import(char **environment)
{
    for (char **entry = environment; *entry != NULL; entry++) {
        char *equals = strchr(*entry, '=');
        if (equals != NULL)
            variable_set(*entry, (size_t)(equals - *entry), equals + 1, true);
    }
}

/* The environment of a command: exported variables (assignments already applied). */
char **build_environment(void)
{
    char **environment = arena_alloc(sizeof(char *) * (MAX_VARIABLES + 1));
    int count = 0;
    for (int i = 0; i < variable_count; i++) {
        if (!variables[i].exported)
            continue;
        size_t length = strlen(variables[i].name) + strlen(variables[i].value) + 2;
        environment[count] = arena_alloc(length);
        snprintf(environment[count++], length, "%s=%s", variables[i].name, variables[i].value);
    }
    environment[count] = NULL;
    return environment;
}

/* NAME=value: the length of NAME, or 0 if word is not an assignment. */
size_t assignment_name_length(const char *word)
{
    if (!is_name_start(word[0]))
        return 0;
    size_t length = 1;
    while (is_name_char(word[length]))
        length++;
    return word[length] == '=' ? length : 0;
}
