//! The values an admin enters while binding. Field names are a stable contract: they are the keys of
//! a template's `needs`, of `dingbind --set key=value`, and of `dingbind validate --field`.

use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Domain,
    CorpId,
    CorpName,
    AgentId,
    ClientId,
    ClientSecret,
    SsoSecret,
    /// The event-subscription signature token (签名 token), for HTTP push (seed 002).
    EventToken,
    /// The 43-character event-subscription encryption key (加密 aes_key).
    AesKey,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Domain,
        Field::CorpId,
        Field::CorpName,
        Field::AgentId,
        Field::ClientId,
        Field::ClientSecret,
        Field::SsoSecret,
        Field::EventToken,
        Field::AesKey,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Field::Domain => "domain",
            Field::CorpId => "corp_id",
            Field::CorpName => "corp_name",
            Field::AgentId => "agent_id",
            Field::ClientId => "client_id",
            Field::ClientSecret => "client_secret",
            Field::SsoSecret => "sso_secret",
            Field::EventToken => "event_token",
            Field::AesKey => "aes_key",
        }
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Secrets go to the OS keychain, never into a profile file.
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            Field::ClientSecret | Field::SsoSecret | Field::EventToken | Field::AesKey
        )
    }

    /// The box's name as the admin sees it in the wizard (and, for DingTalk values, in the console).
    pub fn label(self) -> Text {
        match self {
            Field::Domain => Text::new("私有云域名", "Platform domain"),
            Field::CorpId => Text::new("CorpId", "CorpId"),
            Field::CorpName => Text::new("企业名称 (CorpName)", "Organisation name (CorpName)"),
            Field::AgentId => Text::new("AgentId", "AgentId"),
            Field::ClientId => Text::new("Client ID（原 AppKey）", "Client ID (formerly AppKey)"),
            Field::ClientSecret => Text::new(
                "Client Secret（原 AppSecret）",
                "Client Secret (formerly AppSecret)",
            ),
            Field::SsoSecret => Text::new("SSOsecret", "SSOsecret"),
            Field::EventToken => Text::new("签名 token", "Signature token"),
            Field::AesKey => Text::new("加密 aes_key", "Encryption aes_key"),
        }
    }

    /// Where in the DingTalk console (or the platform) the value is found.
    pub fn source(self) -> Text {
        match self {
            Field::Domain => Text::new(
                "你的平台在浏览器地址栏里的域名",
                "the domain of your platform, as in the browser's address bar",
            ),
            Field::CorpId => Text::new(
                "钉钉开发者后台首页",
                "the DingTalk developer console home page",
            ),
            Field::CorpName => Text::new(
                "自行填写，扫码登录时显示的企业名称",
                "your choice: the organisation name shown at scan login",
            ),
            Field::AgentId | Field::ClientId | Field::ClientSecret => Text::new(
                "应用详情 › 左侧菜单 › 基础信息 › 凭证与基础信息",
                "app details › left menu › 基础信息 › 凭证与基础信息 (Basic info › Credentials and basic info)",
            ),
            Field::SsoSecret => Text::new(
                "更多 › 基本信息 › 开发信息（旧版）",
                "More › Basic info › Developer info (old version) (更多 › 基本信息 › 开发信息（旧版）)",
            ),
            Field::EventToken | Field::AesKey => Text::new(
                "左侧菜单 › 开发配置 › 事件订阅 › HTTP 推送（可以在这里生成后填到钉钉）",
                "left menu › 开发配置 › 事件订阅 › HTTP 推送 (Dev config › Event subscription › HTTP push) (generate it here and enter it in DingTalk)",
            ),
        }
    }
}

/// A field as the UI presents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldInfo {
    pub field: Field,
    pub label: Text,
    pub source: Text,
    pub secret: bool,
}

impl Field {
    pub fn info(self) -> FieldInfo {
        FieldInfo {
            field: self,
            label: self.label(),
            source: self.source(),
            secret: self.is_secret(),
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}
