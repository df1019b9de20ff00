use super::text::{html_text, PageText};
use super::tokens::{self, QueryTerm};
use super::*;

fn terms(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    tokens::terms(text, |t| v.push(t.to_string()));
    v
}

#[test]
fn mixed_chinese_and_english_text_is_cut_into_pairs_and_words() {
    assert_eq!(
        terms("客户服务 DISC风格：Handling complaints，５-６倍"),
        [
            "客户",
            "户服",
            "服务",
            "务",
            "disc",
            "风格",
            "格",
            "handl",
            "complaint",
            "5",
            "6",
            "倍"
        ]
    );
    // Full-width letters are their ASCII forms; apostrophes and dashes separate.
    assert_eq!(
        terms("ＤＩＳＣ customer's e-mail"),
        ["disc", "customer", "s", "e", "mail"]
    );
    assert_eq!(terms("挽"), ["挽"]);
    assert!(terms("—— ，。！").is_empty());
}

#[test]
fn english_endings_come_off_so_forms_of_a_word_meet() {
    for (word, stem) in [
        ("complaints", "complaint"),
        ("handled", "handl"),
        ("handling", "handl"),
        ("handle", "handl"),
        ("escalated", "escalat"),
        ("escalate", "escalat"),
        ("stopped", "stop"),
        ("calling", "call"),
        ("companies", "company"),
        ("process", "process"),
        ("status", "status"),
        ("use", "use"),
        ("disc", "disc"),
        ("café", "café"),
    ] {
        assert_eq!(tokens::stem(word), stem, "{word}");
    }
}

#[test]
fn a_query_looks_up_pairs_words_and_lone_characters() {
    let q = tokens::query("投诉处理的步骤 DISC 礼");
    let pair = |t: &str, optional| QueryTerm::Pair {
        text: t.into(),
        optional,
    };
    assert_eq!(
        q,
        [
            pair("投诉", false),
            pair("诉处", false),
            pair("处理", false),
            pair("理的", true),
            pair("的步", true),
            pair("步骤", false),
            QueryTerm::Word {
                stem: "disc".into(),
                raw: "disc".into()
            },
            QueryTerm::Char { text: "礼".into() },
        ]
    );
    // A particle's pair alone is what is looked for.
    assert_eq!(tokens::query("目的"), [pair("目的", false)]);
}

#[test]
fn a_partly_typed_word_still_finds_its_stem() {
    let q = &tokens::query("handlin")[0];
    assert!(q.matches("handl"));
    assert!(!tokens::query("handlebars")[0].matches("handl"));
    assert!(tokens::query("complain")[0].matches("complaint"));
    // One letter finds only itself: longer words are filed under two letters.
    assert!(!tokens::query("a")[0].matches("agent"));
    assert!(tokens::query("礼")[0].matches("礼貌"));
}

#[test]
fn terms_are_filed_by_their_first_character_or_two_letters() {
    assert_eq!(tokens::key("客户"), "客");
    assert_eq!(tokens::key("complaint"), "co");
    assert_eq!(tokens::key("a"), "a");
    assert_eq!(tokens::key("éé"), "éé");
}

fn text_of(html: &str) -> String {
    let mut out = String::new();
    html_text(html, &mut out, &mut |i, o: &mut String| {
        o.push_str(&format!("[block {i}]"))
    });
    out
}

#[test]
fn page_html_becomes_lines_of_text() {
    assert_eq!(
        text_of("<h2 id=\"x\">标题</h2>\n<p>先<strong>倾听</strong>，再道歉 &amp; <a href=\"a.html\">follow up</a>.</p><ul><li>一</li><li>二</li></ul>"),
        "标题\n先倾听，再道歉 & follow up.\n一\n二\n"
    );
    // A soft line break between Chinese characters does not split a word.
    assert_eq!(
        text_of("<p>投诉\n处理 and\nmore</p>"),
        "投诉处理 and more\n"
    );
    assert_eq!(
        text_of("<p>a</p><!--syllabus-block-2--><p>b &#x4e2d;&#20013; &bogus; <3</p>"),
        "a\n[block 2]\nb 中中 &bogus; <3\n"
    );
    assert_eq!(text_of("<script>var x = '<p>';</script>ok"), "ok");
}

fn doc(title: &str, headings: &[&str], body: &str) -> Doc {
    let t = PageText {
        title: title.into(),
        headings: headings.iter().map(|h| h.to_string()).collect(),
        body: body.into(),
    };
    Doc {
        url: format!("{title}.html"),
        title: title.into(),
        module: 0,
        text: t.body.clone(),
        terms: page_terms(&t),
    }
}

#[test]
fn a_title_hit_ranks_above_heading_and_body_hits() {
    let index = Index {
        modules: vec!["m".into()],
        docs: vec![
            doc(
                "body",
                &[],
                "挽留 挽留 挽留 挽留 挽留 挽留 挽留 挽留 retention retention",
            ),
            doc(
                "heading",
                &["客户挽留的方法 Retention methods"],
                "挽留 retention",
            ),
            doc("title 客户挽留 Retention", &[], "nothing else"),
            doc("elsewhere", &[], "服务"),
        ],
    };
    let order = |q: &str| -> Vec<usize> { index.search(q).iter().map(|h| h.doc).collect() };
    assert_eq!(order("挽留"), [2, 1, 0]);
    assert_eq!(order("retention"), [2, 1, 0]);
    assert_eq!(order("客户挽留"), [2, 1]);
    assert_eq!(order("服务"), [3]);
    assert!(order("no such thing").is_empty());
    assert!(order("").is_empty());
}

#[test]
fn a_particle_in_the_query_is_not_required() {
    let index = Index {
        modules: vec!["m".into()],
        docs: vec![
            doc("a", &[], "投诉处理步骤"),
            doc("b", &[], "投诉处理的步骤"),
            doc("c", &[], "投诉 步骤"),
        ],
    };
    let hits: Vec<usize> = index
        .search("投诉处理的步骤")
        .iter()
        .map(|h| h.doc)
        .collect();
    assert_eq!(
        hits,
        [1, 0],
        "the exact phrase first, then the page without 的"
    );
}

#[test]
fn postings_numbers_use_the_documented_digits() {
    let enc = |n| {
        let mut s = String::new();
        write::push_number(n, &mut s);
        s
    };
    assert_eq!(enc(0), "0");
    assert_eq!(enc(31), "v");
    assert_eq!(enc(32), "x0");
    assert_eq!(enc(1025), "xw1");
}

#[test]
fn text_is_written_as_json_strings_that_any_javascript_reads() {
    for s in [
        "",
        "plain 中文",
        "quote \" back \\ nl \n tab \t bell \u{7}",
        "sep \u{2028} \u{2029} end",
        "€ 𠀀",
    ] {
        let mut out = String::new();
        write::push_json_string(s, &mut out);
        let back: String = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(back, s);
        assert!(!out.contains('\u{2028}') && !out.contains('\n'), "{out}");
    }
}
