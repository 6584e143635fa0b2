//! The login round trip (check `login.redirect`, docs/dingtalk/login.md): proves that an admin can
//! really log in with DingTalk through this app — the redirect URL is registered, the code exchange
//! works, `Contact.User.Read` is granted, and the person who scanned belongs to this organisation.
//!
//! The wizard listens on a loopback port whose exact URL ([`redirect_url`]) the admin registers
//! once under 开发配置 › 安全设置 › 重定向URL; [`start`] binds it and builds the authorize URL with
//! a fresh random `state`; [`LoginSession::finish`] waits for the browser to come back, checks the
//! `state` (CSRF), exchanges the code and names the user, and answers the browser with a small
//! bilingual page. [`simulate_browser`] plays the phone and browser against the simulator (tests,
//! practice mode). Failures carry the same diagnosis texts as every other check; no secret, code
//! or token reaches a result, its trace, a page or `Debug`. Files: `loopback` (the tiny HTTP
//! server), `verify` (callback → result), `result` (result building).

mod loopback;
mod result;
mod verify;

use crate::checks::{Cancel, CheckResult, CheckStatus};
use crate::diagnosis::{truncate, Diagnosis, DiagnosisCode, DiagnosisData};
use crate::html::visible_text;
use crate::i18n::Text;
use dingtalk::{ApiError, Credentials, DingTalk};
use result::{cancelled, diagnosed};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

pub use result::CHECK_ID;
pub use verify::{CORP_ID_PROVED, LOGIN_CORP_ID};

/// The loopback port the wizard listens on. Fixed, so the admin registers the redirect URL once.
pub const DEFAULT_PORT: u16 = 27180;
/// The callback path on the loopback port.
pub const LOGIN_PATH: &str = "/dingbind/login";

/// The confirmation (in `Profile::confirmations`) that the admin removed the test's loopback
/// redirect URL from the app in DingTalk's console again. Until it is set, the report reminds them.
/// The UI writes the same key (`ui/src/outputs/LoginTest.tsx`).
pub const REDIRECT_REMOVED: &str = "login_test.redirect_removed";

/// The redirect URL to register: `http://127.0.0.1:{port}/dingbind/login`.
pub fn redirect_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}{LOGIN_PATH}")
}

/// What a login test needs. `Debug` never prints the secret.
#[derive(Clone)]
pub struct LoginInput {
    pub client_id: String,
    pub client_secret: String,
    pub corp_id: Option<String>,
    /// Shown in the result ("已登录：王建国 (manager4220) · 示例科技").
    pub corp_name: Option<String>,
    pub dingtalk: dingtalk::Config,
}

impl std::fmt::Debug for LoginInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginInput")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("corp_id", &self.corp_id)
            .field("corp_name", &self.corp_name)
            .field("endpoints", &self.dingtalk.endpoints)
            .finish()
    }
}

/// Why a login test could not start, or the simulated browser could not finish.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Something else already listens on the port (another wizard's login test, another program).
    #[error("{}", both(&self.text()))]
    PortBusy { port: u16 },
    /// The port could not be bound for another reason.
    #[error("{}", both(&self.text()))]
    Bind { port: u16, detail: String },
    /// The HTTP client could not be set up (e.g. an unreadable CA file).
    #[error("{}", both(&self.text()))]
    Client(ApiError),
    /// The simulated browser did not get from the login page to the loopback.
    #[error("{}", both(&self.text()))]
    Browser(String),
    /// The profile has no valid Client ID or no Client Secret, so there is nothing to log in with.
    #[error("{}", both(&self.text()))]
    NoCredentials,
    /// A login test was to be finished, but none is waiting (never started, or cancelled).
    #[error("{}", both(&self.text()))]
    NotWaiting,
    /// The login page is neither DingTalk's nor the configured login gateway: it is not opened.
    #[error("{}", both(&self.text()))]
    NotAllowed(#[from] crate::console::LinkError),
    /// The profile to log in with could not be read, or the result could not be kept with it.
    #[error("{}", both(&self.text()))]
    Profile(Box<crate::workspace::WorkspaceError>),
}

