//! Reading a template from TOML and checking what serde cannot: known fields, placeholders that
//! exist, console links on allowed hosts, steps that cover every needed field. Every rejection
//! names the key path and the line, so the author of a user template can fix it.

use super::{
    BreakGlass, Confirm, ConsoleLink, EventSubscription, EventTopic, Permission, PushMode, Step,
    Template, UrlSpec,
};
use crate::console;
use crate::field::Field;
use crate::i18n::Text;
use crate::urls::{placeholders, PatternError, Placeholder};
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A broken template: where (`field` is a key path such as `steps[2].console.url`) and why, in
/// both languages (a TOML syntax error keeps the parser's own English words inside the Chinese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, `{field}`: {}", message.en)]
pub struct TemplateError {
    pub line: usize,
    pub field: String,
    pub message: Text,
}

impl TemplateError {
    /// A stable code (see [`crate::error`]).
    pub fn code(&self) -> &'static str {
        "template_invalid"
    }

    /// Where the template is broken, and why.
    pub fn text(&self) -> Text {
        Text::new(
            format!(
                "模板文件有问题（第 {} 行，{}）：{}",
                self.line, self.field, self.message.zh
            ),
            format!(
                "The template is not valid (line {}, `{}`): {}",
                self.line, self.field, self.message.en
            ),
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    /// Absent means 1, the only version there is (the short form has none).
    schema_version: Option<Spanned<u32>>,
    id: Spanned<String>,
    name: Text,
    #[serde(default)]
    description: Option<Text>,
    needs: Vec<Spanned<String>>,
    #[serde(default)]
    urls: ListOrTable<RawUrl, ShortUrls>,
    #[serde(default)]
    permissions: ListOrTable<RawPermission, ShortPermissions>,
    steps: Vec<RawStep>,
    #[serde(default)]
    extra_checks: Vec<Spanned<String>>,
    #[serde(default)]
    events: Option<RawEvents>,
    #[serde(default)]
    break_glass: Option<RawBreakGlass>,
}

/// `[events]`: `push = "stream" | "http"` and `[[events.topics]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvents {
    push: Spanned<String>,
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    topic: Spanned<String>,
    purpose: Text,
}

/// `[break_glass]`: `login_url` (a URL pattern), `switch_off` (zh + en) and the `source` citing
/// the platform's documentation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreakGlass {
    #[serde(default)]
    login_url: Option<Spanned<String>>,
    #[serde(default)]
    switch_off: Option<Text>,
    source: Spanned<String>,
}

/// `[[urls]]` / `[[permissions]]` written out in full, or the short `[urls]` / `[permissions]`
/// table (see the module docs of [`crate::template`]), so a server team can start from a minimal
/// example.
enum ListOrTable<L, T> {
    List(Vec<L>),
    Table(T),
}

impl<L, T> Default for ListOrTable<L, T> {
    fn default() -> Self {
        Self::List(Vec::new())
    }
}

impl<'de, L: Deserialize<'de>, T: Deserialize<'de>> Deserialize<'de> for ListOrTable<L, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct Either<L, T>(std::marker::PhantomData<(L, T)>);
        impl<'de, L: Deserialize<'de>, T: Deserialize<'de>> serde::de::Visitor<'de> for Either<L, T> {
            type Value = ListOrTable<L, T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a [[list]] of tables or one [table]")
            }
            // The items are still read by TOML's own deserializer, so their errors keep their lines.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(ListOrTable::List)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(ListOrTable::Table)
            }
        }
        d.deserialize_any(Either(std::marker::PhantomData))
    }
}

/// `[urls]` as `name = "pattern"` lines, in the order written (the order the admin sees).
struct ShortUrls(Vec<(String, Spanned<String>)>);

impl<'de> Deserialize<'de> for ShortUrls {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Lines;
        impl<'de> serde::de::Visitor<'de> for Lines {
            type Value = ShortUrls;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`name = \"https://…\"` lines")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ShortUrls, A::Error> {
                let mut lines = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    lines.push(entry);
                }
                Ok(ShortUrls(lines))
            }
        }
        d.deserialize_map(Lines)
    }
}

