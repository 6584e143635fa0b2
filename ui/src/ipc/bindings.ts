// Generated from the Rust types and src-tauri/src/commands/list.rs by src-tauri/src/bindings.rs.
// Do not edit: run `make bindings` after changing a command or a type.

export type Advice = { 
/**
 * 现象: what the admin sees or what DingTalk answered, in one sentence.
 */
symptom: Text, 
/**
 * 原因: why it happens.
 */
cause: Text, 
/**
 * 去哪改: the menu path where the fix happens, with `›` between the labels exactly as the
 * console or the platform shows them (`左侧菜单 › 开发配置 › 安全设置 › 服务器出口IP`); shown in
 * bold. `None` when the fix is not a place in a menu (scan again, wait, tell the engineers).
 */
place: Text | null, 
/**
 * What to do there, in order, one short sentence each.
 */
steps: Array<Text>, 
/**
 * If that does not help, and what else to know: one case each.
 */
notes: Array<Text>, };

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

export type BreakGlass = { 
/**
 * The platform's own login page (account and password), a pattern like the template's URLs
 * (`https://{domain}/…`); absent when the platform documents none.
 */
login_url: string | null, 
/**
 * What to do if DingTalk login has to be switched off, in the platform's own menu words.
 */
switch_off: Text | null, 
/**
 * Where the platform documents this (its help page), so the admin can check it.
 */
source: string, };

export type BreakGlassNote = { 
/**
 * The platform's own login page, filled in for this binding; `null` when the platform
 * documents none or a value it needs (the domain) is not entered yet.
 */
login_url: string | null, 
/**
 * The page's pattern as the template gives it (`https://{domain}/…`), when it gives one.
 */
login_url_pattern: string | null, 
/**
 * What to do if DingTalk login has to be switched off.
 */
switch_off: Text | null, 
/**
 * Where the platform documents this.
 */
source: string, };

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

export type ChangeKind = "regressed" | "fixed" | "reason" | "added" | "removed";

export type CheckChange = { id: string, title: Text, kind: ChangeKind, before: CheckSide | null, after: CheckSide | null, };

export type CheckEvent = { "kind": "planned", checks: Array<PlannedCheck>, } | { "kind": "finished", result: CheckResult, };

export type CheckOptions = { 
/**
 * Send a timestamped test work notification to this userid.
 */
message_userid: string | null, 
/**
 * Overall deadline in milliseconds (default 30 000).
 */
deadline_ms: number, };

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
 * The diagnosis in parts an admin can follow (现象 → 原因 → 去哪改), when the failure was
 * diagnosed; `message` and `fix` are its flat form. Absent from runs saved before it existed.
 */
advice: Advice | null, 
/**
 * DingTalk's own text (原话), when it said something.
 */
original: string | null, duration_ms: number, 
/**
 * The checks whose failure made this one skip.
 */
skipped_because: Array<string>, trace: Array<TraceEntry>, };

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
 * Against the simulator (practice mode), with its scenario.
 */
practice: PracticeScenario | null, };

export type CheckSide = { status: CheckStatus, code: DiagnosisCode | null, message: Text, fix: Text | null, original: string | null, };

export type CheckStatus = "ok" | "fail" | "warn" | "skipped" | "manual";

export type Confirm = { id: string, text: Text, };

export type ConsoleLink = { 
/**
 * An https URL on an allow-listed DingTalk host, or a `https://{domain}/…` page of the platform.
 */
url: string, label: Text, };

export type DeptRow = { dept_id: bigint, name: string, parent_id: bigint | null, depth: number, 
/**
 * Direct members.
 */
direct_members: number, 
/**
 * Members of the department and its sub-departments, each person once.
 */
members: number, 
/**
 * Inside the visible range; `None` when it could not be read.
 */
can_open: boolean | null, };

