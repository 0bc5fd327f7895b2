#!/usr/bin/env python3
"""gen_corpus.py - builds a benchmark corpus of report-like files from samples/.

Each file is one of the annual-report samples (../samples/*.txt) used as a
skeleton: its title, publication-date line, opening, the four part headings,
every part other than "主要举措和成效" and the closing signature are kept as
they are.  Only the body of the measures part changes: body paragraphs taken
from the measures parts of all samples (same punctuation style as the
skeleton) are inserted at random places to lengthen the file, or, for files
smaller than their skeleton, plain body paragraphs are dropped.  An inserted
paragraph is one to three sentences drawn from those paragraphs (weighted by
how often they occur) and is never a copy of a paragraph already in the
file: the samples hold only a few dozen distinct paragraphs, and inserting
them whole made every report repeat paragraphs that real reports do not
(paragraph.repeated then fired thousands of times and its findings were
most of the cost measured).  Sub-headings and numbered items are never inserted
or dropped, so the numbering (and any defect the skeleton carries in it) stays
as it was.

File sizes follow a clipped log-normal distribution around the average
(total / files), between a third of it and 8/3 of it (5-40 KB for the default
15 KB), rescaled so that the corpus totals about --mb megabytes (10^6 bytes).

Standard library only; the same --seed gives the same corpus.

    python3 bench/gen_corpus.py --out /tmp/corpus [--files 10000] [--mb 150] [--seed 1]
"""
import argparse
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "samples")

TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
SUB_HEADING = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
NUMBERED_ITEM = re.compile(r"^[0-9０-９]+[.、．]")
MEASURES_WORDS = ("举措", "措施", "成效", "做法", "工作情况", "开展情况",
                  "完成情况", "建设情况", "主要工作", "工作成效")
MEASURES_EXCLUDE = ("不足", "问题", "短板", "困难", "差距", "第一责任人",
                    "主要负责人", "安排", "打算", "计划", "思路")


def blen(s):
    return len(s.encode("utf-8")) + 1  # + the newline


def style_of(text):
    """'full' for full-width punctuation (，), 'half' otherwise."""
    return "full" if text.count("，") > text.count(",") else "half"


SENTENCE = re.compile(r"[^。；;！!？?]*[。；;！!？?]")


def sentences_of(lines):
    """The sentences of body paragraphs, each with its end mark."""
    out = []
    for line in lines:
        out.extend(m.group(0) for m in SENTENCE.finditer(line))
    return out


def new_paragraph(pool, taken, rng):
    """One to three pool sentences joined, not in `taken`; None when 20
    draws all gave a paragraph the file already holds."""
    for _ in range(20):
        n = rng.choice((1, 2, 2, 3))
        para = "".join(pool[rng.randrange(len(pool))] for _ in range(n))
        if para not in taken:
            return para
    return None


def is_bare_heading(line):
    """A sub-heading without its body on the same line."""
    return bool(SUB_HEADING.match(line)) and "。" not in line


class Skeleton:
    """A sample split around its measures part."""

    def __init__(self, name, lines):
        self.name = name
        start = None
        for i, line in enumerate(lines):
            if (TOP_HEADING.match(line)
                    and any(w in line for w in MEASURES_WORDS)
                    and not any(w in line for w in MEASURES_EXCLUDE)):
                start = i
                break
        if start is None:
            raise ValueError("no measures part")
        end = len(lines)
        for j in range(start + 1, len(lines)):
            if TOP_HEADING.match(lines[j]):
                end = j
                break
        self.prefix = lines[:start + 1]
        self.measures = lines[start + 1:end]
        self.suffix = lines[end:]
        self.style = style_of("\n".join(lines))
        self.fixed_bytes = sum(blen(l) for l in self.prefix + self.suffix)
        # Plain body paragraphs: may be dropped (unless they are the only
        # body of a bare sub-heading) and are what the pool is made of.
        self.plain = [i for i, l in enumerate(self.measures)
                      if not SUB_HEADING.match(l) and not NUMBERED_ITEM.match(l)]
        self.droppable = [i for i in self.plain
                          if not (i > 0 and is_bare_heading(self.measures[i - 1]))]
        # Insertion points: after any line carrying body text, never right
        # after a bare sub-heading (an empty section stays empty).
        self.slots = [i for i, l in enumerate(self.measures)
                      if not is_bare_heading(l)]
        if not self.slots:
            self.slots = [len(self.measures) - 1] if self.measures else [-1]

    def pool_lines(self):
        return [self.measures[i] for i in self.plain]

    def build(self, target, pool, rng):
        """Returns the text of one file of about `target` bytes."""
        measures = list(self.measures)
        size = self.fixed_bytes + sum(blen(l) for l in measures)
        dropped = set()
        extra = {}
        if size > target:
            order = list(self.droppable)
            rng.shuffle(order)
            for i in order:
                if size - blen(measures[i]) < target:
                    break
                dropped.add(i)
                size -= blen(measures[i])
        else:
            taken = set(self.prefix) | set(measures) | set(self.suffix)
            while True:
                para = new_paragraph(pool, taken, rng)
                if para is None:
                    break
                taken.add(para)
                n = blen(para)
                # Stop at whichever side of the target is closer.
                if size + n - target > target - size:
                    break
                extra.setdefault(rng.choice(self.slots), []).append(para)
                size += n
        out = list(self.prefix)
        out.extend(extra.get(-1, ()))
        for i, line in enumerate(measures):
            if i not in dropped:
                out.append(line)
            out.extend(extra.get(i, ()))
        out.extend(self.suffix)
        return "\n".join(out) + "\n"


