import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderSourceDoc } from './docs';
import { readSourceStream } from './readers';
import { listSources } from './registry';
import { validateRow } from './validate';
import { SOURCES_DOCS_DIR, renderAllSourceDocs } from './write-docs';

const FILES = ['README.md', ...listSources().map((d) => `${d.name}.md`)];

describe('docs/sources', () => {
  const rendered = renderAllSourceDocs();

  it('renders exactly the index and one page per source', () => {
    expect([...rendered.keys()]).toEqual(FILES);
  });

  it.each(FILES)(
    '%s on disk equals the text rendered from the definitions (run write-docs.ts if not)',
    async (name) => {
      const onDisk = await readFile(join(SOURCES_DOCS_DIR, name), 'utf8');
      expect(onDisk).toBe(rendered.get(name));
    },
  );

  it('indexes every source in README.md', () => {
    const index = rendered.get('README.md') ?? '';
    for (const def of listSources()) expect(index).toContain(`](${def.name}.md)`);
  });

  it.each(listSources().map((d) => [d.name, d] as const))(
    '%s: documents every column',
    (_name, def) => {
      const doc = renderSourceDoc(def);
      for (const c of def.columns) {
        expect(doc).toMatch(new RegExp(`^\\| \`${c.name}\` +\\| `, 'm'));
      }
      for (const r of def.fileRules ?? []) expect(doc).toContain(r);
    },
  );

  it.each(listSources().map((d) => [d.name, d] as const))(
    '%s: the sample in the doc is read and validated without a flag',
    async (_name, def) => {
      const doc = renderSourceDoc(def);
      const csv = /```csv\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
      const json = /```ndjson\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
      for (const text of [csv, json]) {
        const opened = await readSourceStream(Readable.from([text]), def);
        let n = 0;
        for await (const r of opened.rows) {
          if (!('raw' in r)) throw new Error(r.error);
          const v = validateRow(def, r.raw);
          expect(v.ok && v.flags).toEqual([]);
          n++;
        }
        expect(n).toBe(1);
      }
    },
  );
});
