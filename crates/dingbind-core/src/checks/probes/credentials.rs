//! The app's credentials and identity: the access token, the IP whitelist a business call proves,
//! and whether the CorpId and AgentId belong to this app. Each says `ok` only on proof
//! (docs/dingtalk/endpoints.md says which answer proves what).

use super::{Blocked, Ctx, WHITELIST};
use crate::checks::outcome::{diagnose, Outcome};
use crate::checks::plan::TOKEN;
use crate::checks::CheckStatus;
use crate::diagnosis::{links, Diagnosis, DiagnosisCode, DiagnosisData};
use crate::field::Field;
use crate::i18n::Text;
use dingtalk::{ApiError, Exchange};

impl Ctx {
    pub(super) async fn credentials(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.token.clone().await;
        let outcome = match &f.result {
            Ok(()) => Outcome::ok(
                "Client ID 和 Client Secret 有效，已取得 access_token",
                "Client ID and Client Secret work: got an access_token",
            ),
            Err(Blocked::Api(e)) if diagnose(e).code == DiagnosisCode::IpNotWhitelisted => {
                self.blocked(&Blocked::Upstream(WHITELIST.into()))
            }
            Err(Blocked::Api(e)) => Outcome::error(e),
            Err(b) => self.blocked(b),
        };
        (outcome, f.trace)
    }

    /// Proves the 服务器出口IP whitelist with a business call every app may make (`/auth/scopes`,
    /// `qyapi_base`): DingTalk issues tokens to any IP as far as any public source shows, and
    /// refuses the calls made with them (docs/dingtalk/errors.md, 60020).
    pub(super) async fn whitelist(&self) -> (Outcome, Vec<Exchange>) {
        let token = self.token.clone().await;
        let ip_refused = |e: &ApiError| diagnose(e).code == DiagnosisCode::IpNotWhitelisted;
        match &token.result {
            // Should DingTalk check the IP at the token call after all, that is proof too.
            Err(Blocked::Api(e)) if ip_refused(e) => return (Outcome::error(e), token.trace),
            Err(b @ Blocked::Missing(_)) => return (self.blocked(b), token.trace),
            Err(_) => return (self.blocked(&Blocked::Upstream(TOKEN.into())), token.trace),
            Ok(()) => {}
        }
        let f = self.scopes.clone().await;
        let outcome = match &f.result {
            Ok(_) => Outcome::ok(
                "钉钉接受了这台电脑发出的业务接口调用：本机的出口IP在应用的白名单里（或应用没有设置白名单）。注意：这里验证的是运行向导这台电脑的出口IP；平台服务器的出口IP请在服务器上运行 dingbind check 验证。",
                "DingTalk accepted a business API call from this computer: its egress IP is on the app's whitelist (or the app has none). Note: this proves this computer's egress IP; run `dingbind check` on the platform's server to prove the server's.",
            ),
            Err(Blocked::Api(e)) if ip_refused(e) => Outcome::error(e),
            // Anything else proves nothing about the whitelist: say what DingTalk answered.
            Err(Blocked::Api(e)) => {
                let mut o = Outcome::diagnosed(CheckStatus::Warn, self.diagnose(e));
                o.message = Text::new(
                    format!("无法证明白名单：钉钉没有正常回答业务接口调用。{}", o.message.zh),
                    format!(
                        "The whitelist could not be proved: DingTalk did not answer the business call normally. {}",
                        o.message.en
                    ),
                );
                o
            }
            Err(b) => self.blocked(b),
        };
        (outcome, f.trace)
    }

    /// The CorpId-scoped token call takes the CorpId, so its success proves it. DingTalk answers a
    /// CorpId that is not the app's with a bare HTTP 500 `unknownError` (docs/dingtalk/errors.md),
    /// which alone is read as a likely wrong CorpId, not a proof. The last passed login asked for
    /// the `corpid` scope and names the organisation it was made in: the same CorpId is a second,
    /// permission-free proof; another one, with the token call refusing too, settles it as wrong.
    pub(super) async fn corp_id(&self) -> (Outcome, Vec<Exchange>) {
        let Some(corp_id) = self.input.value(Field::CorpId) else {
            return (Outcome::missing(&[Field::CorpId]), Vec::new());
        };
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let c = self.client();
        let (r, trace) = traced!(|t| c.corp_token(&mut t, corp_id));
        let login = self.input.login_corp_id.as_deref();
        let outcome = match r {
            Ok(_) => Outcome::ok(
                format!("CorpId {corp_id} 与这个应用匹配"),
                format!("CorpId {corp_id} matches this app"),
            ),
            Err(_) if login == Some(corp_id) => Outcome::ok(
                format!("CorpId {corp_id} 与这个应用匹配（登录测试时钉钉返回的也是它）"),
                format!("CorpId {corp_id} matches this app (the login test returned the same)"),
            ),
            Err(e) if is_transport(&e) => self.error(&e).await,
            Err(e) => match login {
                Some(actual) => wrong_corp_id(
                    CheckStatus::Fail,
                    self.diagnose(&e),
                    Text::new(
                        format!("CorpId 填错了：钉钉不接受 {corp_id}，而登录测试时钉钉返回的企业是 {actual}。"),
                        format!("The CorpId is wrong: DingTalk refuses {corp_id}, and the login test returned the organisation {actual}."),
                    ),
                    Text::new(
                        format!("把 CorpId 改成 {actual}，或在开发者后台首页 {} 核对后重新填写。", links::CONSOLE_HOME),
                        format!("Change the CorpId to {actual}, or check it on the developer console home page {} and enter it again.", links::CONSOLE_HOME),
                    ),
                )
                .with("login_corp_id", actual),
                None if is_unknown_500(&e) => wrong_corp_id(
                    CheckStatus::Warn,
                    self.diagnose(&e),
                    Text::new(
                        format!("钉钉对 CorpId {corp_id} 只回答了「未知错误」（HTTP 500）。钉钉对不属于这个应用的 CorpId 就是这样回答的，所以 CorpId 很可能填错了；也可能是钉钉临时故障。"),
                        format!("DingTalk answered CorpId {corp_id} with a bare “unknown error” (HTTP 500). That is how DingTalk answers a CorpId that is not this app's, so the CorpId is probably wrong; it can also be a passing DingTalk fault."),
                    ),
                    Text::new(
                        format!("打开开发者后台首页 {} ，确认右上角选的是这个应用所在的企业，复制首页显示的 CorpId 重新填写。也可以做一次「登录测试」：钉钉会在登录时告诉向导登录的是哪个企业，从而确认 CorpId。", links::CONSOLE_HOME),
                        format!("Open the developer console home page {} , make sure the organisation of this app is selected at the top right, and copy the CorpId shown there again. Or run the login test: at login DingTalk tells the wizard which organisation was signed in to, which settles the CorpId.", links::CONSOLE_HOME),
                    ),
                )
                .with("likely", DiagnosisCode::BadCorpId.as_str()),
                None => self.error(&e).await,
            },
        };
        (outcome, trace)
    }

