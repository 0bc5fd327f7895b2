/* check_scorecard.c - the per-report scorecard (scorecard.c) as the
 * pipeline hands it over in an arc_result: title, unit, report year and
 * its source, publication date, document type, part statuses, counts and
 * the score (weights of rules/annual-report.yaml); the score after config
 * ignores; the scorecard of a file that could not be read. */
#include "testutil.h"
#include "scorecard.h"


#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Checks text through the pipeline; copies the result's scorecard into
 * *card and returns a copy of its findings.  The file was checked. */
static arc_findings *run_card(const arc_ruleset *rs, const char *text,
                              arc_scorecard *card)
{
    arc_result *r = arc_test_result(rs, text, 0);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_CHECKED);
    ck_assert_ptr_null(arc_result_error(r));
    *card = *arc_result_scorecard(r);
    ck_assert_int_eq(card->checked, 1);
    const arc_findings *rf = arc_result_findings(r);
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    for (size_t i = 0; i < arc_findings_count(rf); i++)
        ck_assert_int_eq(arc_findings_add(f, arc_findings_get(rf, i)), 0);
    arc_result_free(r);
    return f;
}

/* A configuration made of `yaml` (in a temporary directory, removed). */
static arc_config *config_of(const char *yaml)
{
    arc_test_dir t;
    arc_test_dir_make(&t, "arc-scorecard");
    arc_config *c = NULL;
    arc_error err = {0};
    int rc = arc_config_load(&c, arc_test_put(&t, ".archeck.yaml", yaml), &err);
    ck_assert_msg(rc == 0, "config: %d:%d: %s", err.line, err.column,
                  err.message);
    arc_test_remove_tree(t.dir);
    return c;
}

/* Checks text as "t.txt" with the ignores of config c; returns the result. */
static arc_result *run_with_config(const arc_ruleset *rs, const arc_config *c,
                                   const char *text)
{
    arc_run_opts o = {0};
    o.rs = rs;
    o.config = c;
    return arc_test_result_opts(&o, "t.txt", text, strlen(text));
}

/* Status of part `id` in the card (fails when the card lacks it). */
static arc_part_status part(const arc_scorecard *card, const char *id)
{
    for (size_t i = 0; i < card->nparts; i++)
        if (strcmp(card->part_id[i], id) == 0)
            return card->part_status[i];
    ck_abort_msg("no part %s in the card", id);
    return ARC_PART_MISSING;
}

static void assert_parts(const arc_scorecard *card, arc_part_status measures,
                         arc_part_status shortcomings,
                         arc_part_status first_responsible,
                         arc_part_status next_year)
{
    ck_assert_uint_eq(card->nparts, 4);
    ck_assert_str_eq(card->part_id[0], "measures");
    ck_assert_str_eq(card->part_id[1], "shortcomings");
    ck_assert_str_eq(card->part_id[2], "first_responsible");
    ck_assert_str_eq(card->part_id[3], "next_year");
    ck_assert_str_eq(arc_part_status_name(part(card, "measures")),
                     arc_part_status_name(measures));
    ck_assert_str_eq(arc_part_status_name(part(card, "shortcomings")),
                     arc_part_status_name(shortcomings));
    ck_assert_str_eq(arc_part_status_name(part(card, "first_responsible")),
                     arc_part_status_name(first_responsible));
    ck_assert_str_eq(arc_part_status_name(part(card, "next_year")),
                     arc_part_status_name(next_year));
}

static void assert_counts(const arc_scorecard *card, const arc_findings *f,
                          size_t errors, size_t warnings, size_t infos,
                          int score)
{
    ck_assert_uint_eq(card->errors, errors);
    ck_assert_uint_eq(card->warnings, warnings);
    ck_assert_uint_eq(card->infos, infos);
    ck_assert_uint_eq(arc_findings_count(f), errors + warnings + infos);
    ck_assert_int_eq(card->score, score);
}

static void assert_published(const arc_scorecard *card, arc_pub_source src,
                             int y, int m, int d)
{
    ck_assert_int_eq(card->published_source, src);
    ck_assert_int_eq(card->published_y, y);
    ck_assert_int_eq(card->published_m, m);
    ck_assert_int_eq(card->published_d, d);
}

