// "Simple formatting" for notes, rendered without HTML: **bold**, line breaks, and lines that
// start with "- " as list items. Everything else is text.

export type Inline = { text: string; bold: boolean };
export type Block = { kind: "paragraph" | "item"; inlines: Inline[] };

export function parseNote(text: string): Block[] {
  return text.split(/\r?\n/).map((line) => {
    const item = /^\s*[-•]\s+/.test(line);
    const body = item ? line.replace(/^\s*[-•]\s+/, "") : line;
    const inlines: Inline[] = [];
    const parts = body.split("**");
    // An odd number of ** markers leaves the last one unmatched: it stays literal.
    const unmatched = parts.length % 2 === 0;
    parts.forEach((part, i) => {
      if (unmatched && i === parts.length - 1) inlines.push({ text: `**${part}`, bold: false });
      else if (part) inlines.push({ text: part, bold: i % 2 === 1 });
    });
    return { kind: item ? "item" : "paragraph", inlines };
  });
}
