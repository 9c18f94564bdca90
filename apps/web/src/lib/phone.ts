/** Mainland China mobile numbers, with or without +86 / 0086, spaces and dashes allowed (the server normalises). */
const MAINLAND_MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;

export function looksLikeMainlandMobile(input: string): boolean {
  return MAINLAND_MOBILE.test(input.replaceAll(/[\s-]/g, ''));
}

/**
 * Whether the form should refuse the number before asking the server: only numbers meant as mainland ones (no
 * country code, or +86/0086) are checked here; other international numbers go to the server, which accepts them
 * when international sending is enabled and otherwise says why not.
 */
export function phoneInputProblem(input: string): 'invalid' | null {
  const compact = input.replaceAll(/[\s-]/g, '');
  const international = /^(?:\+|00)/.test(compact) && !/^(?:\+86|0086)/.test(compact);
  return international || looksLikeMainlandMobile(compact) ? null : 'invalid';
}
