/* check_load.c - reading report files (load.c, arc_read_file): only
 * regular files, at most max_file_size bytes. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int load(const char *path, size_t max, arc_error *err)
{
    arc_load_opts lo = {0};
    lo.max_file_size = max;
    arc_doc *doc = NULL;
    int rc = arc_doc_load(&doc, path, &lo, err);
    ck_assert(rc == 0 ? doc != NULL : doc == NULL);
    arc_doc_free(doc);
    return rc;
}

/* /dev/zero never ends: it used to be read until memory ran out. */
START_TEST(test_device_refused)
{
    arc_error err;
    ck_assert_int_eq(load("/dev/zero", 0, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "不是普通文件（设备、管道或目录），未检查");
    ck_assert_str_eq(err.file, "/dev/zero");
}
END_TEST

/* A FIFO without a writer used to block forever in open(). */
START_TEST(test_fifo_refused_without_blocking)
{
    arc_test_dir d;
    arc_test_dir_make(&d, "archeck-load");
    char path[128];
    snprintf(path, sizeof path, "%s/report.txt", d.dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    arc_error err;
    ck_assert_int_eq(load(path, 0, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "不是普通文件（设备、管道或目录），未检查");
    arc_test_remove_tree(d.dir);
}
END_TEST

START_TEST(test_directory_refused)
{
    arc_test_dir d;
    arc_test_dir_make(&d, "archeck-load");
    arc_error err;
    ck_assert_int_eq(load(d.dir, 0, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "不是普通文件（设备、管道或目录），未检查");
    arc_test_remove_tree(d.dir);
}
END_TEST

START_TEST(test_size_limit)
{
    arc_test_dir d;
    arc_test_dir_make(&d, "archeck-load");
    char *text = malloc(3 << 20);
    ck_assert_ptr_nonnull(text);
    memset(text, 'a', (3 << 20) - 1);
    text[(3 << 20) - 1] = '\0';
    const char *path = arc_test_put(&d, "big.txt", text);
    arc_error err;
    /* 3 MiB - 1 byte against 2 MiB, and against exactly its size. */
    ck_assert_int_eq(load(path, (size_t)2 << 20, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "文件过大（3.0 MiB，上限 2 MiB），未检查");
    ck_assert_int_eq(load(path, (3 << 20) - 1, &err), 0);
    ck_assert_int_eq(load(path, (3 << 20) - 2, &err), ARC_EIO);
    /* 0: the default limit, 256 MiB. */
    ck_assert_int_eq(load(path, 0, &err), 0);
    path = arc_test_put(&d, "small.txt", "一二三四五");
    ck_assert_int_eq(load(path, 10, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "文件过大（15 字节，上限 10 字节），未检查");
    ck_assert_int_eq(load(path, 15, &err), 0);
    free(text);
    arc_test_remove_tree(d.dir);
}
END_TEST

START_TEST(test_missing_file_reason_unchanged)
{
    arc_error err;
    ck_assert_int_eq(load("/nonexistent/archeck/x.txt", 0, &err), ARC_EIO);
    ck_assert_str_eq(err.message, "无法读取文件：文件不存在");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("files");
    tcase_add_test(tc, test_device_refused);
    tcase_add_test(tc, test_fifo_refused_without_blocking);
    tcase_add_test(tc, test_directory_refused);
    tcase_add_test(tc, test_size_limit);
    tcase_add_test(tc, test_missing_file_reason_unchanged);
    suite_add_tcase(s, tc);
    return arc_test_run(s);
}
