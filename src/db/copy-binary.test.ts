import { describe, expect, it } from 'vitest';
import { CopyBinaryWriter, uuidBytes } from './copy-binary';

const SIGNATURE = 'PGCOPY\n\xff\r\n\0';

describe('binary COPY rows', () => {
  it('frames rows with the signature, a zero header and the -1 trailer', () => {
    const w = new CopyBinaryWriter(4);
    w.row(2);
    w.int4(-7);
    w.null();
    const bytes = Buffer.from(w.take());
    expect(bytes.subarray(0, 11).toString('latin1')).toBe(SIGNATURE);
    expect(bytes.readInt32BE(11)).toBe(0);
    expect(bytes.readInt32BE(15)).toBe(0);
    expect(bytes.readInt16BE(19)).toBe(2);
    expect([bytes.readInt32BE(21), bytes.readInt32BE(25)]).toEqual([4, -7]);
    expect(bytes.readInt32BE(29)).toBe(-1);
    expect(bytes.readInt16BE(33)).toBe(-1);
    expect(bytes).toHaveLength(35);
    expect(w.take()).toHaveLength(0);
  });

  it('writes text as UTF-8 with its byte length, and null or undefined as NULL', () => {
    const w = new CopyBinaryWriter(8);
    w.row(4);
    w.text('B2');
    w.text('Zoë 😀 tab\there');
    w.text(null);
    w.text(undefined);
    const bytes = Buffer.from(w.take());
    let at = 21;
    const field = () => {
      const n = bytes.readInt32BE(at);
      at += 4;
      if (n < 0) return null;
      at += n;
      return bytes.subarray(at - n, at).toString('utf8');
    };
    expect([field(), field(), field(), field()]).toEqual(['B2', 'Zoë 😀 tab\there', null, null]);
  });

  it('writes bigints from decimal text, dates as days from 2000-01-01, UUIDs as 16 bytes', () => {
    const w = new CopyBinaryWriter();
    w.row(6);
    w.int8('9007199254740991');
    w.int8('-5');
    w.int8(null);
    w.date(10957); // 2000-01-01 as a day number
    w.date(NaN);
    w.uuid(uuidBytes('0b7C9a3e-1f2d-4c5e-9a8b-00000000002a'));
    const bytes = Buffer.from(w.take());
    expect(bytes.readInt32BE(21)).toBe(8);
    expect(bytes.readBigInt64BE(25)).toBe(9007199254740991n);
    expect(bytes.readBigInt64BE(37)).toBe(-5n);
    expect(bytes.readInt32BE(45)).toBe(-1);
    expect([bytes.readInt32BE(49), bytes.readInt32BE(53)]).toEqual([4, 0]);
    expect(bytes.readInt32BE(57)).toBe(-1);
    expect(bytes.readInt32BE(61)).toBe(16);
    expect(bytes.subarray(65, 81).toString('hex')).toBe('0b7c9a3e1f2d4c5e9a8b00000000002a');
  });

  it('writes bigints from numbers, float8, booleans and text arrays; takeRows leaves the framing to the COPY', () => {
    const w = new CopyBinaryWriter(4);
    w.row(6);
    w.int8n(2 ** 53 - 1);
    w.int8n(-5);
    w.float8(-2.75);
    w.bool(true);
    w.textArray([]);
    w.textArray(['dob', 'Zoë']);
    expect(w.rowCount).toBe(1);
    const bytes = Buffer.from(w.takeRows());
    expect(w.size).toBe(0);
    expect(bytes.readInt16BE(0)).toBe(6);
    expect([bytes.readInt32BE(2), bytes.readBigInt64BE(6)]).toEqual([8, 2n ** 53n - 1n]);
    expect(bytes.readBigInt64BE(18)).toBe(-5n);
    expect([bytes.readInt32BE(26), bytes.readDoubleBE(30)]).toEqual([8, -2.75]);
    expect([bytes.readInt32BE(38), bytes[42]]).toEqual([1, 1]);
    // An empty text[]: no dimensions, no NULLs, element type text (25).
    expect([bytes.readInt32BE(43), bytes.readInt32BE(47), bytes.readInt32BE(51), bytes.readInt32BE(55)]).toEqual([12, 0, 0, 25]);
    // ['dob', 'Zoë']: one dimension of 2 from 1, then each element with its byte length.
    const at = 59;
    expect(bytes.readInt32BE(at)).toBe(bytes.length - at - 4);
    expect([1, 0, 25, 2, 1].map((_, i) => bytes.readInt32BE(at + 4 + 4 * i))).toEqual([1, 0, 25, 2, 1]);
    expect(bytes.readInt32BE(at + 24)).toBe(3);
    expect(bytes.subarray(at + 28, at + 31).toString()).toBe('dob');
    expect(bytes.readInt32BE(at + 31)).toBe(4);
    expect(bytes.subarray(at + 35).toString()).toBe('Zoë');
  });

  it('refuses values the column could not hold rather than writing them wrong', () => {
    const w = new CopyBinaryWriter();
    expect(() => w.int8('12x')).toThrow(RangeError);
    expect(() => w.int8('9007199254740993')).toThrow(RangeError);
    expect(() => w.int8(' 1')).toThrow(RangeError);
    expect(() => w.int8n(2 ** 53)).toThrow(RangeError);
    expect(() => w.int8n(0.5)).toThrow(RangeError);
    expect(() => w.int4(2 ** 31)).toThrow(RangeError);
    expect(() => w.int4(1.5)).toThrow(RangeError);
    expect(() => w.date(0.5)).toThrow(RangeError);
    expect(uuidBytes('p:US:123')).toBeNull();
    expect(uuidBytes('0b7c9a3e-1f2d-4c5e-9a8b-00000000002g')).toBeNull();
    expect(uuidBytes('0b7c9a3e-1f2d-4c5e-9a8b_00000000002a')).toBeNull();
  });
});
