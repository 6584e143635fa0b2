//! A small driver for the real app: launches it through tauri-driver with its own HOME (so every
//! file it writes is under one temp folder), and wraps fantoccini in the few actions the tests use.
//! React inputs do not see WebDriver's clear(), so text is replaced by select-all + backspace.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(15);
/// The file the app's "open" dialog answers with, inside [`Env::saved`] (imports and templates).
pub const OPEN_FILE: &str = "picked-file";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The app's world: a temp HOME with its own XDG folders.
pub struct Env {
    root: tempfile::TempDir,
    pub shots: PathBuf,
}

impl Env {
    pub fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        for d in [
            "home",
            "home/.local/share",
            "home/.config",
            "home/.cache",
            "saved",
        ] {
            std::fs::create_dir_all(root.path().join(d)).unwrap();
        }
        let shots = workspace_root().join("test-output/screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        Self { root, shots }
    }

    pub fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// Where the app saves reports and hand-off files (`DINGBIND_SAVE_DIR`).
    pub fn saved(&self) -> PathBuf {
        self.root.path().join("saved")
    }

    fn apply(&self, cmd: &mut Command) {
        let home = self.home();
        cmd.env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env_remove("DINGBIND_DATA_DIR")
            .env_remove("DINGBIND_KEYCHAIN")
            // Native file dialogs cannot be driven: saves go to one folder, opens read one file.
            .env("DINGBIND_SAVE_DIR", self.saved())
            .env("DINGBIND_OPEN_FILE", self.saved().join(OPEN_FILE));
    }

    /// Every file under the app's HOME whose bytes contain `needle`.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        fn walk(dir: &Path, needle: &[u8], hits: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, needle, hits);
                } else if let Ok(bytes) = std::fs::read(&p) {
                    if bytes.windows(needle.len()).any(|w| w == needle) {
                        hits.push(p);
                    }
                }
            }
        }
        let mut hits = Vec::new();
        walk(self.root.path(), needle.as_bytes(), &mut hits);
        hits
    }

    /// What the Secret Service holds for Dingbind (through libsecret's own CLI, not our code).
    pub fn keyring_dump(&self) -> String {
        let out = Command::new("secret-tool")
            .args(["search", "--all", "--unlock", "service", "dingbind"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
    }

    /// Kills every process started with this HOME: the app, WebKitWebDriver, tauri-driver.
    fn kill_all(&self) {
        let marker = format!("HOME={}", self.home().display());
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
                continue;
            };
            if environ.split(|b| *b == 0).any(|kv| kv == marker.as_bytes())
                && pid != std::process::id()
            {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
        }
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        self.kill_all();
    }
}

