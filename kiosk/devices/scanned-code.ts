/** Scanned-code parsing lives in shared/ (the kiosk page uses it too); re-exported for the device code. */
export { classifyScan, MAX_SCAN_LENGTH, type ScannedCode } from '../../shared/src/scanned-code.ts';
