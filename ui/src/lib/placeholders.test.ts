import { describe, expect, it } from 'vitest';
import { charRangesToUtf16, findPlaceholders, hasPlaceholder, isWholePrompt, segments } from './placeholders';

describe('placeholders', () => {
  it('finds every 【…】', () => {
    const t = '全年完成【数字】个项目，完成率【百分比】%。';
    expect(findPlaceholders(t)).toEqual([
      [4, 8],
      [15, 20],
    ]);
    expect(hasPlaceholder(t)).toBe(true);
    expect(hasPlaceholder('已经全部填好。')).toBe(false);
  });

  it('ignores unbalanced or nested brackets and line breaks', () => {
    expect(findPlaceholders('【未闭合')).toEqual([]);
    expect(findPlaceholders('】【')).toEqual([]);
    expect(findPlaceholders('【甲\n乙】')).toEqual([]);
    expect(findPlaceholders('【【内】')).toEqual([[1, 4]]);
  });

  it('finds empty and English placeholders', () => {
    expect(findPlaceholders('【】')).toEqual([[0, 2]]);
    expect(findPlaceholders('In 【year】 I…')).toEqual([[3, 9]]);
  });

  it('cuts text into marked segments', () => {
    const t = 'a【b】c';
    expect(segments(t, findPlaceholders(t))).toEqual([
      { text: 'a', mark: false },
      { text: '【b】', mark: true },
      { text: 'c', mark: false },
    ]);
  });

  it('maps code point ranges (the core search highlights) to UTF-16', () => {
    const t = '𠀀续约率';
    expect(charRangesToUtf16(t, [[1, 3]])).toEqual([[2, 4]]);
  });

  it('tells a paragraph that is only the prompt', () => {
    expect(isWholePrompt('【用两三句话概括全年】')).toBe(true);
    expect(isWholePrompt('前言【数字】')).toBe(false);
  });
});
