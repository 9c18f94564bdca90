import unhomoglyph from 'unhomoglyph';

/**
 * The look-alike key of a normalised account name: Unicode TR39's skeleton (NFD, each character replaced by its
 * prototype from confusables.txt, NFD again), taken again after lower-casing because names compare without case
 * (so "paypa1", "pаypal" with a Cyrillic а and "paypal" share "paypal"; 0 → O → o meets o). Two live accounts never
 * share one (unique index `users_account_skeleton_live_key`).
 *
 * The confusables data comes from `unhomoglyph` (pinned: the skeletons stored for existing accounts are computed with
 * this data; a data update needs a migration that recomputes them).
 */
export function accountSkeleton(normalisedAccount: string): string {
  const once = unhomoglyph(normalisedAccount.normalize('NFD')).normalize('NFD');
  return unhomoglyph(once.toLowerCase()).normalize('NFD');
}