/* The four required parts, each under its own heading, years right. */
#define BODY                                                                   \
    "2025年,青禾区坚持依法行政。\n"                                           \
    "一、2025年推进法治政府建设的主要举措和成效\n"                             \
    "(一)健全制度。区政府完善行政决策制度。\n"                                 \
    "二、2025年推进法治政府建设存在的不足和原因\n"                             \
    "基层执法力量仍然薄弱,原因在于培训不够。\n"                                \
    "三、党政主要负责人履行推进法治建设第一责任人职责的情况\n"                 \
    "主要负责人带头学法。\n"                                                   \
    "四、2026年推进法治政府建设的主要安排\n"                                   \
    "继续完善制度。\n"

/* ------------------------------------------------------------ fields */

START_TEST(test_complete_report)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "青禾区人民政府关于2025年度法治政府建设情况的报告\n"
                               BODY
                               "青禾区人民政府\n"
                               "2026年3月20日\n",
                               &card);
    ck_assert_str_eq(card.title, "青禾区人民政府关于2025年度法治政府建设情况的报告");
    /* The title before 关于. */
    ck_assert_str_eq(card.unit, "青禾区人民政府");
    ck_assert_int_eq(card.report_year, 2025);
    ck_assert_int_eq(card.year_source, ARC_YEAR_TITLE);
    assert_published(&card, ARC_PUB_SIGNATURE, 2026, 3, 20);
    ck_assert_str_eq(card.doc_type, "annual-report");
    assert_parts(&card, ARC_PART_HEADING, ARC_PART_HEADING, ARC_PART_HEADING,
                 ARC_PART_HEADING);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_unit_before_year_and_label_date)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "松岭县2025年法治政府建设年度报告\n"
                               "发布日期:2026-03-31\n"
                               BODY
                               "松岭县人民政府\n"
                               "2026年3月20日\n",
                               &card);
    ck_assert_str_eq(card.title, "松岭县2025年法治政府建设年度报告");
    /* The title before the year (not the signature). */
    ck_assert_str_eq(card.unit, "松岭县");
    ck_assert_int_eq(card.report_year, 2025);
    /* The label wins over the signature. */
    assert_published(&card, ARC_PUB_LABEL, 2026, 3, 31);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_title_date)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* A date beside the title: stripped from the title, preferred to the
     * signature. */
    arc_findings *f = run_card(rs,
                               "青禾区2025年度法治政府建设情况报告 2026-03-18\n"
                               BODY
                               "青禾区人民政府\n"
                               "2026年3月20日\n",
                               &card);
    ck_assert_str_eq(card.title, "青禾区2025年度法治政府建设情况报告");
    ck_assert_str_eq(card.unit, "青禾区");
    assert_published(&card, ARC_PUB_TITLE, 2026, 3, 18);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    /* With a label as well, the label wins. */
    f = run_card(rs,
                 "青禾区2025年度法治政府建设情况报告 2026-03-18\n"
                 "发布日期:2026-03-25\n" BODY,
                 &card);
    assert_published(&card, ARC_PUB_LABEL, 2026, 3, 25);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_unit_from_signature)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* Nothing before the year in the title: the line above the date. */
    arc_findings *f = run_card(rs,
                               "2025年度法治政府建设情况报告\n" BODY
                               "\n"
                               "  青禾区司法局  \n"
                               "\n"
                               "2026年3月2日\n",
                               &card);
    ck_assert_str_eq(card.title, "2025年度法治政府建设情况报告");
    ck_assert_str_eq(card.unit, "青禾区司法局");
    ck_assert_int_eq(card.report_year, 2025);
    assert_published(&card, ARC_PUB_SIGNATURE, 2026, 3, 2);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_year_from_opening_unknown_unit)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* No year in the title: the opening sentence's; no 关于, no year in
     * the title and no signature: no unit, no publication date. */
    arc_findings *f = run_card(rs, "青禾区法治政府建设情况报告\n" BODY, &card);
    ck_assert_str_eq(card.title, "青禾区法治政府建设情况报告");
    ck_assert_str_eq(card.unit, "");
    ck_assert_int_eq(card.report_year, 2025);
    ck_assert_int_eq(card.year_source, ARC_YEAR_OPENING);
    assert_published(&card, ARC_PUB_NONE, 0, 0, 0);
    ck_assert_str_eq(card.doc_type, "annual-report");
    /* deadline.unknown is an info: weight 0. */
    assert_counts(&card, f, 0, 0, 1, 100);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "deadline.unknown");
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_no_title_no_year)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "青禾区坚持依法行政,全年推进各项工作落实落地见效。\n"
                               "一、主要举措和成效\n"
                               "完善制度。\n",
                               &card);
    ck_assert_str_eq(card.title, "");
    ck_assert_str_eq(card.unit, "");
    ck_assert_int_eq(card.report_year, 0);
    ck_assert_int_eq(card.year_source, ARC_YEAR_NONE);
    assert_published(&card, ARC_PUB_NONE, 0, 0, 0);
    ck_assert_str_eq(card.doc_type, "annual-report");
    assert_parts(&card, ARC_PART_HEADING, ARC_PART_MISSING, ARC_PART_MISSING,
                 ARC_PART_MISSING);
    /* Three missing parts (25 each), no report year (info). */
    assert_counts(&card, f, 3, 0, 1, 25);
    ck_assert_uint_eq(arc_test_count(f, "section.missing"), 3);
    ck_assert_uint_eq(arc_test_count(f, "deadline.unknown"), 1);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ doc type */

