import type { RouterOutputs } from '@arya/api';

type Owner = Pick<
  RouterOutputs['bom']['runs']['list']['items'][number],
  'ownerAccount' | 'ownerName' | 'ownerPhoneMasked'
>;

/**
 * The owner of a listed run or upload as a person reads them: the account, else the display name, else the masked
 * phone (a phone-only account has nothing else); never an id.
 */
export function ownerLabel(owner: Owner): string {
  return owner.ownerAccount ?? owner.ownerName ?? owner.ownerPhoneMasked ?? '—';
}