export type Diagnosis = { code: DiagnosisCode, 
/**
 * DingTalk's code: the numeric errcode of the old family (`"60020"`) or the string code of the
 * new family (`"Forbidden.AccessDenied.IpNotInWhiteList"`).
 */
errcode: string | null, data: DiagnosisData, 
/**
 * 现象 and 原因 in one sentence ([`Advice::flat_cause`]).
 */
cause: Text, 
/**
 * The whole fix in one paragraph ([`Advice::flat_fix`]), for readers that take one text.
 */
fix: Text, 
/**
 * The same in parts an admin can follow: 现象 → 原因 → 去哪改.
 */
advice: Advice, 
/**
 * The console or doc page where the fix happens (https, DingTalk hosts only).
 */
fix_url: string | null, 
/**
 * DingTalk's own text (原话), verbatim.
 */
original: string | null, };

export type DiagnosisCode = "bad_credentials" | "bad_corp_id" | "ip_not_whitelisted" | "missing_scope" | "out_of_range" | "bad_agent_id" | "user_not_in_org" | "rate_limited" | "token_expired" | "https_required" | "redirect_not_registered" | "clock_skew" | "timeout" | "dns_failure" | "tls_failure" | "http_status" | "unexpected_response" | "callback_bad_reply" | "callback_decrypt_failed" | "auth_code_invalid" | "app_not_published" | "quota_exceeded" | "ip_banned" | "api_disabled" | "bad_param" | "dept_not_found" | "callback_crypto_key" | "callback_registration" | "callback_unreachable" | "message_throttled" | "corpid_placeholder" | "in_app_login_required" | "not_dingtalk" | "unreachable" | "unknown" | "state_mismatch" | "wrong_endpoint" | "token_not_received" | "server_error" | "jsapi_signature" | "stream_not_connected" | "stream_gateway_refused";

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

export type DiffKind = "open_not_synced" | "synced_not_open";

export type Difference = { kind: DiffKind, dept_id: bigint | null, dept_name: string | null, userid: string | null, name: string | null, 
/**
 * How many people it concerns.
 */
people: number, reason: Text, };

export type ErrorCode = "empty" | "bad_format" | "wrong_field";

export type Evaluation = { 
/**
 * A verdict for every field the template needs. Secret verdicts carry a masked value.
 */
fields: { [key in Field]?: Validation }, steps: Array<StepState>, urls: Array<GeneratedUrl>, complete: boolean, 
/**
 * The template's break-glass (the platform's manual way in), filled in for these values;
 * absent when the template knows none.
 */
break_glass: BreakGlassNote | null, };

export type EventSubscription = { push: PushMode, 
/**
 * The event types to tick in 事件订阅, each with what the platform does with it.
 */
topics: Array<EventTopic>, };

export type EventTopic = { 
/**
 * DingTalk's event type (`user_add_org`, `org_dept_remove`, …).
 */
topic: string, 
/**
 * What the platform needs it for, in words for the admin.
 */
purpose: Text, };

export type Field = "domain" | "corp_id" | "corp_name" | "agent_id" | "client_id" | "client_secret" | "sso_secret" | "event_token" | "aes_key";

export type FieldInfo = { field: Field, label: Text, source: Text, secret: boolean, };

export type FieldReport = { 
/**
 * The API's name (`mobile`).
 */
field: string, label: Text, returned: number, status: FieldStatus, 
/**
 * The field permission it needs (console name), when the docs name one.
 */
permission: Text | null, };

export type FieldStatus = "returned" | "partial" | "missing_permission" | "empty";

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
error: Text | null, editable: boolean, };

export type ImportOutcome = { "kind": "imported", view: ProfileView, 
/**
 * It came from a report: the sender's last run is in the history (support mode).
 */
from_report: boolean, 
/**
 * Accepted with remarks (a URL that differs from what the values give, ...).
 */
warnings: Array<ImportWarning>, } | { "kind": "needs_passphrase" } | { "kind": "refused", code: string, pointer: string, message: Text, };

export type ImportWarning = { pointer: string, message: Text, };

export type IpcError = { 
/**
 * Stable snake_case: the core's (listed in `dingbind_core::error`) or one of [`IpcError`]'s
 * constructors below.
 */
code: string, 
/**
 * What happened, in both languages; the UI shows the admin's.
 */
message: Text, 
/**
 * The technical cause, for support (folded away in the UI).
 */
detail: string | null, };

export type Lang = "zh" | "en";

