/**
 * The legal bases on which records may leave the agency (privacy-act.md, "Disclosures and the
 * accounting of disclosures"), held as versioned configuration data: when the SORN is republished,
 * add a version; never edit one that disclosures already cite (each disclosure stores the version,
 * citation and text it was made under).
 */

export type LegalBasisKind = 'routine_use' | 'exception';

export interface LegalBasis {
  readonly kind: LegalBasisKind;
  /** 'A'–'N' for routine uses; 'b1'…'b12' for 552a(b) exceptions. */
  readonly code: string;
  readonly title: string;
  /** Where the basis is written: the SORN's routine-use letter or the statute's paragraph. */
  readonly citation: string;
  readonly text: string;
  /** False for (b)(1) and (b)(2): no accounting of disclosures is kept (552a(c)(1)). */
  readonly accountable: boolean;
  /** False for (b)(7): never released to the individual under (c)(3). */
  readonly releasableToIndividual: boolean;
  /** Set when no disclosure may be made under it (the SORN says "None."); the reason refused. */
  readonly refused?: string;
  /** Set when a named approval must be cited (routine use N). */
  readonly requiresApproval?: string;
}

export interface LegalBasesVersion {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly sorn: { readonly citation: string; readonly docket: string; readonly frDoc: string; readonly title: string; readonly published: string };
  readonly nprm: { readonly citation: string; readonly docket: string; readonly frDoc: string; readonly published: string };
  readonly consumerReportingAgencies: string;
  readonly bases: readonly LegalBasis[];
}

const SORN = '81 FR 52700';

const ROUTINE_USE_TEXT: Readonly<Record<string, readonly [string, string]>> = {
  A: ['Litigation (DOJ or other Federal agency conducting litigation)', 'To the DOJ, including Offices of the United States Attorneys, or other Federal agency conducting litigation or in proceedings before any court, adjudicative, or administrative body, when disclosure is relevant or necessary to the litigation and one of the following is a party to the litigation or has an interest in such litigation: 1. DHS or any component thereof; 2. Any employee or former employee of DHS in his/her official capacity; 3. Any employee or former employee of DHS in his/her individual capacity when DOJ or DHS has agreed to represent the employee; or 4. The United States or any agency thereof.'],
  B: ['Congressional inquiry at the request of the individual', 'To a Congressional office from the record of an individual in response to an inquiry from that Congressional office made at the request of the individual to whom the record pertains.'],
  C: ['NARA or GSA records management inspection', 'To NARA or the General Services Administration pursuant to records management inspections being conducted under the authority of 44 U.S.C. 2904 and 2906.'],
  D: ['Audit or oversight', 'To an agency or organization for the purpose of performing audit or oversight operations as authorized by law, but only such information as is necessary and relevant to such audit or oversight function.'],
  E: ['Response to a suspected or confirmed breach', "To appropriate agencies, entities, and persons when: 1. DHS suspects or has confirmed that the security or confidentiality of information in the system of records has been compromised; 2. DHS has determined that as a result of the suspected or confirmed compromise, there is a risk of identity theft or fraud, harm to economic or property interests, harm to an individual, or harm to the security or integrity of this system or other systems or programs (whether maintained by DHS or another agency or entity) that rely upon the compromised information; and 3. The disclosure made to such agencies, entities, and persons is reasonably necessary to assist in connection with DHS's efforts to respond to the suspected or confirmed compromise and prevent, minimize, or remedy such harm."],
  F: ['Contractors and others working for DHS', 'To contractors and their agents, grantees, experts, consultants, and others performing or working on a contract, service, grant, cooperative agreement, or other assignment for DHS, when necessary to accomplish an agency function related to this system of records. Individuals provided information under this routine use are subject to the same Privacy Act requirements and limitations on disclosure as are applicable to DHS officers and employees.'],
  G: ['Law-enforcement referral of a violation', 'To appropriate Federal, State, local, tribal, territorial, international, or foreign law enforcement agencies or other appropriate authorities charged with investigating or prosecuting a violation or enforcing or implementing a law, rule, regulation, or order when a record, either on its face or in conjunction with other information, indicates a violation or potential violation of law, rule, regulation, or order, which includes criminal, civil, or regulatory violations, and such disclosure is proper and consistent with the official duties of the person making the disclosure.'],
  H: ['Hiring, clearance, license, contract or benefit decisions', "To Federal, State, local, tribal, territorial, foreign or international agencies, if the information is relevant and necessary to a requesting agency's decision concerning the hiring or retention of an individual, or the issuance, grant, renewal, suspension, or revocation of a security clearance, license, contract, grant, or other benefit; or if the information is relevant and necessary to a DHS decision concerning the hiring or retention of an employee, the issuance of a security clearance, the reporting of an investigation of an employee, the letting of a contract, or the issuance of a license, grant, or other benefit."],
  I: ['Investigative de-confliction', 'To Federal, State, local, tribal, territorial, international, or foreign criminal, civil, or regulatory law enforcement authorities when the information is necessary for collaboration, coordination, and de-confliction of investigative matters, prosecutions, and/or other law enforcement actions to avoid duplicative or disruptive efforts and to ensure the safety of law enforcement officers who may be working on related law enforcement matters.'],
  J: ['International arrangements', 'To international, foreign, intergovernmental, and multinational government agencies, authorities, and organizations in accordance with law and formal or informal international arrangements.'],
  K: ['Law-enforcement intelligence', 'To Federal, State, local, tribal, territorial, foreign government agencies or organizations, or international organizations, lawfully engaged in collecting law enforcement intelligence, whether civil or criminal, to enable these entities to carry out their law enforcement responsibilities, including the collection of law enforcement intelligence.'],
  L: ['Warning to a potential target of terrorist activity', 'To an organization or individual in either the public or private sector, either foreign or domestic, when there is a reason to believe that the recipient is or could become the target of a particular terrorist activity or conspiracy, to the extent the information is relevant to the protection of life or property.'],
  M: ['Third parties during an investigation', 'To third parties during the course of a law enforcement investigation to the extent necessary to obtain information pertinent to the investigation, provided disclosure is appropriate to the proper performance of the official duties of the officer making the disclosure.'],
  N: ['News media and the public (Chief Privacy Officer approval)', "To the news media and the public, with the approval of the Chief Privacy Officer in consultation with counsel, when there exists a legitimate public interest in the disclosure of the information, when disclosure is necessary to preserve confidence in the integrity of DHS, or when disclosure is necessary to demonstrate the accountability of DHS's officers, employees, or individuals covered by the system, except to the extent the Chief Privacy Officer determines that release of the specific information in the context of a particular case would constitute an unwarranted invasion of personal privacy."],
};

