/**
 * ISO 3166-1 alpha-3 codes in current use (249), kept as data so a change to the standard is a
 * one-line edit. Travel documents also use the ICAO codes below for people without a nationality.
 */
const ISO_3166_ALPHA3 = `
AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN
BMU BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK
COL COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH
FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY
HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR
KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX
FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN
PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT
WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE
SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT
VEN VNM VGB VIR WLF ESH YEM ZMB ZWE
`;

/** ICAO Doc 9303: XXA stateless person, XXB refugee (1951 Convention), XXC other refugee, XXX unspecified. */
const TRAVEL_DOCUMENT_CODES = ['XXA', 'XXB', 'XXC', 'XXX'] as const;

export const ISO_COUNTRY_CODES: readonly string[] = ISO_3166_ALPHA3.split(/\s+/).filter(Boolean);

export const COUNTRY_CODES: ReadonlySet<string> = new Set([
  ...ISO_COUNTRY_CODES,
  ...TRAVEL_DOCUMENT_CODES,
]);

/**
 * The same set as a bitmap indexed by the three letters: a lookup without hashing a string,
 * which is most of the cost of a Set lookup on the ingest hot path.
 */
const CODE_TABLE = new Uint8Array(26 * 26 * 26);
for (const c of COUNTRY_CODES) CODE_TABLE[codeIndex(c)] = 1;

function codeIndex(s: string): number {
  const a = s.charCodeAt(0) - 65;
  const b = s.charCodeAt(1) - 65;
  const c = s.charCodeAt(2) - 65;
  if (a < 0 || a > 25 || b < 0 || b > 25 || c < 0 || c > 25) return -1;
  return (a * 26 + b) * 26 + c;
}

/** True for a known code written exactly (three upper-case letters). */
export function isCountryCode(s: string): boolean {
  if (s.length !== 3) return false;
  const i = codeIndex(s);
  return i >= 0 && CODE_TABLE[i] === 1;
}
