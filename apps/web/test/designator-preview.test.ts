import { describe, expect, it } from 'vitest';
import { previewDesignators } from '../src/lib/designator-preview';

describe('previewDesignators', () => {
  it('expands ranges with the engine parser, keeping zero padding and written order', () => {
    const preview = previewDesignators('r1-r3， C01~C03;U7', 'add', null);
    expect(preview.items).toEqual(['R1', 'R2', 'R3', 'C01', 'C02', 'C03', 'U7']);
    expect(preview.malformed).toEqual([]);
  });

  it('reports malformed ranges instead of expanding them', () => {
    const preview = previewDesignators('R5-R1 R1-C3 R1', 'del', null);
    expect(preview.items).toEqual(['R1']);
    expect(preview.malformed).toEqual([
      { token: 'R5-R1', reason: 'descending' },
      { token: 'R1-C3', reason: 'prefix_mismatch' },
    ]);
  });

  it('lists designators written twice once, and names them', () => {
    const preview = previewDesignators('R1-R3,R2', 'add', null);
    expect(preview.items).toEqual(['R1', 'R2', 'R3']);
    expect(preview.repeated).toEqual(['R2']);
  });

  it('checks a removal against the BOM row: names what the row does not have', () => {
    const preview = previewDesignators('R1,R2,R9', 'del', ['r1', 'R2', 'R3']);
    expect(preview.notInBom).toEqual(['R9']);
    expect(preview.alreadyInBom).toEqual([]);
  });

  it('checks an addition against the BOM row: names what the row already has', () => {
    const preview = previewDesignators('R3-R4', 'add', ['R1', 'R2', 'R3']);
    expect(preview.alreadyInBom).toEqual(['R3']);
    expect(preview.notInBom).toEqual([]);
  });

  it('makes no BOM comparison without a chosen row or operation', () => {
    expect(previewDesignators('R1', null, ['R2'])).toMatchObject({ notInBom: [], alreadyInBom: [] });
    expect(previewDesignators('', 'add', null).items).toEqual([]);
  });
});
