//! Windows draws the wizard with Microsoft's WebView2 runtime. Windows 11 ships it and Edge's
//! updates bring it to Windows 10, but a locked-down or offline PC may have none, and then Tauri
//! could only show an English system box. Before any window is made, [`ensure_runtime`] looks for
//! the runtime the way Tauri does (`tauri::webview_version`, i.e. WebView2's
//! `GetAvailableCoreWebView2BrowserVersionString`) and, if it is missing, says so in the admin's
//! language (the user's Windows UI language: Chinese, else English) with the download link, opens
//! Microsoft's installer link if the admin asks, and exits with [`EXIT_NO_WEBVIEW2`].
//!
//! The texts and the language choice are plain functions, tested on every OS; the dialog itself
//! is tested under wine (`make test-windows-app`, `tests/windows/app-under-wine.sh`).

use dingbind_core::i18n::Lang;

/// The process exit code when the WebView2 runtime is missing (the app showed the notice and did
/// not start). Distinct from 0 (closed normally), 1 (failed) and 101 (a Rust panic), so scripts
/// and the wine test can tell it apart.
pub const EXIT_NO_WEBVIEW2: i32 = 3;

/// Microsoft's Evergreen Bootstrapper: a small official installer that fetches and installs the
/// runtime for this PC (the link Microsoft gives for downloading it programmatically).
pub const BOOTSTRAPPER_URL: &str = "https://go.microsoft.com/fwlink/p/?LinkId=2124703";

/// Microsoft's WebView2 page, in the admin's language, for a PC where the bootstrapper is blocked
/// (its "Evergreen Standalone Installer" works offline).
pub fn download_page(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "https://developer.microsoft.com/zh-cn/microsoft-edge/webview2/",
        Lang::En => "https://developer.microsoft.com/en-us/microsoft-edge/webview2/",
    }
}

/// The language of a locale name as Windows reports it (`zh-CN`, `zh-Hans-CN`, `zh-TW`, `en-US`,
/// `de-DE`): Chinese for any Chinese locale, English for any other, Chinese when unknown (the
/// product's first language).
pub fn lang_of_locale(locale: Option<&str>) -> Lang {
    match locale.map(|l| l.trim().to_ascii_lowercase()) {
        None => Lang::Zh,
        Some(l) if l.is_empty() => Lang::Zh,
        Some(l) if l == "zh" || l.starts_with("zh-") || l.starts_with("zh_") => Lang::Zh,
        Some(_) => Lang::En,
    }
}

/// What the notice says, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The window title (the wine test looks for it).
    pub title: &'static str,
    /// What is missing, why it matters and what to do.
    pub body: String,
    /// The button that opens [`BOOTSTRAPPER_URL`].
    pub download: &'static str,
    /// The button that closes the notice.
    pub quit: &'static str,
}

/// The notice for a PC without the WebView2 runtime.
pub fn notice(lang: Lang) -> Notice {
    let page = download_page(lang);
    match lang {
        Lang::Zh => Notice {
            title: "钉钉绑定向导 · 缺少 WebView2 运行时",
            body: format!(
                "这台电脑缺少微软的 Microsoft Edge WebView2 运行时，钉钉绑定向导需要它来显示界面。\n\n\
                 点击“下载安装”会用浏览器下载微软官方的安装程序（MicrosoftEdgeWebview2Setup.exe），\
                 运行它完成安装后，重新打开钉钉绑定向导。\n\n\
                 如果公司网络拦截了下载，请到微软的页面下载“独立安装程序”（Evergreen Standalone Installer），\
                 或请 IT 部门安装：\n{page}"
            ),
            download: "下载安装",
            quit: "退出",
        },
        Lang::En => Notice {
            title: "Dingbind · WebView2 runtime missing",
            body: format!(
                "This PC lacks Microsoft's Edge WebView2 runtime, which Dingbind needs to show its \
                 window.\n\n\
                 \"Download\" opens your browser on Microsoft's official installer \
                 (MicrosoftEdgeWebview2Setup.exe); run it, then open Dingbind again.\n\n\
                 If your network blocks the download, get the \"Evergreen Standalone Installer\" \
                 from Microsoft's page, or ask your IT department to install it:\n{page}"
            ),
            download: "Download",
            quit: "Quit",
        },
    }
}

