// Test data shaped exactly like what the Rust shell sends, typed with the generated bindings so the
// type check catches drift. Field labels and sources are those of
// crates/dingbind-core/src/field.rs (Field::label / Field::source); verdict messages are the core's
// (crates/dingbind-core/src/validate), as `dingbind --json validate` prints them.
import type {
  AppInfo,
  Evaluation,
  Field,
  FieldInfo,
  GeneratedUrl,
  PracticeScenario,
  Profile,
  ProfileSummary,
  ProfileView,
  RunListItem,
  StepState,
  Template,
  Validation,
} from '../ipc/bindings';
import { CORE_FIELDS, customTemplate, seedTemplate } from './templates';

export { customTemplate, seedTemplate };

const ALL_FIELDS: Field[] = CORE_FIELDS.map((f) => f.field);

export const FIELDS: FieldInfo[] = CORE_FIELDS;

export function fieldInfo(field: Field): FieldInfo {
  return FIELDS.find((f) => f.field === field)!;
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    data_dir: '/home/admin/.local/share/dingbind',
    keychain_available: true,
    keychain_problem: null,
    settings: { language: 'zh', last_profile_id: null, ca_file: null },
    ca: null,
    template_problems: [],
    fields: FIELDS,
    ...overrides,
  };
}

/** Realistic values of a finished binding (the secrets as the keychain holds them). */
export const VALUES = {
  domain: 'oa.example.com',
  corp_id: 'ding5f2c8a91e0b7d346',
  corp_name: '示例科技有限公司',
  agent_id: '836390886',
  client_id: 'dingq3xvmfkwz8rtnpey',
  client_secret: 'GT-lq0Zx7d1Wm3Kp9Rt5Yv2Bn8Hc4Fj6Ls0Ae1Qw3Er5Ty7Ui9Op2As4Df6Gh8Jk',
  sso_secret: 'Sso_7hKd2Lm9Pq4Rt6Vx8Zb1Nc3Fg5Jw0Ye2Ua4Io6Ep8Sr0Tk2Ml4Qn6Ph8Cv0B',
  event_token: 'Dbx7TokenQ2mN9',
  aes_key: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
} satisfies Record<Field, string>;

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    schema_version: 1,
    id: '4b7c2e90-3f1a-4d6e-9a8b-0c1d2e3f4a5b',
    name: '总部私有云',
    template_id: seedTemplate.id,
    created_at: '2026-03-02T09:15:00+08:00',
    updated_at: '2026-03-02T09:20:41+08:00',
    values: {},
    url_patterns: {},
    secrets: {},
    current_step: 'console_login',
    confirmations: {},
    ...overrides,
  };
}

/** Secret masking as crates/dingbind-core/src/secrets.rs `mask` does it. */
export function mask(secret: string): string {
  const n = [...secret].length;
  if (n === 0) return '';
  const head = n >= 12 ? [...secret].slice(0, 4).join('') : '';
  return `${head}…(${n})`;
}

export function okVerdict(field: Field, value: string, extra: Partial<Validation> = {}): Validation {
  return { field, ok: true, value, code: null, suggested_field: null, message: null, warnings: [], cleaned: [], ...extra };
}

export function emptyVerdict(field: Field): Validation {
  const info = fieldInfo(field);
  return {
    field,
    ok: false,
    value: '',
    code: 'empty',
    suggested_field: null,
    message: {
      zh: `请填写${info.label.zh}（在${info.source.zh}）。`,
      en: `Enter the ${info.label.en} (found on ${info.source.en}).`,
    },
    warnings: [],
    cleaned: [],
  };
}

/** A Client ID pasted into the AgentId box (validate/mod.rs `wrong_box`). */
export const clientIdInAgentIdBox: Validation = {
  field: 'agent_id',
  ok: false,
  value: VALUES.client_id,
  code: 'wrong_field',
  suggested_field: 'client_id',
  message: {
    zh: '这看起来是一个 Client ID，应填到「Client ID（原 AppKey）」框。「AgentId」在应用详情 › 基础信息 › 凭证与基础信息。',
    en: 'This looks like a Client ID: it belongs in the “Client ID (formerly AppKey)” box. The AgentId is on app details › Basic info › Credentials and basic info.',
  },
  warnings: [],
  cleaned: [],
};

/** `http://oa.example.com` in the domain box (validate/domain.rs, plain_http). */
export const plainHttpDomain: Validation = okVerdict('domain', VALUES.domain, {
  warnings: [
    {
      code: 'plain_http',
      message: {
        zh: '填的是 http 地址。钉钉要求 https（错误 43003），生成的地址都用 https，请确认平台已配置证书。',
        en: 'This is an http address. DingTalk requires https (error 43003) and the generated URLs use https; make sure the platform has a certificate.',
      },
      suggested_field: null,
    },
  ],
});

