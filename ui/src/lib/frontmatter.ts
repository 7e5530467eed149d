// The editor edits the Markdown body; the YAML front matter (title, author, period…) is kept
// verbatim around it. Only the few scalar fields the UI shows are read here, and only the
// title is ever written (when the user renames the document's level-1 heading).

export interface Split {
  /** `---\n…\n---\n` including both fences, or '' when there is none. */
  front: string;
  /** The YAML between the fences. */
  yaml: string;
  /** The Markdown after the front matter, leading blank lines removed. */
  content: string;
}

export function splitFrontMatter(text: string): Split {
  const t = text.startsWith('\ufeff') ? text.slice(1) : text;
  const open = t.startsWith('---\n') ? 4 : t.startsWith('---\r\n') ? 5 : 0;
  if (open) {
    let offset = open;
    while (offset <= t.length) {
      const nl = t.indexOf('\n', offset);
      const lineEnd = nl === -1 ? t.length : nl + 1;
      const line = t.slice(offset, lineEnd).replace(/\r?\n$/, '');
      if (line === '---' || line === '...') {
        return {
          front: t.slice(0, lineEnd).endsWith('\n') ? t.slice(0, lineEnd) : t.slice(0, lineEnd) + '\n',
          yaml: t.slice(open, offset),
          content: t.slice(lineEnd).replace(/^(?:[ \t]*\r?\n)+/, ''),
        };
      }
      if (nl === -1) break;
      offset = lineEnd;
    }
  }
  return { front: '', yaml: '', content: t.replace(/^(?:[ \t]*\r?\n)+/, '') };
}

/** Front matter and Markdown joined the way the core writes them. */
export function joinFrontMatter(front: string, markdown: string): string {
  const body = markdown.replace(/\s+$/, '');
  if (!front) return body ? body + '\n' : '';
  return body ? `${front}\n${body}\n` : front;
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** A top-level scalar of the front matter (`key: value`), or null. */
export function frontField(yaml: string, key: string): string | null {
  for (const line of yaml.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*):(.*)$/.exec(line);
    if (m && m[1] === key) {
      const v = unquote(m[2] ?? '');
      return v === '' || v === '~' || v === 'null' ? null : v;
    }
  }
  return null;
}

/** The front matter with `title` set (a double-quoted YAML scalar). */
export function withTitle(front: string, title: string): string {
  const line = `title: ${JSON.stringify(title.replace(/\s+/g, ' ').trim())}`;
  if (!front) return `---\n${line}\n---\n`;
  const lines = front.split('\n');
  const i = lines.findIndex((l, n) => n > 0 && /^title:/.test(l));
  if (i >= 0) {
    // Drop continuation lines of a multi-line scalar (indented lines right after it).
    let j = i + 1;
    while (j < lines.length && /^[ \t]+\S/.test(lines[j] ?? '')) j += 1;
    lines.splice(i, j - i, line);
  } else {
    lines.splice(1, 0, line);
  }
  return lines.join('\n');
}

/** Whether a document has no content besides its front matter. */
export function isEmptyDocument(text: string): boolean {
  return splitFrontMatter(text).content.trim() === '';
}