export type LoginStarted = { redirect_url: string, 
/**
 * The login page to open: DingTalk's, or the login gateway the admin configured (checked).
 */
auth_url: string, 
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

export type Permission = { 
/**
 * The permission code to search for in 权限管理 (also the `scope.<code>` check id).
 */
code: string, name: Text, group: Text, };

export type PersonRow = { userid: string, 
/**
 * Empty for someone the API cannot read.
 */
name: string, dept_ids: Array<bigint>, dept_names: Array<string>, admin: boolean, 
/**
 * The API returns them: the platform will sync them.
 */
synced: boolean, 
/**
 * Inside the visible range; `None` when it could not be read or depends on a role.
 */
can_open: boolean | null, 
/**
 * The optional fields that came back for them (`mobile`, `email`, …), never their values.
 */
fields: Array<string>, difference: DiffKind | null, };

export type PlannedCheck = { id: string, title: Text, depends_on: Array<string>, };

export type PracticeScenario = { id: string, title: Text, };

export type PracticeStatus = { 
/**
 * The running scenario; `None` when checks go to the real DingTalk.
 */
scenario: PracticeScenario | null, 
/**
 * Every built-in scenario, in the simulator's order.
 */
scenarios: Array<PracticeScenario>, };

export type PreviewDiff = { 
/**
 * In the later preview only: the next sync adds them.
 */
joiners: Array<PreviewPerson>, 
/**
 * In the earlier preview only: the next sync removes them from the platform.
 */
leavers: Array<PreviewPerson>, moves: Array<PreviewMove>, };

export type PreviewMove = { userid: string, name: string, from: Array<string>, to: Array<string>, };

export type PreviewPerson = { userid: string, name: string, dept_ids: Array<bigint>, dept_names: Array<string>, };

export type PreviewSummary = { generated_at: string, totals: SyncTotals, 
/**
 * Against the preview before it, when there is one.
 */
previous_at: string | null, diff: PreviewDiff | null, };

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

export type ProfileSummary = { id: string, name: string, template_id: string, current_step: string, updated_at: string, 
/**
 * Set when the file could not be read; the file is left as it is.
 */
broken: string | null, };

export type ProfileView = { profile: Profile, evaluation: Evaluation, };

export type PushMode = "http" | "stream";

export type RecordedRun = { id: string, run: CheckRun, 
/**
 * Set when the run was not made here: it came in a report someone sent (support mode).
 */
imported_from: string | null, 
/**
 * The report it came in: whose, when (the sender's local time with its offset) and from
 * which version of the app. Runs kept before this existed have none.
 */
origin: ReportOrigin | null, };

export type ReportFormat = "html" | "md" | "json";

export type ReportOrigin = { 
/**
 * The binding's name on the sender's computer.
 */
profile_name: string, 
/**
 * When the report was made, RFC 3339 in the sender's local time (`…+08:00`).
 */
generated_at: string, app_version: string, };

export type RunDiff = { 
/**
 * Regressions first, then fixes, then the rest; in check order within each.
 */
changes: Array<CheckChange>, 
/**
 * Checks with the same status and reason in both runs.
 */
unchanged: number, };

export type RunListItem = { id: string, started_at: string, duration_ms: number, summary: Summary, practice: PracticeScenario | null, cancelled: boolean, imported_from: string | null, };

export type Saved = { 
/**
 * The profile saved, when it was.
 */
id: string | null, 
/**
 * When it was saved (RFC 3339).
 */
updated_at: string | null, 
/**
 * Why the profile could not be saved, in both languages.
 */
error: Text | null, };

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
 * What they may see instead, each with what it means and where to fix it.
 */
if_not: Array<Symptom>, 
/**
 * The QR code as a PNG `data:` URL (for `<img>`); `None` with `url`.
 */
png: string | null, };

export type ScanKind = "web_login" | "workbench" | "mobile_home";

export type ScopeApply = { scope: string, 
/**
 * The console's name for it, when known.
 */
name: Text | null, url: string, };

export type SecretLocation = "keychain" | "session";