START_TEST(test_work_plan)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "青禾区2026年法治政府建设工作要点\n"
                               "一、完善依法行政制度\n"
                               "1.健全机制。(责任单位:区司法局)\n"
                               "3.规范执法。(责任单位:区司法局)\n",
                               &card);
    ck_assert_str_eq(card.doc_type, "work-plan");
    ck_assert_str_eq(card.title, "青禾区2026年法治政府建设工作要点");
    ck_assert_str_eq(card.unit, "青禾区");
    ck_assert_int_eq(card.report_year, 2026);
    /* Checked with the work-plan profile (rules/work-plan.yaml), not
     * dismissed by doc.type: the gap 1. 3. and the missing issue date. */
    ck_assert_str_eq(card.profile, "work-plan");
    assert_counts(&card, f, 0, 1, 1, 97);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "plan.issued-unknown");
    ck_assert_str_eq(arc_findings_get(f, 1)->rule, "numbering.gap");
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_other_doc_type)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "青禾区2025年政府信息公开工作年度报告\n"
                               "一、总体情况\n"
                               "全年主动公开信息。\n",
                               &card);
    ck_assert_str_eq(card.doc_type, "other");
    assert_counts(&card, f, 1, 0, 0, 0);
    arc_findings_free(f);
    f = run_card(rs, "关于青禾区2025年度法治政府建设情况报告的解读\n正文。\n",
                 &card);
    ck_assert_str_eq(card.doc_type, "other");
    assert_counts(&card, f, 1, 0, 0, 0);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ parts, score */

START_TEST(test_prose_and_missing_parts)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs,
                               "青禾区2025年度法治政府建设情况报告\n"
                               "2025年,青禾区坚持依法行政。\n"
                               "一、2025年推进法治政府建设的主要举措和成效\n"
                               "(一)健全制度。区政府完善制度。\n"
                               "二、党政主要负责人履行推进法治建设第一责任人职责的情况\n"
                               "主要负责人带头学法。全区仍存在一些不足,原因在于培训不够。\n"
                               "青禾区司法局\n"
                               "2026年3月20日\n",
                               &card);
    assert_parts(&card, ARC_PART_HEADING, ARC_PART_PROSE, ARC_PART_HEADING,
                 ARC_PART_MISSING);
    /* section.missing 25 + section.prose-only (warning) 3. */
    assert_counts(&card, f, 1, 1, 0, 72);
    ck_assert_str_eq(arc_test_find(f, "section.missing")->section, "next_year");
    ck_assert_str_eq(arc_test_find(f, "section.prose-only")->section,
                     "shortcomings");
    ck_assert_str_eq(card.unit, "青禾区");
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* Config ignores are applied inside the pipeline, before the scorecard is
 * counted and scored (what arc_scorecard_score after a filter did). */
