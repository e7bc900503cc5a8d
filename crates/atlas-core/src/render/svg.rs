//! A small SVG writer: elements appended to a string, every text and attribute escaped.

use std::fmt::Write;

pub struct Svg {
    out: String,
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => s.push(c),
        }
    }
    s
}

/// Two decimals: 0.01 pt is far below print resolution and keeps files small.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Svg {
        let mut out = String::with_capacity(256 * 1024);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">"#,
            w = num(width),
            h = num(height)
        );
        Svg { out }
    }

    /// Appends raw markup built by this module's helpers.
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    pub fn open(&mut self, tag: &str, attrs: &[(&str, String)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (k, v) in attrs {
            let _ = write!(self.out, r#" {k}="{}""#, escape(v));
        }
        self.out.push('>');
    }

    pub fn close(&mut self, tag: &str) {
        let _ = write!(self.out, "</{tag}>");
    }

    pub fn empty(&mut self, tag: &str, attrs: &[(&str, String)]) {
        self.open(tag, attrs);
        self.out.pop();
        self.out.push_str("/>");
    }

    /// A rectangle at (x, y) of w × h with its paint (fill, stroke …).
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, paint: &[(&str, String)]) {
        let mut all = vec![("x", num(x)), ("y", num(y)), ("width", num(w)), ("height", num(h))];
        all.extend(paint.iter().cloned());
        self.empty("rect", &all);
    }

    pub fn text(&mut self, x: f64, y: f64, text: &str, attrs: &[(&str, String)]) {
        let mut all = vec![("x", num(x)), ("y", num(y))];
        all.extend(attrs.iter().cloned());
        self.open("text", &all);
        self.out.push_str(&escape(text));
        self.close("text");
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut s = Svg::new(10.0, 10.0);
        s.text(1.0, 2.0, "<script>&\"", &[("class", "a\"b".into())]);
        let out = s.finish();
        assert!(out.contains("&lt;script&gt;&amp;&quot;"));
        assert!(out.contains(r#"class="a&quot;b""#));
        assert!(!out.contains("<script>"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.14159), "3.14");
    }
}
