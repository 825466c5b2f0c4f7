/** Shared text helpers for reading what people type. */

export const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  a: 1,
  an: 1,
  single: 1,
  double: 2,
  // Spanish, for "una recámara", "dos recámaras".
  un: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
};

export const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  fifth: 5,
  "5th": 5,
  sixth: 6,
  "6th": 6,
};

/**
 * Remembers a pure string function's recent results: the same listing names, areas and the
 * message of the turn are read many times while one message is understood.
 */
function remembered(f: (s: string) => string, limit = 4000): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let r = seen.get(s);
    if (r === undefined) {
      r = f(s);
      if (seen.size >= limit) seen.clear();
      if (s.length <= 2000) seen.set(s, r);
    }
    return r;
  };
}

/** Lower case, accents removed, curly quotes straightened, whitespace collapsed. */
export const fold = remembered((text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim(),
);

/** Lower-case words only: for matching names of places and listings. */
export const words = remembered((text: string): string =>
  fold(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim(),
);

export function containsPhrase(haystackWords: string, needleWords: string): boolean {
  return needleWords.length > 0 && ` ${haystackWords} `.includes(` ${needleWords} `);
}

export function titleCase(name: string): string {
  return name
    .split(" ")
    .map((w) => (w.length > 1 && w === w.toLowerCase() ? w[0].toUpperCase() + w.slice(1) : w.length === 1 ? w.toUpperCase() : w))
    .join(" ")
    .replace(/\b(Mc|O')([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}

export function numberFromWord(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return WORD_NUMBERS[token];
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("thrusday"). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
