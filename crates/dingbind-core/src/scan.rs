//! What the admin scans with DingTalk on a phone to see the binding work (docs/dingtalk/login.md,
//! docs/dingtalk/console.md#deep-links): the web-login URL for the platform's login callback, the
//! workbench deep link that opens the app, and the mobile home page with the CorpId filled in.
//! Each comes with what the admin should see after scanning and what it means when they don't —
//! the QR code alone proves nothing to a non-technical admin.
//!
//! URLs are built here and only here; the UI, the report and the CLI all show these.

use crate::field::Field;
use crate::i18n::Text;
use crate::qr;
use crate::urls::{GeneratedUrl, DINGTALK_CORPID};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The template URL the platform receives scan-login codes on.
pub const LOGIN_CALLBACK: &str = "login_callback";
/// The template URL of the mobile/workbench home page.
pub const HOME: &str = "home";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScanKind {
    WebLogin,
    Workbench,
    MobileHome,
}

impl ScanKind {
    pub const ALL: [ScanKind; 3] = [
        ScanKind::WebLogin,
        ScanKind::Workbench,
        ScanKind::MobileHome,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ScanKind::WebLogin => "web_login",
            ScanKind::Workbench => "workbench",
            ScanKind::MobileHome => "mobile_home",
        }
    }
}

/// One code to scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScanCode {
    pub kind: ScanKind,
    pub title: Text,
    /// The exact URL encoded in the QR code; `None` while a value it needs is missing.
    pub url: Option<String>,
    /// What is still needed before the code can be made.
    pub missing: Vec<Field>,
    /// What the admin should see after scanning.
    pub expect: Text,
    /// What they may see instead, each with what it means and where to fix it.
    pub if_not: Vec<Symptom>,
    /// The QR code as a PNG `data:` URL (for `<img>`); `None` with `url`.
    pub png: Option<String>,
}

/// One thing the admin may see instead of what they should: what it looks like, then what it
/// means and where to fix it. The scan page and the report show these as a list, one per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Symptom {
    /// What is on the phone, in a few words (「重定向错误」).
    pub seen: Text,
    /// Its cause and the fix, with the console path.
    pub means: Text,
}

fn symptom(seen: (&str, &str), means: (String, String)) -> Symptom {
    Symptom {
        seen: Text::new(seen.0, seen.1),
        means: Text::new(means.0, means.1),
    }
}

/// Where the codes point. `values` are valid, normalised field values; `urls` the generated URLs;
/// `login_base` DingTalk's login host (`DINGBIND_LOGIN_URL`, default `https://login.dingtalk.com`).
pub struct ScanInput<'a> {
    pub values: &'a BTreeMap<Field, String>,
    pub urls: &'a [GeneratedUrl],
    pub login_base: &'a str,
    /// The `state` of the login URL (echoed back to the platform's callback).
    pub state: &'a str,
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `{login}/oauth2/auth?redirect_uri=…&response_type=code&client_id=…&scope=openid%20corpid&state=…&prompt=consent`
/// — the parameters and their order as in DingTalk's tutorial
/// (docs/dingtalk/login.md#authorize-url). `openid corpid` (the space written `%20`, as DingTalk's
/// docs show) makes `userAccessToken` also return the `corpId` of the organisation the login was
/// made in: a CorpId proof that needs no permission (docs/dingtalk/login.md#code-exchange).
pub fn login_url(login_base: &str, client_id: &str, redirect_uri: &str, state: &str) -> String {
    format!(
        "{}/oauth2/auth?redirect_uri={}&response_type=code&client_id={}&scope=openid%20corpid&state={}&prompt=consent",
        login_base.trim_end_matches('/'),
        enc(redirect_uri),
        enc(client_id),
        enc(state),
    )
}

/// `dingtalk://dingtalkclient/action/openapp?…&app_id=0_<AgentId>&redirect_type=jump&redirect_url=…`
/// (docs/dingtalk/console.md#deep-links).
pub fn workbench_link(corp_id: &str, agent_id: &str, home: &str) -> String {
    format!(
        "dingtalk://dingtalkclient/action/openapp?corpid={}&container_type=work_platform&app_id=0_{}&redirect_type=jump&redirect_url={}",
        enc(corp_id),
        enc(agent_id),
        enc(home),
    )
}