function routineUses(): LegalBasis[] {
  return Object.entries(ROUTINE_USE_TEXT).map(([code, [title, text]]) => ({
    kind: 'routine_use',
    code,
    title,
    citation: `DHS/ICE-015 LeadTrac SORN, ${SORN}, routine use ${code} (5 U.S.C. 552a(b)(3))`,
    text,
    accountable: true,
    releasableToIndividual: true,
    ...(code === 'N' ? { requiresApproval: 'the Chief Privacy Officer, in consultation with counsel' } : {}),
  }));
}

/** 5 U.S.C. 552a(b), paragraphs other than (3) (routine uses, listed above), in the statute's words, shortened. */
const EXCEPTIONS: readonly Omit<LegalBasis, 'kind' | 'citation'>[] = [
  { code: 'b1', title: 'Internal need to know (within DHS)', text: 'To those officers and employees of the agency which maintains the record who have a need for the record in the performance of their duties.', accountable: false, releasableToIndividual: true },
  { code: 'b2', title: 'Required under the Freedom of Information Act', text: 'Required under section 552 of this title (the Freedom of Information Act).', accountable: false, releasableToIndividual: true },
  { code: 'b4', title: 'Bureau of the Census', text: 'To the Bureau of the Census for purposes of planning or carrying out a census or survey or related activity pursuant to the provisions of title 13.', accountable: true, releasableToIndividual: true },
  { code: 'b5', title: 'Statistical research (not individually identifiable)', text: 'To a recipient who has provided the agency with advance adequate written assurance that the record will be used solely as a statistical research or reporting record, and the record is to be transferred in a form that is not individually identifiable.', accountable: true, releasableToIndividual: true },
  { code: 'b6', title: 'National Archives (historical value)', text: 'To the National Archives and Records Administration as a record which has sufficient historical or other value to warrant its continued preservation by the United States Government, or for evaluation by the Archivist of the United States or the designee of the Archivist to determine whether the record has such value.', accountable: true, releasableToIndividual: true },
  { code: 'b7', title: 'Written request of a law-enforcement agency head', text: 'To another agency or to an instrumentality of any governmental jurisdiction within or under the control of the United States for a civil or criminal law enforcement activity if the activity is authorized by law, and if the head of the agency or instrumentality has made a written request to the agency which maintains the record specifying the particular portion desired and the law enforcement activity for which the record is sought.', accountable: true, releasableToIndividual: false },
  { code: 'b8', title: 'Compelling circumstances affecting health or safety', text: 'To a person pursuant to a showing of compelling circumstances affecting the health or safety of an individual if upon such disclosure notification is transmitted to the last known address of such individual.', accountable: true, releasableToIndividual: true },
  { code: 'b9', title: 'Either House of Congress or its committees', text: 'To either House of Congress, or, to the extent of matter within its jurisdiction, any committee or subcommittee thereof, any joint committee of Congress or subcommittee of any such joint committee.', accountable: true, releasableToIndividual: true },
  { code: 'b10', title: 'Comptroller General (GAO)', text: 'To the Comptroller General, or any of his authorized representatives, in the course of the performance of the duties of the Government Accountability Office.', accountable: true, releasableToIndividual: true },
  { code: 'b11', title: 'Order of a court', text: 'Pursuant to the order of a court of competent jurisdiction.', accountable: true, releasableToIndividual: true },
  { code: 'b12', title: 'Consumer reporting agency', text: 'To a consumer reporting agency in accordance with section 3711(e) of title 31.', accountable: true, releasableToIndividual: true, refused: 'The LeadTrac SORN allows no disclosure to consumer reporting agencies ("Disclosure to consumer reporting agencies: None.").' },
];

