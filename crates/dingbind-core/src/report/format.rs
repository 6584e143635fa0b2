//! The three forms a report is saved in, and the file each goes to, decided once for both hosts.

use super::{html, json, markdown, Report};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ReportFormat")]
pub enum Format {
    /// One self-contained page that prints to A4.
    Html,
    /// GitHub Markdown.
    Md,
    /// The self-describing document support mode (and `dingbind import`) reads back.
    Json,
}

impl Format {
    /// The report in this form; `lang` picks the language of the HTML and Markdown (the JSON
    /// carries both).
    pub fn render(self, report: &Report, lang: Lang) -> String {
        match self {
            Format::Html => html(report, lang),
            Format::Md => markdown(report, lang),
            Format::Json => json(report),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
        }
    }

    /// The name a save dialog's filter shows.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Md => "Markdown",
            Format::Json => "JSON",
        }
    }

    /// The file name to suggest: the report's name in the admin's language, made safe for a file
    /// system.
    pub fn file_name(self, report: &Report, lang: Lang) -> String {
        crate::host::file_name(&file_stem(report, lang), self.extension())
    }
}

/// `钉钉绑定报告-<profile>` or `dingtalk-binding-report-<profile>`.
pub fn file_stem(report: &Report, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("钉钉绑定报告-{}", report.profile.name),
        Lang::En => format!("dingtalk-binding-report-{}", report.profile.name),
    }
}
