// Default speaker notes end with a tag in both languages that says whose words the quote is
// ("〔专栏内容,据新闻稿 box content, via news summary〕", written by the core's build). One
// language at a time: the presenter view keeps the UI's half of such a tag.

const BILINGUAL_TAG = /〔([^〕A-Za-z]*[\u3400-\u9fff][^〕A-Za-z]*?)\s+([A-Za-z][^〕]*)〕/g;

export function notesInLanguage(notes: string, lang: "zh" | "en"): string {
  return notes.replace(BILINGUAL_TAG, (_, zh: string, en: string) => (lang === "zh" ? `〔${zh}〕` : ` [${en}]`));
}
