// Places: U.S. metro areas (real city names; every street, number and phone in them is
// synthetic) and the countries visitors come from.

export interface Metro {
  readonly code: string; // also the prefix of SEVIS school codes in this area
  readonly city: string;
  readonly state: string;
  readonly zip3: string;
  readonly areaCodes: readonly string[];
  readonly airport: string;
}

// prettier-ignore
export const METROS: readonly Metro[] = [
  { code: 'BOS', city: 'Boston', state: 'MA', zip3: '021', areaCodes: ['617', '857'], airport: 'BOS' },
  { code: 'NYC', city: 'New York', state: 'NY', zip3: '100', areaCodes: ['212', '646', '718', '917', '347'], airport: 'JFK' },
  { code: 'NEW', city: 'Newark', state: 'NJ', zip3: '071', areaCodes: ['973', '862'], airport: 'EWR' },
  { code: 'PHI', city: 'Philadelphia', state: 'PA', zip3: '191', areaCodes: ['215', '267'], airport: 'PHL' },
  { code: 'WAS', city: 'Washington', state: 'DC', zip3: '200', areaCodes: ['202'], airport: 'IAD' },
  { code: 'BAL', city: 'Baltimore', state: 'MD', zip3: '212', areaCodes: ['410', '443'], airport: 'BWI' },
  { code: 'ATL', city: 'Atlanta', state: 'GA', zip3: '303', areaCodes: ['404', '470', '678'], airport: 'ATL' },
  { code: 'MIA', city: 'Miami', state: 'FL', zip3: '331', areaCodes: ['305', '786'], airport: 'MIA' },
  { code: 'ORL', city: 'Orlando', state: 'FL', zip3: '328', areaCodes: ['407', '321'], airport: 'MCO' },
  { code: 'TPA', city: 'Tampa', state: 'FL', zip3: '336', areaCodes: ['813'], airport: 'TPA' },
  { code: 'CHI', city: 'Chicago', state: 'IL', zip3: '606', areaCodes: ['312', '773', '872'], airport: 'ORD' },
  { code: 'DET', city: 'Detroit', state: 'MI', zip3: '482', areaCodes: ['313'], airport: 'DTW' },
  { code: 'CLE', city: 'Cleveland', state: 'OH', zip3: '441', areaCodes: ['216'], airport: 'CLE' },
  { code: 'SPM', city: 'Minneapolis', state: 'MN', zip3: '554', areaCodes: ['612'], airport: 'MSP' },
  { code: 'STL', city: 'St. Louis', state: 'MO', zip3: '631', areaCodes: ['314'], airport: 'STL' },
  { code: 'HOU', city: 'Houston', state: 'TX', zip3: '770', areaCodes: ['713', '281', '832'], airport: 'IAH' },
  { code: 'DAL', city: 'Dallas', state: 'TX', zip3: '752', areaCodes: ['214', '469', '972'], airport: 'DFW' },
  { code: 'SNA', city: 'San Antonio', state: 'TX', zip3: '782', areaCodes: ['210'], airport: 'SAT' },
  { code: 'AUS', city: 'Austin', state: 'TX', zip3: '787', areaCodes: ['512', '737'], airport: 'AUS' },
  { code: 'DEN', city: 'Denver', state: 'CO', zip3: '802', areaCodes: ['303', '720'], airport: 'DEN' },
  { code: 'PHO', city: 'Phoenix', state: 'AZ', zip3: '850', areaCodes: ['602', '480', '623'], airport: 'PHX' },
  { code: 'LOS', city: 'Los Angeles', state: 'CA', zip3: '900', areaCodes: ['213', '310', '323', '818'], airport: 'LAX' },
  { code: 'SND', city: 'San Diego', state: 'CA', zip3: '921', areaCodes: ['619', '858'], airport: 'SAN' },
  { code: 'SFR', city: 'San Francisco', state: 'CA', zip3: '941', areaCodes: ['415', '628'], airport: 'SFO' },
  { code: 'SJC', city: 'San Jose', state: 'CA', zip3: '951', areaCodes: ['408', '669'], airport: 'SJC' },
  { code: 'SEA', city: 'Seattle', state: 'WA', zip3: '981', areaCodes: ['206', '425'], airport: 'SEA' },
  { code: 'POO', city: 'Portland', state: 'OR', zip3: '972', areaCodes: ['503', '971'], airport: 'PDX' },
  { code: 'SLC', city: 'Salt Lake City', state: 'UT', zip3: '841', areaCodes: ['801', '385'], airport: 'SLC' },
  { code: 'LVG', city: 'Las Vegas', state: 'NV', zip3: '891', areaCodes: ['702', '725'], airport: 'LAS' },
  { code: 'CHA', city: 'Charlotte', state: 'NC', zip3: '282', areaCodes: ['704', '980'], airport: 'CLT' },
  { code: 'NSV', city: 'Nashville', state: 'TN', zip3: '372', areaCodes: ['615', '629'], airport: 'BNA' },
  { code: 'ELP', city: 'El Paso', state: 'TX', zip3: '799', areaCodes: ['915'], airport: 'ELP' },
  { code: 'BUF', city: 'Buffalo', state: 'NY', zip3: '142', areaCodes: ['716'], airport: 'BUF' },
];