/// Every scan code the template supports (a template without a login callback has no web-login
/// code; one without a home page has neither of the other two).
pub fn codes(input: &ScanInput) -> Vec<ScanCode> {
    let url_of = |name: &str| input.urls.iter().find(|u| u.name == name);
    let corp_name = input
        .values
        .get(&Field::CorpName)
        .map(String::as_str)
        .unwrap_or("");
    ScanKind::ALL
        .iter()
        .filter_map(|&kind| {
            let source = url_of(match kind {
                ScanKind::WebLogin => LOGIN_CALLBACK,
                _ => HOME,
            })?;
            let needs: &[Field] = match kind {
                ScanKind::WebLogin => &[Field::ClientId],
                ScanKind::Workbench => &[Field::CorpId, Field::AgentId],
                ScanKind::MobileHome => &[Field::CorpId],
            };
            let mut missing: Vec<Field> = source.missing.clone();
            missing.extend(needs.iter().filter(|f| !input.values.contains_key(f)));
            missing.sort();
            missing.dedup();
            let value = |f: Field| input.values.get(&f).map(String::as_str).unwrap_or("");
            let url = match (&source.url, missing.is_empty()) {
                (Some(target), true) => {
                    let home = target.replace(DINGTALK_CORPID, value(Field::CorpId));
                    Some(match kind {
                        ScanKind::WebLogin => login_url(
                            input.login_base,
                            value(Field::ClientId),
                            target,
                            input.state,
                        ),
                        ScanKind::Workbench => {
                            workbench_link(value(Field::CorpId), value(Field::AgentId), &home)
                        }
                        ScanKind::MobileHome => home,
                    })
                }
                _ => None,
            };
            let png = url.as_deref().and_then(|u| qr::png_data_url(u).ok());
            let host = source
                .url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default();
            let (title, expect, if_not) = captions(kind, corp_name, &host);
            Some(ScanCode {
                kind,
                title,
                url,
                missing,
                expect,
                if_not,
                png,
            })
        })
        .collect()
}

