/**
 * Writes docs/sources/*.md from the source definitions.
 *
 *   npx tsx src/modules/sources/write-docs.ts           write the files
 *   npx tsx src/modules/sources/write-docs.ts --check   exit 1 if any file is out of date
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSourceDoc, renderSourcesIndex } from './docs';
import { listSources } from './registry';

export const SOURCES_DOCS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../docs/sources',
);

/**
 * Every generated file, by name, with the text it should hold. The renderer prints Markdown the
 * way Prettier would (padded tables), so `prettier --check` agrees with the generated files.
 */
export function renderAllSourceDocs(): Map<string, string> {
  const out = new Map<string, string>();
  out.set('README.md', renderSourcesIndex(listSources()));
  for (const def of listSources()) out.set(`${def.name}.md`, renderSourceDoc(def));
  return out;
}

async function main(check: boolean): Promise<number> {
  await mkdir(SOURCES_DOCS_DIR, { recursive: true });
  const stale: string[] = [];
  for (const [name, text] of renderAllSourceDocs()) {
    const path = join(SOURCES_DOCS_DIR, name);
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === text) continue;
    stale.push(name);
    if (!check) await writeFile(path, text);
  }
  if (check && stale.length > 0) {
    console.error(
      `docs/sources out of date: ${stale.join(', ')}. Run npx tsx src/modules/sources/write-docs.ts`,
    );
    return 1;
  }
  console.log(stale.length === 0 ? 'docs/sources up to date' : `wrote ${stale.join(', ')}`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'));
}