START_TEST(test_ignores_rescored)
{
    static const char text[] =
        "青禾区2025年度法治政府建设情况报告\n"
        "2025年,青禾区坚持依法行政。\n"
        "一、2025年推进法治政府建设的主要举措和成效\n"
        "(一)健全制度。区政府完善制度。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责的情况\n"
        "主要负责人带头学法。全区仍存在一些不足,原因在于培训不够。\n"
        "青禾区司法局\n"
        "2026年3月20日\n";
    arc_ruleset *rs = arc_test_default_rules();
    /* The missing part ignored for this file: only the warning is left. */
    arc_config *c = config_of("ignore:\n"
                              "  - {path: \"t.txt\", rule: section.missing}\n");
    arc_result *r = run_with_config(rs, c, text);
    const arc_scorecard *card = arc_result_scorecard(r);
    const arc_findings *f = arc_result_findings(r);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "section.prose-only");
    assert_counts(card, f, 0, 1, 0, 97);
    /* The rest of the card is kept: the part is still missing. */
    ck_assert_str_eq(card->title, "青禾区2025年度法治政府建设情况报告");
    ck_assert_str_eq(card->doc_type, "annual-report");
    ck_assert_int_eq(part(card, "next_year"), ARC_PART_MISSING);
    ck_assert_int_eq(part(card, "shortcomings"), ARC_PART_PROSE);
    arc_result_free(r);
    arc_config_free(c);
    /* Every rule ignored for this file: nothing left, full marks. */
    c = config_of("ignore:\n  - {path: \"*.txt\"}\n");
    r = run_with_config(rs, c, text);
    assert_counts(arc_result_scorecard(r), arc_result_findings(r), 0, 0, 0,
                  100);
    ck_assert_int_eq(part(arc_result_scorecard(r), "next_year"),
                     ARC_PART_MISSING);
    arc_result_free(r);
    arc_config_free(c);
    /* An ignore for another file changes nothing. */
    c = config_of("ignore:\n  - {path: \"other.txt\"}\n");
    r = run_with_config(rs, c, text);
    assert_counts(arc_result_scorecard(r), arc_result_findings(r), 1, 1, 0,
                  72);
    arc_result_free(r);
    arc_config_free(c);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_score_deadline_weights)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* Late: deadline.late weighs 20. */
    arc_findings *f = run_card(rs,
                               "青禾区2025年度法治政府建设情况报告\n"
                               "发布日期:2026-04-15\n" BODY,
                               &card);
    assert_counts(&card, f, 1, 0, 0, 80);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "deadline.late");
    arc_findings_free(f);
    /* On the day: a warning, 3. */
    f = run_card(rs,
                 "青禾区2025年度法治政府建设情况报告\n"
                 "发布日期:2026-04-01\n" BODY,
                 &card);
    assert_counts(&card, f, 0, 1, 0, 97);
    ck_assert_str_eq(arc_findings_get(f, 0)->rule, "deadline.borderline");
    arc_findings_free(f);
    /* The day before: nothing. */
    f = run_card(rs,
                 "青禾区2025年度法治政府建设情况报告\n"
                 "发布日期:2026-03-31\n" BODY,
                 &card);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_score_error_weight_and_sum)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* A placeholder (an error without a rule weight: 10) and a late
     * publication (20). */
    arc_findings *f = run_card(rs,
                               "青禾区2025年度法治政府建设情况报告\n"
                               "发布日期:2026-05-06\n" BODY
                               "全年组织专项督察XX次。\n",
                               &card);
    ck_assert_uint_eq(arc_test_count(f, "placeholder.found"), 1);
    ck_assert_uint_eq(arc_test_count(f, "deadline.late"), 1);
    assert_counts(&card, f, 2, 0, 0, 70);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_score_clamped_at_zero)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    /* Eleven placeholders: 110 points, clamped to 0. */
    arc_findings *f = run_card(rs,
                               "青禾区2025年度法治政府建设情况报告\n"
                               "发布日期:2026-03-06\n" BODY
                               "XX局,XX局,XX局,XX局,XX局,XX局,\n"
                               "XX局,XX局,XX局,XX局,XX局。\n",
                               &card);
    assert_counts(&card, f, 11, 0, 0, 0);
    ck_assert_uint_eq(arc_test_count(f, "placeholder.found"), 11);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_rescore_after_partial_ignore)
{
    /* Eleven placeholders and a late publication: 130 points, 0. */
    static const char text[] = "青禾区2025年度法治政府建设情况报告\n"
                               "发布日期:2026-05-06\n" BODY
                               "XX局,XX局,XX局,XX局,XX局,XX局,\n"
                               "XX局,XX局,XX局,XX局,XX局。\n";
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    arc_findings *f = run_card(rs, text, &card);
    assert_counts(&card, f, 12, 0, 0, 0);
    arc_findings_free(f);
    /* The placeholders ignored: the late publication alone, 80. */
    arc_config *c = config_of("ignore:\n"
                              "  - {path: \"t.*\", rule: placeholder.found}\n");
    arc_result *r = run_with_config(rs, c, text);
    const arc_findings *rf = arc_result_findings(r);
    assert_counts(arc_result_scorecard(r), rf, 1, 0, 0, 80);
    ck_assert_str_eq(arc_findings_get(rf, 0)->rule, "deadline.late");
    arc_result_free(r);
    arc_config_free(c);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_card_counts_only_this_report)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_run_opts o = {0};
    o.rs = rs;
    arc_run *run = NULL;
    arc_checker *c = NULL;
    arc_error err = {0};
    ck_assert_int_eq(arc_run_new(&run, &o, &err), 0);
    ck_assert_int_eq(arc_checker_new(&c, rs), 0);
    /* First report: a work plan whose task names no owner (one error,
     * task.owner, and the info that no issue date was found). */
    static const char plan[] = "青禾区2026年法治政府建设工作要点\n"
                               "一、完善制度\n1.健全机制。\n";
    static const char clean[] = "青禾区人民政府关于2025年度法治政府建设情况的报告\n"
                                BODY "青禾区人民政府\n2026年3月20日\n";
    arc_result *r1 = NULL, *r2 = NULL;
    ck_assert_int_eq(arc_run_buffer(run, c, "a.txt", plan, strlen(plan), &r1,
                                    &err),
                     0);
    ck_assert_int_eq(arc_result_scorecard(r1)->score, 90);
    ck_assert_uint_eq(arc_result_scorecard(r1)->errors, 1);
    /* Second, with the same checker: a clean report scores 100; nothing
     * of the first is carried over. */
    ck_assert_int_eq(arc_run_buffer(run, c, "b.txt", clean, strlen(clean), &r2,
                                    &err),
                     0);
    const arc_scorecard *card = arc_result_scorecard(r2);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r2)), 0);
    ck_assert_uint_eq(card->errors, 0);
    ck_assert_int_eq(card->score, 100);
    ck_assert_str_eq(card->doc_type, "annual-report");
    /* The first result is unchanged by the second. */
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r1)), 2);
    ck_assert_str_eq(arc_result_scorecard(r1)->doc_type, "work-plan");
    /* The findings are the same as arc_check's on the parsed documents. */
    arc_doc *doc = arc_test_doc(clean);
    arc_findings *g = NULL;
    ck_assert_int_eq(arc_findings_new(&g), 0);
    ck_assert_int_eq(arc_check(rs, doc, g, &err), 0);
    ck_assert_uint_eq(arc_findings_count(g), 0);
    arc_doc_free(doc);
    doc = arc_test_doc(plan);
    ck_assert_int_eq(arc_check(rs, doc, g, &err), 0);
    ck_assert_uint_eq(arc_findings_count(g), 2);
    /* arc_check leaves them in rule order; the result sorts them by place
     * (whole-document findings first). */
    ck_assert_str_eq(arc_findings_get(g, 0)->rule, "task.owner");
    ck_assert_str_eq(arc_findings_get(g, 1)->rule, "plan.issued-unknown");
    ck_assert_str_eq(arc_findings_get(arc_result_findings(r1), 0)->rule,
                     "plan.issued-unknown");
    ck_assert_str_eq(arc_findings_get(arc_result_findings(r1), 1)->rule,
                     "task.owner");
    arc_findings_free(g);
    arc_doc_free(doc);
    arc_result_free(r1);
    arc_result_free(r2);
    arc_checker_free(c);
    arc_checker_free(NULL);
    arc_run_free(run);
    arc_run_free(NULL);
    arc_result_free(NULL);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_custom_weights)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "scoring:\n"
        "  base: 50\n"
        "  warning: 7\n"
        "  info: 2\n"
        "  rules: {w.heavy: 45}\n"
        "rules:\n"
        "  - {id: w.plain, kind: pattern, severity: warning, message: m, "
        "patterns: ['甲']}\n"
        "  - {id: w.heavy, kind: pattern, severity: warning, message: m, "
        "patterns: ['乙']}\n"
        "  - {id: w.info, kind: pattern, severity: info, message: m, "
        "patterns: ['丙']}\n"
        "  - {id: w.err, kind: pattern, severity: error, message: m, "
        "patterns: ['丁']}\n");
    arc_scorecard card;
    arc_findings *f = run_card(rs, "甲丙丙\n", &card);
    /* 50 - 7 - 2 - 2; the error weight is the default 10. */
    assert_counts(&card, f, 0, 1, 2, 39);
    arc_findings_free(f);
    f = run_card(rs, "丁\n", &card);
    assert_counts(&card, f, 1, 0, 0, 40);
    arc_findings_free(f);
    f = run_card(rs, "乙\n", &card);
    assert_counts(&card, f, 0, 1, 0, 5);
    arc_findings_free(f);
    f = run_card(rs, "乙甲\n", &card);
    assert_counts(&card, f, 0, 2, 0, 0);
    /* No parts in this rule set. */
    ck_assert_uint_eq(card.nparts, 0);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_long_title_and_unit_truncated)
{
    arc_ruleset *rs = arc_test_rules(
        "version: 1\n"
        "document:\n"
        "  max_title_chars: 1000\n"
        "  title_end: '报告$'\n"
        "  unit: '^(?<unit>.+?)关于'\n"
        "rules:\n"
        "  - {id: x.p, kind: pattern, severity: info, message: m, "
        "patterns: ['不会出现']}\n");
    /* "AB", 60 × 青, 关于, 40 × 禾, 报告: 314 bytes. */
    char title[512] = "AB";
    for (int i = 0; i < 60; i++)
        strcat(title, "青");
    strcat(title, "关于");
    for (int i = 0; i < 40; i++)
        strcat(title, "禾");
    strcat(title, "报告");
    char text[600];
    snprintf(text, sizeof text, "%s\n正文。\n", title);
    arc_scorecard card;
    arc_findings *f = run_card(rs, text, &card);
    /* At most 255 bytes, cut before a character: "AB" + 84 characters. */
    ck_assert_uint_eq(strlen(card.title), 254);
    ck_assert_mem_eq(card.title, title, 254);
    /* The unit: at most 127 bytes, "AB" + 41 × 青. */
    ck_assert_uint_eq(strlen(card.unit), 125);
    ck_assert_mem_eq(card.unit, title, 125);
    ck_assert_uint_eq(card.nparts, 0);
    assert_counts(&card, f, 0, 0, 0, 100);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

/* ------------------------------------------------------------ unreadable */

/* A broken Word document: the library makes an unreadable result. */
START_TEST(test_unreadable)
{
    arc_ruleset *rs = arc_test_default_rules();
    static const char data[] = "PK\x03\x04 这不是压缩包";
    arc_run_opts o = {0};
    o.rs = rs;
    arc_result *r = arc_test_result_opts(&o, "坏文件.docx", data,
                                         sizeof data - 1);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    ck_assert_str_eq(arc_result_path(r), "坏文件.docx");
    ck_assert_str_eq(arc_result_format(r), "docx");
    const arc_error *why = arc_result_error(r);
    ck_assert_ptr_nonnull(why);
    ck_assert_int_eq(why->code, ARC_EPARSE);
    ck_assert_str_eq(why->file, "坏文件.docx");
    ck_assert_ptr_nonnull(strstr(why->message, "Word 文档"));
    ck_assert_ptr_nonnull(strstr(why->message, "压缩包"));
    /* One finding: input.unreadable, an error, its message the reason. */
    const arc_findings *f = arc_result_findings(r);
    ck_assert_uint_eq(arc_findings_count(f), 1);
    const arc_finding *fi = arc_findings_get(f, 0);
    ck_assert_str_eq(fi->rule, "input.unreadable");
    ck_assert_int_eq(fi->severity, ARC_SEV_ERROR);
    ck_assert_str_eq(fi->path, "坏文件.docx");
    ck_assert_str_eq(fi->message, why->message);
    ck_assert_str_eq(fi->section, "");
    ck_assert_str_eq(fi->evidence, "");
    ck_assert_int_eq(fi->line, 0);
    ck_assert_int_eq(fi->page, 0);
    /* Unchecked: nothing known, doc type other, every part missing. */
    const arc_scorecard *card = arc_result_scorecard(r);
    ck_assert_int_eq(card->checked, 0);
    ck_assert_str_eq(card->title, "");
    ck_assert_str_eq(card->unit, "");
    ck_assert_str_eq(arc_result_title(r), "");
    ck_assert_str_eq(arc_result_unit(r), "");
    ck_assert_int_eq(card->report_year, 0);
    ck_assert_int_eq(card->year_source, ARC_YEAR_NONE);
    assert_published(card, ARC_PUB_NONE, 0, 0, 0);
    ck_assert_str_eq(card->doc_type, "other");
    assert_parts(card, ARC_PART_MISSING, ARC_PART_MISSING, ARC_PART_MISSING,
                 ARC_PART_MISSING);
    /* An error without a rule weight: 10. */
    assert_counts(card, f, 1, 0, 0, 90);
    arc_result_free(r);
    /* Even a config ignoring everything keeps it: nothing is skipped
     * silently. */
    arc_config *c = config_of("ignore:\n  - {path: \"*\"}\n");
    o.config = c;
    r = arc_test_result_opts(&o, "坏文件.docx", data, sizeof data - 1);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 1);
    ck_assert_int_eq(arc_result_scorecard(r)->score, 90);
    arc_result_free(r);
    arc_config_free(c);
    arc_ruleset_free(rs);
}
END_TEST

