// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p dingbind-app bindings` after changing a type.

export type Text = { zh: string, en: string, };

export type Lang = "zh" | "en";

export type Field = "domain" | "corp_id" | "corp_name" | "agent_id" | "client_id" | "client_secret" | "sso_secret" | "event_token" | "aes_key";

export type FieldInfo = { field: Field, label: Text, source: Text, secret: boolean, };

export type ErrorCode = "empty" | "bad_format" | "wrong_field";

export type WarningCode = "unusual_format" | "looks_like_other_field" | "plain_http" | "ip_address" | "not_public" | "path_dropped" | "same_as_other_field" | "legacy_app_id";

export type Warning = { code: WarningCode, message: Text, suggested_field: Field | null, };

export type Validation = { field: Field, ok: boolean, 
/**
 * The normalised value (what gets saved and used); on error, the cleaned input, so nothing is lost.
 */
value: string, code: ErrorCode | null, 
/**
 * The box the value looks like it belongs in.
 */
suggested_field: Field | null, message: Text | null, warnings: Array<Warning>, 
/**
 * What paste cleaning removed or converted.
 */
cleaned: Array<Text>, };

export type Template = { id: string, name: Text, description: Text, needs: Array<Field>, urls: Array<UrlSpec>, permissions: Array<Permission>, steps: Array<Step>, 
/**
 * Optional live checks this platform needs beyond the standard set (e.g. `attendance.groups`).
 */
extra_checks: Array<string>, 
/**
 * Embedded in the app (as opposed to loaded from the admin's templates folder).
 */
builtin: boolean, };

export type UrlSpec = { 
/**
 * Stable key (`home`, `pc_home`, `admin`, `login_callback`, …): `dingbind urls --json` uses it.
 */
name: string, pattern: string, label: Text, 
/**
 * Where in the console the admin pastes it.
 */
destination: Text, 
/**
 * The admin may replace the pattern with their own (the "custom URLs" template, or a platform
 * behind a gateway that rewrites paths).
 */
editable: boolean, };

export type Permission = { 
/**
 * The permission code to search for in 权限管理 (also the `scope.<code>` check id).
 */
code: string, name: Text, group: Text, };

export type Step = { id: string, title: Text, 
/**
 * Instructions: paragraphs separated by blank lines; lines starting `1.` form a numbered list.
 */
body: Text, tip: Text | null, console: ConsoleLink | null, fields: Array<Field>, 
/**
 * Names of `urls` this step asks the admin to copy into the console.
 */
urls: Array<string>, 
/**
 * Whether this step lists the template's required permissions.
 */
show_permissions: boolean, 
/**
 * Things done in a console the app cannot see, confirmed by the admin.
 */
confirm: Array<Confirm>, };

export type ConsoleLink = { 
/**
 * An https URL on an allow-listed DingTalk host, or a `https://{domain}/…` page of the platform.
 */
url: string, label: Text, };

export type Confirm = { id: string, text: Text, };

export type TemplateProblem = { file: string, line: number, field: string, message: string, };

export type GeneratedUrl = { name: string, label: Text, destination: Text, 
/**
 * The pattern used (the template's, or the admin's override).
 */
pattern: string, 
/**
 * The finished URL; `None` while a value it needs is missing or the pattern is broken.
 */
url: string | null, 
/**
 * Fields still needed before the URL can be generated.
 */
missing: Array<Field>, 
/**
 * Why the pattern cannot be used (an admin-edited pattern with a typo in `$CORPID$`, say).
 */
error: string | null, editable: boolean, };

export type SecretLocation = "keychain" | "session";

export type Profile = { schema_version: number, id: string, name: string, template_id: string, 
/**
 * RFC 3339.
 */
created_at: string, updated_at: string, 
/**
 * What is in each non-secret box, exactly as last typed or cleaned (possibly invalid: nothing
 * the admin typed is thrown away).
 */
values: { [key in Field]?: string }, 
/**
 * The admin's own patterns for editable URLs, by URL name.
 */
url_patterns: { [key in string]: string }, secrets: { [key in Field]?: SecretLocation }, 
/**
 * The step the admin is on (a step id, or `summary`).
 */
current_step: string, 
/**
 * `step_id.confirm_id` → when the admin ticked it (RFC 3339).
 */
confirmations: { [key in string]: string }, };

export type StepState = { id: string, complete: boolean, 
/**
 * Fields of this step with no value yet.
 */
missing: Array<Field>, 
/**
 * Fields of this step whose value is rejected.
 */
invalid: Array<Field>, 
/**
 * Confirmations of this step not yet ticked.
 */
unconfirmed: Array<string>, };

