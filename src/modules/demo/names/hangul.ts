// Korean names from Hangul: Revised Romanization (RR, official since 2000), McCune-Reischauer
// (MR, older documents, here without breves and apostrophes as ASCII systems store it), and
// the everyday spellings people choose (Young, Sung, Soo). Family names follow their own
// conventions: 이 is LEE on most passports, but YI, RHEE and I all occur.

// prettier-ignore
const RR_INITIAL = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
// prettier-ignore
const MR_INITIAL = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', 'ch', 'k', 't', 'p', 'h'];
const MR_VOICED: Record<string, string> = { k: 'g', t: 'd', p: 'b', ch: 'j' };
// prettier-ignore
const RR_MEDIAL = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
// prettier-ignore
const MR_MEDIAL = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
// prettier-ignore
const FINAL = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

export type HangulSystem = 'rr' | 'mr' | 'popular';

interface Jamo {
  initial: number;
  medial: number;
  final: number;
}

function decompose(syllable: string): Jamo | null {
  const code = syllable.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return null;
  return {
    initial: Math.floor(code / 588),
    medial: Math.floor((code % 588) / 28),
    final: code % 28,
  };
}

function popularize(rr: string, first: boolean): string {
  let s = rr;
  if (s === 'yeong') return 'young';
  s = s
    .replace(/^(.+)yeon(g?)$/, '$1yun$2')
    .replace(/eong$/, 'ung')
    .replace(/eok$/, 'uk');
  s = s.replace(/^([^aeiouy]+)eon$/, '$1un');
  if (/^[^aeiouy]*u$/.test(s)) s = s === 'u' ? 'woo' : `${s.slice(0, -1)}oo`;
  if (s === 'hun') s = 'hoon';
  if (s === 'hui') s = 'hee';
  if (first && s.startsWith('g')) s = `k${s.slice(1)}`;
  return s;
}

/** Romanize one Hangul syllable; `prevFinal` decides MR voicing. */
function syllable(ch: string, system: HangulSystem, index: number, prevFinal: string): string {
  const j = decompose(ch);
  if (!j) return ch;
  const final = FINAL[j.final] ?? '';
  if (system === 'mr') {
    let initial = MR_INITIAL[j.initial] ?? '';
    const voiced = index > 0 && ['', 'n', 'm', 'ng', 'l'].includes(prevFinal);
    if (voiced && MR_VOICED[initial]) initial = MR_VOICED[initial] as string;
    return initial + (MR_MEDIAL[j.medial] ?? '') + final;
  }
  const rr = (RR_INITIAL[j.initial] ?? '') + (RR_MEDIAL[j.medial] ?? '') + final;
  return system === 'popular' ? popularize(rr, index === 0) : rr;
}

export type GivenJoin = 'joined' | 'hyphen' | 'space';

/** Romanize a Hangul given name, syllables joined as a passport or a person writes them. */
export function romanizeHangul(
  text: string,
  system: HangulSystem,
  join: GivenJoin = 'joined',
): string {
  const parts: string[] = [];
  let prevFinal = '';
  [...text].forEach((ch, i) => {
    parts.push(syllable(ch, system, i, prevFinal));
    const j = decompose(ch);
    prevFinal = j ? (FINAL[j.final] ?? '') : '';
  });
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (join === 'joined') return cap(parts.join(''));
  if (join === 'hyphen') return cap(parts.join('-'));
  return parts.map(cap).join(' ');
}

