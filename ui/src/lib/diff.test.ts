import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diff';

describe('readable diff', () => {
  it('marks changed characters inside a similar line', () => {
    const d = diffDocuments('续约率 90%。\n', '续约率 92.9%。\n');
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    const add = d.rows.find((r) => r.kind === 'add');
    expect(add && add.kind === 'add' && add.pieces.some((p) => p.changed && p.text.includes('2'))).toBe(true);
    expect(add && add.kind === 'add' && add.pieces.some((p) => !p.changed && p.text.startsWith('续约率'))).toBe(true);
  });

  it('shows unrelated lines whole', () => {
    const d = diffDocuments('【写点什么】\n', '今年完成了续约工作。\n');
    const del = d.rows.find((r) => r.kind === 'del');
    expect(del && del.kind === 'del' && del.pieces).toEqual([{ text: '【写点什么】', changed: false }]);
  });

  it('folds long unchanged stretches', () => {
    const same = Array.from({ length: 20 }, (_, i) => `第${i}行`).join('\n');
    const d = diffDocuments(`${same}\n旧\n`, `${same}\n新\n`);
    expect(d.rows[0]).toEqual({ kind: 'fold', count: 18 });
    expect(d.rows.filter((r) => r.kind === 'same')).toHaveLength(2);
  });
});