/// Returns when the WebView2 runtime is there; otherwise shows the notice in the user's Windows
/// UI language, opens the installer link if asked, and exits with [`EXIT_NO_WEBVIEW2`].
#[cfg(windows)]
pub fn ensure_runtime() {
    if tauri::webview_version().is_ok_and(|v| !v.trim().is_empty()) {
        return;
    }
    let lang = lang_of_locale(sys_locale::get_locale().as_deref());
    let n = notice(lang);
    let answer = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Warning)
        .set_title(n.title)
        .set_description(&n.body)
        .set_buttons(rfd::MessageButtons::OkCancelCustom(
            n.download.to_string(),
            n.quit.to_string(),
        ))
        .show();
    if answer == rfd::MessageDialogResult::Custom(n.download.to_string()) {
        // If even the browser cannot be opened, the page's address is in the text above.
        let _ = open::that_detached(BOOTSTRAPPER_URL);
    }
    std::process::exit(EXIT_NO_WEBVIEW2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_windows_gets_chinese_and_every_other_language_english() {
        for zh in [
            "zh-CN",
            "zh-Hans-CN",
            "zh-TW",
            "zh-Hant-HK",
            "ZH-cn",
            "zh",
            "zh_CN",
        ] {
            assert_eq!(lang_of_locale(Some(zh)), Lang::Zh, "{zh}");
        }
        for en in ["en-US", "en-GB", "de-DE", "ja-JP", "fr", "zu-ZA"] {
            assert_eq!(lang_of_locale(Some(en)), Lang::En, "{en}");
        }
        assert_eq!(lang_of_locale(None), Lang::Zh);
        assert_eq!(lang_of_locale(Some("  ")), Lang::Zh);
    }

    #[test]
    fn the_notice_names_what_is_missing_and_where_to_get_it_in_each_language() {
        let zh = notice(Lang::Zh);
        let en = notice(Lang::En);
        assert!(zh.title.contains("WebView2") && zh.title.contains("缺少"));
        assert!(zh.body.contains("WebView2 运行时") && zh.body.contains(download_page(Lang::Zh)));
        assert!(
            zh.body.contains(zh.download),
            "the text names the button it means"
        );
        assert!(en.title.contains("WebView2") && en.title.contains("missing"));
        assert!(en.body.contains("WebView2 runtime") && en.body.contains(download_page(Lang::En)));
        assert!(
            en.body.contains(en.download),
            "the text names the button it means"
        );
        // Each language stays in its own: no CJK in the English notice.
        let english = format!("{}{}{}{}", en.title, en.body, en.download, en.quit);
        assert!(!english
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        for t in [&zh, &en] {
            assert_ne!(t.download, t.quit);
        }
    }

    #[test]
    fn the_links_are_microsofts_over_https() {
        for url in [
            BOOTSTRAPPER_URL,
            download_page(Lang::Zh),
            download_page(Lang::En),
        ] {
            let u = url::Url::parse(url).expect("a valid URL");
            assert_eq!(u.scheme(), "https");
            let host = u.host_str().expect("a host");
            assert!(host.ends_with(".microsoft.com"), "{host}");
        }
    }

    #[test]
    fn the_exit_code_is_not_one_a_normal_run_or_a_crash_uses() {
        assert!(![0, 1, 101].contains(&EXIT_NO_WEBVIEW2));
    }

    /// The wine test looks for these exact values; it cannot import them from Rust.
    #[test]
    fn the_wine_test_expects_what_the_app_shows() {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/windows/app-under-wine.sh");
        let script = std::fs::read_to_string(&script).expect("tests/windows/app-under-wine.sh");
        for line in [
            format!("TITLE_ZH='{}'", notice(Lang::Zh).title),
            format!("TITLE_EN='{}'", notice(Lang::En).title),
            format!("BOOTSTRAPPER_URL='{BOOTSTRAPPER_URL}'"),
            format!("EXIT_NO_WEBVIEW2={EXIT_NO_WEBVIEW2}"),
        ] {
            assert!(
                script.lines().any(|l| l == line),
                "the script lacks `{line}`"
            );
        }
    }
}
