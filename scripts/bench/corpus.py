#!/usr/bin/env python3
"""Writes a synthetic training course for build benchmarks.

The same corpus comes out as a syllabus course (`--format syllabus`) or as a Hugo
site with a minimal theme (`--format hugo`), so both generators build identical
text. Output is deterministic for a given `--seed`: lessons of 600-1200 words of
mixed Chinese and English customer-service prose, with headings, lists, a table,
an alert, links between lessons, and a few quiz blocks per module.

    python3 scripts/bench/corpus.py --lessons 1000 --modules 10 --seed 7 \
        --format syllabus --out target/bench/syllabus-1000

Standard library only.
"""

import argparse
import os
import random
import shutil
import sys

# Vocabulary: (Chinese, English) pairs. A sentence picks each slot in either
# language, so lessons read like real bilingual training notes.
SUBJECTS = [
    ("客服人员", "the agent"), ("顾客", "the customer"), ("值班主管", "the shift lead"),
    ("新员工", "a new hire"), ("老客户", "a loyal customer"), ("团队", "the team"),
    ("门店经理", "the store manager"), ("热线坐席", "the hotline agent"),
    ("售后专员", "the after-sales specialist"), ("培训师", "the trainer"),
]
VERBS = [
    ("认真倾听", "listens carefully to"), ("及时回应", "responds promptly to"),
    ("记录", "records"), ("确认", "confirms"), ("跟进", "follows up on"),
    ("解释", "explains"), ("道歉并处理", "apologises for and handles"),
    ("升级", "escalates"), ("总结", "summarises"), ("核实", "verifies"),
    ("安抚", "calms down"), ("复述", "paraphrases"),
]
OBJECTS = [
    ("投诉内容", "the complaint"), ("退款申请", "the refund request"),
    ("订单号", "the order number"), ("客户的情绪", "the customer's feelings"),
    ("配送延迟", "the delivery delay"), ("产品质量问题", "the quality issue"),
    ("会员积分", "the loyalty points"), ("换货流程", "the exchange process"),
    ("服务承诺", "the service promise"), ("回访记录", "the follow-up notes"),
    ("账单差错", "the billing error"), ("保修条款", "the warranty terms"),
]
ADVERBIALS = [
    ("在第一次通话中", "on the first call"), ("在二十四小时内", "within 24 hours"),
    ("用平和的语气", "in a calm voice"), ("按照标准流程", "following the standard process"),
    ("在结束通话之前", "before ending the call"), ("必要时", "when needed"),
    ("在系统里", "in the CRM"), ("当着顾客的面", "in front of the customer"),
    ("每一次", "every single time"), ("在高峰时段", "during peak hours"),
]
CONNECTIVES = [
    ("因此,", "Therefore, "), ("同时,", "At the same time, "), ("其次,", "Next, "),
    ("例如,", "For example, "), ("最后,", "Finally, "), ("", ""), ("", ""), ("", ""),
]
TOPICS = [
    ("服务意识", "service mindset"), ("投诉处理", "complaint handling"),
    ("电话礼仪", "phone etiquette"), ("客户挽留", "customer retention"),
    ("情绪管理", "emotion management"), ("需求分析", "needs analysis"),
    ("跟进回访", "follow-up calls"), ("服务补救", "service recovery"),
    ("沟通技巧", "communication skills"), ("满意度调查", "satisfaction surveys"),
]
ALERTS = ["NOTE", "TIP", "WARNING", "CASE", "DISCUSS"]
MODULE_SLUGS = [
    "service-concepts", "customers", "communication", "phone-skills", "complaints",
    "retention", "recovery", "follow-up", "teamwork", "practice",
    "quality", "metrics", "coaching", "escalation", "self-care", "review",
]


def words(item):
    """How many words a vocabulary item counts as: English words, or one per
    Chinese phrase (a phrase is roughly one word)."""
    return max(1, len(item.split())) if item.isascii() else 1


class Writer:
    def __init__(self, rng):
        self.rng = rng

    def pick(self, pairs):
        zh, en = self.rng.choice(pairs)
        # Roughly two thirds Chinese, one third English.
        return zh if self.rng.random() < 0.66 else en

    def sentence(self):
        parts = [self.pick(CONNECTIVES), self.pick(SUBJECTS), self.pick(ADVERBIALS),
                 self.pick(VERBS), self.pick(OBJECTS)]
        parts = [p.strip() for p in parts if p]
        text = " ".join(parts) if any(p.isascii() for p in parts) else "".join(parts)
        n = sum(words(p) for p in parts)
        end = "。" if not parts[-1].isascii() else "."
        return text + end, n

    def paragraph(self, sentences):
        out, n = [], 0
        for _ in range(sentences):
            s, k = self.sentence()
            out.append(s)
            n += k
        return " ".join(out), n


