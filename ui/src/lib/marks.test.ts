import { describe, expect, it } from 'vitest';
import { segments } from './marks';

describe('marks', () => {
  it('cuts text into marked segments at the engine\'s ranges', () => {
    expect(segments('a【b】c', [[1, 4]])).toEqual([
      { text: 'a', mark: false },
      { text: '【b】', mark: true },
      { text: 'c', mark: false },
    ]);
  });

  it('takes ranges in any order and ignores overlaps and empty ones', () => {
    expect(segments('abcdef', [[4, 6], [0, 2], [1, 3], [3, 3]])).toEqual([
      { text: 'ab', mark: true },
      { text: 'c', mark: true },
      { text: 'd', mark: false },
      { text: 'ef', mark: true },
    ]);
  });

  it('counts UTF-16 units, as the engine\'s offsets do', () => {
    expect(segments('𠀀续约率', [[2, 4]])).toEqual([
      { text: '𠀀', mark: false },
      { text: '续约', mark: true },
      { text: '率', mark: false },
    ]);
  });
});
