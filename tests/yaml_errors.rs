//! YAML mistakes a trainer makes most, each reported on the line to fix with a
//! hint that says what to write, in English and in Chinese
//! (`tests/fixtures/invalid-yaml`: one mistake per page). Also: which language
//! the messages come in.

mod common;
use common::*;
use std::process::Command;

const COURSE: &str = "tests/fixtures/invalid-yaml";

/// file (in the course), line, column, message, hint
type Problem = (String, u64, u64, String, String);

fn problems(lang: &str) -> Vec<Problem> {
    let o = run(&["check", COURSE, "--format", "json", "--lang", lang]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            (
                file.strip_prefix("tests/fixtures/invalid-yaml/")
                    .unwrap()
                    .to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn expected(rows: &[(&str, u64, u64, &str, &str)]) -> Vec<Problem> {
    rows.iter()
        .map(|(f, l, c, m, h)| (f.to_string(), *l, *c, m.to_string(), h.to_string()))
        .collect()
}

#[test]
fn each_yaml_mistake_is_reported_where_to_fix_it_with_a_hint() {
    let want = expected(&[
        ("01-front/01-colon.md", 2, 15, "front matter: the value of `title` contains `: `, which YAML reads as another key", "put the value in quotes: `title: \"什么是优质服务: 三要素\"`"),
        ("01-front/02-missing-colon.md", 3, 8, "front matter: missing `:` after `summary`", "write `summary: 一句话说明`"),
        ("01-front/03-tab.md", 4, 1, "front matter: a tab in the indentation", "YAML indents with spaces only: replace the tab with spaces"),
        ("01-front/04-indent.md", 3, 3, "front matter: this line is indented further than the line above", "line up `summary: 多了两个空格` with `title: 缩进` on line 2: YAML reads a deeper line as part of the one above"),
        ("01-front/05-unknown-keys.md", 3, 1, "front matter: unknown field `duraton`", "did you mean `duration`? known keys: title, summary, objectives, duration, weight, slug, draft, quiz, extra"),
        ("01-front/05-unknown-keys.md", 4, 1, "front matter: unknown field `sumary`", "did you mean `summary`? known keys: title, summary, objectives, duration, weight, slug, draft, quiz, extra"),
        ("01-front/05-unknown-keys.md", 6, 46, "link to a page that does not exist: `01-front/nowhere.md`", "links to pages are written relative to this file, as GitHub shows them: `02-next.md` in the same module, `../02-module/01-lesson.md` in another"),
        ("01-front/06-list.md", 5, 2, "front matter: this line does not line up with the lines above", "line up `- 同理` with `- 倾听` on line 4: lines of one list or one group of keys start in the same column"),
        ("02-blocks/01-unclosed.md", 5, 1, "the `quiz` block has no closing fence", "end the block with a ``` line before line 13, where the next block starts; without it the two run together"),
        ("02-blocks/02-fill.md", 9, 1, "the prompt has 1 blank but `answers` has 2 lists", "for one blank with several accepted answers, put them in one inner list: `answers: [[5, 五]]`"),
        ("02-blocks/02-fill.md", 15, 9, "a `fill` prompt has no `___` blank", "`____` is 4 underscores; a blank is exactly three: `___`"),
        ("02-blocks/03-keys.md", 11, 5, "quiz block: unknown field `corect`", "did you mean `correct`? known keys: text, correct, feedback"),
        ("02-blocks/03-keys.md", 12, 5, "quiz block: unknown field `feedbak`", "did you mean `feedback`? known keys: text, correct, feedback"),
        ("02-blocks/03-keys.md", 18, 7, "unknown question type `singel`", "did you mean `single`? known types: single, multiple, truefalse, fill, order, match, numeric"),
        ("02-blocks/04-unclosed-end.md", 7, 1, "the `reflect` block has no closing fence", "end the block with a ``` line after its last line; without it everything down to line 11 is read as part of the block"),
    ]);
    let got = problems("en");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

#[test]
fn each_yaml_mistake_is_explained_in_chinese() {
    let want = expected(&[
        ("01-front/01-colon.md", 2, 15, "前置信息：`title` 的值中含有 `: `，YAML 会把它当成另一个键", "给值加上引号：`title: \"什么是优质服务: 三要素\"`"),
        ("01-front/02-missing-colon.md", 3, 8, "前置信息：`summary` 后面缺少 `:`", "改为 `summary: 一句话说明`"),
        ("01-front/03-tab.md", 4, 1, "前置信息：缩进中有制表符", "YAML 只能用空格缩进：请把制表符换成空格"),
        ("01-front/04-indent.md", 3, 3, "前置信息：这一行比上一行缩进得更深", "把 `summary: 多了两个空格` 与第 2 行的 `title: 缩进` 对齐：缩进更深的行会被 YAML 当成上一行的一部分"),
        ("01-front/05-unknown-keys.md", 3, 1, "前置信息：未知的键 `duraton`", "是不是想写 `duration`？可用的键：title, summary, objectives, duration, weight, slug, draft, quiz, extra"),
        ("01-front/05-unknown-keys.md", 4, 1, "前置信息：未知的键 `sumary`", "是不是想写 `summary`？可用的键：title, summary, objectives, duration, weight, slug, draft, quiz, extra"),
        ("01-front/05-unknown-keys.md", 6, 46, "链接指向不存在的页面：`01-front/nowhere.md`", "页面链接相对于本文件书写，与 GitHub 上的显示一致：同一模块中写 `02-next.md`，其他模块写 `../02-module/01-lesson.md`"),
        ("01-front/06-list.md", 5, 2, "前置信息：这一行与上面的行没有对齐", "把 `- 同理` 与第 4 行的 `- 倾听` 对齐：同一个列表或同一组键的各行要从同一列开始"),
        ("02-blocks/01-unclosed.md", 5, 1, "`quiz` 块没有结束的围栏行", "在第 13 行（下一个块开始处）之前加一行 ``` 来结束它；否则两个块会连在一起"),
        ("02-blocks/02-fill.md", 9, 1, "题目中有 1 个空，但 `answers` 中有 2 组答案", "一个空有多个可接受的答案时，把它们放进同一个内层列表：`answers: [[5, 五]]`"),
        ("02-blocks/02-fill.md", 15, 9, "`fill` 题的题目中没有 `___` 空格", "`____` 是 4 个下划线；空格恰好是三个：`___`"),
        ("02-blocks/03-keys.md", 11, 5, "quiz 块：未知的键 `corect`", "是不是想写 `correct`？可用的键：text, correct, feedback"),
        ("02-blocks/03-keys.md", 12, 5, "quiz 块：未知的键 `feedbak`", "是不是想写 `feedback`？可用的键：text, correct, feedback"),
        ("02-blocks/03-keys.md", 18, 7, "未知的题型 `singel`", "是不是想写 `single`？可用的题型：single, multiple, truefalse, fill, order, match, numeric"),
        ("02-blocks/04-unclosed-end.md", 7, 1, "`reflect` 块没有结束的围栏行", "在块的最后一行之后加一行 ``` 来结束它；否则直到第 11 行的内容都会被当成块的一部分"),
    ]);
    let got = problems("zh-CN");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

/// A copy of the fixture with `language: zh-CN`, to check in.
fn chinese_course() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("c");
    copy_tree(&fixture("invalid-yaml"), &course);
    std::fs::write(
        course.join("course.yaml"),
        "id: invalid-yaml\ntitle: YAML 错误\nlanguage: zh-CN\n",
    )
    .unwrap();
    let c = course.to_string_lossy().into_owned();
    (dir, c)
}

fn check_with(course: &str, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut cmd = Command::new(bin());
    cmd.arg("check").arg(course).args(args);
    cmd.env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    (stdout(&o), stderr(&o))
}

#[test]
fn a_chinese_course_gets_chinese_messages_unless_asked_otherwise() {
    let (_dir, course) = chinese_course();
    let first_zh = "error: 前置信息：`title` 的值中含有 `: `，YAML 会把它当成另一个键";
    let first_en =
        "error: front matter: the value of `title` contains `: `, which YAML reads as another key";
    // The course's language decides, over LANG.
    let (_, err) = check_with(&course, &[], &[("LANG", "en_US.UTF-8")]);
    assert!(err.contains(first_zh), "{err}");
    assert!(err.contains("= 提示：给值加上引号："), "{err}");
    assert!(err.trim_end().ends_with(": 15 个错误，0 个警告"), "{err}");
    // --lang and LC_ALL decide over the course's language.
    let (_, err) = check_with(&course, &["--lang", "en"], &[]);
    assert!(err.contains(first_en), "{err}");
    let (_, err) = check_with(&course, &[], &[("LC_ALL", "en_US.UTF-8")]);
    assert!(err.contains(first_en), "{err}");
    // A C locale names no language.
    let (_, err) = check_with(&course, &[], &[("LC_ALL", "C.UTF-8")]);
    assert!(err.contains(first_zh), "{err}");
    // Tools parse the JSON: English unless --lang asks.
    let (out, _) = check_with(&course, &["--format", "json"], &[]);
    assert!(out.contains("front matter: the value of `title`"), "{out}");
    // An English course with a Chinese locale.
    let (_, err) = check_with(COURSE, &[], &[("LANG", "zh_CN.UTF-8")]);
    assert!(err.contains(first_en), "{err}");
    std::fs::write(
        std::path::Path::new(&course).join("course.yaml"),
        "id: invalid-yaml\ntitle: YAML\n",
    )
    .unwrap();
    let (_, err) = check_with(&course, &[], &[("LANG", "zh_CN.UTF-8")]);
    assert!(err.contains(first_zh), "{err}");
}

#[test]
fn a_broken_course_yaml_does_not_hide_the_rest_of_the_course() {
    let (_dir, course) = chinese_course();
    let yaml = std::path::Path::new(&course).join("course.yaml");
    std::fs::write(
        &yaml,
        "id: invalid-yaml\ntitle: 课程: 副标题\nlanguage: zh-CN\nsertificate: true\npass_mrk: 80\n",
    )
    .unwrap();
    let (_, err) = check_with(&course, &[], &[]);
    assert!(
        err.contains("course.yaml:2:10: error: course.yaml：`title` 的值中含有 `: `"),
        "{err}"
    );
    // The pages are checked all the same.
    assert!(err.contains("01-colon.md:2:15: error:"), "{err}");
    std::fs::write(
        &yaml,
        "id: invalid-yaml\ntitle: 课程\nlanguage: zh-CN\nsertificate: true\npass_mrk: 80\n",
    )
    .unwrap();
    let (_, err) = check_with(&course, &[], &[]);
    // Every unknown key, and the pages too.
    assert!(
        err.contains("course.yaml:4:1: error: course.yaml：未知的键 `sertificate`"),
        "{err}"
    );
    assert!(
        err.contains("course.yaml:5:1: error: course.yaml：未知的键 `pass_mrk`"),
        "{err}"
    );
    assert!(
        err.contains("= 提示：是不是想写 `pass_mark`？可用的键："),
        "{err}"
    );
    assert!(err.contains("01-colon.md:2:15: error:"), "{err}");
}
