// Chinese names. PRC passports use Hanyu Pinyin (ZHANG XIAOMING), Taiwan passports mostly
// Wade-Giles (CHANG HSIAO-MING), Hong Kong documents Cantonese (CHEUNG SIU MING). Other
// records swap the order (family first, as in Chinese), split the given name or hyphenate it.

export interface ChineseFamily {
  readonly pinyin: string;
  readonly wadeGiles: string;
  readonly cantonese: string;
}

const f = (pinyin: string, wadeGiles: string, cantonese: string): ChineseFamily => ({
  pinyin,
  wadeGiles,
  cantonese,
});

// prettier-ignore
export const CHINESE_FAMILIES: readonly ChineseFamily[] = [
  f('Wang', 'Wang', 'Wong'), f('Li', 'Li', 'Lee'), f('Zhang', 'Chang', 'Cheung'), f('Liu', 'Liu', 'Lau'),
  f('Chen', 'Chen', 'Chan'), f('Yang', 'Yang', 'Yeung'), f('Huang', 'Huang', 'Wong'), f('Zhao', 'Chao', 'Chiu'),
  f('Wu', 'Wu', 'Ng'), f('Zhou', 'Chou', 'Chow'), f('Xu', 'Hsu', 'Tsui'), f('Sun', 'Sun', 'Suen'),
  f('Ma', 'Ma', 'Ma'), f('Zhu', 'Chu', 'Chu'), f('Hu', 'Hu', 'Wu'), f('Guo', 'Kuo', 'Kwok'),
  f('He', 'Ho', 'Ho'), f('Lin', 'Lin', 'Lam'), f('Gao', 'Kao', 'Ko'), f('Luo', 'Lo', 'Law'),
  f('Zheng', 'Cheng', 'Cheng'), f('Liang', 'Liang', 'Leung'), f('Xie', 'Hsieh', 'Tse'), f('Song', 'Sung', 'Sung'),
  f('Tang', 'Tang', 'Tong'), f('Han', 'Han', 'Hon'), f('Feng', 'Feng', 'Fung'), f('Deng', 'Teng', 'Tang'),
  f('Cao', 'Tsao', 'Tso'), f('Peng', 'Peng', 'Pang'), f('Zeng', 'Tseng', 'Tsang'), f('Xiao', 'Hsiao', 'Siu'),
  f('Tian', 'Tien', 'Tin'), f('Dong', 'Tung', 'Tung'), f('Pan', 'Pan', 'Poon'), f('Yuan', 'Yuan', 'Yuen'),
  f('Cai', 'Tsai', 'Choi'), f('Jiang', 'Chiang', 'Keung'), f('Yu', 'Yu', 'Yu'), f('Du', 'Tu', 'To'),
  f('Ye', 'Yeh', 'Yip'), f('Cheng', 'Cheng', 'Ching'), f('Wei', 'Wei', 'Ngai'), f('Su', 'Su', 'So'),
  f('Lu', 'Lu', 'Lo'), f('Ding', 'Ting', 'Ting'), f('Ren', 'Jen', 'Yam'), f('Shen', 'Shen', 'Sham'),
  f('Yao', 'Yao', 'Yiu'), f('Zhong', 'Chung', 'Chung'), f('Cui', 'Tsui', 'Chui'), f('Tan', 'Tan', 'Tam'),
  f('Liao', 'Liao', 'Liu'), f('Fan', 'Fan', 'Fan'), f('Jin', 'Chin', 'Kam'), f('Shi', 'Shih', 'Shek'),
  f('Qian', 'Chien', 'Chin'), f('Qiu', 'Chiu', 'Yau'), f('Qin', 'Chin', 'Chun'), f('Xiong', 'Hsiung', 'Hung'),
  f('Ouyang', 'Ouyang', 'Au Yeung'), f('Sima', 'Ssu-ma', 'Sze To'),
];

