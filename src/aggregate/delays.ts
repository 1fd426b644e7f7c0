// PLACEHOLDER (to be written): the delays section of the report.
import type { Section, SectionFactory } from './section.js';

/** The delays section's aggregator. */
export const delaysSection: SectionFactory = (): Section => ({ write() {} });
