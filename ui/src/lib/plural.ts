// The one way the UI writes a count with its noun: "1 page", "2 pages", "1 apology",
// "3 apologies". English rules for the nouns the app counts; an irregular plural is passed in.

/** The plural of a regular English noun: "apology" → "apologies", "match" → "matches". */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** "1 item", "0 items", "1,234 pages". */
export function plural(n: number, noun: string, many: string = pluralOf(noun)): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : many}`;
}