// prettier-ignore
export const PINYIN_GIVEN_SYLLABLES = [
  'wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'juan',
  'tao', 'ming', 'chao', 'xiu', 'ying', 'hua', 'hui', 'ping', 'gang', 'xiao', 'hong', 'jian', 'zhi', 'xin',
  'yu', 'hao', 'yi', 'zi', 'han', 'chen', 'xuan', 'rui', 'bo', 'tian', 'jia', 'kai', 'long', 'dan',
  'feng', 'lan', 'mei', 'qing', 'shu', 'ting', 'wen', 'xia', 'yun', 'zhen', 'zhong', 'cheng', 'dong', 'guo',
  'hai', 'jin', 'kang', 'le', 'lin', 'lu', 'peng', 'qi', 'rong', 'shan', 'sheng', 'song', 'xi', 'xu',
  'yao', 'ze', 'zhe', 'zhao', 'zhu', 'yue', 'si', 'ran', 'xue', 'chun', 'qiu', 'ru', 'shi', 'ke',
  'he', 'ge', 'de', 'yuan', 'nan', 'yin',
];

// prettier-ignore
export const CANTONESE_GIVEN_SYLLABLES = [
  'ka', 'ming', 'wai', 'man', 'siu', 'ling', 'chi', 'keung', 'kwok', 'wing', 'yan', 'kin', 'mei', 'fung',
  'hoi', 'tak', 'yee', 'suk', 'kit', 'lok', 'shing', 'wah', 'yuk', 'chun', 'pui', 'sze', 'hin', 'ho',
  'lai', 'kam', 'tsz', 'hei', 'yiu', 'cheuk', 'on', 'fai',
];

// Pinyin → Wade-Giles, applied per syllable: whole-syllable exceptions, then initials,
// then finals. Apostrophes of aspiration are usually dropped by systems that store names.
// prettier-ignore
const WG_WHOLE: Record<string, string> = {
  zi: 'tzu', ci: "tz'u", si: 'ssu', zhi: 'chih', chi: "ch'ih", shi: 'shih', ri: 'jih', you: 'yu',
  yan: 'yen', ye: 'yeh', yue: 'yueh', yong: 'yung', er: 'erh', ge: 'ko', ke: "k'o", he: 'ho',
  yuan: 'yuan', yun: 'yun', guo: 'kuo', kuo: "k'uo", huo: 'huo', gui: 'kuei', kui: "k'uei", dui: 'tui',
  tui: "t'ui", zhui: 'chui', chui: "ch'ui", shui: 'shui', rui: 'jui', zui: 'tsui', cui: "ts'ui", sui: 'sui',
  luo: 'lo', nuo: 'no', duo: 'to', tuo: "t'o", zuo: 'tso', cuo: "ts'o", suo: 'so', le: 'le',
  de: 'te', te: "t'e", ze: 'tse', ce: "ts'e", se: 'se',
};
const WG_INITIALS: [string, string][] = [
  ['zh', 'ch'],
  ['ch', "ch'"],
  ['sh', 'sh'],
  ['b', 'p'],
  ['p', "p'"],
  ['d', 't'],
  ['t', "t'"],
  ['g', 'k'],
  ['k', "k'"],
  ['z', 'ts'],
  ['c', "ts'"],
  ['j', 'ch'],
  ['q', "ch'"],
  ['x', 'hs'],
  ['r', 'j'],
];

export function pinyinToWadeGiles(syllable: string, keepApostrophes = false): string {
  const s = syllable.toLowerCase();
  let out = WG_WHOLE[s];
  if (out === undefined) {
    let initial = '';
    let rest = s;
    for (const [py, wg] of WG_INITIALS) {
      if (s.startsWith(py)) {
        initial = wg;
        rest = s.slice(py.length);
        break;
      }
    }
    rest = rest
      .replace(/iong$/, 'iung')
      .replace(/ong$/, 'ung')
      .replace(/ian$/, 'ien')
      .replace(/ie$/, 'ieh')
      .replace(/ue$/, 'ueh');
    out = initial + rest;
  }
  return keepApostrophes ? out : out.replace(/'/g, '');
}

export type GivenStyle = 'joined' | 'space' | 'hyphen';

export function joinSyllables(syllables: readonly string[], style: GivenStyle): string {
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  if (style === 'joined') return cap(syllables.join(''));
  if (style === 'hyphen') return cap(syllables.join('-'));
  return syllables.map(cap).join(' ');
}
