// The fingerprint of the code that validates data/ (scripts/data-manifest.ts lists the files):
// a manifest written by other validating code is not trusted. When you change one of those
// files, put here what `node --import tsx scripts/data-manifest.ts` prints (a test says so).
export const VALIDATOR_FINGERPRINT = 'fcdba43961032eae31214b57b9099fc9';
