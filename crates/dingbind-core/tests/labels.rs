//! The console's labels are written exactly as the console shows them, and the same way on every
//! step, in every template, fix text and UI string, in both languages (docs/dingtalk/console.md
//! #pages-and-labels). A small table names each canonical label and the variants that crept in
//! before; a path inside the app starts in the left menu (左侧菜单 › / left menu ›), and an English
//! text names the Chinese label first with its English gloss in brackets, because the console the
//! admin looks at is in Chinese.
//!
//! The test reads the texts where they are written (the built-in templates, the core's sources,
//! the UI's strings and components), so a new text is checked without being listed here.

use std::path::{Path, PathBuf};

/// (canonical, wrong variants). The canonical label is what the console shows.
const LABELS: &[(&str, &[&str])] = &[
    (
        "移动端首页地址",
        &["应用首页地址（移动端）", "手机端首页地址"],
    ),
    ("管理后台地址", &["后台管理地址"]),
    (
        "更多 › 基本信息 › 开发信息（旧版）",
        &["基础信息 › 开发信息（旧版）"],
    ),
    (
        "开发者后台",
        &["登录钉钉开放平台", "开放平台后台", "开发者控制台"],
    ),
    // One verb for permissions: 开通 (the console's 立即开通); 批量申请 and 申请开通 are buttons.
    ("开通权限", &["开启权限", "授予权限", "添加权限"]),
    // Stream mode (开发配置 › 事件订阅; docs/dingtalk/callback.md#stream-mode): the push mode
    // and the button that checks the platform's connection, as the console words them.
    (
        "Stream 模式推送",
        &[
            "Stream推送",
            "Stream 推送",
            "Stream模式推送",
            "stream模式推送",
        ],
    ),
    (
        "已完成接入，验证连接通道",
        &["验证连接通道", "已完成接入,验证连接通道"],
    ),
    (
        "Mobile homepage URL",
        &["App home URL (mobile)", "Mobile home URL"],
    ),
    ("PC homepage URL", &["PC home URL"]),
    (
        "More › Basic info › Developer info (old",
        &["Basic info › Dev info (old"],
    ),
];

/// The app's left-menu entries: a path through them starts at the left menu.
const LEFT_MENU_ZH: [&str; 4] = ["开发配置 ›", "应用能力 ›", "应用发布 ›", "基础信息 ›"];
/// Their English glosses, which only ever follow the Chinese label, in brackets.
const GLOSSES_EN: [&str; 5] = [
    "Dev config ›",
    "Development configuration ›",
    "App capabilities ›",
    "App release ›",
    "Basic info › Credentials",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, exts, out);
        } else if exts.iter().any(|x| p.to_string_lossy().ends_with(x))
            && !p.to_string_lossy().contains(".test.")
        {
            out.push(p);
        }
    }
}

/// Every line of product text: the templates whole, source files up to their tests, without
/// comments (which cite labels as facts, old names included).
fn texts() -> Vec<(String, usize, String)> {
    let r = root();
    let mut paths = Vec::new();
    files(
        &r.join("crates/dingbind-core/src"),
        &[".rs", ".toml"],
        &mut paths,
    );
    files(&r.join("ui/src"), &[".ts", ".tsx"], &mut paths);
    let mut out = Vec::new();
    for p in paths {
        let name = p.strip_prefix(&r).unwrap().to_string_lossy().into_owned();
        if name.contains("ipc/bindings.ts") || name.contains("/test/") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            let t = line.trim_start();
            if t.starts_with("//")
                || t.starts_with("///")
                || t.starts_with("//!")
                || t.starts_with('#') && name.ends_with(".toml")
                || t.starts_with('*')
            {
                continue;
            }
            out.push((name.clone(), i + 1, line.to_owned()));
        }
    }
    assert!(out.len() > 3000, "too few lines read: {}", out.len());
    out
}

#[test]
fn console_labels_are_canonical_everywhere() {
    let mut wrong = Vec::new();
    let texts = texts();
    for (file, line, text) in &texts {
        for (canonical, variants) in LABELS {
            for v in *variants {
                if text.contains(v) && !text.contains(canonical) {
                    wrong.push(format!("{file}:{line}: “{v}” should be “{canonical}”"));
                } else if text.contains(v) {
                    // Both on one line: the variant must be inside the canonical form.
                    let stripped = text.replace(canonical, "");
                    if stripped.contains(v) {
                        wrong.push(format!("{file}:{line}: “{v}” should be “{canonical}”"));
                    }
                }
            }
        }
        // 基本信息 › 开发信息 is under 更多.
        for (at, _) in text.match_indices("基本信息 › 开发信息") {
            if !text[..at].ends_with("更多 › ") {
                wrong.push(format!("{file}:{line}: 基本信息 › 开发信息 without 更多 ›"));
            }
        }
        for root in LEFT_MENU_ZH {
            for (at, _) in text.match_indices(root) {
                let before = &text[..at];
                if !(before.ends_with("左侧菜单 › ") || before.ends_with("left menu › ")) {
                    wrong.push(format!(
                        "{file}:{line}: “{root}” not after 左侧菜单 › / left menu ›"
                    ));
                }
            }
        }
        // The Chinese side never says it in English.
        if let Some(zh) = zh_part(file, text) {
            if zh.contains("left menu") {
                wrong.push(format!(
                    "{file}:{line}: “left menu” in Chinese text: 左侧菜单"
                ));
            }
        }
        for gloss in GLOSSES_EN {
            for (at, _) in text.match_indices(gloss) {
                let before = &text[..at];
                let open = before.matches('(').count() > before.matches(')').count();
                if !open {
                    wrong.push(format!(
                        "{file}:{line}: “{gloss}” is not a gloss in brackets after the Chinese label"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} non-canonical labels:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The Chinese part of a line: the whole line in the UI's zh strings, the `zh = "…"` value in a
/// template.
fn zh_part<'a>(file: &str, line: &'a str) -> Option<&'a str> {
    if file.ends_with("i18n/zh.ts") {
        return Some(line);
    }
    let start = line.find("zh = \"")? + "zh = \"".len();
    let rest = &line[start..];
    Some(&rest[..rest.find('"').unwrap_or(rest.len())])
}

/// The check above fails when it should: a known variant in a text is found.
#[test]
fn a_variant_is_caught() {
    let text = "把地址填到 应用能力 › 网页应用 › 后台管理地址";
    let hits: Vec<&str> = LABELS
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .filter(|v| text.contains(v))
        .collect();
    assert_eq!(hits, ["后台管理地址"]);
    assert!(!text.contains("左侧菜单 › 应用能力 ›"));
    let leak = r#"destination = { zh = "left menu › 应用能力", en = "left menu › 应用能力" }"#;
    assert_eq!(zh_part("t.toml", leak), Some("left menu › 应用能力"));
    assert_eq!(zh_part("t.toml", "en = \"left menu\""), None);
}