export type Settings = { language: Lang, 
/**
 * The profile open when the app last stopped; reopened at start so a crash loses nothing.
 */
last_profile_id: string | null, 
/**
 * A corporate root certificate to trust beside the system store (see [`crate::ca`]).
 */
ca_file: string | null, };

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
 * Whether this step lists the event topics the platform needs (`events.topics`), each with
 * what it is for.
 */
show_events: boolean, 
/**
 * Values the admin types into the platform at this step, in the platform's own field order:
 * the wizard lists each with its value and a copy button (secrets hidden until revealed).
 */
hand_over: Array<Field>, 
/**
 * Things done in a console the app cannot see, confirmed by the admin.
 */
confirm: Array<Confirm>, };

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

export type Summary = { ok: number, fail: number, warn: number, skipped: number, manual: number, };

export type Symptom = { 
/**
 * What is on the phone, in a few words (「重定向错误」).
 */
seen: Text, 
/**
 * Its cause and the fix, with the console path.
 */
means: Text, };

export type SyncEnd = { "kind": "done", 
/**
 * Who will be synced, who can open the app, and why they differ.
 */
preview: SyncPreview, 
/**
 * The newest kept preview (this one) and who joined, left or moved since the one before.
 */
summary: PreviewSummary | null, } | { "kind": "cancelled", 
/**
 * What the walk had counted when it stopped.
 */
progress: SyncProgress, };

export type SyncOverview = { 
/**
 * The newest kept preview's totals and changes; `None` before the first preview.
 */
summary: PreviewSummary | null, 
/**
 * A walk of this profile was stopped (cancelled or refused) and can go on where it stopped.
 */
resumable: boolean, };

export type SyncPreview = { generated_at: string, totals: SyncTotals, 
/**
 * The contact range (`auth/scopes`): everyone, or these departments and people.
 */
contact_all: boolean, contact_dept_ids: Array<bigint>, contact_userids: Array<string>, visible: VisibleRange, departments: Array<DeptRow>, people: Array<PersonRow>, differences: Array<Difference>, fields: Array<FieldReport>, 
/**
 * What else the admin should know (roles, refused departments, the expected count).
 */
notes: Array<Text>, };

export type SyncProgress = { 
/**
 * Departments found so far.
 */
departments: number, 
/**
 * People the API has returned so far.
 */
people: number, 
/**
 * Requests made so far (this walk and the walk it resumes).
 */
requests: number, 
/**
 * Throttle answers DingTalk gave (each was retried).
 */
throttled: number, waiting_for_rate_limit: boolean, };

export type SyncTotals = { departments: number, 
/**
 * People the API returns: the platform's sync will have them.
 */
synced: number, 
/**
 * People who can open the app, as far as it is known; `None` when the range is unreadable.
 */
can_open: number | null, open_not_synced: number, synced_not_open: number, expected: number | null, 
/**
 * The expected count equals `synced`.
 */
expected_matches: boolean | null, requests: number, throttled: number, };

export type Template = { id: string, name: Text, description: Text, needs: Array<Field>, urls: Array<UrlSpec>, permissions: Array<Permission>, steps: Array<Step>, 
/**
 * Optional live checks this platform needs beyond the standard set (e.g. `attendance.groups`).
 */
extra_checks: Array<string>, 
/**
 * How the platform receives DingTalk's events (HTTP callback or Stream) and which event topics
 * it needs; absent when the platform subscribes to none.
 */
events: EventSubscription | null, 
/**
 * The way back in when DingTalk login fails or has to be switched off: the platform's own
 * login page and what to do, as the platform documents them; absent when it documents none.
 */
break_glass: BreakGlass | null, 
/**
 * Embedded in the app (as opposed to loaded from the admin's templates folder).
 */
builtin: boolean, };

export type TemplateAdded = { "kind": "added", template: Template, replaced: boolean, } | { "kind": "refused", problem: TemplateProblem, };

export type TemplateProblem = { file: string, line: number, field: string, message: Text, };

export type Text = { zh: string, en: string, };

export type TraceEntry = { method: string, url: string, request_body: string | null, status: number | null, response_body: string | null, duration_ms: number, error: string | null, };

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

