//! URL generation against seed 003's table (step 5 and step 8 of the platform's help page): the two
//! home URLs keep DingTalk's `$CORPID$` literally, the admin URL carries the real CorpId.

use dingbind_core::template::{self, Template};
use dingbind_core::urls::{generate, GeneratedUrl};
use dingbind_core::validate::validate;
use dingbind_core::Field;
use std::collections::BTreeMap;

/// Seed 003, step 5 (配置访问地址) and step 8 (接入登录), exactly as the help page shows them, with
/// its own placeholders: 私有云域名 (the private cloud's domain) and 第二步中的CorpID (step 2's CorpId).
const SEED_TABLE: [(&str, &str); 4] = [
    (
        "home",
        "https://私有云域名/dingding/dingding_auth_corp?corpId=$CORPID$",
    ),
    (
        "pc_home",
        "https://私有云域名/index.php?dingding/dd_client_callback&corpId=$CORPID$",
    ),
    (
        "admin",
        "https://私有云域名/index.php?dingding/dd_callback&usertype=admin&corpId=第二步中的CorpID",
    ),
    (
        "login_callback",
        "https://私有云域名/dingding/dd_or_code_corp_list",
    ),
];

fn seed_003() -> &'static Template {
    template::builtin("yidianyun-private-cloud").unwrap()
}

fn values(pairs: &[(Field, &str)]) -> BTreeMap<Field, String> {
    pairs.iter().map(|(f, v)| (*f, v.to_string())).collect()
}

fn by_name(urls: &[GeneratedUrl], name: &str) -> GeneratedUrl {
    urls.iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("no url {name}"))
        .clone()
}

#[test]
fn seed_003_urls_match_the_seed_table() {
    for (domain, corp_id) in [
        ("oa.example.com", "ding6ccabc44d2c8d38b"),
        (
            "oa.example.com:8443",
            "ding5b06cf33a9e2c4d135c2f4657eb6378f",
        ),
        ("xn--fiq06l2rdsvs.xn--55qx5d", "ding32fff839a3e0105d"),
    ] {
        let urls = generate(
            seed_003(),
            &values(&[(Field::Domain, domain), (Field::CorpId, corp_id)]),
            &BTreeMap::new(),
        );
        let names: Vec<&str> = urls.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["home", "pc_home", "admin", "login_callback"]);
        for (name, seed) in SEED_TABLE {
            let expected = seed
                .replace("私有云域名", domain)
                .replace("第二步中的CorpID", corp_id);
            let u = by_name(&urls, name);
            assert_eq!(
                u.url.as_deref(),
                Some(expected.as_str()),
                "{name} for {domain}"
            );
            assert!(u.missing.is_empty() && u.error.is_none(), "{u:?}");
            assert!(!u.editable);
        }
    }
}

#[test]
fn seed_003_urls_literally() {
    let urls = generate(
        seed_003(),
        &values(&[
            (Field::Domain, "oa.example.com"),
            (Field::CorpId, "ding6ccabc44d2c8d38b"),
        ]),
        &BTreeMap::new(),
    );
    let url = |name| by_name(&urls, name).url.unwrap();
    assert_eq!(
        url("home"),
        "https://oa.example.com/dingding/dingding_auth_corp?corpId=$CORPID$"
    );
    assert_eq!(
        url("pc_home"),
        "https://oa.example.com/index.php?dingding/dd_client_callback&corpId=$CORPID$"
    );
    assert_eq!(url("admin"), "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b");
    assert_eq!(
        url("login_callback"),
        "https://oa.example.com/dingding/dd_or_code_corp_list"
    );
}

#[test]
fn from_paste_to_url() {
    // What the admin pastes goes through validation; the normalised value is what fills the URL.
    let domain = validate(
        Field::Domain,
        "https://OA.example.com:443/index.php?dingding/dd_callback\n",
    );
    let corp = validate(
        Field::CorpId,
        "CorpId：ｄｉｎｇ６ｃｃａｂｃ４４ｄ２ｃ８ｄ３８ｂ\u{200B}",
    );
    assert!(domain.ok && corp.ok, "{domain:?} {corp:?}");
    let urls = generate(
        seed_003(),
        &values(&[(Field::Domain, &domain.value), (Field::CorpId, &corp.value)]),
        &BTreeMap::new(),
    );
    assert_eq!(
        by_name(&urls, "admin").url.as_deref(),
        Some("https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b")
    );
}

