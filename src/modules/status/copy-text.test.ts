import { describe, expect, it } from 'vitest';
import { arrayLiteral, copyField } from './copy-text';
import { TextSink } from './text-sink';

describe('COPY text', () => {
  it('escapes what COPY would misread and writes NULL as \\N', () => {
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(7)).toBe('7');
  });

  it('quotes array elements so commas, quotes and braces survive', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['B2', 'a,b', 'say "hi"', 'back\\slash'])).toBe('{"B2","a,b","say \\"hi\\"","back\\\\slash"}');
  });

  it('collects lines in a buffer that grows, and hands them back once', () => {
    const sink = new TextSink(4);
    sink.append('héllo\t');
    sink.append('wörld\n');
    expect(sink.bytes).toBe(Buffer.byteLength('héllo\twörld\n'));
    expect(Buffer.from(sink.take()).toString()).toBe('héllo\twörld\n');
    expect(sink.take()).toHaveLength(0);
  });
});
