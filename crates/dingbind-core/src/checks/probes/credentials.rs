//! The app's credentials and identity: the access token, the IP whitelist it proves, and whether
//! the CorpId and AgentId belong to this app.

use super::{Blocked, Ctx};
use crate::checks::outcome::{diagnose, Outcome};
use crate::checks::plan::TOKEN;
use crate::diagnosis::DiagnosisCode;
use crate::field::Field;
use dingtalk::{ApiError, DingTalk, Exchange};
use std::sync::Arc;

impl Ctx {
    pub(super) async fn credentials(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.token.clone().await;
        let outcome = match &f.result {
            Ok(()) => Outcome::ok(
                "Client ID 和 Client Secret 有效，已取得 access_token",
                "Client ID and Client Secret work: got an access_token",
            ),
            Err(Blocked::Api(e)) if diagnose(e).code == DiagnosisCode::IpNotWhitelisted => {
                self.blocked(&Blocked::Upstream("network.ip_whitelist".into()))
            }
            Err(b) => self.blocked(b),
        };
        (outcome, f.trace)
    }

    pub(super) async fn whitelist(&self) -> (Outcome, Vec<Exchange>) {
        let f = self.token.clone().await;
        let outcome = match &f.result {
            Ok(()) => Outcome::ok(
                "钉钉接受了本机的请求。注意：这里检查的是运行向导这台电脑的出口IP；平台服务器的出口IP请在服务器上运行 dingbind check 验证。",
                "DingTalk accepted requests from this machine. Note: this proves this computer's egress IP; run `dingbind check` on the platform's server to prove the server's.",
            ),
            Err(Blocked::Api(e)) if diagnose(e).code == DiagnosisCode::IpNotWhitelisted => Outcome::error(e),
            Err(b @ Blocked::Missing(_)) => self.blocked(b),
            Err(_) => self.blocked(&Blocked::Upstream(TOKEN.into())),
        };
        (outcome, f.trace)
    }

    /// A check that is one call once the token is there: `ok` when it answers, its diagnosis when not.
    async fn one_call<T, F, Fut>(&self, call: F, ok: Outcome) -> (Outcome, Vec<Exchange>)
    where
        F: FnOnce(Arc<DingTalk>) -> Fut,
        Fut: std::future::Future<Output = (Result<T, ApiError>, Vec<Exchange>)>,
    {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let (r, t) = call(self.client()).await;
        (r.map_or_else(|e| Outcome::error(&e), |_| ok), t)
    }

    pub(super) async fn corp_id(&self) -> (Outcome, Vec<Exchange>) {
        let Some(corp_id) = self.input.value(Field::CorpId) else {
            return (Outcome::missing(&[Field::CorpId]), Vec::new());
        };
        let ok = Outcome::ok(
            format!("CorpId {corp_id} 与这个应用匹配"),
            format!("CorpId {corp_id} matches this app"),
        );
        self.one_call(
            |c| async move { traced!(|t| c.corp_token(&mut t, corp_id)) },
            ok,
        )
        .await
    }

    pub(super) async fn agent_id(&self) -> (Outcome, Vec<Exchange>) {
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let ok = Outcome::ok(
            format!("AgentId {agent} 属于这个应用"),
            format!("AgentId {agent} belongs to this app"),
        );
        self.one_call(
            |c| async move { traced!(|t| c.visible_scopes(&mut t, agent)) },
            ok,
        )
        .await
    }
}
