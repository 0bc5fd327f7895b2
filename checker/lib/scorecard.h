/* scorecard.h - filling and scoring the per-report scorecard. */
#ifndef ARC_SCORECARD_H
#define ARC_SCORECARD_H

#include "eval.h"
#include "facts.h"

/* Facts, doc type and part statuses of a checked report (counts and score
 * are left to arc_scorecard_score). */
void arc_scorecard_fill(arc_scorecard *card, const arc_ruleset *rs,
                        const arc_facts *facts, const arc_check_out *co);

/* A file that could not be checked: doc type "other", every part missing,
 * checked = 0. */
void arc_scorecard_unchecked(arc_scorecard *card, const arc_ruleset *rs);

/* Counts the findings f (all of card's report) and scores them. */
void arc_scorecard_score(arc_scorecard *card, const arc_ruleset *rs,
                         const arc_findings *f);

#endif