/* Text that is neither UTF-8 nor GB18030: the reason has the position of
 * the bad byte, and so has the finding. */
START_TEST(test_unreadable_text_position)
{
    arc_ruleset *rs = arc_test_default_rules();
    static const char data[] = "第一行\n青禾\xFF\xFE\xFF区\n";
    arc_run_opts o = {0};
    o.rs = rs;
    arc_result *r = arc_test_result_opts(&o, "坏.txt", data, sizeof data - 1);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    const arc_error *why = arc_result_error(r);
    ck_assert_int_eq(why->code, ARC_EENCODING);
    ck_assert_int_eq(why->line, 2);
    ck_assert_int_eq(why->column, 3);
    ck_assert_ptr_nonnull(strstr(why->message, "UTF-8"));
    const arc_finding *fi = arc_findings_get(arc_result_findings(r), 0);
    ck_assert_str_eq(fi->rule, "input.unreadable");
    ck_assert_int_eq(fi->line, 2);
    ck_assert_int_eq(fi->column, 3);
    ck_assert_int_eq(arc_result_scorecard(r)->checked, 0);
    arc_result_free(r);
    /* With a forced encoding that cannot decode it either. */
    o.load.encoding = "GBK";
    static const char gbk[] = "\x80\x80\x80\xFF\xFF";
    r = arc_test_result_opts(&o, "坏.txt", gbk, sizeof gbk - 1);
    ck_assert_int_eq(arc_result_status_of(r), ARC_RESULT_UNREADABLE);
    ck_assert_ptr_nonnull(strstr(arc_result_error(r)->message, "GBK"));
    ck_assert_uint_eq(arc_findings_count(arc_result_findings(r)), 1);
    arc_result_free(r);
    arc_ruleset_free(rs);
}
END_TEST