def lesson_slug(i):
    return f"lesson-{i:05d}"


def lesson_file(i):
    return f"{i:05d}-{lesson_slug(i)}.md"


def module_dir(m):
    return f"{m + 1:02d}-{MODULE_SLUGS[m % len(MODULE_SLUGS)]}" + (
        f"-{m // len(MODULE_SLUGS)}" if m >= len(MODULE_SLUGS) else "")


def module_slug(m):
    return module_dir(m).split("-", 1)[1]


def quiz_yaml(qid, kind, rng):
    zh, en = rng.choice(TOPICS)
    if kind == "truefalse":
        return (f"id: {qid}\ntype: truefalse\nprompt: \"{zh} ({en}) 要求先道歉再解释。\"\n"
                f"answer: true\nexplanation: 先处理情绪,再处理事情。\n")
    return (f"id: {qid}\ntype: single\nprompt: \"关于 **{zh}**,哪一项做法正确? Which is right?\"\n"
            "options:\n"
            "  - text: 先倾听,再复述顾客的问题 (listen, then paraphrase)\n"
            "    correct: true\n"
            "    feedback: 对,复述让顾客感到被理解。\n"
            "  - text: 直接告诉顾客公司的规定\n"
            "    feedback: 规定要讲,但不是第一步。\n"
            "  - text: 把电话转给别人\n")


def layout(lessons, modules):
    """Module m gets lessons [starts[m], starts[m+1]); numbering is global."""
    per, extra = divmod(lessons, modules)
    starts, i = [], 1
    for m in range(modules):
        starts.append(i)
        i += per + (1 if m < extra else 0)
    starts.append(i)
    return starts