export type Evaluation = { 
/**
 * A verdict for every field the template needs. Secret verdicts carry a masked value.
 */
fields: { [key in Field]?: Validation }, steps: Array<StepState>, urls: Array<GeneratedUrl>, complete: boolean, };

export type Settings = { language: Lang, 
/**
 * The profile open when the app last stopped; reopened at start so a crash loses nothing.
 */
last_profile_id: string | null, 
/**
 * A corporate root certificate to trust beside the system store (see [`crate::ca`]).
 */
ca_file: string | null, };

export type ProfileSummary = { id: string, name: string, template_id: string, current_step: string, updated_at: string, 
/**
 * Set when the file could not be read; the file is left as it is.
 */
broken: string | null, };

export type ProfileView = { profile: Profile, evaluation: Evaluation, };

export type AppInfo = { version: string, data_dir: string, 
/**
 * False when secrets can only be kept in memory for this session.
 */
keychain_available: boolean, keychain_problem: string | null, settings: Settings, 
/**
 * User templates that could not be loaded, with file, line and field.
 */
template_problems: Array<TemplateProblem>, fields: Array<FieldInfo>, 
/**
 * The corporate root certificate the live checks trust, chosen in the app or from
 * `DINGBIND_CA_FILE`; `None` when only the system store counts.
 */
ca: CaInfo | null, };

export type DiagnosisCode = "bad_credentials" | "bad_corp_id" | "ip_not_whitelisted" | "missing_scope" | "out_of_range" | "bad_agent_id" | "user_not_in_org" | "rate_limited" | "token_expired" | "https_required" | "redirect_not_registered" | "clock_skew" | "timeout" | "dns_failure" | "tls_failure" | "http_status" | "unexpected_response" | "callback_bad_reply" | "callback_decrypt_failed" | "auth_code_invalid" | "app_not_published" | "quota_exceeded" | "ip_banned" | "api_disabled" | "bad_param" | "dept_not_found" | "callback_crypto_key" | "callback_registration" | "callback_unreachable" | "message_throttled" | "corpid_placeholder" | "in_app_login_required" | "not_dingtalk" | "unreachable" | "unknown" | "state_mismatch" | "wrong_endpoint" | "token_not_received" | "server_error" | "jsapi_signature";

export type ScopeApply = { scope: string, 
/**
 * The console's name for it, when known.
 */
name: Text | null, url: string, };

export type DiagnosisData = { 
/**
 * The caller IP DingTalk saw (`request ip=` in a whitelist error).
 */
egress_ip?: string | null, 
/**
 * The app's Client ID: named by DingTalk (`appKey(ding…)` in a whitelist error, the apply
 * link of a permission error) or known to the check that called.
 */
app_key?: string | null, 
/**
 * Permission codes to enable (`accessdenieddetail.requiredScopes`, the codes DingTalk's text
 * names, or inferred from the API).
 */
required_scopes?: Array<string>, 
/**
 * For a missing permission whose app is known: each scope with its console name and
 * DingTalk's one-click apply page. Derived from `required_scopes` and `app_key`.
 */
scope_apply?: Array<ScopeApply>, 
/**
 * The HTTP status of the failed response, when known.
 */
http_status?: number | null, 
/**
 * The host (or `ip:port`) a network error was about.
 */
host?: string | null, 
/**
 * Minutes DingTalk asked the caller to wait (the x5 ban page's `wait`).
 */
wait_minutes?: number | null, };

export type Diagnosis = { code: DiagnosisCode, 
/**
 * DingTalk's code: the numeric errcode of the old family (`"60020"`) or the string code of the
 * new family (`"Forbidden.AccessDenied.IpNotInWhiteList"`).
 */
errcode: string | null, data: DiagnosisData, cause: Text, fix: Text, 
/**
 * The console or doc page where the fix happens (https, DingTalk hosts only).
 */
fix_url: string | null, 
/**
 * DingTalk's own text (原话), verbatim.
 */
original: string | null, };

export type CheckStatus = "ok" | "fail" | "warn" | "skipped" | "manual";

export type TraceEntry = { method: string, url: string, request_body: string | null, status: number | null, response_body: string | null, duration_ms: number, error: string | null, };

export type CheckResult = { id: string, title: Text, status: CheckStatus, code: DiagnosisCode | null, 
/**
 * Facts the check found: `egress_ip`, `required_scopes`, `count`, `missing`, ...
 */
data: Record<string, unknown>, 
/**
 * What happened, in words for the admin.
 */
message: Text, fix: Text | null, fix_url: string | null, 
/**
 * DingTalk's own text (原话), when it said something.
 */
original: string | null, duration_ms: number, 
/**
 * The checks whose failure made this one skip.
 */
skipped_because: Array<string>, trace: Array<TraceEntry>, };

