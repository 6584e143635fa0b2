//! The manifest: the hand-off's data model and how it is built from a profile. It is written for a
//! reader on the server team, so it holds finished values (validated and normalised, never a
//! half-typed box), the finished URLs next to the patterns that made them, and for each secret only
//! whether it exists — the values themselves appear solely in the encrypted form.

use crate::field::Field;
use crate::i18n::Text;
use crate::profile::Profile;
use crate::template::Template;
use crate::urls::generate;
use crate::validate::{validate, validate_in_context};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// `kind` of every manifest: tells a hand-off apart from a profile, a report or any other JSON.
pub const KIND: &str = "dingbind-manifest";
/// The manifest format this build writes.
pub const SCHEMA_VERSION: u32 = 1;
/// The manifest formats this build reads.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateRef {
    pub id: String,
    pub name: Text,
}

/// A permission the app must have been granted in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Scope {
    pub code: String,
    pub name: Text,
}

/// What the hand-off says about one secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretState {
    /// Not entered in Dingbind yet.
    Absent,
    /// Entered (in the admin's keychain) but not in this file.
    Present,
    /// In this file's `secret_values` (only ever in an encrypted file).
    Included,
}

/// The hand-off document. Field order is the order the server team reads it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Manifest {
    pub schema_version: u32,
    /// Always [`KIND`].
    pub kind: String,
    /// RFC 3339.
    pub generated_at: String,
    pub app_version: String,
    pub profile_name: String,
    pub template: TemplateRef,
    pub domain: Option<String>,
    pub corp_id: Option<String>,
    pub corp_name: Option<String>,
    pub agent_id: Option<String>,
    pub client_id: Option<String>,
    /// Non-secret fields the template needs that have no valid value yet: the binding is unfinished.
    #[serde(default)]
    pub missing: Vec<Field>,
    /// URL name → finished URL; `$CORPID$` stays literal (DingTalk fills it in).
    #[serde(default)]
    pub urls: BTreeMap<String, String>,
    /// The admin's own patterns for the template's editable URLs.
    #[serde(default)]
    pub url_patterns: BTreeMap<String, String>,
    #[serde(default)]
    pub required_scopes: Vec<Scope>,
    /// `step_id.confirm_id` → when the admin confirmed it (RFC 3339).
    #[serde(default)]
    pub confirmations: BTreeMap<String, String>,
    /// One entry per secret the template needs.
    #[serde(default)]
    pub secrets: BTreeMap<Field, SecretState>,
    /// The platform's manual way in when DingTalk login fails or has to be switched off, when the
    /// template knows it (derived from the template, never read from a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub break_glass: Option<crate::template::BreakGlassNote>,
    /// Secret values; only inside the encrypted file, never serialised when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub secret_values: Option<BTreeMap<Field, String>>,
}

impl Manifest {
    /// The non-secret value of `field`, if the manifest carries one.
    pub fn value(&self, field: Field) -> Option<&str> {
        match field {
            Field::Domain => self.domain.as_deref(),
            Field::CorpId => self.corp_id.as_deref(),
            Field::CorpName => self.corp_name.as_deref(),
            Field::AgentId => self.agent_id.as_deref(),
            Field::ClientId => self.client_id.as_deref(),
            Field::ClientSecret | Field::SsoSecret | Field::EventToken | Field::AesKey => None,
        }
    }

    pub(crate) fn set_value(&mut self, field: Field, value: Option<String>) {
        match field {
            Field::Domain => self.domain = value,
            Field::CorpId => self.corp_id = value,
            Field::CorpName => self.corp_name = value,
            Field::AgentId => self.agent_id = value,
            Field::ClientId => self.client_id = value,
            Field::ClientSecret | Field::SsoSecret | Field::EventToken | Field::AesKey => {}
        }
    }

    /// The non-secret values as a map, the shape a profile keeps them in.
    pub fn values(&self) -> BTreeMap<Field, String> {
        Field::ALL
            .into_iter()
            .filter_map(|f| Some((f, self.value(f)?.to_string())))
            .collect()
    }

