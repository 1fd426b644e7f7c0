// PLACEHOLDER (to be written): the domains section of the report.
import type { Section, SectionFactory } from './section.js';

/** The domains section's aggregator. */
export const domainsSection: SectionFactory = (): Section => ({ write() {} });