export type VisibleRange = { "kind": "read", 
/**
 * Root department 1 is in it: everyone. How DingTalk writes an all-staff range in this
 * answer is not documented (docs/dingtalk/endpoints.md#visible-range-new).
 */
all: boolean, dept_ids: Array<bigint>, userids: Array<string>, role_ids: Array<bigint>, 
/**
 * 仅限管理员可见.
 */
admin_only: boolean, } | { "kind": "unreadable", reason: Text, errcode: string | null, } | { "kind": "no_agent_id" };

export type Warning = { code: WarningCode, message: Text, suggested_field: Field | null, };

export type WarningCode = "unusual_format" | "looks_like_other_field" | "plain_http" | "ip_address" | "not_public" | "path_dropped" | "same_as_other_field" | "legacy_app_id";

/** Every command: its arguments (as the UI passes them) and what it returns. */
export interface Commands {
  app_info: { args: {}; returns: AppInfo };
  set_language: { args: { language: Lang }; returns: null };
  choose_ca_file: { args: {}; returns: AppInfo | null };
  clear_ca_file: { args: {}; returns: AppInfo };
  open_link: { args: { url: string }; returns: string };
  open_saved: { args: { path: string }; returns: null };
  ui_ready: { args: { marks: Array<[string, number]> }; returns: null };
  list_templates: { args: {}; returns: Array<Template> };
  add_template: { args: {}; returns: TemplateAdded | null };
  list_profiles: { args: {}; returns: Array<ProfileSummary> };
  create_profile: { args: { name: string; templateId: string }; returns: ProfileView };
  open_profile: { args: { id: string }; returns: ProfileView };
  close_profile: { args: {}; returns: null };
  update_profile: { args: { profile: Profile }; returns: ProfileView };
  flush_profile: { args: {}; returns: null };
  rename_profile: { args: { id: string; name: string }; returns: ProfileSummary };
  duplicate_profile: { args: { id: string; name: string }; returns: ProfileSummary };
  delete_profile: { args: { id: string }; returns: null };
  set_secret: { args: { profileId: string; field: Field; value: string }; returns: ProfileView };
  reveal_secret: { args: { profileId: string; field: Field }; returns: string | null };
  generate_secret: { args: { profileId: string; field: Field }; returns: ProfileView };
  practice_status: { args: {}; returns: PracticeStatus };
  start_practice: { args: { scenario: string }; returns: PracticeStatus };
  stop_practice: { args: {}; returns: PracticeStatus };
  fill_practice_values: { args: {}; returns: ProfileView };
  run_checks: { args: { profileId: string; options: CheckOptions }; returns: CheckRun };
  cancel_checks: { args: {}; returns: null };
  explain_error: { args: { text: string }; returns: Array<Diagnosis> };
  list_runs: { args: { profileId: string }; returns: Array<RunListItem> };
  get_run: { args: { profileId: string; id: string }; returns: RecordedRun };
  diff_runs: { args: { profileId: string; before: string; after: string }; returns: RunDiff };
  login_redirect_url: { args: {}; returns: string };
  login_start: { args: { profileId: string }; returns: LoginStarted };
  login_finish: { args: {}; returns: CheckResult };
  login_cancel: { args: {}; returns: null };
  sync_overview: { args: { profileId: string }; returns: SyncOverview };
  sync_preview: { args: { profileId: string; expected: number | null; resume: boolean }; returns: SyncEnd };
  cancel_sync_preview: { args: {}; returns: null };
  save_sync_csv: { args: { profileId: string; lang: Lang }; returns: string | null };
  scan_codes: { args: { profileId: string }; returns: Array<ScanCode> };
  copy_qr_image: { args: { profileId: string; kind: ScanKind }; returns: null };
  save_qr_png: { args: { profileId: string; kind: ScanKind }; returns: string | null };
  save_report: { args: { profileId: string; format: ReportFormat; lang: Lang }; returns: string | null };
  export_handoff: { args: { profileId: string; passphrase: string | null }; returns: Array<string> | null };
  import_file: { args: {}; returns: ImportOutcome | null };
  import_with_passphrase: { args: { passphrase: string }; returns: ImportOutcome };
}

/** Calls one command; rejects with whatever the shell sent as the error. */
export type Invoke = <K extends keyof Commands>(cmd: K, args: Commands[K]['args']) => Promise<Commands[K]['returns']>;