/**
 * More area codes for phones once a metro's fictional lines run out (people keep numbers
 * from elsewhere); with the metros' codes this allows about two million numbers.
 */
// prettier-ignore
export const EXTRA_AREA_CODES = [
  '201', '203', '205', '207', '208', '209', '212', '219', '224', '228', '231', '234', '239', '240', '248',
  '251', '252', '253', '254', '256', '260', '262', '269', '270', '276', '301', '302', '304', '305', '307',
  '308', '309', '312', '315', '316', '317', '318', '319', '320', '330', '334', '336', '337', '339', '352',
  '360', '361', '386', '401', '402', '405', '406', '407', '412', '413', '414', '417', '419', '423', '430',
  '432', '434', '435', '440', '443', '469', '478', '479', '484', '501', '502', '504', '505', '507', '508',
  '509', '513', '515', '516', '517', '518', '520', '530', '540', '541', '551', '559', '561', '562', '563',
  '570', '571', '573', '574', '580', '585', '586', '601', '603', '605', '606', '607', '608', '609', '610',
  '614', '616', '617', '618', '620', '626', '630', '631', '636', '641', '650', '651', '660', '661', '662',
];

// prettier-ignore
export const ENTRY_AIRPORTS = [
  'JFK', 'LAX', 'MIA', 'ORD', 'SFO', 'IAD', 'ATL', 'IAH', 'BOS', 'SEA', 'EWR', 'DFW', 'DTW', 'PHL',
  'MCO', 'LAS', 'DEN', 'SAN', 'PHX', 'MSP', 'CLT',
] as const;
export const SEA_PORTS = ['PMA', 'PEV', 'LGB', 'NYS'] as const;
export const CANADA_LAND_PORTS = ['BLA', 'CHM', 'BUF', 'DET', 'SSM'] as const;
export const MEXICO_LAND_PORTS = ['SYS', 'OTM', 'CLX', 'NOG', 'ELP', 'LAR', 'HID', 'BRO'] as const;

// prettier-ignore
export type Culture =
  | 'en' | 'es' | 'pt' | 'fr' | 'sn' | 'de' | 'it' | 'pl' | 'tr' | 'ru' | 'uk' | 'el'
  | 'ar' | 'fa' | 'ur' | 'he' | 'in' | 'zh' | 'ko' | 'ja' | 'vi' | 'ng';

/** How Chinese names are romanized on this country's passports. */
export type ChineseStyle = 'pinyin' | 'wade-giles' | 'cantonese';

export interface Country {
  readonly iso3: string;
  readonly culture: Culture;
  readonly vwp: boolean;
  readonly posts: readonly string[];
  readonly chinese?: ChineseStyle;
  /** Francophone Maghreb spellings (Mohamed, Abdelkader) for Arabic names. */
  readonly maghreb?: boolean;
}

