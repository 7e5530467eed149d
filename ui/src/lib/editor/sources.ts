// Source markers of a drafted summary: links to `recap:sources/e12,d5` that say where an item
// came from. The engine writes and reads them (recap_core::sources); the editor only lets their
// address through its link sanitising, draws them as a quiet chip (editor.css), and on a click
// hands the address to whoever shows the sources (the engine's `sources_of` resolves it).

import { SOURCE_SCHEME } from '../api/contract';

export const SOURCES_EVENT = 'recap-sources';

export interface SourcesRequest {
  url: string;
  /** Where the marker is on screen, to place the popover beside it. */
  rect: { left: number; top: number; bottom: number };
}

export function isSourceUrl(url: string): boolean {
  return url.trim().startsWith(SOURCE_SCHEME);
}

/** Links the editor keeps: the web and mail links it always kept, and source markers. */
export function isAllowedLink(url: string, defaultValidate: (url: string) => boolean): boolean {
  return isSourceUrl(url) || defaultValidate(url);
}