// Conventional spellings of common family names; the first is the usual passport form.
// prettier-ignore
const FAMILY: Record<string, string[]> = {
  김: ['Kim', 'Gim'], 이: ['Lee', 'Yi', 'Rhee', 'I', 'Rhie'], 박: ['Park', 'Pak', 'Bak'], 최: ['Choi', 'Choe', 'Chwe'], 정: ['Jung', 'Jeong', 'Chung', 'Chong'],
  강: ['Kang', 'Gang'], 조: ['Cho', 'Jo'], 윤: ['Yoon', 'Yun'], 장: ['Jang', 'Chang'], 임: ['Lim', 'Im', 'Rim'],
  한: ['Han'], 오: ['Oh', 'O'], 서: ['Seo', 'Suh', 'So'], 신: ['Shin', 'Sin'], 권: ['Kwon', 'Gwon'],
  황: ['Hwang'], 안: ['Ahn', 'An'], 송: ['Song'], 류: ['Ryu', 'Yoo', 'Yu', 'Ryoo'], 유: ['Yoo', 'Yu'],
  홍: ['Hong'], 전: ['Jeon', 'Chun', 'Jun'], 고: ['Ko', 'Go'], 문: ['Moon', 'Mun'], 양: ['Yang', 'Ryang'],
  손: ['Son', 'Sohn'], 배: ['Bae', 'Pae'], 백: ['Baek', 'Paik', 'Paek'], 허: ['Heo', 'Hur', 'Huh'], 노: ['Noh', 'Roh', 'No'],
  남: ['Nam'], 심: ['Shim', 'Sim'], 하: ['Ha'], 곽: ['Kwak', 'Gwak'], 성: ['Sung', 'Seong'],
  차: ['Cha'], 주: ['Joo', 'Ju', 'Chu'], 우: ['Woo', 'U'], 구: ['Koo', 'Gu', 'Ku'], 민: ['Min'],
  나: ['Na', 'Ra'], 진: ['Jin', 'Chin'], 지: ['Ji', 'Chi'], 엄: ['Eom', 'Um'], 채: ['Chae'],
  원: ['Won'], 천: ['Cheon', 'Chun'], 방: ['Bang', 'Pang'], 공: ['Kong', 'Gong'], 현: ['Hyun', 'Hyeon'],
  함: ['Ham'], 변: ['Byun', 'Byeon', 'Pyon'], 염: ['Yeom', 'Yum'], 여: ['Yeo', 'Yuh', 'Yo'], 추: ['Choo', 'Chu'],
  도: ['Do', 'To'], 석: ['Seok', 'Suk'], 선: ['Sun', 'Seon'], 설: ['Seol', 'Sul'], 길: ['Gil', 'Kil'],
  연: ['Yeon', 'Yun'], 위: ['Wi', 'Wee'], 표: ['Pyo'], 명: ['Myung', 'Myeong'], 기: ['Ki', 'Gi'],
  반: ['Ban', 'Pan'], 금: ['Keum', 'Geum'], 육: ['Yook', 'Yuk'], 국: ['Kook', 'Guk'], 어: ['Eo', 'Uh'],
  경: ['Kyung', 'Gyeong'], 황보: ['Hwangbo'], 남궁: ['Namgung', 'Namkoong'], 제갈: ['Jegal'], 선우: ['Sunwoo', 'Seonu'],
};

/** Spellings of a Hangul family name, usual passport form first. */
export function hangulFamilySpellings(text: string): string[] {
  const known = FAMILY[text];
  if (known) return [...known];
  const out = [
    romanizeHangul(text, 'rr'),
    romanizeHangul(text, 'popular'),
    romanizeHangul(text, 'mr'),
  ];
  return out.filter((s, i) => out.indexOf(s) === i);
}

/** Spellings of a Hangul given name: RR joined, RR hyphenated, MR, popular. */
export function hangulGivenSpellings(text: string): string[] {
  const out = [
    romanizeHangul(text, 'rr', 'joined'),
    romanizeHangul(text, 'rr', 'hyphen'),
    romanizeHangul(text, 'rr', 'space'),
    romanizeHangul(text, 'mr', 'hyphen'),
    romanizeHangul(text, 'popular', 'joined'),
    romanizeHangul(text, 'popular', 'hyphen'),
  ];
  return out.filter((s, i) => out.indexOf(s) === i);
}
