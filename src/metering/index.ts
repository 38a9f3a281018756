export { aggregateUsage } from './aggregate.js';
export { providerPayout, tenantBill } from './bill.js';
export { BILL_CSV_HEADER, billCsv, csvField, parseCsv, toCsv, usageCsv } from './csv.js';
export { deviceMilliOf, type HeldDevice } from './device.js';
export { meterRun, openUsage, sliceDays, validateRun } from './meter.js';
export { decimal, formatMicros, roundDiv } from './money.js';
export { checkPeriod, inPeriod, parsePeriod } from './period.js';
export * from './types.js';
