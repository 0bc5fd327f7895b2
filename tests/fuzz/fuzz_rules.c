/* fuzz_rules.c - libFuzzer target for the rule-set loader: the input is a
 * rule set's YAML (arc_ruleset_load_buffer).  A rule set that loads also
 * runs its own examples (arc_ruleset_test), which exercises every rule
 * kind with the patterns and parameters the input chose. */
#include "archeck.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    if (arc_ruleset_load_buffer(&rs, "fuzz.yaml", (const char *)data, size,
                                &err) == 0) {
        size_t total = 0, failed = 0;
        (void)arc_ruleset_test(rs, NULL, NULL, &total, &failed, &err);
        arc_ruleset_free(rs);
    }
    return 0;
}