/// `[permissions] required = ["code", …]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShortPermissions {
    required: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUrl {
    name: Spanned<String>,
    pattern: Spanned<String>,
    label: Text,
    destination: Text,
    #[serde(default)]
    editable: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPermission {
    code: Spanned<String>,
    name: Text,
    group: Text,
}

// Labels for the short forms: a URL or permission one of the built-ins also has keeps the
// built-in's bilingual label and console location; anything else is named by its key. The
// built-ins are written in full, so reading them here never re-enters their own parsing.

impl RawUrl {
    fn short(name: String, pattern: Spanned<String>) -> Self {
        let known = super::builtins()
            .iter()
            .flat_map(|t| &t.urls)
            .find(|u| u.name == name);
        Self {
            label: known.map_or_else(
                || Text::new(name.clone(), name.clone()),
                |u| u.label.clone(),
            ),
            destination: known.map_or_else(
                || {
                    Text::new(
                        "钉钉开发者后台：按平台文档填写",
                        "DingTalk developer console, where the platform's docs say",
                    )
                },
                |u| u.destination.clone(),
            ),
            name: Spanned::new(pattern.span(), name),
            pattern,
            editable: false,
        }
    }
}

impl RawPermission {
    fn short(code: Spanned<String>) -> Self {
        let known = super::builtins()
            .iter()
            .flat_map(|t| &t.permissions)
            .find(|p| &p.code == code.get_ref());
        Self {
            name: known.map_or_else(
                || Text::new(code.get_ref().clone(), code.get_ref().clone()),
                |p| p.name.clone(),
            ),
            group: known.map_or_else(
                || Text::new("其他权限", "Other permissions"),
                |p| p.group.clone(),
            ),
            code,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    title: Text,
    body: Text,
    tip: Option<Text>,
    console: Option<RawConsole>,
    #[serde(default)]
    fields: Vec<Spanned<String>>,
    #[serde(default)]
    urls: Vec<Spanned<String>>,
    #[serde(default)]
    show_permissions: bool,
    #[serde(default)]
    show_events: Option<Spanned<bool>>,
    #[serde(default)]
    hand_over: Vec<Spanned<String>>,
    #[serde(default)]
    confirm: Vec<RawConfirm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsole {
    url: Spanned<String>,
    label: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfirm {
    id: Spanned<String>,
    text: Text,
}

struct Ctx<'a> {
    src: &'a str,
}

impl Ctx<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        self.src[..span.start.min(self.src.len())]
            .matches('\n')
            .count()
            + 1
    }
    /// A field named in a step (`fields`, `hand_over`): one the template knows and needs.
    fn needed_field(
        &self,
        f: &Spanned<String>,
        needs: &[Field],
        path: String,
    ) -> Result<Field, TemplateError> {
        match Field::parse(f.get_ref()) {
            Some(field) if needs.contains(&field) => Ok(field),
            Some(_) => self.err(
                f.span(),
                path,
                Text::new(
                    format!("`{}` 不在 `needs` 里", f.get_ref()),
                    format!("`{}` is not in `needs`", f.get_ref()),
                ),
            ),
            None => self.err(
                f.span(),
                path,
                Text::new(
                    format!("没有 `{}` 这个字段", f.get_ref()),
                    format!("unknown field `{}`", f.get_ref()),
                ),
            ),
        }
    }

    fn err<T>(
        &self,
        span: Range<usize>,
        field: impl Into<String>,
        message: Text,
    ) -> Result<T, TemplateError> {
        Err(TemplateError {
            line: self.line(span),
            field: field.into(),
            message,
        })
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && s.as_bytes()[0].is_ascii_lowercase()
}

/// Parses and checks a template. `builtin` is left false; the caller sets it for embedded ones.
pub fn parse(src: &str) -> Result<Template, TemplateError> {
    let cx = Ctx { src };
    let raw: Raw = toml::from_str(src).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().to_string();
        // A key missing from the top level comes with the whole document as its span.
        let top_level = span.start == 0 && span.end >= src.trim_end().len();
        let mut field = if top_level {
            String::new()
        } else {
            key_path_at(src, span.start)
        };
        // serde names a missing key in backticks; it has no span of its own, so it goes on the path.
        if let Some(missing) = message
            .strip_prefix("missing field `")
            .and_then(|m| m.split('`').next())
        {
            field = if field.is_empty() {
                missing.to_string()
            } else {
                format!("{field}.{missing}")
            };
        }
        let message = Text::new(format!("TOML 写法有误：{message}"), message);
        TemplateError {
            line: cx.line(span),
            field,
            message,
        }
    })?;

    if let Some(v) = raw.schema_version.as_ref().filter(|v| *v.get_ref() != 1) {
        return cx.err(
            v.span(),
            "schema_version",
            Text::new(
                "只支持 schema_version = 1",
                "only schema_version = 1 is understood",
            ),
        );
    }
    if !is_ident(raw.id.get_ref()) {
        return cx.err(
            raw.id.span(),
            "id",
            Text::new(
                "只能用小写字母、数字、`-` 和 `_`",
                "use lowercase letters, digits, `-` and `_`",
            ),
        );
    }

    let mut needs = Vec::new();
    for (i, need) in raw.needs.iter().enumerate() {
        let Some(field) = Field::parse(need.get_ref()) else {
            let known: Vec<_> = Field::ALL.iter().map(|f| f.key()).collect();
            return cx.err(
                need.span(),
                format!("needs[{i}]"),
                Text::new(
                    format!(
                        "没有 `{}` 这个字段；可用的有：{}",
                        need.get_ref(),
                        known.join(", ")
                    ),
                    format!(
                        "unknown field `{}`; known: {}",
                        need.get_ref(),
                        known.join(", ")
                    ),
                ),
            );
        };
        if needs.contains(&field) {
            return cx.err(
                need.span(),
                format!("needs[{i}]"),
                Text::new(
                    format!("`{field}` 写了两次"),
                    format!("`{field}` is listed twice"),
                ),
            );
        }
        needs.push(field);
    }

    let raw_urls = match raw.urls {
        ListOrTable::List(list) => list,
        ListOrTable::Table(ShortUrls(lines)) => lines
            .into_iter()
            .map(|(name, pattern)| RawUrl::short(name, pattern))
            .collect(),
    };
    let mut urls: Vec<UrlSpec> = Vec::new();
    for (i, u) in raw_urls.into_iter().enumerate() {
        let name = u.name.get_ref();
        if !is_ident(name) {
            return cx.err(
                u.name.span(),
                format!("urls[{i}].name"),
                Text::new(
                    "只能用小写字母、数字和 `_`",
                    "use lowercase letters, digits and `_`",
                ),
            );
        }
        if urls.iter().any(|x| &x.name == name) {
            return cx.err(
                u.name.span(),
                format!("urls[{i}].name"),
                Text::new(
                    format!("`{name}` 定义了两次"),
                    format!("`{name}` is defined twice"),
                ),
            );
        }
        if let Err(e) = check_pattern(u.pattern.get_ref(), &needs) {
            return cx.err(u.pattern.span(), format!("urls[{i}].pattern"), e.text());
        }
        urls.push(UrlSpec {
            name: name.clone(),
            pattern: u.pattern.into_inner(),
            label: u.label,
            destination: u.destination,
            editable: u.editable,
        });
    }

    let raw_permissions = match raw.permissions {
        ListOrTable::List(list) => list,
        ListOrTable::Table(short) => short
            .required
            .into_iter()
            .map(RawPermission::short)
            .collect(),
    };
    let mut permissions: Vec<Permission> = Vec::new();
    for (i, p) in raw_permissions.into_iter().enumerate() {
        let code = p.code.get_ref();
        if code.trim().is_empty() || code.contains(char::is_whitespace) {
            return cx.err(
                p.code.span(),
                format!("permissions[{i}].code"),
                Text::new("权限代码里不能有空格", "a permission code has no spaces"),
            );
        }
        if permissions.iter().any(|x| &x.code == code) {
            return cx.err(
                p.code.span(),
                format!("permissions[{i}].code"),
                Text::new(
                    format!("`{code}` 写了两次"),
                    format!("`{code}` is listed twice"),
                ),
            );
        }
        permissions.push(Permission {
            code: code.clone(),
            name: p.name,
            group: p.group,
        });
    }

    if raw.steps.is_empty() {
        return cx.err(
            0..0,
            "steps",
            Text::new(
                "模板至少要有一个 [[steps]]",
                "a template needs at least one [[steps]]",
            ),
        );
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut covered = HashSet::new();
    let mut show_events_at: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, s) in raw.steps.into_iter().enumerate() {
        let id = s.id.get_ref();
        if !is_ident(id) {
            return cx.err(
                s.id.span(),
                format!("steps[{i}].id"),
                Text::new(
                    "只能用小写字母、数字、`-` 和 `_`",
                    "use lowercase letters, digits, `-` and `_`",
                ),
            );
        }
        if crate::profile::WIZARD_PAGES.contains(&id.as_str()) {
            return cx.err(
                s.id.span(),
                format!("steps[{i}].id"),
                Text::new(
                    format!("`{id}` 是向导自带页面的名字，请换一个 id"),
                    format!(
                        "`{id}` is the name of one of the wizard's own pages; choose another id"
                    ),
                ),
            );
        }
        if steps.iter().any(|x| &x.id == id) {
            return cx.err(
                s.id.span(),
                format!("steps[{i}].id"),
                Text::new(
                    format!("步骤 `{id}` 定义了两次"),
                    format!("step `{id}` is defined twice"),
                ),
            );
        }
        if let Some(b) = s.show_events.as_ref().filter(|b| *b.get_ref()) {
            show_events_at.push((i, b.span()));
        }
        let mut fields = Vec::new();
        for (j, f) in s.fields.iter().enumerate() {
            let field = cx.needed_field(f, &needs, format!("steps[{i}].fields[{j}]"))?;
            covered.insert(field);
            fields.push(field);
        }
        for (j, u) in s.urls.iter().enumerate() {
            if !urls.iter().any(|x| &x.name == u.get_ref()) {
                return cx.err(
                    u.span(),
                    format!("steps[{i}].urls[{j}]"),
                    Text::new(
                        format!("[[urls]] 里没有名为 `{}` 的地址", u.get_ref()),
                        format!("no [[urls]] entry named `{}`", u.get_ref()),
                    ),
                );
            }
        }
        let mut hand_over = Vec::new();
        for (j, f) in s.hand_over.iter().enumerate() {
            let path = format!("steps[{i}].hand_over[{j}]");
            let field = cx.needed_field(f, &needs, path.clone())?;
            if hand_over.contains(&field) {
                let twice = Text::new(
                    format!("`{field}` 写了两次"),
                    format!("`{field}` is listed twice"),
                );
                return cx.err(f.span(), path, twice);
            }
            hand_over.push(field);
        }
        let console = match s.console {
            Some(c) => {
                if let Err(e) = console::check_template_link(c.url.get_ref()) {
                    let field = format!("steps[{i}].console.url");
                    return cx.err(c.url.span(), field, e.text());
                }
                Some(ConsoleLink {
                    url: c.url.into_inner(),
                    label: c.label,
                })
            }
            None => None,
        };
        let mut confirm: Vec<Confirm> = Vec::new();
        for (j, c) in s.confirm.into_iter().enumerate() {
            if !is_ident(c.id.get_ref()) || confirm.iter().any(|x| &x.id == c.id.get_ref()) {
                return cx.err(
                    c.id.span(),
                    format!("steps[{i}].confirm[{j}].id"),
                    Text::new(
                        "确认项的 id 要用小写字母，且不能重复",
                        "confirmation ids are unique lowercase identifiers",
                    ),
                );
            }
            confirm.push(Confirm {
                id: c.id.into_inner(),
                text: c.text,
            });
        }
        steps.push(Step {
            id: id.clone(),
            title: s.title,
            body: s.body,
            tip: s.tip,
            console,
            fields,
            urls: s.urls.into_iter().map(Spanned::into_inner).collect(),
            show_permissions: s.show_permissions,
            show_events: s.show_events.as_ref().is_some_and(|b| *b.get_ref()),
            hand_over,
            confirm,
        });
    }
    if let Some((i, missing)) = raw
        .needs
        .iter()
        .enumerate()
        .find(|(_, n)| Field::parse(n.get_ref()).is_some_and(|f| !covered.contains(&f)))
    {
        return cx.err(
            missing.span(),
            format!("needs[{i}]"),
            Text::new(
                format!("没有哪个步骤要求填写 `{}`", missing.get_ref()),
                format!("no step asks for `{}`", missing.get_ref()),
            ),
        );
    }

    let mut extra_checks = Vec::new();
    for (i, c) in raw.extra_checks.into_iter().enumerate() {
        if !crate::checks::EXTRA_CHECKS.contains(&c.get_ref().as_str()) {
            return cx.err(
                c.span(),
                format!("extra_checks[{i}]"),
                Text::new(
                    format!(
                        "没有 `{}` 这项检测；可用的有：{}",
                        c.get_ref(),
                        crate::checks::EXTRA_CHECKS.join(", ")
                    ),
                    format!(
                        "unknown check `{}`; known: {}",
                        c.get_ref(),
                        crate::checks::EXTRA_CHECKS.join(", ")
                    ),
                ),
            );
        }
        extra_checks.push(c.into_inner());
    }

    let events = match raw.events {
        Some(e) => Some(Box::new(parse_events(
            &cx,
            e,
            &needs,
            &urls,
            &extra_checks,
        )?)),
        None => None,
    };
    if let Some((i, at)) = show_events_at.iter().find(|_| events.is_none()) {
        return cx.err(
            at.clone(),
            format!("steps[{i}].show_events"),
            Text::new(
                "show_events 要列出 [events] 里的事件，但模板没有 [events]",
                "show_events lists the events of [events], but the template has no [events]",
            ),
        );
    }
    let break_glass = match raw.break_glass {
        Some(b) => Some(Box::new(parse_break_glass(&cx, b, &needs)?)),
        None => None,
    };

    Ok(Template {
        id: raw.id.into_inner(),
        name: raw.name,
        description: raw.description.unwrap_or_else(|| Text::new("", "")),
        needs,
        urls,
        permissions,
        steps,
        extra_checks,
        events,
        break_glass,
        builtin: false,
    })
}

/// What HTTP push needs and Stream mode must not ask for: the callback URL, its token and
/// aes_key, and the `check_url` test (DingTalk never calls a URL in Stream mode).
const HTTP_ONLY_FIELDS: [Field; 2] = [Field::EventToken, Field::AesKey];

fn parse_events(
    cx: &Ctx<'_>,
    e: RawEvents,
    needs: &[Field],
    urls: &[UrlSpec],
    extra_checks: &[String],
) -> Result<EventSubscription, TemplateError> {
    let push = match e.push.get_ref().as_str() {
        "stream" => PushMode::Stream,
        "http" => PushMode::Http,
        other => {
            return cx.err(
                e.push.span(),
                "events.push",
                Text::new(
                    format!("推送方式只能是 \"stream\"（Stream 模式推送）或 \"http\"（HTTP 推送），不能是 \"{other}\""),
                    format!("the push mode is \"stream\" (Stream push) or \"http\" (HTTP push), not \"{other}\""),
                ),
            )
        }
    };
    if e.topics.is_empty() {
        return cx.err(
            e.push.span(),
            "events.topics",
            Text::new(
                "请在 [[events.topics]] 里列出平台需要的事件（例如 user_add_org）和用途",
                "list the events the platform needs (e.g. user_add_org) and what for, in [[events.topics]]",
            ),
        );
    }
    let mut topics: Vec<EventTopic> = Vec::new();
    for (i, t) in e.topics.into_iter().enumerate() {
        let name = t.topic.get_ref();
        let path = format!("events.topics[{i}].topic");
        let well_formed = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !well_formed {
            return cx.err(
                t.topic.span(),
                path,
                Text::new(
                    format!("“{name}”不是钉钉的事件类型：只用小写字母、数字和 `_`（例如 user_add_org）"),
                    format!("“{name}” is not a DingTalk event type: lowercase letters, digits and `_` (e.g. user_add_org)"),
                ),
            );
        }
        if topics.iter().any(|x| &x.topic == name) {
            return cx.err(
                t.topic.span(),
                path,
                Text::new(
                    format!("事件 `{name}` 写了两次"),
                    format!("the event `{name}` is listed twice"),
                ),
            );
        }
        topics.push(EventTopic {
            topic: name.clone(),
            purpose: t.purpose,
        });
    }
    if push == PushMode::Stream {
        let http_only = HTTP_ONLY_FIELDS
            .iter()
            .find(|f| needs.contains(f))
            .map(|f| f.key().to_string())
            .or_else(|| {
                urls.iter()
                    .any(|u| u.name == crate::checks::EVENT_URL)
                    .then(|| format!("urls.{}", crate::checks::EVENT_URL))
            })
            .or_else(|| {
                extra_checks
                    .iter()
                    .find(|c| c.as_str() == "event.check_url")
                    .cloned()
            });
        if let Some(what) = http_only {
            return cx.err(
                e.push.span(),
                "events.push",
                Text::new(
                    format!("Stream 模式推送不用回调地址、签名 token、aes_key 或 check_url 验证，但模板里有 `{what}`：去掉它，或改用 push = \"http\""),
                    format!("Stream push uses no callback URL, signature token, aes_key or check_url test, yet the template has `{what}`: remove it, or use push = \"http\""),
                ),
            );
        }
    }
    Ok(EventSubscription { push, topics })
}

fn parse_break_glass(
    cx: &Ctx<'_>,
    b: RawBreakGlass,
    needs: &[Field],
) -> Result<BreakGlass, TemplateError> {
    if let Some(url) = &b.login_url {
        if let Err(e) = check_pattern(url.get_ref(), needs) {
            return cx.err(url.span(), "break_glass.login_url", e.text());
        }
    }
    if b.login_url.is_none() && b.switch_off.is_none() {
        return cx.err(
            b.source.span(),
            "break_glass",
            Text::new(
                "[break_glass] 至少要写 login_url（平台自己的登录页）或 switch_off（关闭钉钉登录时怎么做）之一",
                "[break_glass] needs login_url (the platform's own login page) or switch_off (what to do when DingTalk login is switched off), or both",
            ),
        );
    }
    let source = b.source.get_ref().trim();
    if source.chars().count() < 10 {
        return cx.err(
            b.source.span(),
            "break_glass.source",
            Text::new(
                "请写明平台在哪里说明了这些（帮助文档的地址或标题），不要凭空填写",
                "say where the platform documents this (its help page's address or title); never make it up",
            ),
        );
    }
    Ok(BreakGlass {
        login_url: b.login_url.map(Spanned::into_inner),
        switch_off: b.switch_off,
        source: source.to_string(),
    })
}

/// The key path (`steps[1].tip.en`) of the innermost key or value at byte `pos`, read from a
/// best-effort parse so that it also names where a syntax error is.
fn key_path_at(src: &str, pos: usize) -> String {
    let root = DeValue::Table(DeTable::parse_recoverable(src).0.into_inner());
    let mut path = String::new();
    let mut value = &root;
    loop {
        match value {
            DeValue::Table(table) => {
                // A key or inline value holds `pos`; else `pos` is in a `[table]` or `[[array]]` whose
                // header (all the span it has) is the last one before `pos`.
                let hit = table
                    .iter()
                    .find(|(k, v)| k.span().contains(&pos) || v.span().contains(&pos))
                    .or_else(|| {
                        table
                            .iter()
                            .filter_map(|(k, v)| Some((header_before(v, pos)?, (k, v))))
                            .max_by_key(|(at, _)| *at)
                            .map(|(_, kv)| kv)
                    });
                let Some((k, v)) = hit else { break };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k.get_ref());
                if k.span().contains(&pos) {
                    break;
                }
                value = v.get_ref();
            }
            DeValue::Array(items) => {
                let Some((i, v)) = items
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, v)| v.span().start <= pos)
                else {
                    break;
                };
                path.push_str(&format!("[{i}]"));
                value = v.get_ref();
            }
            _ => break,
        }
    }
    path
}

