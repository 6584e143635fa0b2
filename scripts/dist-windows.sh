#!/usr/bin/env bash
# Builds Dingbind for Windows and packs it:
#   OUT/Dingbind-<version>-x64-setup.exe     the installer (packaging/windows/installer.nsi)
#   OUT/Dingbind-<version>-x64-portable.zip  the app, the CLI, their DLLs and a short README
#   OUT/dingbind.exe                         the server CLI on its own (no practice mode)
# Usage: scripts/dist-windows.sh [--target TRIPLE] [--out DIR]
#   --target  x86_64-pc-windows-gnu (default: cross-built here with mingw) or
#             x86_64-pc-windows-msvc (natively on Windows, the release workflow)
#   --out     where the three files go (default dist/)
# Built with the size profile, `[profile.dist]` in Cargo.toml (docs/benchmarks.md, "Release sizes"),
# into $CARGO_TARGET_DIR (or target/)/TRIPLE/dist/. The UI must be built first
# (ui/dist: the app embeds it). The staging folder is checked before anything is packed: exactly
# the files we mean to ship, no mingw runtime DLL the exe would need but Windows lacks, and never
# the wine-only ProcessPrng shim (bcryptprimitives.dll, tests/wine/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

target=x86_64-pc-windows-gnu
out="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: scripts/dist-windows.sh [--target TRIPLE] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# One version for the app, the installer and the file names: tauri.conf.json's, which must agree
# with the workspace's Cargo version.
version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)"
cargo_version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)"
if [ -z "$version" ] || [ "$version" != "$cargo_version" ]; then
  echo "dist-windows: tauri.conf.json says version '$version', Cargo.toml '$cargo_version': make them agree" >&2
  exit 1
fi
[ -f ui/dist/index.html ] || { echo "dist-windows: build the UI first (cd ui && npm run build)" >&2; exit 1; }

target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile=dist
bin="$target_dir/$target/$profile"
echo "dist-windows: cargo build --profile $profile --target $target (dingbind-app, dingbind-cli)"
cargo build --profile "$profile" --locked --target "$target" -p dingbind-app -p dingbind-cli

work="$target_dir/dist-windows/$target"
stage="$work/Dingbind"
rm -rf "$work"
mkdir -p "$stage" "$work/tools"
cp "$bin/dingbind-app.exe" "$bin/dingbind.exe" "$stage/"

