/* rules_kinds.c - the table of rule kinds.  One row per eval_<kind>.c. */
#include "rules.h"

extern const arc_kind arc_kind_doc_type;
extern const arc_kind arc_kind_part_presence;
extern const arc_kind arc_kind_part_order;
extern const arc_kind arc_kind_part_requires;
extern const arc_kind arc_kind_empty_heading;
extern const arc_kind arc_kind_numbering;
extern const arc_kind arc_kind_year;
extern const arc_kind arc_kind_sum;
extern const arc_kind arc_kind_ratio;
extern const arc_kind arc_kind_share;
extern const arc_kind arc_kind_date;
extern const arc_kind arc_kind_deadline;
extern const arc_kind arc_kind_pattern;
extern const arc_kind arc_kind_duplicate;
extern const arc_kind arc_kind_plan_period;
extern const arc_kind arc_kind_repeat;
extern const arc_kind arc_kind_copy;
extern const arc_kind arc_kind_plan_followup;
extern const arc_kind arc_kind_task_owner;
extern const arc_kind arc_kind_year_bounds;

const arc_kind *const arc_kinds[] = {
    &arc_kind_doc_type,      &arc_kind_part_presence, &arc_kind_part_order,
    &arc_kind_part_requires, &arc_kind_empty_heading, &arc_kind_numbering,
    &arc_kind_year,          &arc_kind_sum,           &arc_kind_ratio,
    &arc_kind_date,          &arc_kind_deadline,      &arc_kind_pattern,
    &arc_kind_duplicate,     &arc_kind_plan_period,   &arc_kind_repeat,
    &arc_kind_copy,          &arc_kind_plan_followup, &arc_kind_task_owner,
    &arc_kind_year_bounds,   &arc_kind_share,
    NULL,
};
