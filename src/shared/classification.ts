/** The marking on every screen, report, export and package (privacy-act.md, "Safeguards"). */
export const CLASSIFICATION = 'UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE';
