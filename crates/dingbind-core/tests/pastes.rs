//! Real-world pastes, one row each: what an admin copies out of the DingTalk console, a chat window,
//! a Word document, a JSON or `.env` file, and what the wizard must make of it. IDs are the public
//! examples of docs/dingtalk/console.md#identifiers (CorpId `ding6ccabc44d2c8d38b`, Client ID
//! `ding4vzvutha4q5gtg9q`, AgentId 836390886 / 1038226450 / 255379563) plus made-up 64-character
//! secrets.

use dingbind_core::validate::{validate, validate_in_context, ErrorCode, Validation, WarningCode};
use dingbind_core::Field;
use std::collections::BTreeMap;

use ErrorCode::{BadFormat, Empty};
use Field::{
    AesKey, AgentId, ClientId, ClientSecret, CorpId, CorpName, Domain, EventToken, SsoSecret,
};
use WarningCode::{
    IpAddress, LegacyAppId, LooksLikeOtherField, NotPublic, PathDropped, PlainHttp, UnusualFormat,
};

// Made-up secrets in the documented shape (64 × [A-Za-z0-9_-]); macros so `concat!` can use them.
macro_rules! secret_a {
    () => {
        "MFeW-mYUgkhxh9ppTqJH-4Pm5Zn9pwNfAJUpzBBVL1lVJiEQBhjE0K4JMJpiAYFN"
    };
}
macro_rules! secret_b {
    () => {
        "lpzivf06Gx1RfbSd_oAkTukHb5WrY-mF-BoKaIQsLCdDvo0oeQ8GwlCt9YUA0loZ"
    };
}
const SECRET_A: &str = secret_a!();
const SECRET_B: &str = secret_b!();
/// 36-character CorpIds end in a shared-looking suffix (docs/dingtalk/console.md#identifiers).
const CORP_ID_36: &str = "ding5b06cf33a9e2c4d135c2f4657eb6378f";
const CORP_ID_36_B: &str = "dingba6d7c1e0a2b4f5cffe93478753d9884";

