//! From the browser's callback to the result, in the order a platform does it
//! (docs/dingtalk/login.md, the Casdoor flow): the `state` must be this login's (else the code is
//! never used: CSRF), the code is exchanged for a user token, the profile read with it
//! (`Contact.User.Read`), and the person looked up in this organisation with the app token
//! (`getbyunionid`: 60121 = not a member; internal apps allow no cross-organisation login;
//! `contact_type` 1 = an external contact of the org, not a member either), then named
//! (`v2/user/get`). Each step that fails says which step it was before the diagnosis's cause. The
//! login asks for `openid corpid`, so the exchange also names the organisation the login was made
//! in (`corpId`): equal to the profile's CorpId, that proves the CorpId without any permission;
//! different, the login fails as a wrong CorpId (docs/dingtalk/login.md#code-exchange).

use super::loopback::Callback;
use super::result::{diagnosed, exchange, plain, with_trace};
use super::LoginSession;
use crate::checks::{diagnose, failure_status};
use crate::checks::{CheckResult, CheckStatus};
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::i18n::Text;
use dingtalk::{ApiError, Trace};

/// The scope `contact/users/me` needs (docs/dingtalk/login.md#the-login-round-trip).
const CONTACT_USER_READ: &str = "Contact.User.Read";

/// `data` key: the `corpId` DingTalk returned for the login (kept with the login record, read back
/// as `CheckInput::login_corp_id`).
pub const LOGIN_CORP_ID: &str = "login_corp_id";
/// `data` key: `true` when that `corpId` equals the profile's CorpId.
pub const CORP_ID_PROVED: &str = "corp_id_proved";

/// The verdict on one callback, with the callback itself first in the trace (its code redacted).
pub(super) async fn verify(s: &LoginSession, cb: &Callback) -> CheckResult {
    let mut r = check(s, cb).await;
    r.trace.insert(0, exchange("GET", &cb.url, None, None));
    r
}

async fn check(s: &LoginSession, cb: &Callback) -> CheckResult {
    let url = s.redirect_url.as_str();
    if cb.state.as_deref() != Some(s.state.as_str()) {
        return diagnosed(
            CheckStatus::Fail,
            Diagnosis::of(DiagnosisCode::StateMismatch),
            url,
        );
    }
    let Some(code) = cb.code.as_deref() else {
        let d = Diagnosis::new(
            DiagnosisCode::AuthCodeInvalid,
            None,
            DiagnosisData::default(),
            cb.error.clone(),
        );
        let mut r = diagnosed(CheckStatus::Fail, d, url);
        r.message = Text::new(
            "浏览器回到了向导，但回调里没有授权码（code）：可能在手机上取消了授权，或者这个地址是直接打开的，而不是从钉钉登录页跳回来的。",
            "The browser came back to the wizard, but the callback carried no login code: the login may have been declined on the phone, or the address was opened directly rather than reached from DingTalk's login page.",
        );
        return r;
    };

    let mut trace = Trace::new();
    let c = &s.client;
    let token = match c.user_access_token(&mut trace, code).await {
        Ok(t) => t,
        Err(e) => return step_failed(Step::Exchange, &e, trace, url),
    };
    let me = match c.contact_me(&mut trace, &token.access_token).await {
        Ok(me) => me,
        Err(e) => return step_failed(Step::Profile, &e, trace, url),
    };
    let nick = me.nick.clone();
    let login_corp = token.corp_id.filter(|c| !c.trim().is_empty());
    // Whatever happens next, the result says who confirmed the login, and in which organisation.
    let who = |mut r: CheckResult| {
        r.data.insert("nick".into(), nick.clone().into());
        r.data.insert("unionid".into(), me.union_id.clone().into());
        if let Some(corp) = &login_corp {
            r.data.insert(LOGIN_CORP_ID.into(), corp.clone().into());
        }
        r
    };
    let found = match c.userid_by_unionid(&mut trace, &me.union_id).await {
        Ok(found) => found,
        Err(e) if diagnose(&e).code == DiagnosisCode::UserNotInOrg => {
            return who(not_in_org(&nick, s.corp_name.as_deref(), &e, trace, url));
        }
        Err(e) => return who(step_failed(Step::Lookup, &e, trace, url)),
    };
    if found.is_external_contact() {
        let r = external_contact(&nick, s.corp_name.as_deref(), trace, url);
        return who(r);
    }
    let userid = found.userid;
    let corp = s.corp_name.as_deref();
    let (name, warning) = match c.user_get(&mut trace, &userid).await {
        Ok(u) => (
            u.name.filter(|n| !n.is_empty()).unwrap_or(nick.clone()),
            None,
        ),
        Err(e) => (nick.clone(), Some(e)),
    };
    let signed_in = signed_in(&name, &userid, corp);
    if let (Some(returned), Some(entered)) = (login_corp.as_deref(), s.corp_id.as_deref()) {
        if returned != entered {
            let mut r = other_corp(&signed_in, returned, entered, url);
            r.data.insert("userid".into(), userid.into());
            return who(with_trace(r, trace));
        }
    }
    let mut r = match warning {
        None => plain(CheckStatus::Ok, signed_in, url),
        Some(e) => {
            let mut r = diagnosed(CheckStatus::Warn, diagnose(&e), url);
            r.message = Text::new(
                format!(
                    "{}。但读取成员详情（topapi/v2/user/get）失败：{}",
                    signed_in.zh, r.message.zh
                ),
                format!(
                    "{}. But reading the member's details (topapi/v2/user/get) failed: {}",
                    signed_in.en, r.message.en
                ),
            );
            r
        }
    };
    r.data.insert("userid".into(), userid.into());
    if let Some(corp) = corp {
        r.data.insert("corp_name".into(), corp.into());
    }
    if login_corp.is_some() && login_corp == s.corp_id {
        r.data.insert(CORP_ID_PROVED.into(), true.into());
    }
    who(with_trace(r, trace))
}