/* scorecard.c directly: an unchecked card writes every field (garbage
 * first) and scores whatever findings it is given. */
START_TEST(test_unchecked_card)
{
    arc_ruleset *rs = arc_test_default_rules();
    arc_scorecard card;
    memset(&card, 0x5A, sizeof card);
    arc_scorecard_unchecked(&card, rs);
    ck_assert_int_eq(card.checked, 0);
    ck_assert_str_eq(card.title, "");
    ck_assert_str_eq(card.unit, "");
    ck_assert_int_eq(card.report_year, 0);
    ck_assert_int_eq(card.year_source, ARC_YEAR_NONE);
    assert_published(&card, ARC_PUB_NONE, 0, 0, 0);
    ck_assert_str_eq(card.doc_type, "other");
    assert_parts(&card, ARC_PART_MISSING, ARC_PART_MISSING, ARC_PART_MISSING,
                 ARC_PART_MISSING);
    /* No findings: full marks. */
    arc_findings *f = NULL;
    ck_assert_int_eq(arc_findings_new(&f), 0);
    arc_scorecard_score(&card, rs, f);
    assert_counts(&card, f, 0, 0, 0, 100);
    /* Weights by rule, then by severity. */
    arc_finding fi = {0};
    fi.path = "a.txt";
    fi.rule = "section.missing";
    fi.severity = ARC_SEV_ERROR;
    fi.message = "m";
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    fi.rule = "numbering.gap";
    fi.severity = ARC_SEV_WARNING;
    ck_assert_int_eq(arc_findings_add(f, &fi), 0);
    arc_scorecard_score(&card, rs, f);
    assert_counts(&card, f, 1, 1, 0, 72);
    arc_findings_free(f);
    arc_ruleset_free(rs);
}
END_TEST

