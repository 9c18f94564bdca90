/** Mainland mobile numbers as Dysmsapi accepts them: 11 digits starting 13–19, optionally prefixed +86, 0086 or 86. */
const MAINLAND = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
/** International numbers: country code + subscriber number, written 00… or +…, 8–15 digits in all (E.164). */
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;

/** The number in the form the emulator files messages under (mainland without prefix, others as 00…), or null. */
export function canonicalPhone(raw: string): string | null {
  const phone = raw.trim();
  const mainland = MAINLAND.exec(phone);
  if (mainland?.[1]) return mainland[1];
  const international = INTERNATIONAL.exec(phone);
  if (international?.[1] && !international[1].startsWith('86')) return `00${international[1]}`;
  return null;
}
