import { describe, expect, it } from 'vitest';
import {
  BOM_LANGS,
  noteText,
  OP_STATUSES,
  parseBomLang,
  problemText,
  statusWord,
  WARNING_CODES,
  warningKindName,
  warningText,
  type BomLang,
  type BomWarning,
  type LogNote,
  type OpProblem,
} from '../src/index';

/** One warning of every kind, with params as the engine fills them. */
const WARNINGS: BomWarning[] = [
  { code: 'quantity_mismatch', params: { row: 7, materialCode: 'M1', quantity: 3, count: 1 } },
  { code: 'duplicate_designator', params: { designator: 'R1', rows: [4, 9, 12] } },
  { code: 'side_designator_missing', params: { row: 5, side: 'A', designator: 'C9' } },
  { code: 'malformed_range_in_bom', params: { row: 6, token: 'U5-U1' } },
  { code: 'op_designators_not_on_bom', params: { opRow: 3, designators: ['R98', 'R99'] } },
  { code: 'sheet_renamed', params: { wanted: '新BOM表', used: '新BOM表(2)' } },
  { code: 'cell_too_long', params: { row: 2, column: 'F', length: 40_000 } },
];

const PROBLEMS: OpProblem[] = [
  { code: 'invalid_op_type', value: 'swap' },
  { code: 'empty_material_code' },
  { code: 'empty_designators' },
  { code: 'invalid_level', value: '3.5' },
  { code: 'invalid_bom_row', value: 'three' },
  { code: 'malformed_range', token: 'R5-R1', reason: 'descending' },
  { code: 'malformed_range', token: 'R1-C5', reason: 'prefix_mismatch' },
  { code: 'malformed_range', token: 'R1-R5000', reason: 'too_many_items' },
  { code: 'malformed_range', token: 'C1-C999', reason: 'list_too_long' },
];

const NOTES: LogNote[] = [
  { code: 'added', params: { designators: 'R1,R2' } },
  { code: 'deleted', params: { designators: 'R3' } },
  { code: 'removed_from_top', params: { designators: 'R3' } },
  { code: 'removed_from_bottom', params: { designators: 'R4' } },
  { code: 'already_present', params: { designators: 'R5' } },
  { code: 'not_in_row', params: { designators: 'R6' } },
  { code: 'no_such_material', params: { materialCode: 'M9', level: null } },
  { code: 'row_not_material', params: { bomRow: 5, materialCode: 'M1', level: 4 } },
  { code: 'several_rows', params: { materialCode: 'M1', level: 3, rows: [2, 3, 4] } },
  ...PROBLEMS.map((problem): LogNote => ({ code: 'problem', params: problem })),
  ...WARNINGS.map((warning): LogNote => ({ code: 'warning', params: warning })),
];

const CJK = /[\u4e00-\u9fff]/;
/**
 * Chinese an English text may hold: a workbook column's header in parentheses after its English name ("the top-side
 * designators (A面位号)", "the BOM row column, BOM行)"), and sheet names that are data (the sample's 新BOM表).
 */
const QUOTED_NAMES = /\((?:[AB]面位号|位号)\)|, BOM行\)|新BOM表/g;

/** A worded text: not empty, no unfilled or undefined params, Chinese prose in Chinese only. */
function expectWorded(text: string, lang: BomLang) {
  expect(text.trim().length).toBeGreaterThan(1);
  expect(text).not.toMatch(/undefined|null|NaN|\[object|\$\{|\{\w+\}/);
  expect({ text, chinese: CJK.test(text.replaceAll(QUOTED_NAMES, '')) }).toEqual({ text, chinese: lang === 'zh-CN' });
}

const quantityText = (count: number) =>
  warningText({ code: 'quantity_mismatch', params: { row: 2, materialCode: 'M', quantity: 5, count } }, 'en');
const notOnBomText = (designators: string[]) =>
  warningText({ code: 'op_designators_not_on_bom', params: { opRow: 3, designators } }, 'en');

describe('the engine’s words, in both languages', () => {
  it.each(BOM_LANGS)('words every status, warning kind, warning, problem and note in %s', (lang) => {
    const texts = [
      ...OP_STATUSES.map((status) => statusWord(status, lang)),
      ...WARNING_CODES.map((code) => warningKindName(code, lang)),
      ...WARNINGS.map((w) => warningText(w, lang)),
      ...PROBLEMS.map((p) => problemText(p, lang)),
      ...NOTES.map((n) => noteText(n, lang)),
    ];
    for (const text of texts) expectWorded(text, lang);
    // each status and each kind has its own word
    expect(new Set(OP_STATUSES.map((s) => statusWord(s, lang))).size).toBe(OP_STATUSES.length);
    expect(new Set(WARNING_CODES.map((c) => warningKindName(c, lang))).size).toBe(WARNING_CODES.length);
  });

  it('covers every warning kind in the sample above', () => {
    expect(new Set(WARNINGS.map((w) => w.code))).toEqual(new Set(WARNING_CODES));
  });

  it('words the same thing differently in each language (no bilingual strings)', () => {
    for (const note of NOTES) {
      const zh = noteText(note, 'zh-CN');
      const en = noteText(note, 'en');
      expect(zh).not.toBe(en);
      expect(zh).not.toContain(' / ');
      expect(en).not.toContain(' / ');
    }
  });

  it('words notes about workbook columns in English, naming the column’s header only in parentheses', () => {
    expect(noteText({ code: 'removed_from_top', params: { designators: 'R3' } }, 'en')).toBe(
      'Also removed from the top-side designators (A面位号): R3',
    );
    expect(noteText({ code: 'not_in_row', params: { designators: 'R6' } }, 'en')).toBe(
      'Not among the row’s designators, not deleted: R6',
    );
    const side = { code: 'side_designator_missing', params: { row: 5, side: 'B', designator: 'C9' } } as const;
    expect(warningText(side, 'en')).toBe(
      'Row 5: bottom-side designator C9 (B面位号) is not among the row’s designators (位号)',
    );
    expect(warningText(side, 'zh-CN')).toBe('第 5 行 B面位号 C9 不在位号中');
  });

  it('counts in English by the plural rule: 1 designator, 2 designators', () => {
    expect(quantityText(1)).toContain('but 1 designator');
    expect(quantityText(1)).not.toContain('designators');
    expect(quantityText(2)).toContain('but 2 designators');
    expect(quantityText(0)).toContain('but 0 designators');
    const twiceInRow = warningText({ code: 'duplicate_designator', params: { designator: 'R1', rows: [4, 4] } }, 'en');
    expect(twiceInRow).toBe('Designator R1 appears 2 times in row 4');
    expect(warningText({ code: 'duplicate_designator', params: { designator: 'R1', rows: [4, 4] } }, 'zh-CN')).toBe(
      '位号 R1 在第 4 行出现 2 次',
    );
    expect(notOnBomText(['R9'])).toBe('Op row 3: 1 designator not on the BOM: R9');
    expect(notOnBomText(['R8', 'R9'])).toBe('Op row 3: 2 designators not on the BOM: R8,R9');
  });

  it('takes zh, zh-CN, en and en-US (any case) as languages and nothing else', () => {
    expect(['zh', 'zh-CN', 'ZH-cn', 'en', 'EN', 'en-US'].map(parseBomLang)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'en',
      'en',
      'en',
    ]);
    expect(parseBomLang('fr')).toBeNull();
    expect(parseBomLang('')).toBeNull();
  });
});