    /// The app's own details (`/v1.0/microApp/app/detail`, token only) name its AgentId. Without
    /// them nothing else ties an AgentId to this app — an org-wide API would answer for any app's
    /// AgentId — so the admin is told where to compare by hand.
    pub(super) async fn agent_id(&self) -> (Outcome, Vec<Exchange>) {
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let c = self.client();
        let (r, trace) = traced!(|t| c.app_detail(&mut t));
        let by_hand = |why_zh: &str, why_en: &str| {
            let mut o = Outcome::manual(
                format!("无法自动确认 AgentId：{why_zh}请到开发者后台 › 这个应用 › 左侧菜单 › 基础信息 › 凭证与基础信息，确认页面上的 AgentId 是 {agent}。"),
                format!("The AgentId could not be confirmed automatically: {why_en} In the developer console open this app › left menu › 基础信息 › 凭证与基础信息 (Credentials) and make sure the AgentId shown is {agent}."),
            );
            o.fix_url = Some(links::CONSOLE_APPS.into());
            o
        };
        let outcome = match r {
            Ok(d) => match d.agent_id {
                Some(a) if a == agent => Outcome::ok(
                    match &d.name {
                        Some(n) => format!("AgentId {agent} 属于这个应用（{n}）"),
                        None => format!("AgentId {agent} 属于这个应用"),
                    },
                    match &d.name {
                        Some(n) => format!("AgentId {agent} belongs to this app ({n})"),
                        None => format!("AgentId {agent} belongs to this app"),
                    },
                ),
                Some(actual) => {
                    let mut o = Outcome::diagnosed(
                        CheckStatus::Fail,
                        Diagnosis::new(
                            DiagnosisCode::BadAgentId,
                            None,
                            DiagnosisData::default(),
                            None,
                        ),
                    );
                    o.message = Text::new(
                        format!("AgentId 填错了：钉钉说这个应用的 AgentId 是 {actual}，填写的是 {agent}。"),
                        format!("The AgentId is wrong: DingTalk says this app's AgentId is {actual}, but {agent} was entered."),
                    );
                    o.with("actual_agent_id", actual)
                }
                None => by_hand(
                    "钉钉返回的应用详情里没有 AgentId。",
                    "DingTalk's app details carry no AgentId.",
                ),
            },
            Err(e) if is_transport(&e) => self.error(&e).await,
            Err(e) => {
                let d = self.diagnose(&e);
                if d.code == DiagnosisCode::IpNotWhitelisted {
                    self.error(&e).await
                } else {
                    let mut o = by_hand(
                        "钉钉没有给出应用详情。",
                        "DingTalk did not give the app's details.",
                    );
                    o.original = d.original;
                    o.with("diagnosis", d.code.as_str())
                }
            }
        };
        (outcome, trace)
    }
}

/// A CorpId judged wrong from the token call's refusal (kept as DingTalk's words) and what else is
/// known, with the console home page, where the CorpId is shown, as the fix.
fn wrong_corp_id(status: CheckStatus, refusal: Diagnosis, message: Text, fix: Text) -> Outcome {
    let mut o = Outcome::diagnosed(status, refusal);
    o.code = Some(DiagnosisCode::BadCorpId);
    o.message = message;
    o.fix = Some(fix);
    o.fix_url = Some(links::CONSOLE_HOME.into());
    o
}

/// HTTP 500 `unknownError`: what the CorpId-scoped token call answers for a foreign CorpId.
fn is_unknown_500(e: &ApiError) -> bool {
    matches!(e, ApiError::New { http_status: 500, code, .. } if code.eq_ignore_ascii_case("unknownError"))
}

/// No answer from DingTalk at all: a network problem, reported as such.
pub(super) fn is_transport(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Timeout(_)
            | ApiError::Dns(_)
            | ApiError::Tls(_)
            | ApiError::Connect(_)
            | ApiError::Cancelled
            | ApiError::UnexpectedResponse { .. }
            | ApiError::HttpStatus { .. }
    )
}
