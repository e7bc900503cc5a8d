//! Themes: the plan's key technology fields and livelihood fields (`data/plan/themes.toml`).

use serde::{Deserialize, Serialize};

use super::element::QuoteSpec;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ThemeKind {
    /// 第二章二: the eight fields of key core technology.
    KeyField,
    /// 第二章三: livelihood fields.
    Livelihood,
}

impl ThemeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeKind::KeyField => "key_field",
            ThemeKind::Livelihood => "livelihood",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: ThemeKind,
    /// Words from the plan that mean this field (e.g. 信创 for next-gen IT); search and filter use them.
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default, rename = "quote")]
    pub quotes: Vec<QuoteSpec>,
}
