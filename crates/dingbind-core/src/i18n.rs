//! Bilingual text. The product speaks Chinese first and English fully, so every message the core
//! produces carries both languages and the caller (UI or CLI) picks one at the edge.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A piece of text in both product languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// `n` and the English noun for it: `1 person`, `2 people`.
pub fn count_en(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The two product languages; zh-CN is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Ok(Lang::Zh),
            "en" | "en-us" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (use zh or en)")),
        }
    }
}
