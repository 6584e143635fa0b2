//! Text as Windows tools hand it over, and stdout as Windows readers take it.
//!
//! Input: Notepad may save UTF-8 with a byte-order mark, and Windows PowerShell 5.1's `>` and
//! `Out-File` write UTF-16LE with one; cmd.exe pastes end in CRLF (the fields' own cleaning trims
//! that).
//!
//! Output: Rust's std writes UTF-16 to a real console (WriteConsoleW), so cmd.exe and PowerShell
//! windows show Chinese whatever the console code page; through a pipe or a redirect it writes
//! UTF-8 bytes. PowerShell decodes a native program's output with `[Console]::OutputEncoding`,
//! read when it starts the program (PowerShell/PowerShell#10789), which is the OEM code page
//! (936 on Chinese Windows) unless the admin changed it, and .NET caches that value, so a
//! `SetConsoleOutputCP(65001)` here would come too late for that pipe and would leave the admin's
//! console switched after we exit (learn.microsoft.com: Console.OutputEncoding, "may return a
//! cached value"). So we do not touch the code page: `--help` says how to set UTF-8 in PowerShell
//! and to write files with `-o`, and `--json` through a pipe on Windows is plain ASCII (`\uXXXX`
//! escapes, the same JSON value), which every code page reads alike.

/// Bytes from stdin as text: a UTF-8 byte-order mark is dropped, UTF-16 with its mark is decoded,
/// anything else is read as UTF-8 with invalid bytes replaced (a file in the ANSI code page still
/// gives its ASCII: an errcode, a URL, a secret).
pub fn decode(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Whether a write failed because the reader went away (`dingbind … | more` closed early): EPIPE,
/// and on Windows also the pipe errors std does not call BrokenPipe (ERROR_NO_DATA 232,
/// ERROR_PIPE_NOT_CONNECTED 233, which wine reports).
pub fn reader_gone(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(109 | 232 | 233)))
}

/// The JSON text a command prints: as it is, except on Windows when stdout is not a console,
/// where every non-ASCII character becomes a `\uXXXX` escape (see the module docs). Such a
/// character can only stand inside a JSON string, where the escape means the same.
pub fn json_for_stdout(json: String) -> String {
    use std::io::IsTerminal;
    if cfg!(windows) && !std::io::stdout().is_terminal() {
        ascii_json(&json)
    } else {
        json
    }
}

fn ascii_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_windows_tools_decodes_to_the_same_value() {
        let value = "Client Secret：abc\r\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(value.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        le.extend(value.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [value.as_bytes().to_vec(), bom, le, be] {
            assert_eq!(decode(&bytes), value);
        }
        // GBK bytes (the ANSI code page of Chinese Windows, "权限") keep their ASCII.
        assert!(decode(b"errcode=60011 \xc8\xa8\xcf\xde").starts_with("errcode=60011 "));
    }

    #[test]
    fn ascii_json_is_the_same_json_value() {
        let v = serde_json::json!({"message": "权限不足 😀", "n": 1, "ok": "plain"});
        let text = ascii_json(&serde_json::to_string_pretty(&v).unwrap());
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains(r"\u6743\u9650"), "{text}");
        assert!(text.contains(r"\ud83d\ude00"), "a surrogate pair: {text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
    }
}
