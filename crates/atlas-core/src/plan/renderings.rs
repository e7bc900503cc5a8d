//! Our English renderings of plan sentences (`data/plan/renderings_en.toml`), for English pages
//! that print the plan's words: the Chinese is always printed, the rendering under it, marked as
//! the atlas team's wording and not an official translation.
//!
//! They are compiled in (like the default atlas) and looked up by the quoted sentence itself,
//! so a quote that a newer plan edition changes simply has no rendering until one is written.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Rendering {
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
struct RenderingsFile {
    /// Whole sentences.
    rendering: Vec<Rendering>,
    /// Focus fields: a few words each.
    #[serde(default)]
    term: Vec<Rendering>,
}

const RENDERINGS_TOML: &str = include_str!("../../../../data/plan/renderings_en.toml");

fn renderings() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let file: RenderingsFile =
            toml::from_str(RENDERINGS_TOML).expect("data/plan/renderings_en.toml parses (tested)");
        file.rendering.into_iter().chain(file.term).map(|r| (r.zh, r.en)).collect()
    })
}

/// Our English rendering of a quoted plan sentence (or focus field), if we have written one.
pub fn english_rendering(quote: &str) -> Option<&'static str> {
    renderings().get(quote).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rendering_is_of_a_verbatim_plan_sentence_and_says_something() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/plan/seeds");
        let seeds = std::fs::read_to_string(data.join("000.txt")).unwrap()
            + &std::fs::read_to_string(data.join("002.txt")).unwrap();
        let file: RenderingsFile = toml::from_str(RENDERINGS_TOML).unwrap();
        assert!(file.rendering.len() >= 20 && file.term.len() >= 40);
        for r in file.rendering.iter().chain(&file.term) {
            assert!(seeds.contains(&r.zh), "not verbatim in a seed: {:?}", r.zh);
            assert!(r.en.len() >= r.zh.chars().count(), "too short to render {:?}", r.zh);
            assert!(!r.en.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)), "Chinese left in {:?}", r.en);
        }
        assert_eq!(
            english_rendering("深化“通武廊”科技合作。"),
            Some(file.rendering.iter().find(|r| r.zh == "深化“通武廊”科技合作。").unwrap().en.as_str())
        );
    }

    /// Every quote an element panel (and a handout, pack or brief) shows has our English
    /// rendering, so English pages never show a bare Chinese quote: a quote added to, or
    /// changed in, data/plan/elements/*.toml without one fails here, naming element and quote.
    /// The themes' quotes too (the catalog carries them to the UI).
    #[test]
    fn every_element_and_theme_quote_has_an_english_rendering() {
        let plan_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/plan");
        let plan = crate::plan::PlanData::load(std::path::Path::new(plan_dir)).unwrap();
        let mut missing = Vec::new();
        for element in &plan.elements {
            for quote in element.spec.quotes.iter().filter(|q| english_rendering(&q.text).is_none()) {
                missing.push(format!("{} ({}): {}", element.spec.id, element.file.display(), quote.text));
            }
        }
        for theme in &plan.themes {
            for quote in theme.quotes.iter().filter(|q| english_rendering(&q.text).is_none()) {
                missing.push(format!("theme {} (themes.toml): {}", theme.id, quote.text));
            }
        }
        assert!(
            missing.is_empty(),
            "{} quote(s) without an English rendering in data/plan/renderings_en.toml:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }
}
