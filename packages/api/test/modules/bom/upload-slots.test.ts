import { describe, expect, it } from 'vitest';
import { createUploadSlots } from '../../../src/modules/bom/upload-slots';

describe('upload slots (BOM_MAX_UPLOADS_PER_USER)', () => {
  it('gives each user the cap, no more; a release gives one back, once however often it is called', () => {
    const slots = createUploadSlots(2);
    const first = slots.tryTake('alice');
    const second = slots.tryTake('alice');
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(slots.tryTake('alice')).toBeNull();
    expect(slots.tryTake('bob')).not.toBeNull();

    first!();
    first!();
    expect(slots.inProgress('alice')).toBe(1);
    expect(slots.tryTake('alice')).not.toBeNull();
    expect(slots.tryTake('alice')).toBeNull();
  });
});
