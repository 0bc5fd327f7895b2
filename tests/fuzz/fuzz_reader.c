/* fuzz_reader.c - libFuzzer target for one reader: the input is checked as
 * a file named ARC_FUZZ_FILE ("report.docx", …) through the public API
 * (arc_run_buffer), so the reader is chosen as for a real file (a certain
 * sniff, else the name) and everything after reading (parsing, facts,
 * every rule kind of the shipped rule set, scoring) runs on what it gives.
 * Built once per format by tests/fuzz/CMakeLists.txt. */
#include "archeck.h"

#include <stdint.h>
#include <stdlib.h>

#ifndef ARC_FUZZ_FILE
#error "ARC_FUZZ_FILE must name the file, e.g. \"report.docx\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The rule set is loaded once per process (a harness, not the library:
 * libFuzzer calls the target millions of times). */
static arc_run *fuzz_run;
static arc_checker *fuzz_checker;

static void fuzz_init(void)
{
    arc_ruleset *rs = NULL;
    arc_error err = {0};
    if (arc_ruleset_load(&rs, ARC_FUZZ_RULES, &err))
        abort();
    arc_run_opts o = {0};
    o.rs = rs;
    /* Small limits so that a few bytes that claim gigabytes are refused
     * quickly; the time budget keeps a slow input from looking hung. */
    o.load.max_uncompressed = 8u << 20;
    o.load.max_file_size = 8u << 20;
    o.load.time_limit_ms = 5000;
    if (arc_run_new(&fuzz_run, &o, &err) || arc_checker_new(&fuzz_checker, rs))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_run)
        fuzz_init();
    arc_result *r = NULL;
    arc_error err = {0};
    if (arc_run_buffer(fuzz_run, fuzz_checker, ARC_FUZZ_FILE,
                       (const char *)data, size, &r, &err) == 0) {
        /* Touch what outputs read, so that a bad string is seen here. */
        const arc_findings *f = arc_result_findings(r);
        size_t n = 0;
        for (size_t i = 0; i < arc_findings_count(f); i++) {
            const arc_finding *fi = arc_findings_get(f, i);
            for (const char *s = fi->message; *s; s++)
                n += (unsigned char)*s;
            for (const char *s = fi->evidence; *s; s++)
                n += (unsigned char)*s;
        }
        for (size_t i = 0; i < arc_result_heading_count(r); i++)
            n += (size_t)arc_result_heading(r, i)->line;
        if (n == 1)
            abort(); /* never: keeps the sums from being optimised away */
        arc_result_free(r);
    }
    return 0;
}