impl From<crate::workspace::WorkspaceError> for LoginError {
    fn from(e: crate::workspace::WorkspaceError) -> Self {
        LoginError::Profile(Box::new(e))
    }
}

fn both(t: &Text) -> String {
    format!("{} / {}", t.zh, t.en)
}

impl LoginError {
    /// A stable code for the UI to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::PortBusy { .. } => "port_busy",
            LoginError::Bind { .. } => "bind_failed",
            LoginError::Client(_) => "client",
            LoginError::Browser(_) => "browser",
            LoginError::NoCredentials => "credentials_missing",
            LoginError::NotWaiting => "no_login_waiting",
            LoginError::NotAllowed(e) => e.code(),
            LoginError::Profile(e) => e.code(),
        }
    }

    /// What happened and what to do, in both languages.
    pub fn text(&self) -> Text {
        match self {
            LoginError::PortBusy { port } => Text::new(
                format!("本机端口 {port} 已被占用，无法开始登录测试：可能另一个钉钉绑定向导窗口正在做登录测试，或者别的程序占用了这个端口。请关掉另一个登录测试（或占用端口的程序）后再试。重定向URL 登记的是 {}，所以不能随意换端口。", redirect_url(*port)),
                format!("Port {port} on this computer is already in use, so the login test cannot start: another Dingbind wizard window may be running a login test, or another program holds the port. Close the other login test (or that program) and try again. The registered redirect URL is {}, so the port cannot simply be changed.", redirect_url(*port)),
            ),
            LoginError::Bind { port, detail } => Text::new(
                format!("无法在本机端口 {port} 上等待登录回调：{detail}。请检查本机安全软件是否禁止程序监听 127.0.0.1，然后重试。"),
                format!("Cannot wait for the login callback on local port {port}: {detail}. Check that no security software stops programs from listening on 127.0.0.1, then try again."),
            ),
            LoginError::Client(e) => Text::new(
                format!("无法建立网络连接：{e}"),
                format!("Cannot set up the network client: {e}"),
            ),
            LoginError::Browser(detail) => Text::new(
                format!("模拟浏览器没能从钉钉登录页回到向导：{detail}"),
                format!("The simulated browser did not get from DingTalk's login page back to the wizard: {detail}"),
            ),
            LoginError::NoCredentials => Text::new(
                "请先填写有效的 Client ID 和 Client Secret，再做登录测试。",
                "Enter a valid Client ID and Client Secret first, then run the login test.",
            ),
            LoginError::NotWaiting => Text::new(
                "没有正在等待的登录测试，请重新开始登录测试。",
                "No login test is waiting; start the login test again.",
            ),
            LoginError::NotAllowed(e) => e.text(),
            LoginError::Profile(e) => e.text(),
        }
    }
}

/// A login test in progress: the loopback is listening and the authorize URL is ready to open.
pub struct LoginSession {
    redirect_url: String,
    auth_url: String,
    state: String,
    /// The profile's CorpId, compared with the `corpId` DingTalk returns for the login.
    corp_id: Option<String>,
    corp_name: Option<String>,
    client: DingTalk,
    http: reqwest::Client,
    timeout: Duration,
    callbacks: loopback::Listener,
}

impl std::fmt::Debug for LoginSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginSession")
            .field("redirect_url", &self.redirect_url)
            .field("auth_url", &self.auth_url)
            .finish_non_exhaustive()
    }
}