def lesson_body(i, m, starts, modules, rng, fmt, quizzes):
    """Markdown of lesson i (1-based, global) in module m."""
    w = Writer(rng)
    zh, en = TOPICS[i % len(TOPICS)]
    target = rng.randint(600, 1200)
    count = 0
    out = []

    def link(j, text, fragment=""):
        mj = next(k for k in range(modules) if starts[k] <= j < starts[k + 1])
        if fmt == "syllabus":
            path = lesson_file(j) if mj == m else f"../{module_dir(mj)}/{lesson_file(j)}"
        else:
            path = (f"{lesson_slug(j)}.html" if mj == m
                    else f"../{module_slug(mj)}/{lesson_slug(j)}.html")
        return f"[{text}]({path}{fragment})"

    first, last = starts[m], starts[m + 1] - 1
    out.append(f"## 概述 Overview\n")
    for _ in range(2):
        p, n = w.paragraph(rng.randint(4, 7))
        out.append(p + "\n")
        count += n
    out.append("## 步骤 Steps\n")
    for k in range(rng.randint(4, 6)):
        s, n = w.sentence()
        out.append(f"{k + 1}. {s}")
        count += n
    out.append("")
    for _ in range(rng.randint(3, 5)):
        s, n = w.sentence()
        out.append(f"- {s}")
        count += n
    out.append("")
    out.append("## 对照表 Comparison\n")
    out.append("| 情境 Situation | 推荐做法 Do | 避免 Avoid |")
    out.append("|---|---|---|")
    for _ in range(4):
        a, b, c = w.pick(OBJECTS), w.pick(VERBS), w.pick(ADVERBIALS)
        out.append(f"| {a} | {b} | {c} |")
        count += words(a) + words(b) + words(c)
    out.append("")
    kind = ALERTS[i % len(ALERTS)]
    s, n = w.sentence()
    count += n
    if fmt == "syllabus":
        out.append(f"> [!{kind}]\n> {s}\n")
    else:
        out.append(f"> **{kind}** {s}\n")
    # Links: neighbours in the module, one lesson elsewhere with a heading fragment.
    other = rng.randint(1, starts[-1] - 1)
    refs = []
    if i > first:
        refs.append(link(i - 1, "上一课 previous lesson"))
    if i < last:
        refs.append(link(i + 1, "下一课 next lesson"))
    refs.append(link(other, f"相关内容 related: {TOPICS[other % len(TOPICS)][1]}",
                     "#步骤-steps" if fmt == "syllabus" else ""))
    out.append("## 延伸阅读 Further reading\n")
    out.append("参见 see " + ", ".join(refs) + ".\n")
    for q in quizzes:
        fence = "quiz" if fmt == "syllabus" else ""
        out.append(f"```{fence}\n{q}```\n")
    section = 1
    while count < target:
        out.append(f"## {w.pick(TOPICS)} {section}\n")
        section += 1
        for _ in range(rng.randint(1, 3)):
            if count >= target:
                break
            p, n = w.paragraph(rng.randint(3, 6))
            out.append(p + "\n")
            count += n
    return "\n".join(out) + "\n", zh, en


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def hugo_scaffold(out, title, nav):
    os.makedirs(os.path.join(out, "content"))
    write(os.path.join(out, "hugo.toml"), f"""baseURL = "/"
title = "{title}"
languageCode = "zh-CN"
uglyURLs = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = false
""")
    # `section`: every page lists its section's pages, as the benchmark issue
    # asks (output grows with the square of the section size). `modules`: only
    # the section list and prev/next, about the work syllabus' windowed sidebar does.
    section_pages = """{{ with .CurrentSection }}{{ if not .IsHome }}
<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
{{ end }}{{ end }}""" if nav == "section" else ""
    lay = os.path.join(out, "layouts", "_default")
    os.makedirs(lay, exist_ok=True)
    write(os.path.join(lay, "baseof.html"), """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<nav>
<ol>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
__SECTION_PAGES__
</nav>
</body>
</html>
""".replace("__SECTION_PAGES__", section_pages))
    write(os.path.join(lay, "single.html"), """{{ define "main" }}
<article><h1>{{ .Title }}</h1>
{{ with .Description }}<p>{{ . }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
</article>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ end }}
""")
    write(os.path.join(lay, "list.html"), """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
""")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lessons", type=int, default=1000)
    ap.add_argument("--modules", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quizzes", type=int, default=3, help="quiz blocks per module")
    ap.add_argument("--format", choices=["syllabus", "hugo"], default="syllabus")
    ap.add_argument("--hugo-nav", choices=["section", "modules"], default="section",
                    help="Hugo theme sidebar: the section's pages, or the section list only")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.modules < 1 or a.lessons < a.modules:
        sys.exit("need at least one module and one lesson per module")
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    rng = random.Random(a.seed)
    starts = layout(a.lessons, a.modules)
    title = f"客服培训基准课程 Benchmark course ({a.lessons} lessons)"
    if a.format == "syllabus":
        os.makedirs(a.out)
        write(os.path.join(a.out, "course.yaml"),
              f"id: bench-{a.lessons}\ntitle: \"{title}\"\nlanguage: zh-CN\n"
              "description: 构建速度基准用的合成课程。A synthetic course for build benchmarks.\n")
        root = a.out
    else:
        hugo_scaffold(a.out, title, a.hugo_nav)
        write(os.path.join(a.out, "content", "_index.md"),
              f"---\ntitle: \"{title}\"\n---\n构建速度基准用的合成课程。\n")
        root = os.path.join(a.out, "content")
    qn = 0
    for m in range(a.modules):
        zh, en = TOPICS[m % len(TOPICS)]
        d = os.path.join(root, module_dir(m) if a.format == "syllabus" else module_slug(m))
        os.makedirs(d)
        summary = "summary" if a.format == "syllabus" else "description"
        intro = (f"---\ntitle: \"模块 {m + 1}:{zh} {en}\"\n{summary}: \"{en} 的要点与练习。\"\n"
                 f"weight: {m + 1}\n---\n本模块介绍{zh}。This module covers {en}.\n")
        write(os.path.join(d, "index.md" if a.format == "syllabus" else "_index.md"), intro)
        first, last = starts[m], starts[m + 1]
        n = last - first
        # Quiz blocks sit on evenly spaced lessons of the module.
        quiz_at = {first + (k * n) // a.quizzes for k in range(a.quizzes)}
        for i in range(first, last):
            quizzes = []
            if i in quiz_at:
                qn += 1
                kind = "single" if qn % 2 else "truefalse"
                quizzes.append(quiz_yaml(f"bench-q{qn}", kind, rng))
            body, lzh, len_ = lesson_body(i, m, starts, a.modules, rng, a.format, quizzes)
            summary = "summary" if a.format == "syllabus" else "description"
            front = (f"---\ntitle: \"第 {i} 课:{lzh} {len_} {i}\"\n"
                     f"{summary}: \"{len_} 实务,第 {i} 课。\"\nduration: {5 + i % 20}\n")
            if a.format == "hugo":
                front += f"weight: {i}\n"
            name = lesson_file(i) if a.format == "syllabus" else f"{lesson_slug(i)}.md"
            write(os.path.join(d, name), front + "---\n" + body)


if __name__ == "__main__":
    main()
