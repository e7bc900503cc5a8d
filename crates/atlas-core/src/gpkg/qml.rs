//! QGIS layer styles (QML, the XML QGIS saves with "Save Style…") written from the atlas's own
//! drawing rules: a [`DrawStyle`] becomes a QGIS symbol, a table's features become the rules of
//! a rule-based renderer (one rule per distinct symbol, with the narrowest filter on the
//! table's fields that picks exactly its features), and labels become one expression. Minimal:
//! only what differs from QGIS's defaults is written; symbol layers use the `<prop k v>` form
//! every QGIS 3 reads.

use crate::style::{DrawStyle, FeatureKind};

/// Marker size in pixels: the app draws plan points at radius 7 (ui/src/map/planLayer.ts).
const MARKER_SIZE_PX: f64 = 14.0;
/// Label size in points and face: the CJK face the package pulls in (fonts-noto-cjk).
const LABEL_FONT_PT: f64 = 9.0;
const LABEL_FONT: &str = "Noto Sans CJK SC";

/// `s` escaped for an XML attribute.
pub fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "&#10;")
}

/// `s` as a QGIS expression string literal.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `name` as a QGIS expression field reference.
pub fn field(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// "#rrggbb" with an opacity as QGIS's "r,g,b,a"; anything unreadable is black.
pub fn rgba(hex: &str, opacity: f64) -> String {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| h.get(i..i + 2).and_then(|c| u8::from_str_radix(c, 16).ok()).unwrap_or(0);
    let alpha = (opacity.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{},{},{},{alpha}", channel(0), channel(2), channel(4))
}

fn props(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("<prop k=\"{k}\" v=\"{}\"/>", xml_attr(v))).collect()
}

fn dash(style: &DrawStyle) -> [(&'static str, String); 3] {
    let pattern = style.dash.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(";");
    [
        ("use_custom_dash", if style.dash.is_empty() { "0" } else { "1" }.to_owned()),
        ("customdash", if pattern.is_empty() { "5;2".to_owned() } else { pattern }),
        ("customdash_unit", "Pixel".to_owned()),
    ]
}

fn line_layer(style: &DrawStyle) -> String {
    let mut p = vec![
        ("line_color", rgba(&style.stroke, 1.0)),
        ("line_width", style.weight.to_string()),
        ("line_width_unit", "Pixel".to_owned()),
        ("line_style", "solid".to_owned()),
        ("capstyle", "round".to_owned()),
        ("joinstyle", "round".to_owned()),
    ];
    p.extend(dash(style));
    format!("<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">{}</layer>", props(&p))
}

/// QGIS's simple marker shape for the atlas's symbol names.
fn marker_shape(symbol: &str) -> &'static str {
    match symbol {
        "square" => "square",
        "diamond" => "diamond",
        "triangle" => "triangle",
        "star" => "star",
        "hexagon" => "hexagon",
        _ => "circle",
    }
}

fn marker_layer(style: &DrawStyle) -> String {
    let p = [
        ("name", marker_shape(&style.symbol).to_owned()),
        ("color", rgba(&style.fill, style.fill_opacity)),
        ("outline_color", rgba(&style.stroke, 1.0)),
        ("outline_width", style.weight.to_string()),
        ("outline_width_unit", "Pixel".to_owned()),
        // A marker's outline takes no custom dash: QGIS's own dash stands for the dashed edge.
        ("outline_style", if style.dash.is_empty() { "solid" } else { "dash" }.to_owned()),
        ("size", MARKER_SIZE_PX.to_string()),
        ("size_unit", "Pixel".to_owned()),
    ];
    format!("<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">{}</layer>", props(&p))
}

fn symbol_xml(name: &str, kind: &str, layers: &str) -> String {
    format!(
        "<symbol name=\"{name}\" type=\"{kind}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">{layers}</symbol>"
    )
}

/// A QGIS symbol drawing a feature of `kind` the way `style` says; `label_symbol` is the marker
/// an area of a symbol category carries at its label point.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub kind: FeatureKind,
    pub style: DrawStyle,
    pub label_symbol: Option<DrawStyle>,
}

impl Symbol {
    pub fn xml(&self, name: &str) -> String {
        match self.kind {
            FeatureKind::Point => symbol_xml(name, "marker", &marker_layer(&self.style)),
            FeatureKind::Line => symbol_xml(name, "line", &line_layer(&self.style)),
            FeatureKind::Area => {
                let s = &self.style;
                let fill = props(&[
                    ("color", rgba(&s.fill, if s.filled { s.fill_opacity } else { 0.0 })),
                    ("style", if s.filled { "solid" } else { "no" }.to_owned()),
                    ("outline_style", "no".to_owned()),
                ]);
                let mut layers =
                    format!("<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">{fill}</layer>");
                layers.push_str(&line_layer(s));
                if let Some(marker) = &self.label_symbol {
                    let inner = symbol_xml(&format!("@{name}@2"), "marker", &marker_layer(marker));
                    layers.push_str(&format!(
                        "<layer class=\"CentroidFill\" enabled=\"1\" locked=\"0\" pass=\"0\">{}{inner}</layer>",
                        props(&[("point_on_surface", "1".to_owned()), ("point_on_all_parts", "0".to_owned())])
                    ));
                }
                symbol_xml(name, "fill", &layers)
            }
        }
    }
}

/// One feature as the renderer sees it: its values of the table's key fields (same order as
/// the `fields` given to [`renderer`]), its symbol and the legend label of its rule.
pub struct Keyed {
    pub values: Vec<String>,
    pub symbol: Symbol,
    pub label: String,
}

/// The filter picking exactly `members` among `all` by the fields in `set`, if those fields
/// tell them apart.
fn filter_for(fields: &[&str], set: &[usize], all: &[Keyed], members: &[usize]) -> Option<String> {
    let tuple = |k: &Keyed| set.iter().map(|&i| k.values[i].clone()).collect::<Vec<_>>();
    let mut tuples: Vec<Vec<String>> = members.iter().map(|&m| tuple(&all[m])).collect();
    tuples.sort();
    tuples.dedup();
    let outside = all.iter().enumerate().filter(|(i, _)| !members.contains(i));
    if outside.map(|(_, k)| tuple(k)).any(|t| tuples.contains(&t)) {
        return None;
    }
    Some(if set.len() == 1 {
        let values: Vec<String> = tuples.iter().map(|t| literal(&t[0])).collect();
        match values.as_slice() {
            [one] => format!("{} = {one}", field(fields[set[0]])),
            many => format!("{} IN ({})", field(fields[set[0]]), many.join(", ")),
        }
    } else {
        let term = |t: &Vec<String>| {
            let parts: Vec<String> =
                set.iter().zip(t).map(|(&i, v)| format!("{} = {}", field(fields[i]), literal(v))).collect();
            parts.join(" AND ")
        };
        match tuples.as_slice() {
            [one] => term(one),
            many => many.iter().map(|t| format!("({})", term(t))).collect::<Vec<_>>().join(" OR "),
        }
    })
}

/// The renderer of a table: a single symbol when every feature is drawn alike, else a
/// rule-based renderer with a rule per distinct symbol (in first-seen order). Each rule's filter
/// uses the first of `candidates` (sets of indexes into `fields`) that picks exactly its features;
/// the last field should tell every feature apart (the fid). No ELSE rule: QGIS honours it when
/// drawing but not when asked which symbol a feature has (the legend, the test), so every rule
/// says what it picks.
pub fn renderer(fields: &[&str], candidates: &[&[usize]], features: &[Keyed]) -> String {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let xml = f.symbol.xml("s");
        match groups.iter_mut().find(|(x, _)| *x == xml) {
            Some((_, members)) => members.push(i),
            None => groups.push((xml, vec![i])),
        }
    }
    if groups.len() <= 1 {
        let symbol = features.first().map(|f| f.symbol.xml("0")).unwrap_or_default();
        return format!(
            "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><symbols>{symbol}</symbols></renderer-v2>"
        );
    }
    let every_feature = [fields.len() - 1];
    let (mut rules, mut symbols) = (String::new(), String::new());
    for (g, (_, members)) in groups.iter().enumerate() {
        let filter = candidates
            .iter()
            .chain(std::iter::once(&&every_feature[..]))
            .find_map(|set| filter_for(fields, set, features, members))
            .expect("the last field tells every feature apart");
        let first = &features[members[0]];
        let mut labels: Vec<&str> = Vec::new();
        for m in members {
            if !labels.contains(&features[*m].label.as_str()) {
                labels.push(&features[*m].label);
            }
        }
        rules.push_str(&format!(
            "<rule key=\"rule-{g}\" symbol=\"{g}\" label=\"{}\" filter=\"{}\"/>",
            xml_attr(&labels.join("；")),
            xml_attr(&filter)
        ));
        symbols.push_str(&first.symbol.xml(&g.to_string()));
    }
    format!(
        "<renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><rules key=\"root\">{rules}</rules><symbols>{symbols}</symbols></renderer-v2>"
    )
}

/// A rule-based renderer for a layer of any geometry type: one rule per kind of geometry.
pub fn mixed_renderer(label: &str, style_of: impl Fn(FeatureKind) -> DrawStyle) -> String {
    let kinds = [(FeatureKind::Point, "Point"), (FeatureKind::Line, "Line"), (FeatureKind::Area, "Polygon")];
    let (mut rules, mut symbols) = (String::new(), String::new());
    for (i, (kind, qgis_name)) in kinds.iter().enumerate() {
        let filter = format!("geometry_type($geometry) = {}", literal(qgis_name));
        rules.push_str(&format!(
            "<rule key=\"rule-{i}\" symbol=\"{i}\" label=\"{}\" filter=\"{}\"/>",
            xml_attr(label),
            xml_attr(&filter)
        ));
        symbols.push_str(&Symbol { kind: *kind, style: style_of(*kind), label_symbol: None }.xml(&i.to_string()));
    }
    format!(
        "<renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><rules key=\"root\">{rules}</rules><symbols>{symbols}</symbols></renderer-v2>"
    )
}

/// Labels from a QGIS expression, placed beside points or over an area's centre.
pub fn labeling(expression: &str, kind: FeatureKind) -> String {
    // QGIS's placement codes: 6 = cartographic (around a point), 1 = over the centroid.
    let placement = if kind == FeatureKind::Point { 6 } else { 1 };
    format!(
        "<labeling type=\"simple\"><settings calloutType=\"simple\">\
         <text-style fieldName=\"{}\" isExpression=\"1\" fontFamily=\"{LABEL_FONT}\" fontSize=\"{LABEL_FONT_PT}\" fontSizeUnit=\"Point\" textColor=\"51,51,51,255\" textOpacity=\"1\" namedStyle=\"Regular\" fontWeight=\"50\" fontItalic=\"0\" fontUnderline=\"0\" fontStrikeout=\"0\" fontWordSpacing=\"0\" fontLetterSpacing=\"0\" blendMode=\"0\" multilineHeight=\"1\" previewBkgrdColor=\"255,255,255,255\" allowHtml=\"0\" capitalization=\"0\" useSubstitutions=\"0\">\
         <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"0.9\" bufferNoFill=\"1\" bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>\
         </text-style>\
         <placement placement=\"{placement}\" centroidInside=\"1\" centroidWhole=\"0\" dist=\"1\" distUnits=\"MM\" fitInPolygonOnly=\"0\" placementFlags=\"10\" priority=\"5\"/>\
         <rendering obstacle=\"1\" obstacleType=\"1\" displayAll=\"0\" labelPerPart=\"0\" drawLabels=\"1\" upsidedownLabels=\"0\" scaleVisibility=\"0\" fontLimitPixelSize=\"0\" mergeLines=\"0\" limitNumLabels=\"0\"/>\
         </settings></labeling>",
        xml_attr(expression)
    )
}

/// A whole style document: a renderer and, optionally, labels.
pub fn document(renderer: &str, labeling: Option<&str>) -> String {
    format!(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"{}\">\n{renderer}\n{}\n</qgis>\n",
        labeling.is_some() as u8,
        labeling.unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(stroke: &str, dash: Vec<f64>) -> DrawStyle {
        DrawStyle {
            stroke: stroke.into(),
            weight: 2.0,
            dash,
            filled: true,
            fill: "#ff0000".into(),
            fill_opacity: 0.5,
            symbol: "diamond".into(),
            hollow: false,
            symbol_at_label: false,
        }
    }

    fn keyed(category: &str, basis: &str, fid: &str, s: DrawStyle) -> Keyed {
        Keyed {
            values: vec![category.into(), basis.into(), fid.into()],
            symbol: Symbol { kind: FeatureKind::Point, style: s, label_symbol: None },
            label: category.into(),
        }
    }

    #[test]
    fn colours_become_qgis_rgba() {
        assert_eq!(rgba("#8b0000", 1.0), "139,0,0,255");
        assert_eq!(rgba("#ffffff", 0.5), "255,255,255,128");
    }

    #[test]
    fn each_symbol_gets_a_rule_with_the_narrowest_filter_that_picks_exactly_its_features() {
        let fields = ["category", "location_basis", "fid"];
        let features = vec![
            keyed("lab", "site", "1", style("#111111", vec![])),
            keyed("lab", "schematic", "2", style("#111111", vec![3.0, 2.5])),
            keyed("zone", "site", "3", style("#222222", vec![])),
            keyed("zone", "site", "4", style("#222222", vec![])),
        ];
        let xml = renderer(&fields, &[&[0], &[0, 1]], &features);
        assert!(xml.contains("type=\"RuleRenderer\""), "{xml}");
        assert!(xml.contains(&xml_attr("\"category\" = 'lab' AND \"location_basis\" = 'site'")), "{xml}");
        assert!(xml.contains(&xml_attr("\"category\" = 'lab' AND \"location_basis\" = 'schematic'")), "{xml}");
        assert!(xml.contains(&xml_attr("\"category\" = 'zone'")) && !xml.contains("ELSE"), "{xml}");
        assert!(xml.contains("17,17,17,255") && xml.contains("34,34,34,255") && xml.contains("5;2") == false);
        assert!(xml.contains("<prop k=\"outline_style\" v=\"dash\"/>"));
        let alike = renderer(&fields, &[&[0]], &features[2..]);
        assert!(alike.contains("type=\"singleSymbol\""));
    }

    #[test]
    fn text_is_escaped_for_xml_and_expressions() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(xml_attr("\"a\" < 'b' & c"), "&quot;a&quot; &lt; 'b' &amp; c");
    }
}
