//! The checks against the platform itself rather than DingTalk: its domain (DNS, TLS), its URLs and
//! its event callback. Practice mode skips them: a scenario never contacts the real platform.

use super::{Blocked, Ctx};
use crate::checks::outcome::Outcome;
use crate::checks::{callback, network, plan, tls, CheckStatus};
use crate::field::Field;
use dingtalk::Exchange;

impl Ctx {
    fn practice_skip(&self) -> Option<Outcome> {
        self.practice.as_ref().map(|s| {
            Outcome::skipped(
                Vec::new(),
                format!("练习模式（场景「{}」）不连接你的平台", s.title.zh),
                format!(
                    "Practice mode (scenario “{}”) does not contact your platform",
                    s.title.en
                ),
            )
            .with("practice", true)
        })
    }

    pub(super) async fn domain(&self, id: &str) -> Outcome {
        if let Some(o) = self.practice_skip() {
            return o;
        }
        let Some(domain) = self.input.value(Field::Domain) else {
            return Outcome::missing(&[Field::Domain]);
        };
        if id == "domain.dns" {
            return network::dns(domain).await;
        }
        match network::dns(domain).await.status {
            CheckStatus::Ok => tls::check(domain, self.input.dingtalk.extra_ca_file.clone()).await,
            _ => self.blocked(&Blocked::Upstream("domain.dns".into())),
        }
    }

    pub(super) async fn url(&self, name: &str) -> (Outcome, Vec<Exchange>) {
        if let Some(o) = self.practice_skip() {
            return (o, Vec::new());
        }
        let Some(url) = self.input.urls.get(name) else {
            return (Outcome::missing(&[Field::Domain]), Vec::new());
        };
        network::url(&self.http, url, self.input.value(Field::CorpId)).await
    }

    /// What DingTalk does when the admin saves the event subscription: an encrypted `check_url`
    /// event to the platform, which must answer the encrypted "success".
    pub(super) async fn event_callback(&self) -> (Outcome, Vec<Exchange>) {
        if let Some(o) = self.practice_skip() {
            return (o, Vec::new());
        }
        let missing: Vec<Field> = [Field::ClientId, Field::EventToken, Field::AesKey]
            .into_iter()
            .filter(|f| {
                if f.is_secret() {
                    self.input.secret(*f).is_none()
                } else {
                    self.input.value(*f).is_none()
                }
            })
            .collect();
        let url = self.input.urls.get(plan::EVENT_URL);
        match (missing.is_empty(), url) {
            (true, Some(url)) => {
                callback::check_url(
                    &self.http,
                    url,
                    self.input.secret(Field::EventToken).unwrap_or_default(),
                    self.input.secret(Field::AesKey).unwrap_or_default(),
                    self.input.value(Field::ClientId).unwrap_or_default(),
                )
                .await
            }
            (true, None) => (Outcome::missing(&[Field::Domain]), Vec::new()),
            (false, _) => (Outcome::missing(&missing), Vec::new()),
        }
    }
}