export type Summary = { ok: number, fail: number, warn: number, skipped: number, manual: number, };

export type CheckRun = { started_at: string, duration_ms: number, checks: Array<CheckResult>, summary: Summary, 
/**
 * Stopped by the admin before every check finished.
 */
cancelled: boolean, 
/**
 * The overall deadline cut the run short.
 */
deadline_hit: boolean, 
/**
 * Against the simulator (practice mode), with the scenario name.
 */
practice: string | null, };

export type CheckOptions = { 
/**
 * Send a timestamped test work notification to this userid.
 */
message_userid: string | null, 
/**
 * Overall deadline in milliseconds (default 30 000).
 */
deadline_ms: number, };

export type PlannedCheck = { id: string, title: Text, depends_on: Array<string>, };

export type CheckEvent = { "kind": "planned", checks: Array<PlannedCheck>, } | { "kind": "finished", result: CheckResult, };

export type ScanKind = "web_login" | "workbench" | "mobile_home";

export type ScanCode = { kind: ScanKind, title: Text, 
/**
 * The exact URL encoded in the QR code; `None` while a value it needs is missing.
 */
url: string | null, 
/**
 * What is still needed before the code can be made.
 */
missing: Array<Field>, 
/**
 * What the admin should see after scanning.
 */
expect: Text, 
/**
 * What it means when they see something else, and where to fix it.
 */
if_not: Text, 
/**
 * The QR code as a PNG `data:` URL (for `<img>`); `None` with `url`.
 */
png: string | null, };

export type RecordedRun = { id: string, run: CheckRun, 
/**
 * Set when the run was not made here: it came in a report someone sent (support mode).
 */
imported_from: string | null, };

export type RunListItem = { id: string, started_at: string, duration_ms: number, summary: Summary, practice: string | null, cancelled: boolean, imported_from: string | null, };

export type CheckSide = { status: CheckStatus, code: DiagnosisCode | null, message: Text, fix: Text | null, original: string | null, };

export type ChangeKind = "regressed" | "fixed" | "reason" | "added" | "removed";

export type CheckChange = { id: string, title: Text, kind: ChangeKind, before: CheckSide | null, after: CheckSide | null, };

export type RunDiff = { 
/**
 * Regressions first, then fixes, then the rest; in check order within each.
 */
changes: Array<CheckChange>, 
/**
 * Checks with the same status and reason in both runs.
 */
unchanged: number, };

export type ReportFormat = "html" | "md" | "json";

export type LoginStarted = { redirect_url: string, auth_url: string, 
/**
 * DingTalk's login page visibly says the redirect URL is not registered: the test ends here
 * with this result, and no browser opens.
 */
preflight: CheckResult | null, 
/**
 * Something odd about the login page (an unusual HTTP status, the page unreachable from the
 * wizard) worth showing beside the login; the browser opens anyway.
 */
preflight_warning: Text | null, };

export type ImportWarning = { pointer: string, message: Text, };

export type ImportOutcome = { "kind": "imported", view: ProfileView, 
/**
 * It came from a report: the sender's last run is in the history (support mode).
 */
from_report: boolean, 
/**
 * Accepted with remarks (a URL that differs from what the values give, ...).
 */
warnings: Array<ImportWarning>, } | { "kind": "needs_passphrase" } | { "kind": "refused", code: string, pointer: string, message: Text, };

export type TemplateAdded = { "kind": "added", template: Template, replaced: boolean, } | { "kind": "refused", problem: TemplateProblem, };

export type CaInfo = { path: string, 
/**
 * Each certificate's name (its CN, else its organisation or unit), in file order.
 */
subjects: Array<string>, 
/**
 * When the first certificate expires, as OpenSSL prints it (`Jan  1 00:00:00 2035 GMT`).
 */
not_after: string, 
/**
 * Set from `DINGBIND_CA_FILE` rather than chosen in the app.
 */
from_env: boolean, 
/**
 * Why the file cannot be used now (moved, deleted, replaced by something else).
 */
problem: string | null, };

export type PracticeStatus = { 
/**
 * The running scenario; `None` when checks go to the real DingTalk.
 */
scenario: string | null, scenarios: Array<string>, };

export type IpcErrorCode = "not_found" | "invalid_input" | "storage" | "not_allowed" | "internal";

export type IpcError = { code: IpcErrorCode, message: string, detail: string | null, };