pub struct App<'a> {
    env: &'a Env,
    client: Client,
    driver: Child,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl<'a> App<'a> {
    pub async fn launch(env: &'a Env) -> App<'a> {
        let root = workspace_root();
        let binary = root.join("target/debug/dingbind-app");
        assert!(binary.exists(), "build the app first: {}", binary.display());
        // On a loaded machine tauri-driver now and then drops the new-session request before the
        // native driver is up ("IncompleteMessage"): start over with fresh ports, a few times.
        let mut attempt = 0;
        let (client, driver) = loop {
            attempt += 1;
            let (port, native) = (free_port(), free_port());
            let mut cmd = Command::new(root.join("tools/bin/tauri-driver"));
            cmd.args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
            env.apply(&mut cmd);
            let mut driver = cmd
                .spawn()
                .expect("tools/bin/tauri-driver (scripts/setup.sh installs it)");
            let start = Instant::now();
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(start.elapsed() < TIMEOUT, "tauri-driver did not listen");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let caps = json!({"browserName": "wry", "tauri:options": {"application": binary}});
            // tauri-driver listens on loopback over plain HTTP: a TLS connector would never be used.
            let http = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(http)
                .capabilities(caps.as_object().unwrap().clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break (client, driver),
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, attempt {attempt}: {e:?}; starting over");
                    let _ = driver.kill();
                    let _ = driver.wait();
                    env.kill_all();
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("WebDriver session: {e:?}"),
            }
        };
        let app = App {
            env,
            client,
            driver,
        };
        app.wait_css("#root .ant-layout").await;
        app
    }

    /// Finds an element, retrying while it is absent or was just replaced (React re-renders,
    /// antd animations): a stale handle is looked up again rather than failing the test.
    pub async fn wait_css(&self, css: &str) -> fantoccini::elements::Element {
        let start = Instant::now();
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => return el,
                Err(e) if start.elapsed() >= TIMEOUT => panic!("no element {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// The top of the element on the page, in CSS pixels (after it exists). Read by script:
    /// WebKitWebDriver does not answer the element-rect command.
    pub async fn top(&self, css: &str) -> f64 {
        self.wait_css(css).await;
        let top = self
            .client
            .execute(
                "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY;",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .unwrap_or_else(|e| panic!("no position for {css}: {e}"));
        top.as_f64()
            .unwrap_or_else(|| panic!("{css}: position {top:?}"))
    }

    pub async fn click(&self, css: &str) {
        self.settle().await;
        let start = Instant::now();
        loop {
            // WebDriver scrolls a target just into view, under the wizard's footer (Next, the
            // confirmations); a person scrolls it to the middle. Instantly: a smooth scroll would
            // still be moving the target when the click lands.
            let _ = self
                .client
                .execute(
                    "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center', behavior: 'instant'});",
                    vec![json!(css)],
                )
                .await;
            let clicked = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.click().await.map(|_| ()),
                Err(e) => Err(e),
            };
            match clicked {
                Ok(()) => return,
                // Not there yet, covered by an animation, or replaced by a re-render: try again.
                Err(_) if start.elapsed() < TIMEOUT => {
                    tokio::time::sleep(Duration::from_millis(150)).await
                }
                Err(e) => panic!("cannot click {css}: {e:?}"),
            }
        }
    }

    /// Waits (at most 1.5 s) until nothing moves: a click computed while a dialog still zooms in
    /// lands where the button was a frame ago. Spinners (endless) and the 1.2 s fade of antd's
    /// click ripple (`ant-wave`, which moves nothing) do not count.
    async fn settle(&self) {
        const RUNNING: &str =
            "return document.getAnimations().filter(a => a.playState === 'running' \
            && a.effect && a.effect.getTiming().iterations !== Infinity \
            && !String(a.effect.target && a.effect.target.className).includes('ant-wave')).length";
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(1500) {
            match self.client.execute(RUNNING, vec![]).await {
                Ok(v) if v.as_u64() == Some(0) => return,
                Ok(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                Err(_) => return,
            }
        }
    }

    /// Replaces an input's text as a person would: select all, delete, type.
    pub async fn retype(&self, css: &str, text: &str) {
        self.click(css).await;
        let el = self.wait_css(css).await;
        el.send_keys("\u{E009}a").await.unwrap();
        el.send_keys("\u{E003}").await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    pub async fn blur(&self) {
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur()",
                vec![],
            )
            .await
            .unwrap();
    }

    async fn poll<F: Fn(&str) -> bool>(&self, css: &str, prop: Option<&str>, ok: F, what: &str) {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < TIMEOUT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = match prop {
                    Some(p) => el.prop(p).await.ok().flatten().unwrap_or_default(),
                    // Rendered text, or the DOM text where antd measures ellipsis in a hidden copy.
                    None => match el.text().await.unwrap_or_default() {
                        t if t.is_empty() => el
                            .prop("textContent")
                            .await
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        t => t,
                    },
                };
                if ok(&last) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot("failure").await;
        panic!("{css}: expected {what}, last saw {last:?}");
    }

    /// Presses a dialog's OK and waits until the step it opens shows `title`. Under load a click
    /// can land while the modal still zooms in and do nothing; while the dialog is still there two
    /// seconds later, OK is pressed again (the dialog ignores a second press while it submits).
    pub async fn confirm_dialog(&self, title: &str) {
        let start = Instant::now();
        loop {
            self.click("[data-testid=dialog-ok]").await;
            let pressed = Instant::now();
            while pressed.elapsed() < Duration::from_secs(2) {
                if let Ok(el) = self
                    .client
                    .find(Locator::Css("[data-testid=step-title]"))
                    .await
                {
                    if el.text().await.unwrap_or_default().contains(title) {
                        return;
                    }
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            if self
                .client
                .find(Locator::Css("[data-testid=dialog-ok]"))
                .await
                .is_err()
                || start.elapsed() > TIMEOUT
            {
                break;
            }
        }
        self.wait_text("[data-testid=step-title]", title).await;
    }

    pub async fn wait_text(&self, css: &str, contains: &str) {
        self.poll(
            css,
            None,
            |t| t.contains(contains),
            &format!("text containing {contains:?}"),
        )
        .await;
    }

    pub async fn wait_value(&self, css: &str, value: &str) {
        self.poll(
            css,
            Some("value"),
            |v| v == value,
            &format!("value {value:?}"),
        )
        .await;
    }

    async fn title(&self) -> String {
        self.wait_css("[data-testid=step-title]")
            .await
            .text()
            .await
            .unwrap()
    }

    /// Clicks Next and waits for another step to show.
    pub async fn next(&self, _to: &str) {
        let before = self.title().await;
        self.click("[data-testid=next]").await;
        self.poll(
            "[data-testid=step-title]",
            None,
            |t| t != before,
            "another step",
        )
        .await;
    }

    /// Opens a template step or a wizard page (`step-nav-<id>`) from the side bar and waits until
    /// its title shows.
    pub async fn goto(&self, id: &str) {
        let item = format!("[data-testid=step-nav-{id}] .ant-steps-item-title");
        self.click(&item).await;
        let want = self.wait_css(&item).await.text().await.unwrap();
        self.poll(
            "[data-testid=step-title]",
            None,
            |t| want.starts_with(t) || t.contains(&want) || want.contains(t),
            &format!("step {want:?}"),
        )
        .await;
    }

    pub async fn wait_attr(&self, css: &str, attr: &str, value: &str) {
        self.poll_attr(css, attr, value).await;
    }

    async fn poll_attr(&self, css: &str, attr: &str, value: &str) {
        let start = Instant::now();
        let mut last = None;
        while start.elapsed() < TIMEOUT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.attr(attr).await.ok().flatten();
                if last.as_deref() == Some(value) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot("failure").await;
        panic!("{css}: expected {attr}={value:?}, last saw {last:?}");
    }

    /// The values of `attr` on every element matching `css`.
    pub async fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
            if let Some(v) = el.attr(attr).await.ok().flatten() {
                out.push(v);
            }
        }
        out
    }

    /// Picks `label` in an antd Select.
    /// Picks `label` in an antd Select and checks that it landed: an option clicked while the
    /// dropdown is still sliding open can miss, so the pick is retried.
    pub async fn choose(&self, select: &str, label: &str) {
        let option = format!(
            ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title=\"{label}\"]"
        );
        for _ in 0..4 {
            self.click(&format!("{select} .ant-select-selector, {select}"))
                .await;
            // Let the dropdown's opening animation finish before aiming at an option.
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Ok(el) = self.client.find(Locator::Css(&option)).await {
                let _ = el.click().await;
            }
            tokio::time::sleep(Duration::from_millis(400)).await;
            let shown = match self.client.find(Locator::Css(select)).await {
                Ok(el) => el
                    .prop("textContent")
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            if shown.contains(label) {
                return;
            }
            self.press_escape().await;
        }
        self.screenshot("failure").await;
        panic!("{select}: could not choose {label:?}");
    }

    pub async fn press_escape(&self) {
        let body = self.wait_css("body").await;
        let _ = body.send_keys("\u{E00C}").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    pub async fn switch_language(&self, label: &str) {
        self.click(&format!(
            ".ant-layout-header .ant-segmented-item-label[title=\"{label}\"]"
        ))
        .await;
        // The header's explain button is on every screen, the list and the wizard alike.
        let explain = if label == "EN" {
            "I have an error message"
        } else {
            "我有一条报错"
        };
        self.wait_text("[data-testid=explain-open]", explain).await;
    }

    /// A PNG of the WebView, after two animation frames so it shows the current state.
    pub async fn screenshot(&self, name: &str) {
        let _ = self
            .client
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));", vec![])
            .await;
        tokio::time::sleep(Duration::from_millis(350)).await;
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(self.env.shots.join(format!("{name}.png")), png).unwrap();
        }
        self.audit(name).await;
        self.record_runtime_styles(name).await;
    }

    /// Fails if antd generated a component's styles in JavaScript (a `<style data-css-hash>` that
    /// is not a theme's CSS variables) by this screen: the build writes the app's antd styles into
    /// its stylesheet (ui/build/antdStyles.tsx) so start-up does not spend its time making them,
    /// and each style here is a component or variant that file lacks. Built without it
    /// (DINGBIND_ANTD_RUNTIME_STYLES=1), the walkthrough counts about 70. The count by screen goes
    /// to test-output/antd-runtime-styles.txt.
    async fn record_runtime_styles(&self, name: &str) {
        let out = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll('style[data-css-hash]:not([data-token-hash])'))\
                   .map(s => s.textContent.slice(0, 160));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("runtime styles on {name}: {e:?}"));
        let styles: Vec<String> = serde_json::from_value(out).unwrap_or_default();
        let dir = workspace_root().join("test-output");
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = format!("{name}: {}\n", styles.len());
        for s in &styles {
            text.push_str(&format!("    {s}\n"));
        }
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("antd-runtime-styles.txt"))
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .unwrap();
        assert!(
            styles.is_empty(),
            "antd generated {} component styles at run time by screen {name}: render that component or \
             variant in ui/build/antdStyles.tsx (samples) so the build makes them:\n{text}",
            styles.len()
        );
    }

    /// Runs axe-core (ui/node_modules/axe-core, the npm package) inside the real WebView on the
    /// screen as it is now, against WCAG 2.1 A/AA (contrast included), and fails on a serious or
    /// critical violation. Every screen the tests photograph is audited, in the language it shows.
    /// The full result goes to test-output/axe/<name>.json.
    pub async fn audit(&self, name: &str) {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let axe = AXE.get_or_init(|| {
            let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (npm ci in ui/)", path.display()))
        });
        // Injected by WebDriver, not by a <script> tag: the app's CSP stays as shipped.
        let script = format!(
            "const done = arguments[0];\n\
             if (!window.axe) {{ {axe}\n }}\n\
             window.axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }}, resultTypes: ['violations'] }})\n\
               .then(r => done(JSON.stringify(r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help,\n\
                 nodes: v.nodes.map(n => ({{ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary }})) }})))))\n\
               .catch(e => done(JSON.stringify({{ error: String(e) }})));"
        );
        let out = self
            .client
            .execute_async(&script, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe on {name}: {e:?}"));
        let text = out.as_str().unwrap_or("null");
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(value.get("error").is_none(), "axe on {name}: {value}");
        let dir = workspace_root().join("test-output/axe");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("{name}.json")),
            serde_json::to_string_pretty(&value).unwrap(),
        )
        .unwrap();
        let serious: Vec<String> = value
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .take(5)
                    .map(|n| format!("    {} {}", n["target"], n["html"]))
                    .collect();
                format!(
                    "  {} ({}): {}\n{}",
                    v["id"],
                    v["impact"],
                    v["help"],
                    nodes.join("\n")
                )
            })
            .collect();
        assert!(
            serious.is_empty(),
            "axe: serious or critical accessibility violations on screen {name}:\n{}",
            serious.join("\n")
        );
    }

    /// SIGKILLs the app (and its drivers) without any chance to clean up.
    pub async fn kill(mut self) {
        self.env.kill_all();
        let _ = self.driver.wait();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        self.env.kill_all();
    }
}
