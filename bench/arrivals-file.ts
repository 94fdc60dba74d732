/** The synthetic `adis-arrivals` file the ingest benchmarks load (108 bytes a row). */
import fs from 'node:fs';

export const ARRIVALS_HEADER =
  'record_id,admission_number,family_name,given_name,birth_date,sex,citizenship_country,passport_number,passport_country,class_of_admission,admission_date,admit_until_date,port_of_entry,mode,sevis_id,visa_foil_number\n';
const FAMILY = ['Petrov', 'Garcia', 'Nguyen', 'Kim', 'Okafor', 'Silva', 'Haddad', 'Kowalski', 'Ivanova', 'Chen'];
const GIVEN = ['Yuriy', 'Maria', 'Anh', 'Min-jun', 'Chinedu', 'Ana', 'Omar', 'Piotr', 'Olga', 'Wei'];
const COUNTRY = ['RUS', 'MEX', 'VNM', 'KOR', 'NGA', 'BRA', 'LBN', 'POL', 'UKR', 'CHN'];

/** The file; with `changedEvery`, the same records with every n-th one changed (a re-delivery). */
export async function writeArrivalsFile(file: string, rows: number, changedEvery = 0): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(ARRIVALS_HEADER);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const k = i % 10;
    const changed = changedEvery > 0 && i % changedEvery === 0 ? '-Jr' : '';
    buf += `R${i},${10000000000 + i},${FAMILY[k]}${i % 997}${changed},${GIVEN[(i * 7) % 10]},19${50 + (i % 50)}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 ? 'F' : 'M'},${COUNTRY[k]},P${1000000 + i},${COUNTRY[k]},B2,2026-01-05,2026-07-04,JFK,air,,${10000000 + (i % 9e7)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.once('finish', () => r()));
}
