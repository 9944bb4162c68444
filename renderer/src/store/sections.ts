/** The sections of the app, in navigation order. */
export const SECTIONS = ['devices', 'remove', 'permissions', 'jobs', 'sync', 'settings'] as const;

/** One section of the app. */
export type Section = (typeof SECTIONS)[number];
