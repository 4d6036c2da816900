//! The lexicon's unit tests: the built-in list, every loader format and its errors, merging.

use super::*;

fn problems(r: Result<Lexicon, Error>) -> Vec<String> {
    match r {
        Err(Error::Lexicon(ps)) => ps.iter().map(|p| p.to_string()).collect(),
        other => panic!("expected lexicon problems, got {other:?}"),
    }
}

#[test]
fn builtin_parses_and_holds_the_spec_list() {
    let lex = Lexicon::builtin();
    for phrase in SPEC_PHRASES {
        assert!(
            lex.find(phrase).is_some(),
            "built-in lexicon lacks {phrase}"
        );
    }
    let id = lex.find("四个机关").unwrap();
    assert_eq!(
        lex.entry(id).members,
        ["政治机关", "国家权力机关", "工作机关", "代表机关"]
    );
    let id = lex.find("人大常委会").unwrap();
    assert!(lex
        .entry(id)
        .variants
        .contains(&"人民代表大会常务委员会".to_string()));
    let id = lex.find("代表票决制").unwrap();
    assert!(lex.entry(id).variants.contains(&"票决制".to_string()));
}

/// SPEC §1.4, verbatim.
const SPEC_PHRASES: &[&str] = &[
    "一府一委两院",
    "一府两院",
    "人大常委会",
    "四个机关",
    "人民代表大会制度",
    "代表联络站",
    "人大代表之家",
    "基层立法联系点",
    "两院",
    "全过程人民民主",
    "习近平新时代中国特色社会主义思想",
    "习近平法治思想",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "四个全面",
    "五位一体",
    "党的全面领导",
    "人民当家作主",
    "以人民为中心",
    "人民至上",
    "中国式现代化",
    "新发展理念",
    "新发展格局",
    "高质量发展",
    "共同富裕",
    "铸牢中华民族共同体意识",
    "总体国家安全观",
    "第一议题",
    "主题教育",
    "四下基层",
    "八项规定",
    "四风",
    "双减",
    "急难愁盼",
    "十四五",
    "八五普法",
    "五个牢牢把握",
    "九个深刻领会",
    "三个全面",
    "七个聚焦",
    "两个务必",
    "三个务必",
    "执法检查",
    "专题询问",
    "备案审查",
    "民生实事",
    "代表票决制",
    "宪法宣誓",
    "乡村振兴",
    "营商环境",
    "绿水青山就是金山银山",
    "碳达峰",
    "碳中和",
    "法治政府",
];

#[test]
fn toml_errors_name_line_and_problem() {
    let src = "[[entry]]\nphrase = \"甲乙\"\n\n[[entry]]\nphrase = \"丙丁\"\ncolour = \"red\"\n";
    let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("x.toml:6:"), "{p:?}");
    assert!(p[0].contains("unknown field `colour`"), "{p:?}");

    let src = "[[entry]]\nphrase = \"甲乙\"\ncategory = 5\n";
    let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
    assert!(
        p[0].starts_with("x.toml:3:") && p[0].contains("invalid type"),
        "{p:?}"
    );
}

#[test]
fn empty_phrase_duplicate_and_shared_variant() {
    let src = "[[entry]]\nphrase = \"  \"\n[[entry]]\nphrase = \"甲乙\"\nvariants = [\"丙丁\"]\n[[entry]]\nphrase = \"戊己\"\nvariants = [\"丙丁\"]\n[[entry]]\nphrase = \"甲乙\"\n";
    let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].starts_with("x.toml:1:") && p[0].contains("empty phrase"));
    assert!(
        p[1].starts_with("x.toml:6:")
            && p[1].contains("丙丁 is claimed by two entries, 甲乙 and 戊己 (at x.toml:3)"),
        "{p:?}"
    );
    assert!(
        p[2].starts_with("x.toml:9:")
            && p[2].contains("duplicate entry 甲乙 (first defined at x.toml:3)"),
        "{p:?}"
    );
}

#[test]
fn variants_collide_after_folding() {
    let src = "國家權力機關\n国家权力机关\n";
    let p = problems(Lexicon::parse(src, LexiconFormat::Lines, "x.txt"));
    assert!(
        p[0].starts_with("x.txt:2:") && p[0].contains("claimed by two entries"),
        "{p:?}"
    );
}

