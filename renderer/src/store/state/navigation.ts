import type { Section } from '../sections.ts';

/** Which section is shown. */
export interface NavigationSlice {
  section: Section;
  showSection(section: Section): void;
}
