import type { RouterOutputs } from '@arya/api';
import { maskPhone } from '@arya/validators/phone';

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

/** A user (from `admin.users.get`) named as `ownerLabel` names the owner of a run: the phone masked, never whole. */
export function userAsOwner(user: { account: string | null; username: string | null; phone: string | null }): string {
  return ownerLabel({
    ownerAccount: user.account,
    ownerName: user.username,
    ownerPhoneMasked: user.phone ? maskPhone(user.phone) : null,
  });
}
