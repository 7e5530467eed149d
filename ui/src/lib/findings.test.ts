import { describe, expect, it } from 'vitest';
import type { Finding } from './api/types';
import { groupFindings } from './findings';

const f = (line: number, severity: Finding['severity']): Finding => ({ rule: 'placeholder', severity, message: 'm', line, excerpt: '', spot: null });

describe('findings', () => {
  it('groups by severity, errors first, in line order', () => {
    const g = groupFindings([f(9, 'warning'), f(5, 'error'), f(3, 'warning')]);
    expect(g.map((x) => [x.severity, x.items.map((i) => i.line)])).toEqual([
      ['error', [5]],
      ['warning', [3, 9]],
    ]);
  });
});