#[test]
fn missing_values_are_reported() {
    let t = seed_003();
    let none = generate(t, &BTreeMap::new(), &BTreeMap::new());
    for u in &none {
        assert_eq!(u.url, None, "{}", u.name);
        assert!(u.error.is_none());
    }
    assert_eq!(by_name(&none, "home").missing, [Field::Domain]);
    assert_eq!(
        by_name(&none, "admin").missing,
        [Field::Domain, Field::CorpId]
    );

    // Domain only: everything but the admin URL is ready; `$CORPID$` needs nothing from the admin.
    let domain_only = generate(
        t,
        &values(&[(Field::Domain, "oa.example.com")]),
        &BTreeMap::new(),
    );
    for name in ["home", "pc_home", "login_callback"] {
        let u = by_name(&domain_only, name);
        assert!(u.url.is_some() && u.missing.is_empty(), "{u:?}");
    }
    let admin = by_name(&domain_only, "admin");
    assert_eq!((admin.url, admin.missing), (None, vec![Field::CorpId]));

    // An empty value is as missing as an absent one.
    let empty = generate(
        t,
        &values(&[(Field::Domain, ""), (Field::CorpId, "ding6ccabc44d2c8d38b")]),
        &BTreeMap::new(),
    );
    assert_eq!(by_name(&empty, "admin").missing, [Field::Domain]);
}

#[test]
fn an_override_on_an_editable_url_is_used() {
    let t = template::builtin("custom-urls").unwrap();
    let vals = values(&[
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding6ccabc44d2c8d38b"),
    ]);
    let overrides = BTreeMap::from([
        (
            "admin".to_string(),
            "  https://{domain}/manage/dingtalk?corp={corp_id}\n".to_string(),
        ),
        (
            "home".to_string(),
            "https://{domain}/m/#/dd?corpid=$CORPID$".to_string(),
        ),
        // Blank means "use the template's".
        ("pc_home".to_string(), "   ".to_string()),
    ]);
    let urls = generate(t, &vals, &overrides);
    let admin = by_name(&urls, "admin");
    assert_eq!(
        admin.pattern,
        "https://{domain}/manage/dingtalk?corp={corp_id}"
    );
    assert_eq!(
        admin.url.as_deref(),
        Some("https://oa.example.com/manage/dingtalk?corp=ding6ccabc44d2c8d38b")
    );
    assert_eq!(
        by_name(&urls, "home").url.as_deref(),
        Some("https://oa.example.com/m/#/dd?corpid=$CORPID$")
    );
    assert_eq!(
        by_name(&urls, "pc_home").url.as_deref(),
        Some("https://oa.example.com/?corpId=$CORPID$")
    );
    assert_eq!(
        by_name(&urls, "login_callback").url.as_deref(),
        Some("https://oa.example.com/login/dingtalk/callback")
    );

    // An override still reports what it is missing.
    let urls = generate(t, &values(&[(Field::Domain, "oa.example.com")]), &overrides);
    assert_eq!(by_name(&urls, "admin").missing, [Field::CorpId]);
}

#[test]
fn an_override_on_a_fixed_url_is_ignored() {
    let t = seed_003();
    let vals = values(&[
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding6ccabc44d2c8d38b"),
    ]);
    let overrides = BTreeMap::from([(
        "admin".to_string(),
        "https://evil.example/steal?c={corp_id}".to_string(),
    )]);
    let admin = by_name(&generate(t, &vals, &overrides), "admin");
    assert_eq!(admin.pattern, t.url("admin").unwrap().pattern);
    assert_eq!(
        admin.url.as_deref(),
        Some("https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b")
    );
}

#[test]
fn broken_overrides_give_an_error() {
    let t = template::builtin("custom-urls").unwrap();
    let vals = values(&[
        (Field::Domain, "oa.example.com"),
        (Field::CorpId, "ding6ccabc44d2c8d38b"),
    ]);
    for bad in [
        "https://{domain}/?corpId=$ CORPID$",
        "https://{domain}/?corpId=$corpid$",
        "https://{domain}/?corpId=$CORPID",
        "https://{domian}/",
        "https://{domain/",
        "https://{ domain }/",
        "https://{domain}/?s={client_secret}",
        "https://{domain}/?n={corp_name}",
        "oa.example.com/{domain}",
    ] {
        let overrides = BTreeMap::from([("home".to_string(), bad.to_string())]);
        let urls = generate(t, &vals, &overrides);
        let home = by_name(&urls, "home");
        assert_eq!(home.url, None, "{bad}");
        // Said in both languages: the admin edits this address in the wizard.
        assert!(
            home.error
                .as_ref()
                .is_some_and(|e| !e.en.is_empty() && e.zh.chars().any(|c| c > '\u{2e80}')),
            "{bad}: {home:?}"
        );
        assert_eq!(home.pattern, bad, "the admin's pattern is kept to be fixed");
        // The other URLs are unaffected.
        assert!(by_name(&urls, "admin").url.is_some());
    }
}

#[test]
fn values_other_than_the_domain_are_url_encoded() {
    let t = template::builtin("custom-urls").unwrap();
    let vals = values(&[
        (Field::Domain, "oa.example.com:8443"),
        (Field::CorpId, "ding&x=1"),
    ]);
    let overrides = BTreeMap::from([(
        "admin".to_string(),
        "https://{domain}/a?c={corp_id}".to_string(),
    )]);
    let admin = by_name(&generate(t, &vals, &overrides), "admin");
    assert_eq!(
        admin.url.as_deref(),
        Some("https://oa.example.com:8443/a?c=ding%26x%3D1")
    );
}
