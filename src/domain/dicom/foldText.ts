// People compare names and descriptions the way they read them: "Hélène" and "HELENE",
// "Jean-Pierre" and "JEAN PIERRE" are the same word to a secretary typing them at two sites.

/** Upper case, no diacritics, ligatures spelt out, every run of non-alphanumerics one space. */
export function foldText(text: string): string {
  return text
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
