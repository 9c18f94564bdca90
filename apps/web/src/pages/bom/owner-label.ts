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

/** As the server masks a phone in lists and logs: country code, first three and last four digits (+86 138****8000). */
export function maskPhone(e164: string): string {
  const mainland = /^\+86(\d{3})\d{4}(\d{4})$/.exec(e164);
  if (mainland) return `+86 ${mainland[1]}****${mainland[2]}`;
  const digits = e164.replace(/^\+/, '');
  return `+${digits.slice(0, 3)}${'*'.repeat(Math.max(digits.length - 7, 0))}${digits.slice(-4)}`;
}

/** A user (from `admin.users.get`) named as `ownerLabel` names the owner of a run: the phone masked, never whole. */
export function userAsOwner(user: { account: string | null; username: string | null; phone: string | null }): string {
  return ownerLabel({
    ownerAccount: user.account,
    ownerName: user.username,
    ownerPhoneMasked: user.phone ? maskPhone(user.phone) : null,
  });
}