    /// Pretty JSON, as written to the `.json` file.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and maps cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// The valid, normalised non-secret values of `profile` that `template` needs, judged the way the
/// wizard judges them (so the hand-off never says more than the wizard's green ticks).
pub(crate) fn valid_values(profile: &Profile, template: &Template) -> BTreeMap<Field, String> {
    let needed = || template.needs.iter().copied().filter(|f| !f.is_secret());
    let raw = |f: Field| profile.values.get(&f).map(String::as_str).unwrap_or("");
    let first: BTreeMap<Field, String> = needed()
        .map(|f| (f, validate(f, raw(f))))
        .filter(|(_, v)| v.ok)
        .map(|(f, v)| (f, v.value))
        .collect();
    needed()
        .map(|f| (f, validate_in_context(f, raw(f), &first)))
        .filter(|(_, v)| v.ok)
        .map(|(f, v)| (f, v.value))
        .collect()
}

/// The admin's overrides that `generate` would actually use: editable URLs of this template only,
/// so an imported file never carries a pattern the wizard would silently ignore.
pub(crate) fn used_patterns(
    patterns: &BTreeMap<String, String>,
    template: &Template,
) -> BTreeMap<String, String> {
    patterns
        .iter()
        .filter(|(name, p)| template.url(name).is_some_and(|u| u.editable) && !p.trim().is_empty())
        .map(|(name, p)| (name.clone(), p.trim().to_string()))
        .collect()
}

/// A manifest of `template` from checked parts; the header (`generated_at`, `app_version`,
/// `profile_name`) is left empty for the caller. Export and import both build through here, so the
/// two cannot disagree on what is derived (URLs, `missing`, scopes).
pub(crate) fn assemble(
    template: &Template,
    values: &BTreeMap<Field, String>,
    url_patterns: BTreeMap<String, String>,
    confirmations: BTreeMap<String, String>,
    secret_state: impl Fn(Field) -> SecretState,
) -> Manifest {
    let urls = generate(template, values, &url_patterns)
        .into_iter()
        .filter_map(|u| Some((u.name, u.url?)))
        .collect();
    let mut m = Manifest {
        schema_version: SCHEMA_VERSION,
        kind: KIND.to_string(),
        generated_at: String::new(),
        app_version: String::new(),
        profile_name: String::new(),
        template: TemplateRef {
            id: template.id.clone(),
            name: template.name.clone(),
        },
        domain: None,
        corp_id: None,
        corp_name: None,
        agent_id: None,
        client_id: None,
        missing: template
            .needs
            .iter()
            .copied()
            .filter(|f| !f.is_secret() && !values.contains_key(f))
            .collect(),
        urls,
        url_patterns,
        required_scopes: template
            .permissions
            .iter()
            .map(|p| Scope {
                code: p.code.clone(),
                name: p.name.clone(),
            })
            .collect(),
        confirmations,
        secrets: template
            .needs
            .iter()
            .copied()
            .filter(|f| f.is_secret())
            .map(|f| (f, secret_state(f)))
            .collect(),
        break_glass: template.break_glass_for(values),
        secret_values: None,
    };
    for (field, value) in values {
        m.set_value(*field, Some(value.clone()));
    }
    m
}

/// The plain manifest of `profile`: no secret values, each needed secret `present` when it is in
/// `secrets_present`, else `absent`. `now` is RFC 3339.
pub fn manifest(
    profile: &Profile,
    template: &Template,
    secrets_present: &BTreeSet<Field>,
    app_version: &str,
    now: &str,
) -> Manifest {
    let mut m = assemble(
        template,
        &valid_values(profile, template),
        used_patterns(&profile.url_patterns, template),
        profile.confirmations.clone(),
        |f| {
            if secrets_present.contains(&f) {
                SecretState::Present
            } else {
                SecretState::Absent
            }
        },
    );
    m.generated_at = now.to_string();
    m.app_version = app_version.to_string();
    m.profile_name = profile.name.clone();
    m
}
