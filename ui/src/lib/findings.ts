// How the 体检 panel lays out the engine's findings: by severity, errors first, each group in
// the order of the text. Nothing here decides what a problem is.
import type { Finding, Severity } from './api/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Findings by severity (error, warning, info), each group in line order; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): { severity: Severity; items: Finding[] }[] {
  return SEVERITIES.map((severity) => ({
    severity,
    items: findings.filter((f) => f.severity === severity).sort((a, b) => a.line - b.line),
  })).filter((g) => g.items.length > 0);
}
