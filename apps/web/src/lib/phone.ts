/** Mainland China mobile numbers, with or without +86 / 0086, spaces and dashes allowed (the server normalises). */
const MAINLAND_MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;

export function looksLikeMainlandMobile(input: string): boolean {
  return MAINLAND_MOBILE.test(input.replaceAll(/[\s-]/g, ''));
}
