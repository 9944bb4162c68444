/** The API level a panel speaks: `/api/v1` (firmware 3.9 and later) or only `/api/v0`. */
export type BasipApiVersion = 'v1' | 'v0';
