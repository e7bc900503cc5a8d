//! The plan's content as authored in `data/plan`: categories, themes, elements and the text.
//! Loading only parses; [`crate::integrity`] judges.

pub mod category;
pub mod element;
pub mod renderings;
pub mod text;
pub mod theme;
pub mod tours;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

pub use category::{Category, CategoryStyle};
pub use element::{Derivation, ElementSpec, LocationBasis, LocationSpec, NameKind, QuoteKind, QuoteSpec};
pub use text::{PlanText, Seed};
pub use theme::{Theme, ThemeKind};

use crate::error::{AtlasError, Result};

/// The two source texts, verbatim.
#[derive(Debug, Clone)]
pub struct Seeds {
    pub plan: String,
    pub news: String,
}

impl Seeds {
    pub fn get(&self, seed: Seed) -> &str {
        match seed {
            Seed::Plan => &self.plan,
            Seed::NewsSummary => &self.news,
        }
    }

    /// True if `text` occurs verbatim in either seed.
    pub fn contains(&self, text: &str) -> bool {
        self.plan.contains(text) || self.news.contains(text)
    }
}

/// An element together with the file it was authored in (for error messages).
#[derive(Debug, Clone)]
pub struct AuthoredElement {
    pub file: PathBuf,
    pub spec: ElementSpec,
}

#[derive(Debug, Clone)]
pub struct PlanData {
    pub dir: PathBuf,
    pub categories: Vec<Category>,
    pub themes: Vec<Theme>,
    pub elements: Vec<AuthoredElement>,
    pub text: PlanText,
    pub seeds: Seeds,
    /// The default tours (installed into the user's tables).
    pub tours: Vec<tours::TourSpec>,
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| AtlasError::Read { path: path.into(), source })
}

fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T> {
    // toml's messages carry line and column and the offending key; keep them whole.
    toml::from_str(&read_text(path)?).map_err(|e| AtlasError::data(path, e.to_string().replace('\n', " ")))
}

impl PlanData {
    /// Loads everything under `dir` (normally `data/plan`).
    pub fn load(dir: &Path) -> Result<PlanData> {
        #[derive(Deserialize)]
        struct Categories {
            category: Vec<Category>,
        }
        #[derive(Deserialize)]
        struct Themes {
            theme: Vec<Theme>,
        }
        #[derive(Deserialize)]
        struct Elements {
            #[serde(default)]
            element: Vec<ElementSpec>,
        }

        let seeds =
            Seeds { plan: read_text(&dir.join("seeds/000.txt"))?, news: read_text(&dir.join("seeds/002.txt"))? };
        let text = PlanText::parse(&seeds.plan, &seeds.news, &dir.join("text.toml"))?;
        let categories = read_toml::<Categories>(&dir.join("categories.toml"))?.category;
        let themes = read_toml::<Themes>(&dir.join("themes.toml"))?.theme;

        let elements_dir = dir.join("elements");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&elements_dir)
            .map_err(|source| AtlasError::Read { path: elements_dir.clone(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut elements = Vec::new();
        for file in files {
            for spec in read_toml::<Elements>(&file)?.element {
                elements.push(AuthoredElement { file: file.clone(), spec });
            }
        }
        let tours = read_toml::<tours::ToursFile>(&dir.join("tours.toml"))?.tours;
        Ok(PlanData { dir: dir.to_owned(), categories, themes, elements, text, seeds, tours })
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn element(&self, id: &str) -> Option<&ElementSpec> {
        self.elements.iter().map(|e| &e.spec).find(|e| e.id == id)
    }
}