/// Binds `127.0.0.1:port` (`0` = any free port, for tests) and prepares the authorize URL.
pub async fn start(input: LoginInput, port: u16) -> Result<LoginSession, LoginError> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => LoginError::PortBusy { port },
            _ => LoginError::Bind {
                port,
                detail: e.to_string(),
            },
        })?;
    let bound = listener
        .local_addr()
        .map_err(|e| LoginError::Bind {
            port,
            detail: e.to_string(),
        })?
        .port();
    let http = dingtalk::shared_client(input.dingtalk.extra_ca_file.as_deref())
        .map_err(LoginError::Client)?;
    let timeout = input.dingtalk.timeout;
    let login_base = input.dingtalk.endpoints.login.clone();
    let creds = Credentials {
        client_id: input.client_id.clone(),
        client_secret: input.client_secret,
    };
    let client = DingTalk::new(input.dingtalk, creds).map_err(LoginError::Client)?;
    let state = random_state();
    let redirect_url = redirect_url(bound);
    let auth_url = crate::scan::login_url(&login_base, &input.client_id, &redirect_url, &state);
    Ok(LoginSession {
        redirect_url,
        auth_url,
        state,
        corp_id: input
            .corp_id
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        corp_name: input.corp_name.filter(|c| !c.trim().is_empty()),
        client,
        http,
        timeout,
        callbacks: loopback::Listener::spawn(listener),
    })
}