#[test]
fn json_both_shapes_and_errors() {
    let a = Lexicon::parse(
        "[{\"phrase\": \"甲乙\", \"category\": \"policy\", \"variants\": [\"甲\"]}]",
        LexiconFormat::Json,
        "a.json",
    )
    .unwrap();
    assert_eq!(a.entries()[0].category, "policy");
    let b = Lexicon::parse(
        "{\"entries\": [\n{\"phrase\": \"甲乙\"},\n{\"phrase\": \"丙丁\", \"members\": [\"丙\", \"丁\"]}\n]}",
        LexiconFormat::Json,
        "b.json",
    )
    .unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b.entries()[1].origin.line, Some(3));
    let p = problems(Lexicon::parse(
        "[\n{\"phrase\": \"甲乙\"},\n{\"phrase\": \"丙丁\", \"colour\": 1}\n]",
        LexiconFormat::Json,
        "c.json",
    ));
    assert!(
        p[0].starts_with("c.json:3:") && p[0].contains("unknown field `colour`"),
        "{p:?}"
    );
    let p = problems(Lexicon::parse(
        "[{\"phrase\": }]",
        LexiconFormat::Json,
        "d.json",
    ));
    assert!(p[0].starts_with("d.json:1:"), "{p:?}");
}

#[test]
fn csv_and_tsv() {
    let lex = Lexicon::parse(
        "category,phrase,variants,members\npolicy,甲乙,甲|乙乙,\nidea,丙丁,,丙|丁\n",
        LexiconFormat::Csv,
        "a.csv",
    )
    .unwrap();
    assert_eq!(lex.entries()[0].variants, ["甲", "乙乙"]);
    assert_eq!(lex.entries()[1].members, ["丙", "丁"]);
    assert_eq!(lex.entries()[1].origin.line, Some(3));
    let p = problems(Lexicon::parse(
        "phrase\tcolour\n甲乙\tred\n",
        LexiconFormat::Tsv,
        "b.tsv",
    ));
    assert!(
        p[0].starts_with("b.tsv:1:") && p[0].contains("unknown column `colour`"),
        "{p:?}"
    );
    let p = problems(Lexicon::parse(
        "category\npolicy\n",
        LexiconFormat::Csv,
        "c.csv",
    ));
    assert!(p[0].contains("no `phrase` column"), "{p:?}");
    let p = problems(Lexicon::parse(
        "phrase,category\n甲乙,a\n丙丁,b,extra\n",
        LexiconFormat::Csv,
        "d.csv",
    ));
    assert!(p[0].starts_with("d.csv:3:"), "{p:?}");
}

#[test]
fn lines_skip_comments_and_blanks() {
    let lex = Lexicon::parse(
        "\u{FEFF}# c\n\n甲乙\n  丙丁  \n",
        LexiconFormat::Lines,
        "a.txt",
    )
    .unwrap();
    let phrases: Vec<_> = lex.entries().iter().map(|e| e.phrase.as_str()).collect();
    assert_eq!(phrases, ["甲乙", "丙丁"]);
    assert_eq!(lex.entries()[1].origin.line, Some(4));
}

#[test]
fn merge_replaces_by_phrase_and_reports_cross_source_conflicts() {
    let mut lex = Lexicon::builtin();
    let n = lex.len();
    let user = Lexicon::parse(
        "[[entry]]\nphrase = \"两院\"\ncategory = \"mine\"\n",
        LexiconFormat::Toml,
        "u.toml",
    )
    .unwrap();
    lex.merge(user).unwrap();
    assert_eq!(lex.len(), n);
    assert_eq!(lex.entry(lex.find("两院").unwrap()).category, "mine");
    let clash = Lexicon::parse("人民代表大会常务委员会\n", LexiconFormat::Lines, "v.txt").unwrap();
    let err = lex.merge(clash).unwrap_err().to_string();
    assert!(
        err.contains("v.txt:1:") && err.contains("claimed by two entries"),
        "{err}"
    );
    assert_eq!(lex.len(), n, "a failed merge leaves the lexicon as it was");
}