/// DingTalk made the login in another organisation than the CorpId entered: the CorpId is wrong,
/// or the person who scanned picked another of their organisations on the phone.
fn other_corp(signed_in: &Text, returned: &str, entered: &str, url: &str) -> CheckResult {
    let d = Diagnosis::of(DiagnosisCode::BadCorpId);
    let mut r = diagnosed(CheckStatus::Fail, d, url);
    r.message = Text::new(
        format!("{}，但钉钉说这次登录所在企业的 CorpId 是 {returned}，而向导里填的 CorpId 是 {entered}：填的 CorpId 多半不是这个应用所属企业的。", signed_in.zh),
        format!("{}, but DingTalk says this login was made in the organisation with CorpId {returned}, while the CorpId entered in the wizard is {entered}: the CorpId entered is most likely not that of the organisation this app belongs to.", signed_in.en),
    );
    if let Some(fix) = r.fix.as_mut() {
        fix.zh = format!("如果扫码的人属于多个企业、在手机上选了别的企业，请重新测试并选择本企业；否则把 CorpId 改成 {returned}（先在开发者后台首页核对）。{}", fix.zh);
        fix.en = format!("If the person who scanned belongs to several organisations and picked another one on the phone, test again and pick this one; otherwise change the CorpId to {returned} (check it on the developer console home page first). {}", fix.en);
    }
    r.data.insert("corp_id".into(), entered.into());
    r
}

/// `已登录：王建国 (manager4220) · 示例科技（杭州）有限公司`.
fn signed_in(name: &str, userid: &str, corp: Option<&str>) -> Text {
    let corp = corp.map_or(String::new(), |c| format!(" · {c}"));
    Text::new(
        format!("已登录：{name} ({userid}){corp}"),
        format!("Signed in: {name} ({userid}){corp}"),
    )
}

#[derive(Clone, Copy)]
enum Step {
    Exchange,
    Profile,
    Lookup,
}

impl Step {
    fn name(self) -> (&'static str, &'static str) {
        match self {
            Step::Exchange => (
                "用授权码换取用户身份（userAccessToken）",
                "exchanging the login code for the user's identity (userAccessToken)",
            ),
            Step::Profile => (
                "读取登录用户的资料（contact/users/me）",
                "reading the signed-in user's profile (contact/users/me)",
            ),
            Step::Lookup => (
                "在本企业通讯录里查找这个用户（getbyunionid）",
                "looking the user up in this organisation (getbyunionid)",
            ),
        }
    }
}

fn step_failed(step: Step, e: &ApiError, trace: Trace, url: &str) -> CheckResult {
    let mut d = diagnose(e);
    // The profile needs Contact.User.Read even when DingTalk does not name it.
    if matches!(step, Step::Profile)
        && d.code == DiagnosisCode::MissingScope
        && d.data.required_scopes.is_empty()
    {
        let mut data = d.data.clone();
        data.required_scopes = vec![CONTACT_USER_READ.into()];
        d = d.with_data(data);
    }
    let mut r = diagnosed(failure_status(d.code), d, url);
    let (zh, en) = step.name();
    r.message = Text::new(
        format!("收到了登录回调，但{zh}时出错：{}", r.message.zh),
        format!(
            "The login callback arrived, but {en} failed: {}",
            r.message.en
        ),
    );
    with_trace(r, trace)
}

/// `contact_type` 1: the person is an external contact (企业外部联系人) of this organisation, which
/// getbyunionid also answers with a userid, but not a member.
fn external_contact(nick: &str, corp: Option<&str>, trace: Trace, url: &str) -> CheckResult {
    let mut r = diagnosed(
        CheckStatus::Fail,
        Diagnosis::of(DiagnosisCode::UserNotInOrg),
        url,
    );
    let (corp_zh, corp_en) = corp.map_or((String::new(), String::new()), |c| {
        (format!("（{c}）"), format!(" ({c})"))
    });
    let (zh, en) = Step::Lookup.name();
    r.message = Text::new(
        format!("「{nick}」在钉钉确认了登录，但{zh}时发现：他是本企业{corp_zh}的外部联系人（contact_type 1），不是企业成员。企业内部应用只允许本企业的成员登录。"),
        format!("“{nick}” confirmed the login in DingTalk, but {en} shows an external contact of this organisation{corp_en} (contact_type 1), not a member. Internal apps only let members of the organisation log in."),
    );
    r.data.insert("contact_type".into(), 1.into());
    with_trace(r, trace)
}

/// 60121: the person confirmed the login but is not a member of this organisation.
fn not_in_org(
    nick: &str,
    corp: Option<&str>,
    e: &ApiError,
    trace: Trace,
    url: &str,
) -> CheckResult {
    let d = diagnose(e);
    let code = d.errcode.clone().unwrap_or_default();
    let mut r = diagnosed(CheckStatus::Fail, d, url);
    let (corp_zh, corp_en) = corp.map_or((String::new(), String::new()), |c| {
        (format!("（{c}）"), format!(" ({c})"))
    });
    r.message = Text::new(
        format!("「{nick}」在钉钉确认了登录，但不是本企业{corp_zh}的成员（错误码 {code}）。企业内部应用不支持跨组织登录：只有本企业的成员才能用它登录。"),
        format!("“{nick}” confirmed the login in DingTalk but is not a member of this organisation{corp_en} (error code {code}). Internal apps do not allow cross-organisation login: only members of this organisation can log in with it."),
    );
    with_trace(r, trace)
}
