// PLACEHOLDER (to be written): the traffic section of the report.
import type { Section, SectionFactory } from './section.js';

/** The traffic section's aggregator. */
export const trafficSection: SectionFactory = (): Section => ({ write() {} });