const c = (
  iso3: string,
  culture: Culture,
  vwp: boolean,
  posts: string[],
  extra: Partial<Country> = {},
): Country => ({
  iso3,
  culture,
  vwp,
  posts,
  ...extra,
});

// prettier-ignore
export const COUNTRIES: Readonly<Record<string, Country>> = Object.fromEntries(
  [
    c('USA', 'en', false, []),
    c('GBR', 'en', true, ['LONDON', 'BELFAST']),
    c('IRL', 'en', true, ['DUBLIN']),
    c('AUS', 'en', true, ['SYDNEY', 'MELBOURNE']),
    c('CAN', 'en', false, ['OTTAWA']),
    c('NGA', 'ng', false, ['LAGOS', 'ABUJA']),
    c('GHA', 'ng', false, ['ACCRA']),
    c('MEX', 'es', false, ['MEXICO CITY', 'CIUDAD JUAREZ', 'MONTERREY', 'GUADALAJARA', 'TIJUANA']),
    c('COL', 'es', false, ['BOGOTA']),
    c('DOM', 'es', false, ['SANTO DOMINGO']),
    c('GTM', 'es', false, ['GUATEMALA CITY']),
    c('SLV', 'es', false, ['SAN SALVADOR']),
    c('HND', 'es', false, ['TEGUCIGALPA']),
    c('VEN', 'es', false, ['BOGOTA']),
    c('PER', 'es', false, ['LIMA']),
    c('ESP', 'es', true, ['MADRID', 'BARCELONA']),
    c('BRA', 'pt', false, ['SAO PAULO', 'RIO DE JANEIRO', 'BRASILIA']),
    c('PRT', 'pt', true, ['LISBON']),
    c('FRA', 'fr', true, ['PARIS']),
    c('HTI', 'fr', false, ['PORT-AU-PRINCE']),
    c('SEN', 'sn', false, ['DAKAR']),
    c('DEU', 'de', true, ['FRANKFURT', 'BERLIN', 'MUNICH']),
    c('AUT', 'de', true, ['VIENNA']),
    c('CHE', 'de', true, ['BERN']),
    c('ITA', 'it', true, ['ROME', 'MILAN']),
    c('POL', 'pl', true, ['WARSAW', 'KRAKOW']),
    c('TUR', 'tr', false, ['ANKARA', 'ISTANBUL']),
    c('RUS', 'ru', false, ['MOSCOW', 'WARSAW', 'ASTANA']),
    c('KAZ', 'ru', false, ['ASTANA', 'ALMATY']),
    c('UKR', 'uk', false, ['KYIV', 'WARSAW']),
    c('GRC', 'el', true, ['ATHENS']),
    c('SAU', 'ar', false, ['RIYADH', 'JEDDAH', 'DHAHRAN']),
    c('EGY', 'ar', false, ['CAIRO']),
    c('JOR', 'ar', false, ['AMMAN']),
    c('LBN', 'ar', false, ['BEIRUT']),
    c('IRQ', 'ar', false, ['BAGHDAD', 'ERBIL']),
    c('ARE', 'ar', false, ['ABU DHABI', 'DUBAI']),
    c('MAR', 'ar', false, ['CASABLANCA', 'RABAT'], { maghreb: true }),
    c('IRN', 'fa', false, ['DUBAI', 'YEREVAN', 'ANKARA']),
    c('PAK', 'ur', false, ['ISLAMABAD', 'KARACHI']),
    c('IND', 'in', false, ['NEW DELHI', 'MUMBAI', 'CHENNAI', 'HYDERABAD', 'KOLKATA']),
    c('CHN', 'zh', false, ['BEIJING', 'SHANGHAI', 'GUANGZHOU', 'SHENYANG'], { chinese: 'pinyin' }),
    c('TWN', 'zh', true, ['TAIPEI'], { chinese: 'wade-giles' }),
    c('HKG', 'zh', false, ['HONG KONG'], { chinese: 'cantonese' }),
    c('KOR', 'ko', true, ['SEOUL']),
    c('JPN', 'ja', true, ['TOKYO', 'OSAKA']),
    c('VNM', 'vi', false, ['HANOI', 'HO CHI MINH CITY']),
    c('ISR', 'he', true, ['JERUSALEM', 'TEL AVIV']),
  ].map((x) => [x.iso3, x]),
);

