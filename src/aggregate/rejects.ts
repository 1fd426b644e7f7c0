// PLACEHOLDER (to be written): the rejects section of the report.
import type { Section, SectionFactory } from './section.js';

/** The rejects section's aggregator. */
export const rejectsSection: SectionFactory = (): Section => ({ write() {} });