function exceptions(): LegalBasis[] {
  return EXCEPTIONS.map((e) => ({ ...e, kind: 'exception', citation: `5 U.S.C. 552a(b)(${e.code.slice(1)})` }));
}

/** Oldest first. The last one is in force. */
export const LEGAL_BASES_VERSIONS: readonly LegalBasesVersion[] = [
  {
    version: '2016-08-09',
    effectiveFrom: '2016-08-09',
    sorn: { citation: SORN, docket: 'DHS-2016-0053', frDoc: '2016-18810', title: 'DHS/ICE-015 LeadTrac System of Records', published: '2016-08-09' },
    nprm: { citation: '81 FR 52593', docket: 'DHS-2016-0052', frDoc: '2016-18812', published: '2016-08-09' },
    consumerReportingAgencies: 'None.',
    bases: [...routineUses(), ...exceptions()],
  },
];

export function currentLegalBases(): LegalBasesVersion {
  return LEGAL_BASES_VERSIONS.at(-1)!;
}

/** A basis of the version in force (or of a named version, to read an old disclosure). */
export function findLegalBasis(kind: LegalBasisKind, code: string, version?: string): LegalBasis | undefined {
  const v = version ? LEGAL_BASES_VERSIONS.find((x) => x.version === version) : currentLegalBases();
  return v?.bases.find((b) => b.kind === kind && b.code === code);
}

/** "Routine use G" / "552a(b)(7)": how a basis is named in lists and on paper. */
export function basisLabel(kind: LegalBasisKind, code: string): string {
  return kind === 'routine_use' ? `Routine use ${code}` : `552a(b)(${code.replace(/^b/, '')})`;
}

// Recipients the SORN rules out whatever basis is claimed ("Disclosure to consumer reporting agencies: None.").
const CONSUMER_REPORTING = /consumer[\s-]*report|credit[\s-]*(bureau|report)|equifax|experian|trans\s*union/i;

export function looksLikeConsumerReportingAgency(recipient: { agency: string; name: string }): boolean {
  return CONSUMER_REPORTING.test(recipient.agency) || CONSUMER_REPORTING.test(recipient.name);
}