fn captions(kind: ScanKind, corp_name: &str, host: &str) -> (Text, Text, Vec<Symptom>) {
    let org_zh = if corp_name.is_empty() {
        "你的企业".to_owned()
    } else {
        format!("「{corp_name}」")
    };
    let org_en = if corp_name.is_empty() {
        "your organisation".to_owned()
    } else {
        format!("“{corp_name}”")
    };
    let s = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    match kind {
        ScanKind::WebLogin => (
            Text::new("网页扫码登录", "Web scan-to-login"),
            Text::new(
                format!("钉钉里出现授权确认页，显示{org_zh}；点「确认登录」后，页面跳到 {host} 并登录平台。"),
                format!("DingTalk shows a consent page naming {org_en}; after you confirm, the page goes on to {host} and signs you in to the platform."),
            ),
            vec![
                symptom(
                    ("显示「重定向错误」", "“重定向错误” (redirect error)"),
                    s(
                        "左侧菜单 › 开发配置 › 安全设置 › 重定向URL（回调域名）与扫码登录回调地址不一致：逐字比对，包括 http/https 和末尾斜杠。",
                        "left menu › 开发配置 › 安全设置 › 重定向URL（回调域名） (Dev config › Security settings › Redirect URL) does not match the scan-login callback URL exactly: compare http/https and the trailing slash.",
                    ),
                ),
                symptom(
                    ("显示「应用不存在」", "“应用不存在” (app does not exist)"),
                    s(
                        "Client ID 不对：回到「填写应用凭证」一步，从 更多 › 基本信息 › 开发信息（旧版）重新复制。",
                        "The Client ID is wrong: go back to the “Enter the app credentials” step and copy it again from More › Basic info › Developer info (old version).",
                    ),
                ),
                symptom(
                    ("平台提示不是本企业成员", "The platform says you are not a member"),
                    s(
                        "扫码的人不在这个企业：企业内部应用不支持跨组织登录，请换本企业的人扫码。",
                        "The person scanning is not in this organisation: internal apps do not allow cross-organisation login; scan with someone who is.",
                    ),
                ),
                symptom(
                    ("跳转后平台报错", "An error on the platform after the jump"),
                    s(
                        "平台服务器换取用户信息失败：把平台的报错发给平台技术人员，并用下一页「登录测试」定位。",
                        "The platform's server failed to read the user: send its message to the platform's engineers and use the next page, the login test, to pinpoint it.",
                    ),
                ),
            ],
        ),
        ScanKind::Workbench => (
            Text::new("在工作台打开应用", "Open the app in the workbench"),
            Text::new(
                format!("钉钉打开{org_zh}工作台里的这个应用，直接进入平台首页，并已用你的钉钉身份自动登录。"),
                format!("DingTalk opens this app from {org_en}'s workbench, straight onto the platform's home page, already signed in as you."),
            ),
            vec![
                symptom(
                    ("提示应用不存在或无权限", "“App does not exist” or no permission"),
                    s(
                        "应用还没发布，或你不在应用的可见范围：左侧菜单 › 应用发布 › 版本管理与发布。",
                        "The app is not published yet, or you are outside its visible range: left menu › 应用发布 › 版本管理与发布 (App release › Versions).",
                    ),
                ),
                symptom(
                    ("白屏或打不开", "A blank page, or it does not open"),
                    s(
                        "移动端首页地址不对，或手机访问不到平台服务器。",
                        "The Mobile homepage URL is wrong, or the phone cannot reach the platform's server.",
                    ),
                ),
                symptom(
                    ("出现平台的账号密码登录页", "The platform's own password page"),
                    s(
                        "免登没有成功：检查 CorpId、Client ID 和移动端首页地址。",
                        "In-app login failed: check the CorpId, the Client ID and the Mobile homepage URL.",
                    ),
                ),
            ],
        ),
        ScanKind::MobileHome => (
            Text::new("手机端首页", "Mobile home page"),
            Text::new(
                format!("钉钉内打开 {host} 的平台首页，并以你的钉钉身份自动登录。"),
                format!("DingTalk opens the platform's home page on {host} and signs you in with your DingTalk identity."),
            ),
            vec![
                symptom(
                    ("页面打不开", "The page does not open"),
                    (
                        format!("手机网络访问不到 {host}：内网地址、防火墙或证书问题。"),
                        format!("The phone cannot reach {host}: an intranet address, a firewall or a certificate problem."),
                    ),
                ),
                symptom(
                    ("打开了但要求输入账号密码", "It opens but asks for a password"),
                    s(
                        "免登没有成功：检查 CorpId 是否正确、应用是否已发布。",
                        "In-app login failed: check the CorpId and that the app is published.",
                    ),
                ),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::builtin;

    fn decode(data_url: &str) -> String {
        use base64::Engine;
        let b64 = data_url.strip_prefix("data:image/png;base64,").unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let img = image::load_from_memory(&bytes).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    fn values() -> BTreeMap<Field, String> {
        [
            (Field::Domain, "oa.example.com"),
            (Field::CorpId, "ding5084aa896d73d7f1"),
            (Field::CorpName, "示例科技"),
            (Field::AgentId, "3219876540"),
            (Field::ClientId, "dingq7x2k9m4v8n3p5r1"),
        ]
        .into_iter()
        .map(|(f, v)| (f, v.to_owned()))
        .collect()
    }

    fn seed_003_codes(values: &BTreeMap<Field, String>) -> Vec<ScanCode> {
        let template = builtin("yidianyun-private-cloud").unwrap();
        let urls = crate::urls::generate(template, values, &BTreeMap::new());
        codes(&ScanInput {
            values,
            urls: &urls,
            login_base: "https://login.dingtalk.com/",
            state: "dingbind 1",
        })
    }

    #[test]
    fn every_code_decodes_to_exactly_its_url() {
        let codes = seed_003_codes(&values());
        let urls: Vec<&str> = codes.iter().map(|c| c.url.as_deref().unwrap()).collect();
        assert_eq!(
            urls,
            [
                "https://login.dingtalk.com/oauth2/auth?redirect_uri=https%3A%2F%2Foa.example.com%2Fdingding%2Fdd_or_code_corp_list&response_type=code&client_id=dingq7x2k9m4v8n3p5r1&scope=openid%20corpid&state=dingbind+1&prompt=consent",
                "dingtalk://dingtalkclient/action/openapp?corpid=ding5084aa896d73d7f1&container_type=work_platform&app_id=0_3219876540&redirect_type=jump&redirect_url=https%3A%2F%2Foa.example.com%2Fdingding%2Fdingding_auth_corp%3FcorpId%3Dding5084aa896d73d7f1",
                "https://oa.example.com/dingding/dingding_auth_corp?corpId=ding5084aa896d73d7f1",
            ]
        );
        for c in &codes {
            assert_eq!(decode(c.png.as_deref().unwrap()), c.url.clone().unwrap());
        }
    }

    #[test]
    fn a_missing_value_names_what_is_needed_instead_of_a_code() {
        let mut v = values();
        v.remove(&Field::AgentId);
        let codes = seed_003_codes(&v);
        let workbench = codes
            .iter()
            .find(|c| c.kind == ScanKind::Workbench)
            .unwrap();
        assert_eq!(workbench.url, None);
        assert_eq!(workbench.png, None);
        assert_eq!(workbench.missing, [Field::AgentId]);
        assert!(codes
            .iter()
            .find(|c| c.kind == ScanKind::MobileHome)
            .unwrap()
            .url
            .is_some());
    }

    #[test]
    fn captions_name_the_org_and_host() {
        let codes = seed_003_codes(&values());
        assert!(codes[0].expect.zh.contains("「示例科技」"));
        assert!(codes[2].expect.en.contains("oa.example.com"));
        assert!(codes[2].if_not[0].means.zh.contains("oa.example.com"));
    }

    /// 如果不是这样 is a list: each item names what is seen and what it means, in both languages.
    #[test]
    fn if_not_is_a_list_of_symptoms() {
        for c in seed_003_codes(&values()) {
            assert!(c.if_not.len() >= 2, "{:?}", c.kind);
            for s in &c.if_not {
                for t in [&s.seen, &s.means] {
                    assert!(!t.zh.is_empty() && !t.en.is_empty(), "{:?}", c.kind);
                    assert!(!t.zh.contains('`') && !t.en.contains('`'));
                }
            }
        }
    }
}
