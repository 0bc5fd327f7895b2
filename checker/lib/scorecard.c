/* scorecard.c - one summary row per report: facts, how each required part
 * appears, counts by severity and the score (weights from the rule set). */
#include "scorecard.h"

#include "rules.h"

#include <string.h>

/* Copies at most size-1 bytes of s, cut at a character boundary. */
static void copy_text(char *dst, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static double rule_weight(const arc_ruleset *rs, const arc_finding *f)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i].id, f->rule) == 0 && rs->rules[i].weight >= 0)
            return rs->rules[i].weight;
    return rs->scoring.severity[f->severity];
}

void arc_scorecard_score(arc_scorecard *card, const arc_ruleset *rs,
                         const arc_findings *f)
{
    double s = rs->scoring.base;
    card->errors = card->warnings = card->infos = 0;
    for (size_t i = 0; i < arc_findings_count(f); i++) {
        const arc_finding *fi = arc_findings_get(f, i);
        card->errors += fi->severity == ARC_SEV_ERROR;
        card->warnings += fi->severity == ARC_SEV_WARNING;
        card->infos += fi->severity == ARC_SEV_INFO;
        s -= rule_weight(rs, fi);
    }
    card->score = s < 0 ? 0 : s > 100 ? 100 : (int)(s + 0.5);
}

static void card_parts(arc_scorecard *card, const arc_ruleset *rs,
                       const arc_check_out *co)
{
    card->nparts = rs->nparts < ARC_MAX_PARTS ? rs->nparts : ARC_MAX_PARTS;
    for (size_t p = 0; p < card->nparts; p++) {
        copy_text(card->part_id[p], sizeof card->part_id[p], rs->parts[p].id);
        card->part_status[p] = co ? co->part[p] : ARC_PART_MISSING;
    }
}

void arc_scorecard_fill(arc_scorecard *card, const arc_ruleset *rs,
                        const arc_facts *facts, const arc_check_out *co)
{
    memset(card, 0, sizeof *card);
    card->checked = 1;
    copy_text(card->title, sizeof card->title, facts->title);
    copy_text(card->unit, sizeof card->unit, facts->unit);
    card->report_year = facts->year;
    card->year_source = facts->year_source;
    card->published_source = facts->published.source;
    card->published_y = facts->published.y;
    card->published_m = facts->published.m;
    card->published_d = facts->published.d;
    copy_text(card->doc_type, sizeof card->doc_type,
              facts->type >= 0 ? facts->type_id : rs->profile);
    if (!co || !co->halted)
        copy_text(card->profile, sizeof card->profile, rs->profile);
    card_parts(card, rs, co);
}

void arc_scorecard_unchecked(arc_scorecard *card, const arc_ruleset *rs)
{
    memset(card, 0, sizeof *card);
    copy_text(card->doc_type, sizeof card->doc_type, "other");
    card_parts(card, rs, NULL);
}