START_TEST(test_part_status_names)
{
    ck_assert_str_eq(arc_part_status_name(ARC_PART_MISSING), "missing");
    ck_assert_str_eq(arc_part_status_name(ARC_PART_PROSE), "prose");
    ck_assert_str_eq(arc_part_status_name(ARC_PART_HEADING), "heading");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("scorecard");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, test_complete_report);
    tcase_add_test(tc, test_unit_before_year_and_label_date);
    tcase_add_test(tc, test_title_date);
    tcase_add_test(tc, test_unit_from_signature);
    tcase_add_test(tc, test_year_from_opening_unknown_unit);
    tcase_add_test(tc, test_no_title_no_year);
    tcase_add_test(tc, test_long_title_and_unit_truncated);
    suite_add_tcase(s, tc);

    tc = tcase_create("doc_type");
    tcase_add_test(tc, test_work_plan);
    tcase_add_test(tc, test_other_doc_type);
    suite_add_tcase(s, tc);

    tc = tcase_create("score");
    tcase_add_test(tc, test_prose_and_missing_parts);
    tcase_add_test(tc, test_score_deadline_weights);
    tcase_add_test(tc, test_score_error_weight_and_sum);
    tcase_add_test(tc, test_score_clamped_at_zero);
    tcase_add_test(tc, test_ignores_rescored);
    tcase_add_test(tc, test_rescore_after_partial_ignore);
    tcase_add_test(tc, test_card_counts_only_this_report);
    tcase_add_test(tc, test_custom_weights);
    suite_add_tcase(s, tc);

    tc = tcase_create("unreadable");
    tcase_add_test(tc, test_unreadable);
    tcase_add_test(tc, test_unreadable_text_position);
    tcase_add_test(tc, test_unchecked_card);
    tcase_add_test(tc, test_part_status_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return arc_test_run(suite());
}
