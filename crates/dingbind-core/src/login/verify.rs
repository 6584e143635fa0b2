//! From the browser's callback to the result, in the order a platform does it (reference §7a, the
//! Casdoor flow): the `state` must be this login's (else the code is never used: CSRF), the code is
//! exchanged for a user token, the profile read with it (`Contact.User.Read`), and the person
//! looked up in this organisation with the app token (`getbyunionid`: 60121 = not a member;
//! internal apps allow no cross-organisation login), then named (`v2/user/get`). Each step that
//! fails says which step it was before the diagnosis's cause.

use super::loopback::Callback;
use super::result::{diagnosed, exchange, plain, with_trace};
use super::LoginSession;
use crate::checks::diagnose;
use crate::checks::{CheckResult, CheckStatus};
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::i18n::Text;
use dingtalk::{ApiError, Trace};

/// The scope `contact/users/me` needs (reference §7 prerequisites).
const CONTACT_USER_READ: &str = "Contact.User.Read";

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
    // Whatever happens next, the result says who confirmed the login.
    let who = |mut r: CheckResult| {
        r.data.insert("nick".into(), nick.clone().into());
        r.data.insert("unionid".into(), me.union_id.clone().into());
        r
    };
    let userid = match c.userid_by_unionid(&mut trace, &me.union_id).await {
        Ok(id) => id,
        Err(e) if diagnose(&e).code == DiagnosisCode::UserNotInOrg => {
            return who(not_in_org(&nick, s.corp_name.as_deref(), &e, trace, url));
        }
        Err(e) => return who(step_failed(Step::Lookup, &e, trace, url)),
    };
    let corp = s.corp_name.as_deref();
    let (name, warning) = match c.user_get(&mut trace, &userid).await {
        Ok(u) => (
            u.name.filter(|n| !n.is_empty()).unwrap_or(nick.clone()),
            None,
        ),
        Err(e) => (nick.clone(), Some(e)),
    };
    let signed_in = signed_in(&name, &userid, corp);
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
    who(with_trace(r, trace))
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
    let mut r = diagnosed(CheckStatus::Fail, d, url);
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