/// 32 random letters and digits: unguessable, and URL-safe without encoding.
fn random_state() -> String {
    use rand::{distributions::Alphanumeric, Rng};
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

impl LoginSession {
    /// The exact URL the browser comes back to; the admin registers it as 重定向URL.
    pub fn redirect_url(&self) -> &str {
        &self.redirect_url
    }

    /// The DingTalk authorize URL to open in the browser (or show as a QR code).
    pub fn auth_url(&self) -> &str {
        &self.auth_url
    }

    /// Opens the authorize URL once without following redirects, with the wizard's own HTTP client
    /// (not a browser), and says whether the login test should go on. Only DingTalk's page
    /// *visibly* saying that the redirect URL is not registered is proof enough to stop
    /// ([`Preflight::Blocked`], whose fix names the exact URL to register). Everything else the
    /// wizard cannot judge from here: real login.dingtalk.com may render its page with scripts, and
    /// a firewall or bot protection may refuse a non-browser. So an unusual status or an
    /// unreachable page is at most a [`Preflight::Warning`], and a page that says nothing
    /// recognisable is [`Preflight::Clear`]; the callback (or the timeout) gives the real answer
    /// (`docs/dingtalk/login.md`).
    pub async fn preflight(&self) -> Preflight {
        let t0 = Instant::now();
        let resp = match self
            .http
            .get(&self.auth_url)
            .timeout(self.timeout)
            .send()
            .await
        {
            Ok(resp) => resp,
            Err(e) => return Preflight::Warning(unreachable_warning(e)),
        };
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap_or_default();
        let page = truncate(&visible_text(&body), 500);
        if is_redirect_error(&page) {
            let data = DiagnosisData {
                http_status: Some(status),
                ..DiagnosisData::default()
            };
            let d = Diagnosis::new(DiagnosisCode::RedirectNotRegistered, None, data, Some(page));
            let mut r = diagnosed(CheckStatus::Fail, d, &self.redirect_url);
            r.trace.push(result::exchange(
                "GET",
                &self.auth_url,
                Some(status),
                Some(&body),
            ));
            r.duration_ms = result::ms(t0.elapsed());
            return Preflight::Blocked(Box::new(r));
        }
        if (200..400).contains(&status) {
            Preflight::Clear
        } else {
            Preflight::Warning(status_warning(status, &page))
        }
    }

    /// Waits up to `timeout` for the browser to come back, then verifies the login and answers the
    /// browser with a page saying how it went. Cancelling ends the wait (or the verification) with
    /// a `skipped` result.
    pub async fn finish(mut self, timeout: Duration, cancel: Cancel) -> CheckResult {
        let t0 = Instant::now();
        let arrived = tokio::select! {
            p = self.callbacks.next() => p,
            () = tokio::time::sleep(timeout) => None,
            () = cancel.cancelled() => return cancelled(t0.elapsed(), &self.redirect_url),
        };
        let Some(mut pending) = arrived else {
            return self.timed_out(timeout, t0).await.settle_advice();
        };
        let t1 = Instant::now();
        let mut r = tokio::select! {
            r = verify::verify(&self, &pending.callback) => r,
            () = cancel.cancelled() => cancelled(t1.elapsed(), &self.redirect_url),
        };
        r.duration_ms = result::ms(t1.elapsed());
        let r = r.settle_advice();
        loopback::answer(&mut pending.stream, &r).await;
        r
    }

    /// No callback in time: the redirect-error page if DingTalk shows one, else a timeout that
    /// names the likely cause (an unregistered or different redirect URL) and the URL.
    async fn timed_out(&self, timeout: Duration, t0: Instant) -> CheckResult {
        let secs = timeout.as_secs_f64().ceil() as u64;
        let (zh, en) = (
            format!("等了 {secs} 秒，没有收到钉钉的登录回调。"),
            format!("No login callback came from DingTalk within {secs} s. "),
        );
        let warning = match self.preflight().await {
            Preflight::Blocked(mut r) => {
                r.message = Text::new(zh + &r.message.zh, en + &r.message.en);
                r.duration_ms = result::ms(t0.elapsed());
                return *r;
            }
            Preflight::Warning(w) => Some(w),
            Preflight::Clear => None,
        };
        let url = &self.redirect_url;
        let mut r = diagnosed(
            CheckStatus::Fail,
            Diagnosis::of(DiagnosisCode::Timeout),
            url,
        );
        r.message = Text::new(
            format!("{zh}最可能的原因是重定向URL没有登记，或者登记的和 {url} 不完全一致：钉钉登录页这时会显示「重定向错误」，不会跳回向导。也可能是还没有扫码并在手机上确认登录。"),
            format!("{en}The most likely cause is that the redirect URL is not registered, or differs from {url}: DingTalk's login page then shows a redirect error (重定向错误) and never comes back to the wizard. It may also be that nobody scanned and confirmed the login on the phone yet."),
        );
        let redirect = Diagnosis::of(DiagnosisCode::RedirectNotRegistered);
        r.fix = Some(Text::new(
            format!("先确认已经用钉钉扫码，并在手机上点了确认登录。如果浏览器显示「重定向错误」或停在钉钉页面：在开发者后台的应用列表里点开这个应用 › 左侧菜单 › 开发配置 › 安全设置 › 重定向URL（回调域名），登记 {url}（逐字一致，http 开头，端口和路径都不能差），保存后在向导里重新开始登录测试。"),
            format!("First make sure someone scanned with DingTalk and confirmed the login on the phone. If the browser shows a redirect error (重定向错误) or stays on DingTalk's page: in the developer console's app list, open this app › left menu › 开发配置 › 安全设置 › 重定向URL（回调域名） (Dev config › Security settings › Redirect URL), register {url} exactly (starting with http, same port and path), save, and restart the login test in the wizard."),
        ));
        r.fix_url = redirect.fix_url;
        r.data.insert("timeout_secs".into(), secs.into());
        if let Some(w) = warning {
            r.message.zh.push_str(&format!("另外，{}", w.zh));
            r.message.en.push_str(&format!(" Also: {}", w.en));
        }
        r.duration_ms = result::ms(t0.elapsed());
        r
    }
}

/// What the wizard's own look at the login page found ([`LoginSession::preflight`]).
#[derive(Debug, Clone)]
pub enum Preflight {
    /// Nothing to say: the page answered (real DingTalk's QR page, the simulator's redirect) or
    /// showed nothing the wizard recognises. Open the browser.
    Clear,
    /// Worth showing beside the login, in the admin's language, but no proof of anything: an
    /// unusual HTTP status (a firewall, bot protection) or a page the wizard could not reach. Open
    /// the browser anyway; the callback or the timeout decides.
    Warning(Text),
    /// DingTalk's page visibly says the redirect URL is not registered: proof, so the test ends
    /// here with this result (its fix names the URL to register).
    Blocked(Box<CheckResult>),
}

impl Preflight {
    /// The result that ends the test, if the page proved it cannot work.
    pub fn blocked(&self) -> Option<&CheckResult> {
        match self {
            Preflight::Blocked(r) => Some(r),
            _ => None,
        }
    }

    /// The warning to show beside the login, if any.
    pub fn warning(&self) -> Option<&Text> {
        match self {
            Preflight::Warning(w) => Some(w),
            _ => None,
        }
    }
}

/// The wizard could not open the login page itself; the browser may still get there.
fn unreachable_warning(e: reqwest::Error) -> Text {
    let detail = e.without_url().to_string();
    Text::new(
        format!("向导自己没能打开钉钉登录页（{detail}），浏览器仍会照常打开它。如果浏览器也打不开，请检查本机网络和代理设置。"),
        format!("The wizard could not open DingTalk's login page itself ({detail}); the browser opens it anyway. If the browser cannot open it either, check this computer's network and proxy settings."),
    )
}

/// DingTalk's login page answered the wizard with an unusual status but showed no redirect error.
fn status_warning(status: u16, page: &str) -> Text {
    let shown = crate::diagnosis::truncate(page, 120);
    let (said_zh, said_en) = if shown.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("，页面上写着「{shown}」"),
            format!(" (the page says “{shown}”)"),
        )
    };
    Text::new(
        format!("向导自己打开钉钉登录页时，钉钉回答了 HTTP {status}{said_zh}。防火墙或钉钉的防爬虫保护常会这样拒绝非浏览器的访问，这不一定说明绑定有问题：浏览器仍会照常打开登录页，扫码后的回调才算数。"),
        format!("When the wizard itself opened DingTalk's login page, DingTalk answered HTTP {status}{said_en}. Firewalls and DingTalk's bot protection often refuse non-browser visits like this, so it does not by itself mean the binding is wrong: the browser opens the login page anyway, and the callback after the scan decides."),
    )
}

