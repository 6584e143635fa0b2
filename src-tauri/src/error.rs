//! Errors as they cross IPC: `{ code, message: { zh, en }, detail }`. Every core error already
//! knows its stable code and both texts ([`UserError`]); this is the one place they become the
//! UI's shape, so the admin reads the error in their own language and the UI can switch on the
//! code (see `ui/src/errors.ts`). The shell's own failures (a dialog, the browser, the clipboard)
//! are made here too, in both languages.

use dingbind_core::{Text, UserError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
/// An error as the UI receives it.
pub struct IpcError {
    /// Stable snake_case: the core's (listed in `dingbind_core::error`) or one of [`IpcError`]'s
    /// constructors below.
    pub code: String,
    /// What happened, in both languages; the UI shows the admin's.
    pub message: Text,
    /// The technical cause, for support (folded away in the UI).
    pub detail: Option<String>,
}

impl<E: UserError> From<E> for IpcError {
    fn from(e: E) -> Self {
        Self {
            code: e.code().to_string(),
            message: e.text(),
            detail: Some(e.to_string()),
        }
    }
}

impl IpcError {
    fn shell(code: &str, zh: &str, en: &str, detail: Option<String>) -> Self {
        Self {
            code: code.to_string(),
            message: Text::new(zh, en),
            detail,
        }
    }

    /// The system would not open the browser or the file's program.
    pub fn open_failed(e: impl ToString) -> Self {
        Self::shell(
            "open_failed",
            "无法打开：系统没有可用的默认浏览器或程序。",
            "Could not open it: the system has no default browser or program for it.",
            Some(e.to_string()),
        )
    }

    /// The native file dialog failed, or gave a path that is no file.
    pub fn dialog_failed(e: impl ToString) -> Self {
        Self::shell(
            "dialog_failed",
            "文件选择窗口出错了，请再试一次。",
            "The file dialog failed; please try again.",
            Some(e.to_string()),
        )
    }

    /// A file the admin chose could not be written.
    pub fn write_failed(path: &std::path::Path, e: impl ToString) -> Self {
        let path = path.display();
        Self::shell(
            "write_failed",
            &format!("无法写入 {path}：请换一个文件夹，或检查磁盘空间和权限。"),
            &format!("Could not write {path}: choose another folder, or check disk space and permissions."),
            Some(e.to_string()),
        )
    }

    /// The clipboard refused the image or text.
    pub fn clipboard_failed(e: impl ToString) -> Self {
        Self::shell(
            "clipboard_failed",
            "无法写入剪贴板，请改用“保存为图片”。",
            "Could not write to the clipboard; use “Save as PNG” instead.",
            Some(e.to_string()),
        )
    }

    /// Only files this app saved in this session may be handed to the system.
    pub fn not_saved_here(path: &std::path::Path) -> Self {
        Self::shell(
            "not_allowed",
            "只能打开本次由钉钉绑定向导保存的文件。",
            "Only files Dingbind saved in this session can be opened.",
            Some(path.display().to_string()),
        )
    }

    /// The CSV of a sync preview asked for before one was made in this session.
    pub fn no_sync_preview() -> Self {
        Self::shell(
            "no_sync_preview",
            "还没有同步预览：请先生成同步预览，再导出 CSV。",
            "No sync preview yet: make one first, then export the CSV.",
            None,
        )
    }

    /// A scan code that needs values the profile does not have yet.
    pub fn code_not_ready() -> Self {
        Self::shell(
            "code_not_ready",
            "这个二维码还缺少需要填写的值。",
            "This code needs values that are not entered yet.",
            None,
        )
    }
}