/** A CorpId pasted from a chat message: full-width quotes, spaces and a full stop. */
export const PASTED_CORP_ID = '  “ding5f2c8a91e0b7d346”。';
export const pastedCorpIdVerdict: Validation = okVerdict('corp_id', VALUES.corp_id, {
  cleaned: [
    { zh: '已将全角字符转为半角', en: 'converted full-width characters to half-width' },
    { zh: '已去掉两边的引号', en: 'removed the surrounding quotes' },
    { zh: '已去掉首尾的空格、换行或标点', en: 'removed leading/trailing spaces, newlines or punctuation' },
  ],
});

export interface EvalOptions {
  template?: Template;
  /** Secret values the (fake) core holds in the keychain or session. */
  secrets?: Partial<Record<Field, string>>;
  /** Verdicts to use instead of the plain ok/empty ones. */
  verdicts?: Partial<Record<Field, Validation>>;
}

/**
 * A small stand-in for crates/dingbind-core/src/profile.rs `evaluate`: every needed field gets an
 * ok or empty verdict (secrets masked), steps are complete when their fields are set and valid and
 * their confirmations ticked, and URLs are filled from the valid values.
 */
export function evaluate(profile: Profile, opts: EvalOptions = {}): Evaluation {
  const template = opts.template ?? seedTemplate;
  const fields: Evaluation['fields'] = {};
  for (const f of template.needs) {
    const secret = fieldInfo(f).secret;
    const raw = (secret ? opts.secrets?.[f] : profile.values[f]) ?? '';
    const given = opts.verdicts?.[f];
    fields[f] = given ?? (raw === '' ? emptyVerdict(f) : okVerdict(f, secret ? mask(raw) : raw));
  }
  const steps: StepState[] = template.steps.map((s) => {
    const missing = s.fields.filter((f) => fields[f]?.code === 'empty');
    const invalid = s.fields.filter((f) => !fields[f]?.ok && !missing.includes(f));
    const unconfirmed = s.confirm.map((c) => c.id).filter((c) => !(`${s.id}.${c}` in profile.confirmations));
    return { id: s.id, complete: !missing.length && !invalid.length && !unconfirmed.length, missing, invalid, unconfirmed };
  });
  const urls: GeneratedUrl[] = template.urls.map((u) => {
    const pattern = profile.url_patterns[u.name] ?? u.pattern;
    const missing = ALL_FIELDS.filter((f) => pattern.includes(`{${f}}`) && !fields[f]?.ok);
    const url = missing.length
      ? null
      : ALL_FIELDS.reduce((acc, f) => acc.split(`{${f}}`).join(fields[f]?.value ?? ''), pattern);
    return { name: u.name, label: u.label, destination: u.destination, pattern, url, missing, error: null, editable: u.editable };
  });
  const bg = template.break_glass;
  const fill = (pattern: string) =>
    ALL_FIELDS.some((f) => pattern.includes(`{${f}}`) && !fields[f]?.ok)
      ? null
      : ALL_FIELDS.reduce((acc, f) => acc.split(`{${f}}`).join(fields[f]?.value ?? ''), pattern);
  const break_glass = bg
    ? {
        login_url: bg.login_url ? fill(bg.login_url) : null,
        login_url_pattern: bg.login_url,
        switch_off: bg.switch_off,
        source: bg.source,
      }
    : null;
  return { fields, steps, urls, complete: steps.every((s) => s.complete), break_glass };
}

export function makeView(profile: Partial<Profile> = {}, opts: EvalOptions = {}): ProfileView {
  const p = makeProfile(profile);
  return { profile: p, evaluation: evaluate(p, opts) };
}

/** Confirmations of every step of the seed template before `stepId` (as the core stores them). */
export function confirmationsBefore(stepId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of seedTemplate.steps) {
    if (s.id === stepId) break;
    for (const c of s.confirm) out[`${s.id}.${c.id}`] = '2026-03-02T09:18:00+08:00';
  }
  return out;
}

export function summary(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: '4b7c2e90-3f1a-4d6e-9a8b-0c1d2e3f4a5b',
    name: '总部私有云',
    template_id: seedTemplate.id,
    current_step: 'credentials',
    updated_at: '2026-03-02T09:20:41+08:00',
    broken: null,
    ...overrides,
  };
}

/** Two practice scenarios as the simulator names them. */
export const HEALTHY: PracticeScenario = { id: 'healthy', title: { zh: '一切正常', en: 'Everything set up' } };
export const MISSING_CONTACT_SCOPE: PracticeScenario = { id: 'missing-contact-scope', title: { zh: '缺少通讯录权限', en: 'Contact permissions missing' } };

/** A kept live-test run as the history lists it: `fail` failures, real DingTalk unless `practice`. */
export function runItem({ fail = 0, practice = null }: { fail?: number; practice?: PracticeScenario | null } = {}): RunListItem {
  return {
    id: 'run-1',
    started_at: '2026-03-04T08:30:05Z',
    duration_ms: 2400,
    summary: { ok: 18 - fail, fail, warn: 0, skipped: 0, manual: 2 },
    practice,
    imported_from: null,
    cancelled: false,
  };
}
