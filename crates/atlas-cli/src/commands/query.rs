//! Commands that read the plan: elements, districts, places, categories, the text.

use atlas_core::render::Lang;
use atlas_core::{AtlasError, Result};

use super::Context;
use crate::print;

/// `atlas elements`: plan elements, optionally in one district and/or category.
pub fn elements(cx: &Context, district: Option<&str>, category: Option<&str>) -> Result<()> {
    let atlas = cx.atlas()?;
    let mut zones = match district {
        Some(d) => atlas.zones_in_district(&atlas.find_district(d)?.adcode),
        None => atlas.elements().to_vec(),
    };
    if let Some(c) = category {
        if !atlas.categories()?.iter().any(|x| x.id == c) {
            return Err(AtlasError::Invalid(format!("no category {c:?}; `atlas categories` lists them")));
        }
        zones.retain(|z| z.category == c);
    }
    print::zones(&zones, cx.json);
    Ok(())
}

/// `atlas show ID [--lang zh|en]`: one element in full, in that language.
pub fn show(cx: &Context, id: &str, lang: Lang) -> Result<()> {
    print::detail(&cx.atlas()?.element_detail(id)?, cx.json, lang);
    Ok(())
}

/// `atlas search TEXT`: names, themes and the plan text.
pub fn search(cx: &Context, text: &str, limit: usize) -> Result<()> {
    print::search(&cx.atlas()?.search(text, limit)?, cx.json);
    Ok(())
}

/// `atlas district [NAME]`: what the plan puts in a district, or every district with counts.
pub fn district(cx: &Context, name: Option<&str>) -> Result<()> {
    let atlas = cx.atlas()?;
    match name {
        Some(name) => print::district(&atlas.district_report(name)?, cx.json),
        None => {
            let reports =
                atlas.districts().iter().map(|d| atlas.district_report(&d.adcode)).collect::<Result<Vec<_>>>()?;
            print::district_list(&reports, cx.json);
        }
    }
    Ok(())
}

/// `atlas at LON LAT`: the district at a point.
pub fn at(cx: &Context, lon: f64, lat: f64) -> Result<()> {
    let d = cx
        .atlas()?
        .district_at(lon, lat)
        .ok_or_else(|| AtlasError::Invalid(format!("({lon}, {lat}) is not in any Tianjin district")))?;
    print::value(&d, &format!("{} {} {}", d.adcode, d.name_zh, d.name_en), cx.json);
    Ok(())
}

/// `atlas near LON LAT`: elements within a radius.
pub fn near(cx: &Context, lon: f64, lat: f64, radius_m: f64) -> Result<()> {
    print::nearby(&cx.atlas()?.elements_near(lon, lat, radius_m), cx.json);
    Ok(())
}

/// `atlas categories`: the map layers and their styles.
pub fn categories(cx: &Context) -> Result<()> {
    print::categories(&cx.atlas()?.categories()?, cx.json);
    Ok(())
}

/// `atlas text [SECTION]`: the plan text, or one section.
pub fn text(cx: &Context, section: Option<&str>) -> Result<()> {
    let atlas = cx.atlas()?;
    let sections = match section {
        Some(id) => vec![atlas.plan_section(id)?],
        None => atlas.plan_text()?,
    };
    print::text(&sections, cx.json);
    Ok(())
}
