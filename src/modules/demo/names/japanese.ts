// Japanese names, written in Hepburn with macrons for long vowels. Passports drop the macron
// (SATO), some holders ask for "oh" (SATOH), word processors type "ou" (SATOU), and the
// Kunrei system writes si/ti/tu/zi (SINZI for Shinji).

export const JAPANESE_FAMILIES = [
  'Satō',
  'Suzuki',
  'Takahashi',
  'Tanaka',
  'Watanabe',
  'Itō',
  'Yamamoto',
  'Nakamura',
  'Kobayashi',
  'Katō',
  'Yoshida',
  'Yamada',
  'Sasaki',
  'Yamaguchi',
  'Matsumoto',
  'Inoue',
  'Kimura',
  'Hayashi',
  'Shimizu',
  'Yamazaki',
  'Mori',
  'Abe',
  'Ikeda',
  'Hashimoto',
  'Ishikawa',
  'Ogawa',
  'Gotō',
  'Okada',
  'Hasegawa',
  'Kondō',
  'Ōno',
  'Saitō',
  'Fujita',
  'Maeda',
  'Ōta',
  'Endō',
  'Nishimura',
  'Fukuda',
  'Tsuchiya',
  'Chiba',
  'Murakami',
  'Sakamoto',
  'Kudō',
  'Shibata',
  'Ōtsuka',
  'Jōno',
];

export const JAPANESE_GIVEN = {
  male: [
    'Hiroshi',
    'Takashi',
    'Kenji',
    'Yūki',
    'Shōta',
    'Ryōta',
    'Daisuke',
    'Kenta',
    'Yūsuke',
    'Haruto',
    'Sōta',
    'Yūto',
    'Shinji',
    'Kōji',
    'Jun',
    'Tsuyoshi',
    'Shūhei',
    'Kazuya',
    'Makoto',
    'Tetsuya',
    'Ichirō',
    'Yōsuke',
    'Chikara',
    'Minoru',
    'Satoshi',
    'Jirō',
  ],
  female: [
    'Yūko',
    'Keiko',
    'Akiko',
    'Yōko',
    'Sakura',
    'Yui',
    'Hina',
    'Aoi',
    'Mei',
    'Emi',
    'Naoko',
    'Junko',
    'Chihiro',
    'Shiori',
    'Kyōko',
    'Mayumi',
    'Tomoko',
    'Chieko',
    'Misaki',
    'Haruka',
    'Ayumi',
    'Yūka',
    'Shizuka',
    'Chiyo',
    'Fumiko',
  ],
} as const;

export type JapaneseStyle = 'hepburn-macron' | 'passport' | 'oh' | 'wapuro' | 'kunrei';
export const JAPANESE_STYLES: readonly JapaneseStyle[] = [
  'passport',
  'hepburn-macron',
  'oh',
  'wapuro',
  'kunrei',
];

function kunrei(text: string): string {
  return text
    .replace(/sh([aou])/gi, 'sy$1')
    .replace(/ch([aou])/gi, 'ty$1')
    .replace(/j([aou])/gi, 'zy$1')
    .replace(/shi/gi, 'si')
    .replace(/chi/gi, 'ti')
    .replace(/tsu/gi, 'tu')
    .replace(/ji/gi, 'zi')
    .replace(/fu/gi, 'hu');
}

export function romanizeJapanese(hepburn: string, style: JapaneseStyle): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  switch (style) {
    case 'hepburn-macron':
      return hepburn;
    case 'passport':
      return hepburn
        .replace(/[ōŌ]/g, (m) => (m === 'Ō' ? 'O' : 'o'))
        .replace(/[ūŪ]/g, (m) => (m === 'Ū' ? 'U' : 'u'));
    case 'oh':
      return hepburn
        .replace(/ō/g, 'oh')
        .replace(/Ō/g, 'Oh')
        .replace(/ū/g, 'uu')
        .replace(/Ū/g, 'Uu');
    case 'wapuro':
      return hepburn
        .replace(/ō/g, 'ou')
        .replace(/Ō/g, 'Oo')
        .replace(/ū/g, 'uu')
        .replace(/Ū/g, 'Uu');
    case 'kunrei':
      return cap(kunrei(romanizeJapanese(hepburn, 'passport').toLowerCase()));
  }
}

export function japaneseSpellings(hepburn: string): string[] {
  const out: string[] = [];
  for (const style of JAPANESE_STYLES) {
    const s = romanizeJapanese(hepburn, style);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
