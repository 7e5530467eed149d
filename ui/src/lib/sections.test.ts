import { describe, expect, it } from 'vitest';
import type { SectionView } from './api/types';
import { alignSections, sectionFor } from './sections';

const s = (title: string, level = 2): SectionView => ({ title, level, prompt: '', tips: [], target: null, snippets: [] });

describe('template sections for document headings', () => {
  const tpl = [s('模块一'), s('周期目标', 3), s('量化成果', 3), s('模块二'), s('周期目标', 3), s('量化成果', 3), s('综合评估')];

  it('matches by title, the k-th repeat to the k-th section', () => {
    const doc = [
      { title: '2026年度总结', level: 1 },
      { title: '模块一', level: 2 },
      { title: '周期目标', level: 3 },
      { title: '模块二', level: 2 },
      { title: '周期目标', level: 3 },
      { title: '我加的小节', level: 3 },
      { title: '综合 评估', level: 2 },
    ];
    expect(alignSections(doc, tpl)).toEqual([null, 0, 1, 3, 4, null, 6]);
  });

  it('a heading of the user’s own falls back to its enclosing section', () => {
    const doc = [
      { title: '模块一', level: 2 },
      { title: '我加的小节', level: 3 },
      { title: '更细', level: 4 },
    ];
    const a = alignSections(doc, tpl);
    expect(sectionFor(2, doc, a)).toEqual([0, 0]);
    expect(sectionFor(0, doc, a)).toEqual([0, 0]);
    expect(sectionFor(1, [{ title: 'x', level: 2 }, { title: 'y', level: 2 }], [null, null])).toBeNull();
  });
});
