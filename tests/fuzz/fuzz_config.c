/* fuzz_config.c - libFuzzer target for the configuration loader: the input
 * is written to a .archeck.yaml in a private temporary directory (the
 * public API loads configurations from files: their paths are relative to
 * them) and loaded; one that loads is applied to the shipped rule set and
 * asked about an ignore. */
#include "archeck.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[4096];

static void fuzz_init(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4000];
    snprintf(dir, sizeof dir, "%s/archeck-fuzz-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        abort();
    snprintf(fuzz_path, sizeof fuzz_path, "%s/.archeck.yaml", dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_path[0])
        fuzz_init();
    FILE *f = fopen(fuzz_path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f))
        abort();
    arc_config *c = NULL;
    arc_error err = {0};
    if (arc_config_load(&c, fuzz_path, &err) == 0) {
        arc_ruleset *rs = NULL;
        if (arc_ruleset_load(&rs, ARC_FUZZ_RULES, &err) == 0) {
            (void)arc_config_apply(c, rs, &err);
            (void)arc_config_ignored(c, "reports/a.txt", "year.mismatch");
            arc_ruleset_free(rs);
        }
        arc_config_free(c);
    }
    return 0;
}
