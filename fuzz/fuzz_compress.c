/* Fuzz target: arbitrary bytes as one sentence through the summary
 * sentence compressor (compress.c). Checks that it reads only the input,
 * writes only the room it is given (as long as the input) and never
 * lengthens the sentence. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* copies without a terminating NUL, so reads and writes past them are caught */
    char *text = malloc(size ? size : 1), *out = malloc(size ? size : 1);
    if (!text || !out) {
        free(text);
        free(out);
        return 0;
    }
    if (size) memcpy(text, data, size);
    if (compress_sentence(text, size, out) > size) abort();
    free(text);
    free(out);
    return 0;
}