/** One function per command, calling through `invoke`. */
export function client(invoke: Invoke) {
  return {
    appInfo: () => invoke('app_info', {}),
    setLanguage: (language: Lang) => invoke('set_language', { language }),
    chooseCaFile: () => invoke('choose_ca_file', {}),
    clearCaFile: () => invoke('clear_ca_file', {}),
    openLink: (url: string) => invoke('open_link', { url }),
    openSaved: (path: string) => invoke('open_saved', { path }),
    uiReady: (marks: Array<[string, number]>) => invoke('ui_ready', { marks }),
    listTemplates: () => invoke('list_templates', {}),
    addTemplate: () => invoke('add_template', {}),
    listProfiles: () => invoke('list_profiles', {}),
    createProfile: (name: string, templateId: string) => invoke('create_profile', { name, templateId }),
    openProfile: (id: string) => invoke('open_profile', { id }),
    closeProfile: () => invoke('close_profile', {}),
    updateProfile: (profile: Profile) => invoke('update_profile', { profile }),
    flushProfile: () => invoke('flush_profile', {}),
    renameProfile: (id: string, name: string) => invoke('rename_profile', { id, name }),
    duplicateProfile: (id: string, name: string) => invoke('duplicate_profile', { id, name }),
    deleteProfile: (id: string) => invoke('delete_profile', { id }),
    setSecret: (profileId: string, field: Field, value: string) => invoke('set_secret', { profileId, field, value }),
    revealSecret: (profileId: string, field: Field) => invoke('reveal_secret', { profileId, field }),
    generateSecret: (profileId: string, field: Field) => invoke('generate_secret', { profileId, field }),
    practiceStatus: () => invoke('practice_status', {}),
    startPractice: (scenario: string) => invoke('start_practice', { scenario }),
    stopPractice: () => invoke('stop_practice', {}),
    fillPracticeValues: () => invoke('fill_practice_values', {}),
    runChecks: (profileId: string, options: CheckOptions) => invoke('run_checks', { profileId, options }),
    cancelChecks: () => invoke('cancel_checks', {}),
    explainError: (text: string) => invoke('explain_error', { text }),
    listRuns: (profileId: string) => invoke('list_runs', { profileId }),
    getRun: (profileId: string, id: string) => invoke('get_run', { profileId, id }),
    diffRuns: (profileId: string, before: string, after: string) => invoke('diff_runs', { profileId, before, after }),
    loginRedirectUrl: () => invoke('login_redirect_url', {}),
    loginStart: (profileId: string) => invoke('login_start', { profileId }),
    loginFinish: () => invoke('login_finish', {}),
    loginCancel: () => invoke('login_cancel', {}),
    syncOverview: (profileId: string) => invoke('sync_overview', { profileId }),
    syncPreview: (profileId: string, expected: number | null, resume: boolean) => invoke('sync_preview', { profileId, expected, resume }),
    cancelSyncPreview: () => invoke('cancel_sync_preview', {}),
    saveSyncCsv: (profileId: string, lang: Lang) => invoke('save_sync_csv', { profileId, lang }),
    scanCodes: (profileId: string) => invoke('scan_codes', { profileId }),
    copyQrImage: (profileId: string, kind: ScanKind) => invoke('copy_qr_image', { profileId, kind }),
    saveQrPng: (profileId: string, kind: ScanKind) => invoke('save_qr_png', { profileId, kind }),
    saveReport: (profileId: string, format: ReportFormat, lang: Lang) => invoke('save_report', { profileId, format, lang }),
    exportHandoff: (profileId: string, passphrase: string | null) => invoke('export_handoff', { profileId, passphrase }),
    importFile: () => invoke('import_file', {}),
    importWithPassphrase: (passphrase: string) => invoke('import_with_passphrase', { passphrase }),
  };
}

/** What the shell pushes to the UI, by event name. */
export interface Events {
  'check-event': CheckEvent;
  'sync-progress': SyncProgress;
  'profile-saved': Saved;
}

export const EVENTS = {
  checkEvent: 'check-event',
  syncProgress: 'sync-progress',
  profileSaved: 'profile-saved',
} as const;