case "$target" in
  *-gnu)
    objdump=x86_64-w64-mingw32-objdump
    cc=x86_64-w64-mingw32-gcc
    # The profile strips already (`strip = true`); mingw's strip makes sure of it, as the symbol
    # tables would be most of a mingw exe.
    x86_64-w64-mingw32-strip "$stage"/*.exe
    # The gnu build links WebView2's loader as a DLL (the MSVC build links it statically): ship
    # the one webview2-com-sys was built with, found through cargo's own metadata.
    loader="$(cargo metadata --format-version 1 --locked --filter-platform "$target" |
      python3 -c 'import json,sys; m=json.load(sys.stdin); print(next(p["manifest_path"] for p in m["packages"] if p["name"]=="webview2-com-sys"))')"
    loader="$(dirname "$loader")/x64/WebView2Loader.dll"
    if "$objdump" -p "$stage/dingbind-app.exe" | grep -i 'DLL Name: WebView2Loader.dll' >/dev/null; then
      cp "$loader" "$stage/"
    fi
    ;;
  *)
    objdump=""
    cc="${CC:-gcc}"
    ;;
esac

# What the exes import must be Windows' own or shipped beside them.
if [ -n "$objdump" ]; then
  for exe in "$stage"/*.exe; do
    while read -r dll; do
      if [ ! -f "$stage/$dll" ] && [[ "${dll,,}" =~ ^(libgcc|libstdc|libwinpthread|webview2loader) ]]; then
        echo "dist-windows: $(basename "$exe") needs $dll, which Windows does not have and we do not ship" >&2
        exit 1
      fi
    done < <("$objdump" -p "$exe" | sed -n 's/^\s*DLL Name: //p')
  done
fi

# The PATH helper the installer runs (packaging/windows/userpath.c); not installed itself.
"$cc" -municode -Os -s -Wall -Wextra -Werror -o "$work/tools/userpath.exe" packaging/windows/userpath.c

cat > "$stage/README.txt" <<EOF
钉钉绑定向导 Dingbind $version (Windows x64, 便携版 / portable)

中文
- 双击 dingbind-app.exe 打开向导；无需安装，也可以放在 U 盘里使用。
- 需要微软的 WebView2 运行时（Windows 11 自带；Windows 10 一般随 Edge 更新已装好）。
  如果缺少，向导会提示并给出下载链接。
- dingbind.exe 是命令行工具（在 cmd.exe 或 PowerShell 中运行 dingbind.exe --help）。
- 绑定资料保存在 %APPDATA%\\com.dingbind.wizard，密钥保存在 Windows 凭据管理器；删除本文件夹不会删除它们。
- 想要开始菜单快捷方式和卸载项，请改用安装版 Dingbind-$version-x64-setup.exe。

English
- Double-click dingbind-app.exe to open the wizard; nothing to install, it also runs from a USB stick.
- It needs Microsoft's WebView2 runtime (part of Windows 11; Windows 10 usually has it through
  Edge updates). If it is missing, the wizard says so and gives the download link.
- dingbind.exe is the command-line tool (run dingbind.exe --help in cmd.exe or PowerShell).
- Bindings live in %APPDATA%\\com.dingbind.wizard and secrets in Windows Credential Manager;
  deleting this folder leaves them.
- For Start menu shortcuts and an uninstaller, use the installer Dingbind-$version-x64-setup.exe.
EOF
# CRLF and a UTF-8 byte-order mark: Notepad before Windows 10 1903 needs both to show the lines
# and the Chinese.
sed -i 's/$/\r/; 1s/^/\xEF\xBB\xBF/' "$stage/README.txt"

# Exactly what we mean to ship, nothing else (the wine shim above all).
shipped="$(cd "$stage" && ls -1 | sort | tr '\n' ' ')"
expected="README.txt dingbind-app.exe dingbind.exe $( [ -f "$stage/WebView2Loader.dll" ] && echo WebView2Loader.dll) "
expected="$(echo "$expected" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')"
if [ "$shipped" != "$expected" ]; then
  echo "dist-windows: the staging folder holds [$shipped], expected [$expected]" >&2
  exit 1
fi

setup="$out/Dingbind-$version-x64-setup.exe"
portable="$out/Dingbind-$version-x64-portable.zip"
icon="$root/icons/icon.ico"
makensis_bin="${MAKENSIS:-makensis}"
# Windows' makensis takes /DNAME=..., Debian's -DNAME=... (and both take /D on Windows).
opt=-; case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) opt=/ ;; esac
to_native() { case "$opt" in /) cygpath -w "$1" ;; *) echo "$1" ;; esac; }
echo "dist-windows: makensis → $(basename "$setup")"
"$makensis_bin" "${opt}V2" "${opt}INPUTCHARSET" UTF8 "${opt}DVERSION=$version" \
  "${opt}DSTAGE=$(to_native "$stage")" "${opt}DTOOLS=$(to_native "$work/tools")" \
  "${opt}DICON=$(to_native "$icon")" "${opt}DOUTFILE=$(to_native "$setup")" \
  "$(to_native "$root/packaging/windows/installer.nsi")"

echo "dist-windows: zip → $(basename "$portable")"
rm -f "$portable"
if command -v zip >/dev/null; then
  (cd "$work" && zip -q -r -X "$portable" Dingbind)
else
  # Windows runners have 7-Zip, not Info-ZIP.
  (cd "$work" && 7z a -tzip -bd "$(to_native "$portable")" Dingbind >/dev/null)
fi
cp "$stage/dingbind.exe" "$out/dingbind.exe"
ls -l "$setup" "$portable" "$out/dingbind.exe"
