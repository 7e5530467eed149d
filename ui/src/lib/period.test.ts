import { describe, expect, it } from 'vitest';
import { buildPeriod, defaultChoice, describePeriod, isoWeeksInYear, maxPart, periodProblem, periodRange, type PeriodChoice } from './period';

const c = (p: Partial<PeriodChoice>): PeriodChoice => ({ unit: 'year', year: 2026, part: 1, start: '', end: '', ...p });

describe('period string builder', () => {
  it('writes every unit in the form the core reads', () => {
    expect(buildPeriod(c({ unit: 'year' }))).toBe('2026');
    expect(buildPeriod(c({ unit: 'half', part: 1 }))).toBe('2026-H1');
    expect(buildPeriod(c({ unit: 'quarter', part: 3 }))).toBe('2026-Q3');
    expect(buildPeriod(c({ unit: 'month', part: 3 }))).toBe('2026-03');
    expect(buildPeriod(c({ unit: 'week', part: 47 }))).toBe('2026-W47');
    expect(buildPeriod(c({ unit: 'custom', start: '2026-01-01', end: '2026-12-31' }))).toBe('2026-01-01 至 2026-12-31');
  });

  it('refuses invalid choices', () => {
    expect(buildPeriod(c({ unit: 'quarter', part: 5 }))).toBeNull();
    expect(buildPeriod(c({ unit: 'month', part: 13 }))).toBeNull();
    expect(buildPeriod(c({ unit: 'half', part: 0 }))).toBeNull();
    expect(buildPeriod(c({ unit: 'week', part: 54 }))).toBeNull();
    expect(periodProblem(c({ unit: 'custom', start: '2026-12-31', end: '2026-01-01' }))).toBe('order');
    expect(periodProblem(c({ unit: 'custom', start: '2026-02-30', end: '2026-03-01' }))).toBe('start');
    expect(periodProblem(c({ unit: 'year', year: 26 }))).toBe('year');
  });

  it('knows ISO weeks', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(maxPart('week', 2026)).toBe(53);
    expect(buildPeriod(c({ unit: 'week', part: 53 }))).toBe('2026-W53');
  });
});

describe('period ranges (as the core reads them)', () => {
  it('resolves every form', () => {
    expect(periodRange('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodRange('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(periodRange('2026-Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodRange('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodRange('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodRange('2026-W47')).toEqual({ start: '2026-11-16', end: '2026-11-22' });
    expect(periodRange('2026-01-01 至 2026-12-31')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodRange('2026-Q5')).toBeNull();
    expect(periodRange('soon')).toBeNull();
  });

  it('names a stored range by its shape', () => {
    expect(describePeriod('2026-01-01 至 2026-12-31', 'zh-Hans')).toBe('2026年');
    expect(describePeriod('2026-07-01 至 2026-12-31', 'zh-Hans')).toBe('2026年下半年');
    expect(describePeriod('2026-07-01 至 2026-09-30', 'zh-Hans')).toBe('2026年第三季度');
    expect(describePeriod('2026-03-01 至 2026-03-31', 'zh-Hans')).toBe('2026年3月');
    expect(describePeriod('2026-11-16 至 2026-11-22', 'zh-Hant')).toBe('2026年第47週');
    expect(describePeriod('2026-07-01 至 2026-09-30', 'en')).toBe('Q3 2026');
    expect(describePeriod('2026-03-05 至 2026-04-06', 'zh-Hans')).toBe('2026-03-05 至 2026-04-06');
  });
});

describe('default period for a new document', () => {
  it('is the period being closed', () => {
    expect(defaultChoice('annual', new Date(2027, 0, 10))).toMatchObject({ unit: 'year', year: 2026 });
    expect(defaultChoice('annual', new Date(2026, 11, 10))).toMatchObject({ unit: 'year', year: 2026 });
    expect(defaultChoice('quarterly', new Date(2026, 9, 3))).toMatchObject({ unit: 'quarter', year: 2026, part: 3 });
    expect(defaultChoice('quarterly', new Date(2026, 0, 5))).toMatchObject({ unit: 'quarter', year: 2025, part: 4 });
    expect(defaultChoice('monthly', new Date(2026, 2, 28))).toMatchObject({ unit: 'month', part: 3 });
    expect(defaultChoice('weekly', new Date(2026, 10, 20))).toMatchObject({ unit: 'week', year: 2026, part: 47 });
    expect(defaultChoice('probation', new Date(2026, 10, 20)).unit).toBe('custom');
    expect(buildPeriod(defaultChoice('probation', new Date(2026, 10, 20)))).toBe('2026-08-20 至 2026-11-20');
  });
});
