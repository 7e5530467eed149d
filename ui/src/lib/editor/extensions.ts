// The editor's schema: exactly the Markdown the Rust core reads (CommonMark + GFM tables,
// strikethrough and task lists). Nothing here can carry a style attribute, so pasted Word or
// web content is reduced to clean structure by the schema itself.
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Markdown } from '@tiptap/markdown';
import { TableKit } from '@tiptap/extension-table';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Placeholder } from '@tiptap/extensions';
import { isAllowedLink } from './sources';

export interface SchemaOptions {
  /** Text shown in an empty paragraph. */
  placeholder?: string;
}

/** The extensions that define the document schema and its Markdown in/out. */
export function schemaExtensions(opts: SchemaOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4, 5, 6] },
      // Markdown has no underline; a pasted underline becomes plain text.
      underline: false,
      link: {
        openOnClick: false,
        autolink: false,
        linkOnPaste: false,
        enableClickSelection: false,
        protocols: ['http', 'https', 'mailto'],
        // A drafted item's source marker is a `recap:sources/…` link; every other scheme is
        // judged as before.
        isAllowedUri: (url, ctx) => isAllowedLink(url, ctx.defaultValidate),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
      trailingNode: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Placeholder.configure({
      placeholder: opts.placeholder ?? '',
      showOnlyCurrent: true,
    }),
    Markdown.configure({
      indentation: { style: 'space', size: 2 },
      markedOptions: { gfm: true, breaks: false },
    }),
  ];
}
