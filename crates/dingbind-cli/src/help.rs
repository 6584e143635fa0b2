//! The parts of `--help` and of hints that differ by OS: where the data folder and the secrets
//! are, how to set an environment variable in the shells admins use there, and (on Windows) how
//! to keep Chinese intact through a PowerShell pipe. The data folder is
//! `dingbind_core::host::data_dir()`: `dirs::data_dir()` + the app's identifier, which on Windows
//! is FOLDERID_RoamingAppData, i.e. `%APPDATA%`, where Tauri's `app_data_dir()` puts the app's.

/// After the subcommand list of `dingbind --help`.
#[cfg(windows)]
pub const AFTER_HELP: &str = r"数据文件夹 Data folder:
  %APPDATA%\com.dingbind.wizard  （与桌面版相同，same as the desktop app；DINGBIND_DATA_DIR 可改 overrides it）
密钥 Secrets:
  Windows 凭据管理器 Credential Manager（服务 service “dingbind”），或环境变量 or environment variables:
  cmd.exe:     set DINGBIND_CLIENT_SECRET=密钥（= 后到行尾都是值，不加引号 / the rest of the line is the value, no quotes）
  PowerShell:  $env:DINGBIND_CLIENT_SECRET = '密钥'
  CA 文件 CA file:  set DINGBIND_CA_FILE=C:\证书\网关根证书.pem  （系统“受信任的根证书颁发机构”里的证书自动信任 / roots in Windows' Trusted Root store are trusted as they are）
中文输出 Chinese output:
  cmd.exe 和 PowerShell 的窗口里直接显示 / shown as is in a cmd.exe or PowerShell window.
  PowerShell 里用管道或 > 之前先运行 / in PowerShell, before a pipe or > run:
    [Console]::OutputEncoding = [Text.UTF8Encoding]::new()
  报告和交接文件用 -o 文件 写出（UTF-8）/ write reports and hand-offs with -o FILE (UTF-8).
  --json 输出到管道时中文写成 \uXXXX，任何编码都能读 / --json through a pipe writes Chinese as \uXXXX, readable in any code page.
退出码 Exit codes:  0 通过 ok · 1 有检查失败或值不对 a check failed or a value was rejected · 2 输入或用法错误 bad input or usage · 130 sync-preview 被 Ctrl-C 取消 cancelled";

#[cfg(target_os = "macos")]
pub const AFTER_HELP: &str = r"数据文件夹 Data folder:
  ~/Library/Application Support/com.dingbind.wizard  （与桌面版相同，same as the desktop app；DINGBIND_DATA_DIR 可改 overrides it）
密钥 Secrets:
  钥匙串 Keychain（服务 service “dingbind”），或环境变量 or environment variables:
  export DINGBIND_CLIENT_SECRET='密钥'
退出码 Exit codes:  0 通过 ok · 1 有检查失败或值不对 a check failed or a value was rejected · 2 输入或用法错误 bad input or usage · 130 sync-preview 被 Ctrl-C 取消 cancelled";

#[cfg(not(any(windows, target_os = "macos")))]
pub const AFTER_HELP: &str = r"数据文件夹 Data folder:
  ~/.local/share/com.dingbind.wizard  （$XDG_DATA_HOME/com.dingbind.wizard，与桌面版相同，same as the desktop app；DINGBIND_DATA_DIR 可改 overrides it）
密钥 Secrets:
  系统钥匙串 Secret Service（GNOME Keyring、KWallet；服务 service “dingbind”），或环境变量 or environment variables:
  export DINGBIND_CLIENT_SECRET='密钥'
退出码 Exit codes:  0 通过 ok · 1 有检查失败或值不对 a check failed or a value was rejected · 2 输入或用法错误 bad input or usage · 130 sync-preview 被 Ctrl-C 取消 cancelled";

/// After `dingbind import --help`: which folder "the app's data folder" is here.
#[cfg(windows)]
pub const DATA_FOLDER: &str = r"数据文件夹 Data folder: %APPDATA%\com.dingbind.wizard （DINGBIND_DATA_DIR 可改 overrides it）";
#[cfg(target_os = "macos")]
pub const DATA_FOLDER: &str = "数据文件夹 Data folder: ~/Library/Application Support/com.dingbind.wizard （DINGBIND_DATA_DIR 可改 overrides it）";
#[cfg(not(any(windows, target_os = "macos")))]
pub const DATA_FOLDER: &str = "数据文件夹 Data folder: ~/.local/share/com.dingbind.wizard （DINGBIND_DATA_DIR 可改 overrides it）";

/// How to hand a secret in `file` to `validate` on stdin, in a form this OS's shells accept:
/// PowerShell has no `<` redirection, and `type` works in both it and cmd.exe.
pub fn stdin_example(field: &str, file: &str) -> String {
    if cfg!(windows) {
        format!("type {file} | dingbind validate --field {field} -")
    } else {
        format!("dingbind validate --field {field} - < {file}")
    }
}
