//! The reader on its own, then the generated decoders against serde's on the contract's
//! examples and thousands of variations of them.

use super::{FromJson, Reader, from_str};
use crate::{schemas, types};
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn err<T: FromJson + std::fmt::Debug>(text: &str) -> String {
    from_str::<T>(text).unwrap_err().to_string()
}

#[test]
fn strings_numbers_and_literals() {
    assert_eq!(from_str::<String>(r#" "plain" "#).unwrap(), "plain");
    let s: String = from_str(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap();
    assert_eq!(s, "a\"b\\c/d\u{8}\u{c}\n\r\té😀");
    assert!(err::<String>(r#""\ud83d""#).contains("surrogate"));
    assert!(err::<String>(r#""\ude00""#).contains("surrogate"));
    assert!(err::<String>("\"tab\there\"").contains("control character"));
    assert!(err::<String>(r#""\x""#).contains("invalid escape"));
    assert!(err::<String>(r#""open"#).contains("unterminated"));
    assert_eq!(from_str::<i64>("-12").unwrap(), -12);
    assert_eq!(from_str::<i64>("9223372036854775807").unwrap(), i64::MAX);
    assert!(err::<i64>("9223372036854775808").contains("out of range"));
    for bad in ["1.0", "1e3", "01", "-", "+1", "1.", ".5", "1e", "0x1"] {
        assert!(from_str::<i64>(bad).is_err(), "{bad}");
    }
    assert!(err::<i32>("2147483648").contains("out of range"));
    assert!(from_str::<i64>("-0").is_err() && serde_json::from_str::<i64>("-0").is_err());
    assert!(from_str::<std::num::NonZeroU32>("0").is_err());
    assert_eq!(from_str::<f64>("-1.5e2").unwrap(), -150.0);
    assert_eq!(from_str::<f64>("3").unwrap(), 3.0);
    assert!(err::<f64>("1e400").contains("out of range"));
    assert!(from_str::<bool>("true").unwrap());
    assert!(from_str::<bool>("nul").is_err());
    assert_eq!(from_str::<Option<bool>>("null").unwrap(), None);
    assert_eq!(
        err::<bool>("\n\n  3"),
        "expected true or false, found a number at line 3 column 3"
    );
}

#[test]
fn numbers_with_fractions_are_the_nearest_double_where_it_matters() {
    use super::to_f64;
    // Every number of up to 15 significant digits with a power of ten within ±22 is exactly
    // the standard library's (correctly rounded) value: a sweep of mantissas and exponents.
    let mut checked = 0;
    for m in [
        0u64,
        1,
        5,
        9,
        12,
        99,
        123,
        4_567,
        31_415_926,
        999_999_999_999_999,
        4_503_599_627_370_496,
    ] {
        for e in -22..=22 {
            for text in [
                format!("{m}e{e}"),
                format!("-{m}E{e:+}"),
                format!("{m}.0e{e}"),
            ] {
                assert_eq!(to_f64(&text), text.parse().ok(), "{text}");
                checked += 1;
            }
        }
    }
    for text in [
        "0.1",
        "0.2",
        "0.30000000000000004",
        "12.34",
        "-0.5",
        "9007199254740993",
    ] {
        assert_eq!(to_f64(text), text.parse().ok(), "{text}");
    }
    assert!(checked > 1_400);
    // Beyond the fast path: within a few units in the last place.
    for text in [
        "3.141592653589793238462643383279",
        "6.02214076e23",
        "1.602176634e-19",
        "2.5e-300",
        "1.5e300",
    ] {
        let (ours, exact) = (to_f64(text).unwrap(), text.parse::<f64>().unwrap());
        assert!(
            (ours - exact).abs() <= exact.abs() * 1e-15,
            "{text}: {ours} vs {exact}"
        );
    }
    assert_eq!(to_f64("-0"), Some(-0.0));
    assert_eq!(to_f64("1e400"), None);
    assert_eq!(to_f64("1e-400"), Some(0.0));
    assert_eq!(
        to_f64("123456789012345678901234567890"),
        Some(1.2345678901234568e29)
    );
    // A dropped digit past the 19th keeps the number off the fast path, which would round it
    // as if the digit were not there.
    let long = "252659719589.29570007324218751";
    assert!((to_f64(long).unwrap() - long.parse::<f64>().unwrap()).abs() <= 1e-4);
}

#[test]
fn long_strings_are_read_eight_bytes_at_a_time_without_missing_a_stop() {
    // Every stop character at every offset of a word, after runs of every length.
    for run in 0..20 {
        for stop in ['"', '\\', '\u{1}', '\u{1f}'] {
            let plain: String = "aé~\u{7f}".chars().cycle().take(run).collect();
            let body = format!("{plain}{stop}tail");
            let end = super::plain_end(body.as_bytes(), 0);
            assert_eq!(end, plain.len(), "{run} {stop:?}");
        }
        let plain: String = "xy\u{a0}\u{ff}".chars().cycle().take(run).collect();
        assert_eq!(super::plain_end(plain.as_bytes(), 0), plain.len());
    }
    let long = "ü".repeat(1_000);
    assert_eq!(
        from_str::<String>(&format!("\"{long}\\n{long}\"")).unwrap(),
        format!("{long}\n{long}")
    );
    assert!(from_str::<String>(&format!("\"{long}\u{1f}\"")).is_err());
}

#[test]
fn containers_and_their_punctuation() {
    assert_eq!(from_str::<Vec<i64>>(" [ 1 , 2,3 ] ").unwrap(), [1, 2, 3]);
    assert_eq!(from_str::<Vec<i64>>("[]").unwrap(), Vec::<i64>::new());
    for bad in [
        "[1,]",
        "[,1]",
        "[1 2]",
        "[1",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{,}",
        "{1:2}",
        "[1]]",
    ] {
        assert!(from_str::<Value>(bad).is_err(), "{bad}");
    }
    let m: BTreeMap<String, i64> = from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap();
    assert_eq!(m, BTreeMap::from([("a".into(), 3), ("b".into(), 2)]));
    // 127 levels, as serde_json allows.
    for (levels, ok) in [(127, true), (128, false)] {
        let text = "[".repeat(levels) + &"]".repeat(levels);
        assert_eq!(from_str::<Value>(&text).is_ok(), ok, "{levels}");
        assert_eq!(serde_json::from_str::<Value>(&text).is_ok(), ok, "{levels}");
    }
    assert!(err::<Value>(&"[".repeat(200)).contains("nested too deeply"));
    let mut r = Reader::new(r#"{"x":[{"y":{}},[]],"z":"\u0041"} 7"#);
    r.skip().unwrap();
    assert_eq!(r.peek(), Some(b'7'));
    assert!(err::<Value>("{} x").contains("trailing characters"));
}

#[test]
fn free_form_values_match_serde_json() {
    for text in [
        r#"{"a":[1,-2,3.5,18446744073709551615,-9223372036854775808,1e2,true,null,"s",{}]}"#,
        r#"[18446744073709551616, 0.1, -0]"#,
        r#""é""#,
    ] {
        let ours: Value = from_str(text).unwrap();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
    }
}

#[test]
fn skipped_values_are_checked_for_form_only() {
    // A field the type does not have is read past as serde_json reads past it: a lone
    // surrogate (in a value or a key) does not refuse the whole answer; a broken escape does.
    let org = r#"{"created_at":"t","id":"7b6f7c2e-0d7a-4f1e-9a55-2f6f3b1d9c11","name":"Acme",
        "plan":"pro","slug":"acme","status":"active","updated_at":"t""#;
    let ok = [
        r#""zz":"\ud800""#,
        r#""zz":{"\udc00":["\ud800x"]}"#,
        r#""zz":"\u00e9\n""#,
    ];
    let bad = [r#""zz":"\x""#, r#""zz":"\u12""#, "\"zz\":\"a\u{1}\""];
    for (extra, fine) in ok
        .iter()
        .map(|e| (e, true))
        .chain(bad.iter().map(|e| (e, false)))
    {
        let text = format!("{org},{extra}}}");
        assert_eq!(
            from_str::<types::Organization>(&text).is_ok(),
            fine,
            "{extra}"
        );
        assert_eq!(
            serde_json::from_str::<types::Organization>(&text).is_ok(),
            fine,
            "{extra}"
        );
    }
}

#[test]
fn unit_reads_past_any_answer() {
    for text in ["null", "{}", r#"{"ok":true}"#, "[1]", "\"\""] {
        from_str::<()>(text).unwrap();
    }
}

#[test]
fn generated_decoders_follow_the_fields_rules() {
    let org = json!({"created_at": "t", "id": "7b6f7c2e-0d7a-4f1e-9a55-2f6f3b1d9c11", "name": "Acme",
        "plan": "pro", "slug": "acme", "status": "active", "updated_at": "t"});
    let o: types::Organization = from_str(&org.to_string()).unwrap();
    assert_eq!(
        (o.slug.as_str(), o.role, o.credits_balance),
        ("acme", None, None)
    );
    let mut missing = org.clone();
    missing.as_object_mut().unwrap().remove("slug");
    assert!(err::<types::Organization>(&missing.to_string()).starts_with("missing field `slug`"));
    let twice = org.to_string().replacen('{', r#"{"slug":"x","#, 1);
    assert!(err::<types::Organization>(&twice).starts_with("duplicate field `slug`"));
    let mut odd = org.clone();
    odd["status"] = json!("frozen");
    odd["extra"] = json!({"ignored": [1, 2]});
    let o: types::Organization = from_str(&odd.to_string()).unwrap();
    assert_eq!(o.status, types::OrgStatus::Unknown("frozen".into()));
    let list: types::OrgList = from_str(&format!("[{org}]")).unwrap();
    assert!(matches!(list, types::OrgList::Array(v) if v.len() == 1));
    assert!(err::<types::OrgList>("\"acme\"").starts_with("expected an array or an object"));
    let strict = r#"{"slug":"acme","name":"A","owner_user_id":"u","extra":1}"#;
    assert!(err::<types::AdminCreateOrgRequest>(strict).starts_with("unknown field `extra`"));
}

/// Every way the test varies a value: the same JSON with its strings' letters escaped, and at
/// every object member and array item, the member removed or its value replaced.
fn variations(v: &Value, out: &mut Vec<Value>, depth: usize) {
    const ODD: [&str; 10] = [
        "null", "0", "-1", "1.5", "-0", "\"x\"", "\"\"", "true", "[]", "{}",
    ];
    // And two values a `Value` cannot hold, written into the text afterwards (`raw`).
    const RAW: [&str; 2] = ["\u{1}raw0", "\u{1}raw1"];
    // serde decodes a struct from an array of its fields in order; JSON APIs never send one,
    // and the SDK's decoder does not take it.
    let replacements = |old: &Value| -> Vec<Value> {
        ODD.iter()
            .map(|t| serde_json::from_str::<Value>(t).unwrap())
            .chain(RAW.map(|r| Value::String(r.into())))
            .filter(|new| !(old.is_object() && new.is_array()))
            .collect()
    };
    match v {
        Value::Object(m) if depth < 4 => {
            let mut extra = m.clone();
            extra.insert("zz_not_in_the_contract".into(), json!({"a": [1]}));
            out.push(Value::Object(extra));
            for (k, old) in m {
                let mut gone = m.clone();
                gone.remove(k);
                out.push(Value::Object(gone));
                for new in replacements(old) {
                    let mut changed = m.clone();
                    changed.insert(k.clone(), new);
                    out.push(Value::Object(changed));
                }
                let mut inner = Vec::new();
                variations(old, &mut inner, depth + 1);
                for new in inner {
                    let mut changed = m.clone();
                    changed.insert(k.clone(), new);
                    out.push(Value::Object(changed));
                }
            }
        }
        Value::Array(a) if depth < 4 && !a.is_empty() => {
            out.push(Value::Array(a[1..].to_vec()));
            let mut inner = Vec::new();
            variations(&a[0], &mut inner, depth + 1);
            for new in inner.into_iter().chain(replacements(&a[0])) {
                let mut changed = a.clone();
                changed[0] = new;
                out.push(Value::Array(changed));
            }
        }
        _ => {}
    }
}

/// The text with the placeholders of `variations` replaced: a number too large for a double
/// and a lone surrogate.
fn raw(text: &str) -> String {
    text.replace(r#""\u0001raw0""#, "1e400")
        .replace(r#""\u0001raw1""#, r#""\ud800""#)
}

/// The text with every `a` inside a string (keys included) written as `\u0061`.
fn escaped(text: &str) -> String {
    let (mut out, mut in_string, mut backslash) = (String::new(), false, false);
    for c in text.chars() {
        match c {
            'a' if in_string => out.push_str("\\u0061"),
            '"' if !backslash => {
                in_string = !in_string;
                out.push(c);
            }
            _ => out.push(c),
        }
        backslash = c == '\\' && !backslash;
    }
    out
}

#[test]
fn generated_decoders_agree_with_serde_on_every_example_and_its_variations() {
    let spec: Value =
        serde_yaml::from_str(include_str!("../../../spec/management.yaml")).expect("spec parses");
    let (mut compared, mut examples, mut failures) = (0, 0, Vec::new());
    let mut decoded = 0;
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        let Some(example) = schema.get("example") else {
            continue;
        };
        examples += 1;
        let text = example.to_string();
        crate::json::from_str::<Value>(&text).unwrap();
        let mut cases = vec![example.clone()];
        variations(example, &mut cases, 0);
        let mut texts: Vec<String> = cases.iter().map(|c| raw(&c.to_string())).collect();
        texts.push(serde_json::to_string_pretty(example).unwrap());
        texts.push(escaped(&text));
        texts.push(text.replacen('{', r#"{"id":"x","#, 1));
        texts.push(format!("{text} ,"));
        for t in &texts {
            compared += 1;
            match schemas::decoders_agree(name, t) {
                None => failures.push(format!("{name}: no generated type")),
                Some(Err(e)) if failures.len() < 20 => failures.push(format!("{name} {t}\n  {e}")),
                Some(Ok(true)) => decoded += 1,
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Both outcomes are well represented (figures when written: 166 examples, 12,110 texts,
    // 2,952 decoded by both, 9,158 refused by both).
    let refused = compared - decoded;
    println!("{examples} examples, {compared} texts, {decoded} decoded by both, {refused} refused");
    assert!(examples >= 100 && decoded > 2_000 && refused > 4_000);
}
