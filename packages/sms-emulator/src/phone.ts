/**
 * PhoneNumbers as Dysmsapi documents them: mainland mobiles with +, +86, 0086, 86 or no prefix (11 digits, 13–19…);
 * international numbers as country code + number (8–15 digits; `+`/`00` tolerated here).
 */
const MAINLAND = /^(?:\+86|0086|86|\+)?(1[3-9]\d{9})$/;
const INTERNATIONAL = /^(?:\+|00)?([1-9]\d{7,14})$/;

/** The number as the emulator files messages under (mainland: 11 digits; others: country code + number), or null. */
export function canonicalPhone(raw: string): string | null {
  const mainland = MAINLAND.exec(raw);
  if (mainland?.[1]) return mainland[1];
  const international = INTERNATIONAL.exec(raw);
  if (international?.[1] && !international[1].startsWith('86')) return international[1];
  return null;
}
