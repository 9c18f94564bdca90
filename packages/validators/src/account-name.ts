/**
 * Account names: their normal form, the characters they may hold and the scripts they may mix (Unicode TR39,
 * "Highly Restrictive"). Shared by the server and the forms; the look-alike skeleton is in `account-skeleton.ts` (its
 * data stays out of the web bundle).
 */
export const ACCOUNT_MIN_LENGTH = 3;
export const ACCOUNT_MAX_LENGTH = 64;
export const ACCOUNT_PATTERN = /^[\p{L}\p{N}._@+-]+$/u;

/** Account names compare case-insensitively and by Unicode compatibility form (ａｌｉｃｅ is alice). */
export function normaliseAccount(account: string): string {
  return account.trim().normalize('NFKC').toLowerCase();
}

/**
 * Every Unicode script (ISO 15924 codes as Node's regular expressions know them, Unicode 17), less Common, Inherited
 * and Unknown, which belong to every script for this check.
 */
const SCRIPTS = (
  'Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Berf Bhks Bopo Brah Brai Bugi Buhd Cakm ' +
  'Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Gara Geor ' +
  'Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital ' +
  'Java Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci ' +
  'Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Miao Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand ' +
  'Narb Nbat Newa Nkoo Nshu Ogam Olck Onao Orkh Orya Osge Osma Ougr Palm Pauc Perm Phag Phli Phlp Phnx ' +
  'Plrd Prti Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sidt Sind Sinh Sogd Sogo Sora Soyo Sund ' +
  'Sunu Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Tayo Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Todr ' +
  'Tols Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb'
).split(' ');

const ASCII = /^[ -~]*$/;
const ANY_SCRIPT = /^[\p{scx=Zyyy}\p{scx=Zinh}]$/u;
let scriptTests: ReadonlyArray<readonly [string, RegExp]> | undefined;

/**
 * TR39's augmented script set: a Han character also counts as Japanese (Jpan), Korean (Kore) and Han with Bopomofo
 * (Hanb), kana as Japanese, Hangul as Korean and Bopomofo as Hanb, so 山田たろう or 김철수 are one script each.
 */
const AUGMENT: Readonly<Record<string, readonly string[]>> = {
  Hani: ['Hanb', 'Jpan', 'Kore'],
  Hira: ['Jpan'],
  Kana: ['Jpan'],
  Hang: ['Kore'],
  Bopo: ['Hanb'],
};

/** The character's augmented Script_Extensions, or null when it fits any script (digits, `.`, `_`, marks). */
function scriptsOf(char: string): Set<string> | null {
  if (ANY_SCRIPT.test(char)) return null;
  scriptTests ??= SCRIPTS.map((code) => [code, new RegExp(`^\\p{scx=${code}}$`, 'u')] as const);
  const scripts = new Set<string>();
  for (const [code, test] of scriptTests) {
    if (!test.test(char)) continue;
    scripts.add(code);
    for (const extra of AUGMENT[code] ?? []) scripts.add(extra);
  }
  return scripts;
}

/**
 * TR39 "Highly Restrictive" mixes: beside one script alone, Latin may join Han with kana, Han with Bopomofo, or Han
 * with Hangul (zhang_伟, yamada山田たろう and kim김철수 pass; Latin with Cyrillic or Greek does not).
 */
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latn', 'Hani', 'Hira', 'Kana', 'Jpan']),
  new Set(['Latn', 'Hani', 'Bopo', 'Hanb']),
  new Set(['Latn', 'Hani', 'Hang', 'Kore']),
];

/**
 * The scripts a name mixes when TR39's Highly Restrictive level refuses it (e.g. ['Latn', 'Cyrl'] for "аlice" with a
 * Cyrillic а), in order of first appearance; null when the name may be used.
 */
export function mixedScripts(name: string): string[] | null {
  if (ASCII.test(name)) return null;
  const perChar = [...name].map(scriptsOf).filter((scripts) => scripts !== null);
  if (perChar.length === 0) return null;
  // Single script: some script is shared by every character (its resolved script set is not empty).
  const [first, ...rest] = perChar;
  if (first && [...first].some((script) => rest.every((scripts) => scripts.has(script)))) return null;
  if (ALLOWED_MIXES.some((mix) => perChar.every((scripts) => [...scripts].some((script) => mix.has(script))))) {
    return null;
  }
  const seen: string[] = [];
  for (const scripts of perChar) {
    const main = [...scripts].find((script) => SCRIPTS.includes(script));
    if (main && !seen.includes(main)) seen.push(main);
  }
  return seen;
}

export type AccountNameProblem =
  | { kind: 'tooShort'; min: number }
  | { kind: 'tooLong'; max: number }
  | { kind: 'badCharacter' }
  | { kind: 'mixedScripts'; scripts: string[] };

const WIDE = /[\p{scx=Hani}\p{scx=Hang}\p{scx=Hira}\p{scx=Kana}\p{scx=Bopo}]/u;

/** Length as the minimum counts it: a Chinese, Japanese or Korean character counts as two, so 张伟 is long enough. */
function displayLength(name: string): number {
  let length = 0;
  for (const char of name) length += WIDE.test(char) ? 2 : 1;
  return length;
}

/** What is wrong with a (normalised) account name, or null when it may be used (being free is the database's say). */
export function accountNameProblem(name: string): AccountNameProblem | null {
  if (displayLength(name) < ACCOUNT_MIN_LENGTH) return { kind: 'tooShort', min: ACCOUNT_MIN_LENGTH };
  if (name.length > ACCOUNT_MAX_LENGTH) return { kind: 'tooLong', max: ACCOUNT_MAX_LENGTH };
  if (!ACCOUNT_PATTERN.test(name)) return { kind: 'badCharacter' };
  const scripts = mixedScripts(name);
  return scripts ? { kind: 'mixedScripts', scripts } : null;
}
