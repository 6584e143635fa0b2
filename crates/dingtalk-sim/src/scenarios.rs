//! The ready-made scenarios, embedded in the binary, and the credential values they share.
//!
//! Every built-in scenario uses the same Client ID, Client Secret, AgentId, CorpId and SSOsecret
//! (the constants below), so a test or a practice-mode user enters them once and switches
//! scenarios freely. Three scenarios deliberately disagree with what is entered: `wrong-secret`
//! holds a different real Client Secret, `wrong-corp-id` belongs to a different real CorpId, and
//! in `wrong-agent-id` the app's real AgentId differs.

use crate::error::{Result, SimError};
use crate::scenario::Scenario;

/// CorpId to enter (the org's real CorpId in every scenario except `wrong-corp-id`).
pub const CORP_ID: &str = "ding5084aa896d73d7f1";
/// Organisation name of the simulated org.
pub const CORP_NAME: &str = "示例科技（杭州）有限公司";
/// Client ID (原 AppKey) to enter.
pub const CLIENT_ID: &str = "dingq7x2k9m4v8n3p5r1";
/// Client Secret (原 AppSecret) to enter (the real one everywhere except `wrong-secret`).
pub const CLIENT_SECRET: &str = "546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er";
/// AgentId to enter.
pub const AGENT_ID: i64 = 3_219_876_540;
/// SSOsecret to enter.
pub const SSO_SECRET: &str = "S8A3Iw8vG1aXCcLGjivXLdwEJyFu9Bi5zoT8KC1oDCiKtaFcD42LRMbiC7Tz4ksm";
/// The egress IP DingTalk "sees" (TEST-NET-3 documentation address).
pub const EGRESS_IP: &str = "203.0.113.45";
/// The registered login redirect URI (the wizard's `login_callback` for domain `oa.example.com`).
pub const REDIRECT_URL: &str = "https://oa.example.com/dingding/dd_or_code_corp_list";
/// The redirect URI of the wizard's own login test (`dingbind_core::login::redirect_url` on its
/// default port), registered in every built-in scenario so practice mode can run it.
pub const LOGIN_TEST_REDIRECT_URL: &str = "http://127.0.0.1:27180/dingbind/login";
/// The org admin who auto-consents on the login page.
pub const ADMIN_USERID: &str = "manager4220";
/// That admin's unionId.
pub const ADMIN_UNIONID: &str = "NsRoRfYn3D52NT3swpuBwAcE";
/// `wrong-secret`: the app's real Client Secret, which differs from [`CLIENT_SECRET`].
pub const WRONG_SECRET_REAL_SECRET: &str =
    "xqeuDwSTKTSg8J2sYiOvKc6KHBHzcI8RA-SimuLy7rZcsXRCvQfLVlVagJf2-DSG";
/// `wrong-corp-id`: the org's real CorpId. The admin's "wrong CorpId" is [`CORP_ID`].
pub const WRONG_CORP_ID_REAL_CORP_ID: &str = "ding5b5541a0b29264d5";
/// `wrong-agent-id`: the app's real AgentId. The admin's "wrong AgentId" is [`AGENT_ID`].
pub const WRONG_AGENT_ID_REAL_AGENT_ID: i64 = 3_219_870_017;
/// `external-contact-login`: the unionId of the external contact who logs in.
pub const EXTERNAL_CONTACT_UNIONID: &str = "Zm8Qw2ExtC0ntactUn10n77";
/// `external-contact-login`: the userid `getbyunionid` answers for them (`contact_type: 1`).
pub const EXTERNAL_CONTACT_USERID: &str = "ext_zhoumin_01";
/// `role-visible-range`: the role (主管) in the app's visible range.
pub const ROLE_ID: i64 = 3_057_001;
/// `microapp-manage-granted`: the AgentId of the org's second app (考勤打卡助手).
pub const OTHER_APP_AGENT_ID: i64 = 3_219_876_599;

const BUILTIN: &[(&str, &str)] = &[
    ("healthy", include_str!("../scenarios/healthy.toml")),
    (
        "wrong-secret",
        include_str!("../scenarios/wrong-secret.toml"),
    ),
    (
        "wrong-corp-id",
        include_str!("../scenarios/wrong-corp-id.toml"),
    ),
    (
        "missing-contact-scope",
        include_str!("../scenarios/missing-contact-scope.toml"),
    ),
    (
        "missing-todo-scope",
        include_str!("../scenarios/missing-todo-scope.toml"),
    ),
    (
        "ip-not-whitelisted",
        include_str!("../scenarios/ip-not-whitelisted.toml"),
    ),
    (
        "narrow-visible-range",
        include_str!("../scenarios/narrow-visible-range.toml"),
    ),
    (
        "ranges-differ",
        include_str!("../scenarios/ranges-differ.toml"),
    ),
    (
        "rate-limited",
        include_str!("../scenarios/rate-limited.toml"),
    ),
    (
        "flaky-network",
        include_str!("../scenarios/flaky-network.toml"),
    ),
    (
        "external-contact-login",
        include_str!("../scenarios/external-contact-login.toml"),
    ),
    (
        "wrong-agent-id",
        include_str!("../scenarios/wrong-agent-id.toml"),
    ),
    (
        "role-visible-range",
        include_str!("../scenarios/role-visible-range.toml"),
    ),
    (
        "microapp-manage-granted",
        include_str!("../scenarios/microapp-manage-granted.toml"),
    ),
    (
        "stream-gateway-refused",
        include_str!("../scenarios/stream-gateway-refused.toml"),
    ),
];

/// The annotated example that documents every key (not a built-in; parsed by the tests).
pub const EXAMPLE_TOML: &str = include_str!("../scenarios/example.toml");

/// Names of the built-in scenarios.
pub fn names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

/// The TOML text of a built-in scenario.
pub fn builtin_toml(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A built-in scenario, parsed. `None` for unknown names (built-ins always parse; tests check).
pub fn builtin(name: &str) -> Option<Scenario> {
    builtin_toml(name).and_then(|text| Scenario::from_toml_str(text).ok())
}

/// A scenario file path, or else a built-in name.
pub fn resolve(file_or_name: &str) -> Result<Scenario> {
    let path = std::path::Path::new(file_or_name);
    if path.is_file() {
        return Scenario::load(path);
    }
    builtin(file_or_name).ok_or_else(|| SimError::UnknownScenario {
        name: file_or_name.to_owned(),
        known: names().join(", "),
    })
}
