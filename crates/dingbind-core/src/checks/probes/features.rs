//! The features the platform uses beyond the contact directory: a test work message (sent and its
//! delivery read back), the SSOsecret (admin-console login) and the attendance groups.

use super::Ctx;
use crate::checks::outcome::Outcome;
use crate::checks::CheckStatus;
use crate::diagnosis::DiagnosisCode;
use crate::field::Field;
use dingtalk::{Credentials, DingTalk, Exchange};

impl Ctx {
    pub(super) async fn message(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let agent = match self.agent() {
            Ok(a) => a,
            Err(o) => return (o, Vec::new()),
        };
        let Some(userid) = self
            .input
            .options
            .message_userid
            .clone()
            .filter(|u| !u.trim().is_empty())
        else {
            return (
                Outcome::skipped(Vec::new(), "没有填写接收人", "No recipient given"),
                Vec::new(),
            );
        };
        let c = self.client();
        let mut trace = Vec::new();
        // Identical content to the same person is dropped silently once a day (143106): stamp it.
        let stamp = crate::store::now();
        let text = format!("【钉钉绑定向导】测试消息 / Dingbind test message · {stamp}");
        let task = match c
            .send_text(&mut trace, agent, &[userid.as_str()], &text)
            .await
        {
            Ok(t) => t,
            Err(e) => return (self.error(&e).await, trace),
        };
        let mut last = None;
        for _ in 0..4 {
            match c.send_result(&mut trace, agent, task).await {
                Ok(r) => {
                    let settled = [
                        &r.read_user_id_list,
                        &r.unread_user_id_list,
                        &r.invalid_user_id_list,
                        &r.forbidden_user_id_list,
                        &r.failed_user_id_list,
                    ]
                    .iter()
                    .any(|l| l.contains(&userid))
                        || !r.forbidden_list.is_empty();
                    last = Some(r);
                    if settled {
                        break;
                    }
                }
                Err(e) => return (self.error(&e).await, trace),
            }
            tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        }
        let r = last.unwrap_or_default();
        let o = if r.read_user_id_list.contains(&userid) {
            Outcome::ok(
                format!("{userid} 已收到并已读测试消息"),
                format!("{userid} received and read the test message"),
            )
        } else if r.unread_user_id_list.contains(&userid) {
            Outcome::ok(
                format!("{userid} 已收到测试消息（未读）"),
                format!("{userid} received the test message (unread)"),
            )
        } else if r.invalid_user_id_list.contains(&userid) {
            Outcome::of(
                CheckStatus::Fail,
                DiagnosisCode::UserNotInOrg,
                Default::default(),
            )
        } else if r.failed_user_id_list.contains(&userid) {
            // UNCONFIRMED which recipients DingTalk files as failed; one outside the app's visible
            // range is the likeliest (docs/dingtalk/endpoints.md, getsendresult).
            let mut o = Outcome::new(
                CheckStatus::Warn,
                crate::Text::new(
                    format!("测试消息没有发给 {userid}（钉钉记为发送失败）：最常见的原因是这个人不在应用的可见范围里。"),
                    format!("The test message was not delivered to {userid} (DingTalk lists it as failed): most often the person is outside the app's visible range."),
                ),
            );
            o.fix = Some(crate::Text::new(
                "在 左侧菜单 › 应用发布 › 版本管理与发布 中确认可见范围包含这个人，或换一个可见范围内的人重新测试。",
                "Make sure the visible range under left menu › 应用发布 › 版本管理与发布 (App release › Versions) includes this person, or test with someone inside it.",
            ));
            o.fix_url = Some(crate::diagnosis::links::CONSOLE_APPS.into());
            o
        } else if r.forbidden_user_id_list.contains(&userid) || !r.forbidden_list.is_empty() {
            let codes: Vec<String> = r.forbidden_list.iter().map(|f| f.code.clone()).collect();
            let mut o = Outcome::of(
                CheckStatus::Warn,
                DiagnosisCode::MessageThrottled,
                Default::default(),
            );
            o.original = Some(codes.join(", "));
            o
        } else {
            Outcome::new(
                CheckStatus::Warn,
                crate::Text::new(
                    "消息已提交，但暂未查到送达结果",
                    "Sent, but no delivery result yet",
                ),
            )
        };
        (o.with("task_id", task).with("userid", userid), trace)
    }

    pub(super) async fn sso(&self) -> (Outcome, Vec<Exchange>) {
        let mut missing = Vec::new();
        if self.input.value(Field::CorpId).is_none() {
            missing.push(Field::CorpId);
        }
        if self.input.secret(Field::SsoSecret).is_none() {
            missing.push(Field::SsoSecret);
        }
        if !missing.is_empty() {
            return (Outcome::missing(&missing), Vec::new());
        }
        // SSO needs no app credentials, only the org's CorpId and SSOsecret.
        let creds = Credentials {
            client_id: String::new(),
            client_secret: String::new(),
        };
        let c = match DingTalk::new(self.input.dingtalk.clone(), creds) {
            Ok(c) => c,
            Err(e) => return (Outcome::error(&e), Vec::new()),
        };
        let corp = self.input.value(Field::CorpId).unwrap_or_default();
        let secret = self
            .input
            .secret(Field::SsoSecret)
            .unwrap_or_default()
            .to_string();
        let (r, t) = traced!(|t| c.sso_token(&mut t, corp, &secret));
        let o = match r {
            Ok(_) => Outcome::ok(
                "SSOsecret 有效（管理后台免登可用）",
                "The SSOsecret works (admin-console login)",
            ),
            Err(e) => {
                let mut o = Outcome::error(&e);
                if o.code == Some(DiagnosisCode::BadCredentials) {
                    // The shared text speaks of Client ID + Secret; here the pair is CorpId + SSOsecret.
                    o.message = crate::Text::new(
                        "钉钉不认这个 SSOsecret：它填错了、复制不完整，或与这个 CorpId 不属于同一企业。",
                        "DingTalk rejects this SSOsecret: it is wrong, copied incompletely, or belongs to another organisation than this CorpId.",
                    );
                    o.fix = Some(crate::Text::new(
                        "重新复制 SSOsecret：开发者后台 › 更多 › 基本信息 › 开发信息（旧版），点击“查看”。它属于整个企业，不是 Client Secret。",
                        "Copy the SSOsecret again: developer console › More › Basic info › Developer info (old) (更多 › 基本信息 › 开发信息（旧版）), click “view”. It belongs to the organisation; it is not the Client Secret.",
                    ));
                    o.fix_url = Some("https://open-dev.dingtalk.com/fe/old#/corpAuthInfo".into());
                }
                o
            }
        };
        (o, t)
    }

    pub(super) async fn attendance(&self) -> (Outcome, Vec<Exchange>) {
        if let Err(o) = self.token().await {
            return (o, Vec::new());
        }
        let c = self.client();
        let (r, t) = traced!(|t| c.attendance_groups(&mut t));
        let o = match r {
            Ok(groups) => Outcome::ok(
                format!("可以读取 {} 个考勤组", groups.len()),
                format!("{} attendance groups readable", groups.len()),
            )
            .with("count", groups.len()),
            Err(e) => self.error(&e).await,
        };
        (o, t)
    }
}
