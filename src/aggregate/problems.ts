// PLACEHOLDER (to be written): the problems section of the report.
import type { Section, SectionFactory } from './section.js';

/** The problems section's aggregator. */
export const problemsSection: SectionFactory = (): Section => ({ write() {} });