#[derive(Debug)]
enum Want {
    /// Accepted: the normalised value, the warning codes (in any order), the suggested box.
    Ok(&'static str, Vec<WarningCode>, Option<Field>),
    /// Rejected for a reason other than a wrong box.
    Err(ErrorCode),
    /// Rejected as `wrong_field`, naming the box it belongs in (`None`: the binding has no such box).
    Wrong(Option<Field>),
}

struct Row {
    field: Field,
    raw: String,
    want: Want,
}

fn ok(v: &'static str) -> Want {
    Want::Ok(v, vec![], None)
}
fn warn(v: &'static str, codes: &[WarningCode]) -> Want {
    Want::Ok(v, codes.to_vec(), None)
}
fn err(code: ErrorCode) -> Want {
    Want::Err(code)
}
fn wrong(belongs: Field) -> Want {
    Want::Wrong(Some(belongs))
}

fn rows() -> Vec<Row> {
    let r = |field: Field, raw: &str, want: Want| Row {
        field,
        raw: raw.to_string(),
        want,
    };
    vec![
        // ── CorpId: from the console home page, chat, Word, JSON, .env ──────────────────────────
        r(CorpId, "ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "ding6ccabc44d2c8d38b\n", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "ding6ccabc44d2c8d38b\r\n", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "\tding32fff839a3e0105d\t", ok("ding32fff839a3e0105d")),
        r(CorpId, "   ding6ccabc44d2c8d38b   ", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "\u{200B}ding6ccabc44d2c8d38b\u{200B}", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "\u{FEFF}ding32fff839a3e0105d", ok("ding32fff839a3e0105d")),
        r(CorpId, "ding6ccabc44\u{200D}d2c8d38b\u{2060}", ok("ding6ccabc44d2c8d38b")),
        // Word's soft hyphen and non-breaking space.
        r(CorpId, "ding6ccabc44\u{00AD}d2c8d38b\u{00A0}", ok("ding6ccabc44d2c8d38b")),
        // A Chinese IME left in full-width mode.
        r(CorpId, "ｄｉｎｇ６ｃｃａｂｃ４４ｄ２ｃ８ｄ３８ｂ", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "\"ding6ccabc44d2c8d38b\"", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "'ding6ccabc44d2c8d38b'", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "“ding6ccabc44d2c8d38b”", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "「ding6ccabc44d2c8d38b」", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "CorpId：ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "CorpId: ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "CorpId：“ding6ccabc44d2c8d38b”\n", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "ＣｏｒｐＩｄ：ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "企业ID：ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "  \"corpId\": \"ding6ccabc44d2c8d38b\",\n", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "DINGTALK_CORP_ID=ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "VITE_DINGTALK_CORP_ID=ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "corpId=ding6ccabc44d2c8d38b", ok("ding6ccabc44d2c8d38b")),
        // The end of a chat sentence.
        r(CorpId, "ding6ccabc44d2c8d38b。", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, "corp_id = \"ding6ccabc44d2c8d38b\"", ok("ding6ccabc44d2c8d38b")),
        r(CorpId, CORP_ID_36, ok(CORP_ID_36)),
        r(CorpId, &format!("CorpId: {CORP_ID_36_B}\n"), ok(CORP_ID_36_B)),
        // The Client ID copied by mistake: both start with `ding`; CorpIds are hex, so warn, not block.
        r(CorpId, "ding4vzvutha4q5gtg9q", Want::Ok("ding4vzvutha4q5gtg9q", vec![LooksLikeOtherField], Some(ClientId))),
        // Not the observed shape: DingTalk documents none, so it warns.
        r(CorpId, "ding6ccabc44d2c8d3", warn("ding6ccabc44d2c8d3", &[UnusualFormat])),
        // A label that names another box.
        r(CorpId, "Client ID: ding4vzvutha4q5gtg9q", wrong(ClientId)),
        r(CorpId, "AppKey：ding4vzvutha4q5gtg9q", wrong(ClientId)),
        // Unmistakably another field's value.
        r(CorpId, SECRET_A, wrong(ClientSecret)),
        r(CorpId, "836390886", wrong(AgentId)),
        r(CorpId, "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin&corpId=ding6ccabc44d2c8d38b", wrong(Domain)),
        r(CorpId, "6c1f0a3e-8d2b-4f7a-9c5e-1b2d3e4f5a6b", Want::Wrong(None)),
        // The docs' masked example, and a half-selected value.
        r(CorpId, "dingeqqpkv3xxxx", err(BadFormat)),
        r(CorpId, "ding6ccabc44 d2c8d38b", err(BadFormat)),
        r(CorpId, "ding6ccabc44…", err(BadFormat)),
        r(CorpId, "ding6ccabc44...", err(BadFormat)),
        r(CorpId, "dingba6d…9884", err(BadFormat)),
        r(CorpId, "", err(Empty)),
        r(CorpId, " \n\t\u{3000}", err(Empty)),
        r(CorpId, "\"\"", err(Empty)),
        r(CorpId, "\u{200B}\u{FEFF}", err(Empty)),
        // ── CorpName: free text, keeps Chinese punctuation ─────────────────────────────────────
        r(CorpName, "北京某某科技（集团）有限公司\n", ok("北京某某科技（集团）有限公司")),
        r(CorpName, "企业名称：宜点云（北京）科技有限公司", ok("宜点云（北京）科技有限公司")),
        r(CorpName, "团队名称：“宜点云”", ok("宜点云")),
        r(CorpName, "CorpName: Acme Trading Co., Ltd.", ok("Acme Trading Co., Ltd.")),
        r(CorpName, "\u{FEFF}上海示例网络科技有限公司\u{3000}", ok("上海示例网络科技有限公司")),
        r(CorpName, "ding6ccabc44d2c8d38b", wrong(CorpId)),
        r(CorpName, "https://oa.example.com/", wrong(Domain)),
        r(CorpName, SECRET_B, wrong(ClientSecret)),
        r(CorpName, "北京某某科技\n有限公司", err(BadFormat)),
        r(CorpName, "  ", err(Empty)),
        // ── AgentId ────────────────────────────────────────────────────────────────────────────
        r(AgentId, "836390886", ok("836390886")),
        r(AgentId, "1038226450\n", ok("1038226450")),
        r(AgentId, "１０３８２２６４５０", ok("1038226450")),
        r(AgentId, "AgentId：８３６３９０８８６", ok("836390886")),
        r(AgentId, "AgentId=255379563", ok("255379563")),
        r(AgentId, "agent_id = 836390886", ok("836390886")),
        r(AgentId, "\"agentId\": 1038226450,", ok("1038226450")),
        r(AgentId, "AgentId: 836390886;", ok("836390886")),
        // A row of the console's credentials table: label and value in adjacent cells.
        r(AgentId, "AgentId\t836390886\n", ok("836390886")),
        r(AgentId, "836390886。", ok("836390886")),
        // The app_id form of workbench deep links.
        r(AgentId, "0_836390886", ok("836390886")),
        r(AgentId, "12345", warn("12345", &[UnusualFormat])),
        r(AgentId, "836 390 886", err(BadFormat)),
        r(AgentId, "8363908８6a", err(BadFormat)),
        r(AgentId, "1234567890123456789012", err(BadFormat)),
        r(AgentId, "ding4vzvutha4q5gtg9q", wrong(ClientId)),
        r(AgentId, "ding6ccabc44d2c8d38b", wrong(CorpId)),
        r(AgentId, SECRET_A, wrong(ClientSecret)),
        r(AgentId, "Client ID: ding4vzvutha4q5gtg9q", wrong(ClientId)),
        r(AgentId, "", err(Empty)),
        // ── Client ID (formerly AppKey) ─────────────────────────────────────────────────────────
        r(ClientId, "ding4vzvutha4q5gtg9q\r\n", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "Client ID: ding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "Client ID（原 AppKey）：ding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "Client ID (formerly AppKey): ding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "AppKey：ding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "DINGTALK_CLIENT_ID=ding4vzvutha4q5gtg9q\n", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "REACT_APP_DINGTALK_APP_KEY=ding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "Client ID\tding4vzvutha4q5gtg9q", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "\"clientId\": \"ding4vzvutha4q5gtg9q\",", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "ｄｉｎｇ４ｖｚｖｕｔｈａ４ｑ５ｇｔｇ９ｑ", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "「ding4vzvutha4q5gtg9q」", ok("ding4vzvutha4q5gtg9q")),
        r(ClientId, "dingoaeikmikr2q56h8uym", warn("dingoaeikmikr2q56h8uym", &[LegacyAppId])),
        r(ClientId, "suite4xxp9ad3mh2ptz8d", warn("suite4xxp9ad3mh2ptz8d", &[UnusualFormat])),
        // The CorpId copied by mistake (hex only); the 36-character form cannot be a Client ID.
        r(ClientId, "ding6ccabc44d2c8d38b", Want::Ok("ding6ccabc44d2c8d38b", vec![LooksLikeOtherField], Some(CorpId))),
        r(ClientId, CORP_ID_36, wrong(CorpId)),
        r(ClientId, "836390886", wrong(AgentId)),
        r(ClientId, "AgentId: 836390886", wrong(AgentId)),
        r(ClientId, SECRET_B, wrong(ClientSecret)),
        r(ClientId, concat!("Client Secret：", secret_b!()), wrong(ClientSecret)),
        r(ClientId, "https://oa.example.com", wrong(Domain)),
        r(ClientId, "CorpId: ding6ccabc44d2c8d38b", wrong(CorpId)),
        r(ClientId, "6c1f0a3e-8d2b-4f7a-9c5e-1b2d3e4f5a6b", Want::Wrong(None)),
        r(ClientId, "ding4vzv******gtg9q", err(BadFormat)),
        r(ClientId, "\u{FEFF}\n", err(Empty)),
        r(ClientId, "ding4vzvutha4q5gtg9q 836390886", err(BadFormat)),
        r(ClientId, "ding4vzvutha4q5g/tg9q", err(BadFormat)),
        // ── Client Secret and SSOsecret ────────────────────────────────────────────────────────
        r(ClientSecret, SECRET_A, ok(SECRET_A)),
        r(ClientSecret, concat!(secret_a!(), "\n"), ok(SECRET_A)),
        r(ClientSecret, concat!("Client Secret：", secret_b!()), ok(SECRET_B)),
        r(ClientSecret, concat!("Client Secret（原 AppSecret）：", secret_b!()), ok(SECRET_B)),
        r(ClientSecret, concat!("AppSecret: \"", secret_a!(), "\""), ok(SECRET_A)),
        r(ClientSecret, concat!("DINGTALK_CLIENT_SECRET=", secret_a!()), ok(SECRET_A)),
        r(ClientSecret, concat!("\u{200B}", secret_a!(), "\u{200B}"), ok(SECRET_A)),
        r(ClientSecret, concat!(secret_a!(), "."), ok(SECRET_A)),
        // Undocumented lengths warn, never block.
        r(ClientSecret, &SECRET_A[..63], warn(&SECRET_A[..63], &[UnusualFormat])),
        r(ClientSecret, &SECRET_A[..32], warn(&SECRET_A[..32], &[UnusualFormat])),
        r(ClientSecret, concat!(secret_a!(), "Q7"), warn(concat!(secret_a!(), "Q7"), &[UnusualFormat])),
        // The console's masked display.
        r(ClientSecret, "GT-l******", err(BadFormat)),
        r(ClientSecret, "ding4vzvutha4q5gtg9q", wrong(ClientId)),
        r(ClientSecret, "836390886", wrong(AgentId)),
        r(ClientSecret, concat!("SSOsecret: ", secret_a!()), wrong(SsoSecret)),
        r(ClientSecret, "", err(Empty)),
        r(SsoSecret, concat!("SSOsecret：", secret_b!(), "\n"), ok(SECRET_B)),
        r(SsoSecret, SECRET_A, ok(SECRET_A)),
        r(SsoSecret, concat!("Client Secret: ", secret_a!()), wrong(ClientSecret)),
        r(SsoSecret, "ding6ccabc44d2c8d38b", wrong(CorpId)),
        // ── Event subscription (seed 002): token 3–32 letters/digits, aes_key exactly 43 ─────────
        r(EventToken, "mryue", ok("mryue")),
        r(EventToken, "token：Dbx7TokenQ2mN9\n", ok("Dbx7TokenQ2mN9")),
        r(EventToken, "ab", err(BadFormat)),
        r(EventToken, "my-token!", err(BadFormat)),
        r(EventToken, "", err(Empty)),
        r(AesKey, "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7", ok("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7")),
        r(AesKey, "“Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7=”", ok("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7")),
        r(AesKey, "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd", err(BadFormat)),
        r(AesKey, "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ec_7", err(BadFormat)),
        r(AesKey, "836390886", wrong(AgentId)),
        // ── Platform domain ────────────────────────────────────────────────────────────────────
        r(Domain, "oa.example.com", ok("oa.example.com")),
        r(Domain, "oa.example.com\n", ok("oa.example.com")),
        r(Domain, "https://oa.example.com/", ok("oa.example.com")),
        r(Domain, "https://OA.Example.COM", ok("oa.example.com")),
        r(Domain, "HTTPS://OA.EXAMPLE.COM/", ok("oa.example.com")),
        r(Domain, "https://oa.example.com/index.php?dingding/dd_callback&usertype=admin", warn("oa.example.com", &[PathDropped])),
        r(Domain, "https://oa.example.com/#/login", warn("oa.example.com", &[PathDropped])),
        r(Domain, "https://oa.example.com:443/", ok("oa.example.com")),
        r(Domain, "oa.example.com:443", ok("oa.example.com")),
        r(Domain, "https://oa.example.com:8443/", ok("oa.example.com:8443")),
        r(Domain, "oa.example.com:8443", ok("oa.example.com:8443")),
        r(Domain, "https://oa.example.com:8443/dingding/dd_or_code_corp_list", warn("oa.example.com:8443", &[PathDropped])),
        r(Domain, "https://中文域名.公司/", ok("xn--fiq06l2rdsvs.xn--55qx5d")),
        r(Domain, "中文域名.公司", ok("xn--fiq06l2rdsvs.xn--55qx5d")),
        r(Domain, "ｈｔｔｐｓ：／／ｏａ．ｅｘａｍｐｌｅ．ｃｏｍ／", ok("oa.example.com")),
        // An ideographic full stop typed at the end (or as a dot) is a dot.
        r(Domain, "oa.example.com。", ok("oa.example.com")),
        r(Domain, "oa。example。com", ok("oa.example.com")),
        r(Domain, "Domain: oa.example.com", ok("oa.example.com")),
        r(Domain, "私有云域名：oa.example.com", ok("oa.example.com")),
        r(Domain, "“https://oa.example.com”", ok("oa.example.com")),
        r(Domain, "http://oa.example.com", warn("oa.example.com", &[PlainHttp])),
        r(Domain, "http://oa.example.com/login", warn("oa.example.com", &[PathDropped, PlainHttp])),
        r(Domain, "203.0.113.10", warn("203.0.113.10", &[IpAddress])),
        r(Domain, "https://203.0.113.10:8443/", warn("203.0.113.10:8443", &[IpAddress])),
        r(Domain, "localhost", warn("localhost", &[NotPublic])),
        r(Domain, "http://localhost:8080/", warn("localhost:8080", &[PlainHttp, NotPublic])),
        r(Domain, "192.168.1.10", warn("192.168.1.10", &[NotPublic])),
        r(Domain, "10.0.0.5:8080", warn("10.0.0.5:8080", &[NotPublic])),
        r(Domain, "oa-server", warn("oa-server", &[NotPublic])),
        r(Domain, "dingtalk", warn("dingtalk", &[NotPublic])),
        // The seed's own placeholder, copied from the instructions.
        r(Domain, "私有云域名", err(BadFormat)),
        r(Domain, "https://私有云域名/dingding/dingding_auth_corp?corpId=$CORPID$", err(BadFormat)),
        r(Domain, "ftp://files.example.com", err(BadFormat)),
        r(Domain, "oa.example .com", err(BadFormat)),
        r(Domain, "https://oa.example.com/a b", err(BadFormat)),
        r(Domain, "https://admin:hunter2@oa.example.com/", err(BadFormat)),
        r(Domain, "oa..example.com", err(BadFormat)),
        r(Domain, "-oa.example.com", err(BadFormat)),
        r(Domain, "", err(Empty)),
        // Another box's value: a number would otherwise parse as an IPv4 address (836390886 → 49.218.…).
        r(Domain, "836390886", wrong(AgentId)),
        r(Domain, "ding6ccabc44d2c8d38b", wrong(CorpId)),
        r(Domain, SECRET_A, wrong(ClientSecret)),
        r(Domain, "CorpId: ding6ccabc44d2c8d38b", wrong(CorpId)),
    ]
}

fn sorted(codes: &[WarningCode]) -> Vec<String> {
    let mut v: Vec<String> = codes.iter().map(|c| format!("{c:?}")).collect();
    v.sort();
    v
}

/// Every way `got` differs from the row, in words.
fn mismatches(row: &Row, got: &Validation) -> Vec<String> {
    let mut out = Vec::new();
    let got_codes: Vec<WarningCode> = got.warnings.iter().map(|w| w.code).collect();
    if got.field != row.field {
        out.push(format!("field is {:?}", got.field));
    }
    match &row.want {
        Want::Ok(value, codes, suggested) => {
            if !got.ok || got.code.is_some() {
                out.push(format!(
                    "expected ok, got {:?} ({:?})",
                    got.code,
                    got.message.as_ref().map(|m| &m.en)
                ));
            }
            if got.value != *value {
                out.push(format!("value {:?}, expected {value:?}", got.value));
            }
            if sorted(&got_codes) != sorted(codes) {
                out.push(format!("warnings {got_codes:?}, expected {codes:?}"));
            }
            if got.suggested_field != *suggested {
                out.push(format!(
                    "suggested_field {:?}, expected {suggested:?}",
                    got.suggested_field
                ));
            }
            if got.message.is_some() {
                out.push("an accepted value carries an error message".into());
            }
        }
        Want::Err(_) | Want::Wrong(_) if got.ok => {
            out.push(format!(
                "expected an error, got ok {:?} with warnings {got_codes:?}",
                got.value
            ));
        }
        Want::Err(code) => {
            if got.code != Some(*code) {
                out.push(format!("code {:?}, expected {code:?}", got.code));
            }
        }
        Want::Wrong(belongs) => {
            if got.code != Some(ErrorCode::WrongField) {
                out.push(format!("code {:?}, expected WrongField", got.code));
            }
            if got.suggested_field != *belongs {
                out.push(format!(
                    "suggested_field {:?}, expected {belongs:?}",
                    got.suggested_field
                ));
            }
            // The message names the box the value belongs in, in both languages (or, for a value the
            // binding does not use at all, the box that was meant).
            let target = belongs.unwrap_or(row.field).label();
            match &got.message {
                Some(m) if m.zh.contains(&target.zh) && m.en.contains(&target.en) => {}
                other => out.push(format!(
                    "message {other:?} does not name “{}” / “{}”",
                    target.zh, target.en
                )),
            }
        }
    }
    if !got.ok {
        match &got.message {
            Some(m) if !m.zh.trim().is_empty() && !m.en.trim().is_empty() => {}
            other => out.push(format!("an error needs a zh and en message, got {other:?}")),
        }
        // On error the cleaned input is kept, and it is cleaned.
        if got.value != got.value.trim() || got.value.contains(['\u{200B}', '\u{FEFF}']) {
            out.push(format!("the kept value {:?} is not cleaned", got.value));
        }
    }
    out
}

#[test]
fn real_world_pastes() {
    let rows = rows();
    assert!(rows.len() >= 45, "the table has {} rows", rows.len());
    let mut failures = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let got = validate(row.field, &row.raw);
        let problems = mismatches(row, &got);
        if !problems.is_empty() {
            failures.push(format!(
                "row {i}: {} {:?}\n    {}",
                row.field,
                row.raw,
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pastes are judged wrongly:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_covers_every_field_and_outcome() {
    let rows = rows();
    for field in Field::ALL {
        assert!(rows.iter().any(|r| r.field == field), "no row for {field}");
    }
    for field in [CorpId, AgentId, ClientId, ClientSecret, Domain] {
        assert!(
            rows.iter()
                .any(|r| r.field == field && matches!(r.want, Want::Wrong(Some(_)))),
            "no wrong-box row for {field}"
        );
        assert!(
            rows.iter()
                .any(|r| r.field == field && matches!(r.want, Want::Err(Empty))),
            "no empty row for {field}"
        );
    }
}

#[test]
fn cleaning_says_what_it_did() {
    let v = validate(
        CorpId,
        "CorpId：\u{200B}ｄｉｎｇ６ｃｃａｂｃ４４ｄ２ｃ８ｄ３８ｂ\n",
    );
    assert!(v.ok, "{v:?}");
    assert!(
        v.cleaned.len() >= 3,
        "zero-width, full-width, label and trim should each be noted: {:?}",
        v.cleaned
    );
    assert!(v
        .cleaned
        .iter()
        .all(|n| !n.zh.is_empty() && !n.en.is_empty()));
    assert!(
        v.cleaned.iter().any(|n| n.en.contains("CorpId")),
        "the removed label is named: {:?}",
        v.cleaned
    );

    let v = validate(Domain, "https://中文域名.公司:443/");
    assert_eq!(v.value, "xn--fiq06l2rdsvs.xn--55qx5d");
    assert!(
        v.cleaned.iter().any(|n| n.en.contains("xn--fiq06l2rdsvs")),
        "the punycode conversion is noted: {:?}",
        v.cleaned
    );
    assert!(
        v.cleaned.iter().any(|n| n.en.contains("443")),
        "the dropped port is noted: {:?}",
        v.cleaned
    );

    let v = validate(AgentId, "0_836390886");
    assert!(
        v.cleaned.iter().any(|n| n.en.contains("0_")),
        "{:?}",
        v.cleaned
    );

    assert!(
        validate(CorpId, "ding6ccabc44d2c8d38b").cleaned.is_empty(),
        "a clean paste has nothing to report"
    );
}

#[test]
fn the_same_value_in_corp_id_and_client_id_is_an_error() {
    let others = BTreeMap::from([(ClientId, "ding6ccabc44d2c8d38b".to_string())]);
    // Compared after cleaning: the label and newline do not hide the duplicate.
    let v = validate_in_context(CorpId, "CorpId: ding6ccabc44d2c8d38b\n", &others);
    assert!(!v.ok, "{v:?}");
    assert_eq!(v.code, Some(ErrorCode::WrongField));
    let m = v.message.expect("message");
    assert!(
        m.zh.contains(&ClientId.label().zh) && m.en.contains(&ClientId.label().en),
        "names the other box: {m:?}"
    );

    // And the other way round.
    let others = BTreeMap::from([(CorpId, "ding6ccabc44d2c8d38b".to_string())]);
    let v = validate_in_context(ClientId, "ding6ccabc44d2c8d38b", &others);
    assert_eq!(v.code, Some(ErrorCode::WrongField), "{v:?}");
    assert!(v.message.unwrap().en.contains(&CorpId.label().en));

    // Different values, or the same field itself, or an empty other box, are fine.
    let others = BTreeMap::from([
        (ClientId, "ding4vzvutha4q5gtg9q".to_string()),
        (CorpId, "ding6ccabc44d2c8d38b".to_string()),
        (AgentId, String::new()),
    ]);
    assert!(validate_in_context(CorpId, "ding6ccabc44d2c8d38b", &others).ok);
    assert!(validate_in_context(ClientId, "ding4vzvutha4q5gtg9q", &others).ok);
    let v = validate_in_context(AgentId, "836390886", &others);
    assert!(v.ok && v.warnings.is_empty(), "{v:?}");
}

#[test]
fn client_secret_equal_to_sso_secret_only_warns() {
    let others = BTreeMap::from([(SsoSecret, SECRET_A.to_string())]);
    let v = validate_in_context(ClientSecret, &format!("{SECRET_A}\n"), &others);
    assert!(v.ok, "{v:?}");
    assert_eq!(v.value, SECRET_A);
    let codes: Vec<_> = v.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, vec![WarningCode::SameAsOtherField]);
    assert!(
        v.warnings[0].message.en.contains("SSOsecret"),
        "{:?}",
        v.warnings[0].message
    );

    let others = BTreeMap::from([(ClientSecret, SECRET_A.to_string())]);
    let v = validate_in_context(SsoSecret, SECRET_A, &others);
    assert!(
        v.ok && v
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::SameAsOtherField),
        "{v:?}"
    );

    // A secret equal to a non-secret box is a real mix-up.
    let others = BTreeMap::from([(ClientId, SECRET_B.to_string())]);
    assert_eq!(
        validate_in_context(ClientSecret, SECRET_B, &others).code,
        Some(ErrorCode::WrongField)
    );
}

#[test]
fn messages_for_empty_boxes_say_where_to_look() {
    for field in Field::ALL {
        let v = validate(field, " \n");
        assert_eq!(v.code, Some(Empty), "{field}");
        let m = v.message.unwrap();
        assert!(
            m.zh.contains(&field.source().zh) && m.en.contains(&field.source().en),
            "{field}: {m:?}"
        );
    }
}