/// The *visible* words of DingTalk's login page say the redirect URI is not registered (the sim:
/// HTTP 400 "重定向错误"; the old family: 50001 "redirect_uri未授权"). `page` is
/// [`visible_text`]: the same words inside a script (an i18n string table) prove nothing.
fn is_redirect_error(page: &str) -> bool {
    page.contains("重定向错误") || page.to_ascii_lowercase().contains("redirect_uri未授权")
}

/// What a phone and browser do against the simulator's auto-consent login page: open `auth_url`
/// without following redirects, then follow its `302` to the loopback. For tests and practice mode.
pub async fn simulate_browser(auth_url: &str) -> Result<(), LoginError> {
    let http = dingtalk::shared_client(None).map_err(LoginError::Client)?;
    let fail = |e: reqwest::Error| LoginError::Browser(e.without_url().to_string());
    let resp = http
        .get(auth_url)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .map_err(fail)?;
    let status = resp.status();
    let location = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    let Some(location) = location.filter(|_| status.is_redirection()) else {
        let page = truncate(&visible_text(&resp.text().await.unwrap_or_default()), 500);
        return Err(LoginError::Browser(format!(
            "HTTP {}: {page}",
            status.as_u16()
        )));
    };
    // The hop to the loopback never goes through a proxy, as in a real browser.
    let direct = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(fail)?;
    let back = direct
        .get(&location)
        .timeout(Duration::from_secs(120))
        .send()
        .await
        .map_err(fail)?;
    if !back.status().is_success() {
        return Err(LoginError::Browser(format!(
            "HTTP {} from the redirect URL",
            back.status().as_u16()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_error_counts_only_where_a_person_sees_it() {
        let hidden = r#"<title>重定向错误</title><script>var m = "redirect_uri未授权";</script><div>正在加载</div>"#;
        assert!(!is_redirect_error(&visible_text(hidden)));
        for page in [
            "<h1>重定向错误</h1>",
            "<p>重定向&#38169;&#x8BEF;</p>",
            "<p>REDIRECT_URI未授权</p>",
        ] {
            assert!(is_redirect_error(&visible_text(page)), "{page}");
        }
    }
}
