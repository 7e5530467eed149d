import { describe, expect, it } from 'vitest';
import { frontField, isEmptyDocument, joinFrontMatter, splitFrontMatter, withTitle } from './frontmatter';

const doc = '---\ntitle: 2026年度工作总结\nauthor: "O\'Brien"\nperiod: 2026-01-01 至 2026-12-31\n---\n\n# 2026年度工作总结\n\n正文\n';

describe('front matter', () => {
  it('splits and joins losslessly', () => {
    const s = splitFrontMatter(doc);
    expect(s.front).toBe('---\ntitle: 2026年度工作总结\nauthor: "O\'Brien"\nperiod: 2026-01-01 至 2026-12-31\n---\n');
    expect(s.content).toBe('# 2026年度工作总结\n\n正文\n');
    expect(joinFrontMatter(s.front, s.content)).toBe(doc);
  });

  it('reads scalar fields', () => {
    const { yaml } = splitFrontMatter(doc);
    expect(frontField(yaml, 'title')).toBe('2026年度工作总结');
    expect(frontField(yaml, 'author')).toBe("O'Brien");
    expect(frontField(yaml, 'period')).toBe('2026-01-01 至 2026-12-31');
    expect(frontField(yaml, 'kind')).toBeNull();
  });

  it('text without front matter is all body; a lone rule is not front matter', () => {
    expect(splitFrontMatter('# 标题\n').front).toBe('');
    expect(splitFrontMatter('---\nno closing').content).toBe('---\nno closing');
  });

  it('sets the title as a quoted scalar', () => {
    const { front } = splitFrontMatter(doc);
    const out = withTitle(front, '新标题 "引号"');
    expect(frontField(splitFrontMatter(out + '\n').yaml, 'title')).toBe('新标题 "引号"');
    expect(out).toContain('author: "O\'Brien"');
    expect(withTitle('', '甲')).toBe('---\ntitle: "甲"\n---\n');
  });

  it('knows an empty document', () => {
    expect(isEmptyDocument('---\ntitle: x\n---\n\n  \n')).toBe(true);
    expect(isEmptyDocument('')).toBe(true);
    expect(isEmptyDocument('---\ntitle: x\n---\n\n字')).toBe(false);
  });
});
