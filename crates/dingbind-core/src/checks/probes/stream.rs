//! Stream mode (Stream 模式推送): the platform opens one WebSocket to DingTalk and receives its
//! events over it. The check asks the Stream gateway for a connection (`connections/open`, the
//! first step of every Stream client, docs/dingtalk/endpoints.md#stream-gateway) with the app's
//! Client ID and Client Secret, and stops there: it never connects with the endpoint and ticket it
//! gets, so the platform's own connection is never disturbed. Ok needs a well-formed endpoint and
//! ticket; 401 `authFailed` and the gateway's 400 `systemError` fail; anything else is a warning
//! that keeps DingTalk's words.

use super::Ctx;
use crate::checks::outcome::Outcome;
use crate::checks::CheckStatus;
use crate::diagnosis::{Diagnosis, DiagnosisCode, DiagnosisData};
use crate::field::Field;
use crate::i18n::Text;
use dingtalk::{ApiError, Exchange};

/// What the check says about the platform's own connection, whatever the answer.
const UNTOUCHED_ZH: &str =
    "向导只向钉钉要了连接地址，没有打开连接，平台自己的 Stream 连接不受影响。";
const UNTOUCHED_EN: &str = "The wizard only asked DingTalk for a connection address and opened no connection, so the platform's own Stream connection is not affected.";

impl Ctx {
    pub(super) async fn stream_credentials(&self) -> (Outcome, Vec<Exchange>) {
        let Some(client) = self.client.clone() else {
            let missing: Vec<Field> = [Field::ClientId, Field::ClientSecret]
                .into_iter()
                .filter(|f| match f {
                    Field::ClientSecret => self.input.secret(*f).is_none(),
                    _ => self.input.value(*f).is_none(),
                })
                .collect();
            return (Outcome::missing(&missing), Vec::new());
        };
        let (r, trace) = traced!(|t| client.stream_open(&mut t));
        let stray = self.stray_note();
        let outcome = match r {
            Ok(ep) if ep.is_well_formed() => {
                let mut zh = format!("钉钉的 Stream 网关接受了这组 Client ID 和 Client Secret，给出了连接地址（{}）和一次性 ticket：平台用同样的值就能连上钉钉接收事件。{UNTOUCHED_ZH}", ep.endpoint);
                let mut en = format!("DingTalk's Stream gateway accepted this Client ID and Client Secret and handed out a connection address ({}) and a one-time ticket: the platform can connect with the same values and receive events. {UNTOUCHED_EN}", ep.endpoint);
                if let Some((szh, sen)) = &stray {
                    zh.push_str(szh);
                    en.push(' ');
                    en.push_str(sen);
                }
                Outcome::ok(zh, en).with("endpoint", ep.endpoint)
            }
            Ok(ep) => {
                let said = format!(
                    "endpoint={:?}, ticket {}",
                    ep.endpoint,
                    if ep.ticket.trim().is_empty() {
                        "empty"
                    } else {
                        "present"
                    }
                );
                let d = Diagnosis::new(
                    DiagnosisCode::Unknown,
                    None,
                    DiagnosisData::default(),
                    Some(said),
                );
                let mut o = Outcome::diagnosed(CheckStatus::Warn, d);
                o.message = Text::new(
                    format!("钉钉的 Stream 网关回答了，但没有给出可用的连接地址和 ticket，无法证明凭证可用。{UNTOUCHED_ZH}"),
                    format!("DingTalk's Stream gateway answered, but without a usable connection address and ticket, so the credentials could not be proved. {UNTOUCHED_EN}"),
                );
                o
            }
            Err(e) => self.stream_error(&e, stray),
        };
        (outcome, trace)
    }

    /// A refusal: 401 `authFailed` and the gateway's 400 `systemError` fail; the rest follows the
    /// usual rules (unknown → warn). The advice gains what the wizard knows besides DingTalk's
    /// answer: whether the paste had stray characters, and that no connection was opened.
    fn stream_error(&self, e: &ApiError, stray: Option<(String, String)>) -> Outcome {
        let d = self.diagnose(e);
        let gateway_refused = matches!(e, ApiError::New { http_status: 400, code, .. } if code.eq_ignore_ascii_case("systemError"));
        let mut o = if gateway_refused {
            let data = DiagnosisData {
                http_status: Some(400),
                ..d.data.clone()
            };
            let refused = Diagnosis::new(
                DiagnosisCode::StreamGatewayRefused,
                d.errcode.clone(),
                data,
                d.original.clone(),
            );
            Outcome::diagnosed(CheckStatus::Fail, refused)
        } else {
            Outcome::from_diagnosis(d)
        };
        if o.code == Some(DiagnosisCode::BadCredentials) {
            let (zh, en) = match stray {
                Some((zh, en)) => (
                    format!("{zh}向导去掉这些字符后再问，钉钉仍然拒绝：所以不只是空格的问题，Client ID 或 Client Secret 本身不对（例如 Secret 已经重置，或两项不是同一个应用的）。"),
                    format!("{en} DingTalk still refused the cleaned values, so it is not only the spaces: the Client ID or Client Secret itself is wrong (e.g. the secret was reset, or the two belong to different apps)."),
                ),
                None => (
                    "向导粘贴的值里没有多余的空格或看不见的字符：请重新复制 Client Secret（可能已经重置过），并确认两项来自同一个应用。".to_string(),
                    "The values entered in the wizard carry no stray spaces or invisible characters: copy the Client Secret again (it may have been reset) and make sure both come from the same app.".to_string(),
                ),
            };
            add_note(&mut o, Text::new(zh, en));
        }
        add_note(&mut o, Text::new(UNTOUCHED_ZH, UNTOUCHED_EN));
        o
    }

    /// When the Client ID or Client Secret as entered carried spaces or invisible characters:
    /// what to tell the admin (the wizard checked the cleaned value; the platform needs it too).
    fn stray_note(&self) -> Option<(String, String)> {
        if self.input.pasted_stray.is_empty() {
            return None;
        }
        let names_zh: Vec<String> = self
            .input
            .pasted_stray
            .iter()
            .map(|f| f.label().zh)
            .collect();
        let names_en: Vec<String> = self
            .input
            .pasted_stray
            .iter()
            .map(|f| f.label().en)
            .collect();
        Some((
            format!("注意：你粘贴的 {} 里有空格、换行或看不见的字符，向导检测时已经去掉。平台里请用向导的复制按钮粘贴，否则平台连接钉钉时会得到 401 authFailed（鉴权失败）。", names_zh.join("、")),
            format!("Note: the {} you pasted carried spaces, line breaks or invisible characters, which the wizard removed before checking. Paste them into the platform with the wizard's copy buttons, or the platform's connection gets 401 authFailed.", names_en.join(" and ")),
        ))
    }
}

/// Adds a note to the outcome's advice (and its flat fix), or to its message when it has none.
fn add_note(o: &mut Outcome, note: Text) {
    match o.advice.take() {
        Some(a) => {
            let a = a.note(note);
            o.fix = Some(a.flat_fix());
            o.advice = Some(a);
        }
        None => {
            o.message = Text::new(
                format!("{}{}", o.message.zh, note.zh),
                format!("{} {}", o.message.en, note.en),
            );
        }
    }
}
