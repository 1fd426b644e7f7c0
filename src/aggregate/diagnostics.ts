// PLACEHOLDER (to be written): the diagnostics section of the report.
import type { Section, SectionFactory } from './section.js';

/** The diagnostics section's aggregator. */
export const diagnosticsSection: SectionFactory = (): Section => ({ write() {} });