export function country(iso3: string): Country {
  const found = COUNTRIES[iso3];
  if (!found) throw new Error(`unknown country ${iso3}`);
  return found;
}

type Mix = readonly { value: string; weight: number }[];
const mix = (spec: Record<string, number>): Mix =>
  Object.entries(spec).map(([value, weight]) => ({ value, weight }));

/** Countries of citizenship by kind of traveler, weights loosely after DHS entry statistics. */
// prettier-ignore
export const COUNTRY_MIX = {
  visaVisitor: mix({
    MEX: 22, IND: 9, CHN: 8, BRA: 7, COL: 5, DOM: 3, NGA: 3, VNM: 2, TUR: 2, RUS: 2, UKR: 2, SAU: 1.5,
    EGY: 1.5, PAK: 1.5, IRN: 0.5, PER: 2, VEN: 2, GTM: 1.5, SLV: 1.5, HND: 1, HTI: 1, JOR: 0.6, LBN: 0.6, IRQ: 0.4,
    ARE: 0.6, MAR: 0.8, KAZ: 0.6, GHA: 1, SEN: 0.5, HKG: 0.8,
  }),
  vwpVisitor: mix({
    GBR: 20, DEU: 10, FRA: 9, JPN: 10, KOR: 9, ITA: 6, ESP: 6, AUS: 6, IRL: 3, POL: 3, GRC: 2, AUT: 2,
    CHE: 2, PRT: 2, TWN: 4, ISR: 3,
  }),
  student: mix({
    IND: 28, CHN: 25, KOR: 6, VNM: 5, NGA: 4, SAU: 3, BRA: 3, TWN: 3, JPN: 2, MEX: 2, COL: 1.5, TUR: 1.5,
    IRN: 1.5, PAK: 1.5, EGY: 1, DEU: 1, FRA: 1, GBR: 1, GHA: 1.5, KAZ: 0.5, UKR: 0.5, RUS: 0.5, HKG: 1, ESP: 0.5,
    ITA: 0.5,
  }),
  exchange: mix({
    CHN: 10, IND: 6, KOR: 5, BRA: 6, DEU: 6, FRA: 5, JPN: 5, MEX: 4, COL: 3, TUR: 3, UKR: 3, ESP: 3,
    ITA: 3, GBR: 3, POL: 2, RUS: 2, VNM: 2, EGY: 2, GRC: 1,
  }),
  worker: mix({
    IND: 45, CHN: 12, CAN: 6, MEX: 5, KOR: 3, BRA: 3, GBR: 3, PAK: 2, NGA: 2, TWN: 2, JPN: 2, DEU: 2,
    FRA: 2, RUS: 1, UKR: 1, ISR: 1, TUR: 1, EGY: 1, IRN: 1,
  }),
  treatyTrader: mix({
    JPN: 5, DEU: 4, GBR: 4, KOR: 4, ITA: 3, FRA: 3, ESP: 2, TUR: 2, MEX: 2, TWN: 2, ISR: 1, POL: 1,
    GRC: 1,
  }),
  diplomat: mix({
    SAU: 2, CHN: 2, RUS: 2, NGA: 2, IND: 2, BRA: 1, MEX: 1, EGY: 1, PAK: 1, JPN: 1, DEU: 1, FRA: 1,
    GBR: 1, KOR: 1, TUR: 1, UKR: 1,
  }),
  crew: mix({
    MEX: 2, IND: 3, UKR: 2, RUS: 1, GRC: 2, TUR: 1, BRA: 1, COL: 1, CHN: 1,
  }),
  land: mix({
    MEX: 6, CAN: 5,
  }),
} as const;
