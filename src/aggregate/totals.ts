// PLACEHOLDER (to be written): the totals section of the report.
import type { Section, SectionFactory } from './section.js';

/** The totals section's aggregator. */
export const totalsSection: SectionFactory = (): Section => ({ write() {} });
