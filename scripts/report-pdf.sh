#!/usr/bin/env bash
# Prints the binding report the e2e test saved (test-output/report-zh.html) to PDF with Chromium, as
# an admin would from the browser, renders each page with pdftoppm, and checks the result: A4 pages,
# every section present in the text, no secret. Pages land in test-output/report-pdf/ to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
html=test-output/report-zh.html
out=test-output/report-pdf
[ -f "$html" ] || { echo "report-pdf: $html missing (run the e2e tests first)"; exit 1; }
rm -rf "$out" && mkdir -p "$out"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/report.pdf" "file://$PWD/$html" 2>/dev/null
pdftoppm -r 70 -png "$out/report.pdf" "$out/page"

info=$(pdfinfo "$out/report.pdf")
pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
grep -q "Page size: *594.96 x 841.92 pts (A4)" <<<"$info" || { echo "report-pdf: not A4: $info"; exit 1; }
text=$(pdftotext -layout "$out/report.pdf" -)
for want in 钉钉绑定报告 绑定信息 生成的地址 设置步骤 扫码验证 最近一次检查 scope.qyapi_get_member; do
  grep -q -- "$want" <<<"$text" || { echo "report-pdf: the PDF lacks \"$want\""; exit 1; }
done
for secret in 546KQd22R3VKSLuf4UTBI5VtsUE S8A3Iw8vG1aXCcLGjivXLdwEJyFu9B; do
  if grep -q -- "$secret" <<<"$text"; then echo "report-pdf: a secret is in the PDF"; exit 1; fi
done
echo "report-pdf: ok — $pages A4 pages, every section present, no secret ($out/)"