/// Where the last table header of `v` before `pos` starts, if `v` is a table or array of tables.
fn header_before(v: &Spanned<DeValue>, pos: usize) -> Option<usize> {
    match v.get_ref() {
        DeValue::Table(_) => Some(v.span().start).filter(|&at| at <= pos),
        DeValue::Array(items) => items
            .iter()
            .filter(|item| matches!(item.get_ref(), DeValue::Table(_)))
            .map(|item| item.span().start)
            .filter(|&at| at <= pos)
            .max(),
        _ => None,
    }
}

/// A URL pattern is an http(s) URL whose `{field}` holes are non-secret fields the template needs,
/// and whose `$…$` tokens are DingTalk's `$CORPID$` only.
pub(crate) fn check_pattern(pattern: &str, needs: &[Field]) -> Result<(), PatternError> {
    if !(pattern.starts_with("https://") || pattern.starts_with("http://")) {
        return Err(PatternError::NotHttp);
    }
    for p in placeholders(pattern)? {
        match p {
            Placeholder::Field(field) if field.is_secret() => {
                return Err(PatternError::SecretInUrl { field })
            }
            Placeholder::Field(field) if !needs.contains(&field) => {
                return Err(PatternError::NotNeeded { field })
            }
            Placeholder::Field(_) | Placeholder::DingTalkCorpId => {}
        }
    }
    Ok(())
}
