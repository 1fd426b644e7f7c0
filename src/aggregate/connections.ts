// PLACEHOLDER (to be written): the connections section of the report.
import type { Section, SectionFactory } from './section.js';

/** The connections section's aggregator. */
export const connectionsSection: SectionFactory = (): Section => ({ write() {} });
