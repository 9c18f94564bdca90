import { describe, expect, it } from 'vitest';
import { userAsOwner } from '../src/pages/bom/owner-label';

describe('owner names', () => {
  it('names a user as the runs list names an owner: account, else display name, else the masked phone', () => {
    expect(userAsOwner({ account: 'wang', username: '王工', phone: '+8613800138000' })).toBe('wang');
    expect(userAsOwner({ account: null, username: '王工', phone: '+8613800138000' })).toBe('王工');
    expect(userAsOwner({ account: null, username: null, phone: '+8613800138000' })).toBe('+86 138****8000');
  });
});