def load_samples(directory):
    skeletons = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            lines = [l.rstrip("\r\n") for l in f]
        lines = [l for l in lines if l.strip()]
        try:
            skeletons.append(Skeleton(name, lines))
        except ValueError:
            # Not an annual report (e.g. the work plan): no measures part to
            # lengthen, so it is not used.
            print(f"gen_corpus: skipping {name} (no measures part)", file=sys.stderr)
    return skeletons


def plan_sizes(rng, files, total, lo, hi):
    """Clipped log-normal sizes between lo and hi summing to about total."""
    avg = total / files
    sigma = 0.55
    mu = math.log(avg) - sigma * sigma / 2
    sizes = [rng.lognormvariate(mu, sigma) for _ in range(files)]
    for _ in range(20):
        sizes = [min(hi, max(lo, s)) for s in sizes]
        scale = total / sum(sizes)
        if abs(scale - 1) < 1e-4:
            break
        sizes = [s * scale for s in sizes]
    return [int(round(s)) for s in sizes]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10000, help="number of files (default 10000)")
    ap.add_argument("--mb", type=float, default=150.0,
                    help="total size in MB of 10^6 bytes (default 150)")
    ap.add_argument("--out", required=True, help="output directory (created; must be empty)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--samples", default=SAMPLES, help="sample directory (default ../samples)")
    ap.add_argument("--units", type=int, default=0,
                    help="give file i the unit i %% UNITS (a made-up name in place of "
                         "the samples' 青禾), so that checks across units compare "
                         "them (default 0: the samples' names)")
    args = ap.parse_args()
    if args.files < 1 or args.mb <= 0:
        ap.error("--files and --mb must be positive")

    skeletons = load_samples(args.samples)
    if not skeletons:
        sys.exit(f"gen_corpus: no annual-report samples in {args.samples}")
    pools = {}
    for sk in skeletons:
        pools.setdefault(sk.style, []).extend(sentences_of(sk.pool_lines()))
    everything = [l for p in pools.values() for l in p]

    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit(f"gen_corpus: {args.out} is not empty")
    os.makedirs(args.out, exist_ok=True)

    rng = random.Random(args.seed)
    total = args.mb * 1e6
    avg = total / args.files
    sizes = plan_sizes(rng, args.files, total, avg / 3, avg * 8 / 3)

    written = 0
    planned = 0
    per_dir = 1000
    width = len(str(args.files - 1))
    for i, want in enumerate(sizes):
        frng = random.Random(f"{args.seed}:{i}")
        sk = skeletons[frng.randrange(len(skeletons))]
        # Carry the running difference between planned and actual bytes
        # (files cannot shrink below their skeleton's minimum) over the
        # following files, so that the total still comes out right.
        planned += want
        carry = planned - want - written
        target = int(max(avg / 3, min(avg * 8 / 3, want + carry / 20)))
        text = sk.build(target, pools.get(sk.style) or everything, frng)
        if args.units > 0:
            u = i % args.units
            # Two ideographs from a block of common ones: a name per unit.
            name = chr(0x5C71 + u // 97) + chr(0x6C5F + u % 97)
            text = text.replace("青禾", name)
        data = text.encode("utf-8")
        sub = os.path.join(args.out, f"d{i // per_dir:03d}")
        if i % per_dir == 0:
            os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"report-{i:0{width}d}.txt"), "wb") as f:
            f.write(data)
        written += len(data)

    print(f"gen_corpus: {args.files} files, {written} bytes "
          f"({written / 1e6:.1f} MB, {written / args.files / 1e3:.1f} KB average) in {args.out}")


if __name__ == "__main__":
    main()
