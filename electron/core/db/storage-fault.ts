/**
 * What kind of storage fault an error is, as a closed set the user interface translates:
 * `full` (disk or database full), `locked` (another program holds the database), `corrupt` (damaged, or not
 * a database), `readonly` (the file or folder cannot be written), `io` (the disk failed), `other`.
 */
export type StorageFault = 'full' | 'locked' | 'corrupt' | 'readonly' | 'io' | 'other';
