/** The file-reading edge of the trace parsers: reads a CSV from disk and parses it. */
import { readFileSync } from 'node:fs';
import { parseNodeList, parsePodList, type TraceNode, type TracePod } from './trace.js';

export function readNodeList(path: string): TraceNode[] {
  return parseNodeList(readFileSync(path, 'utf8'), path);
}

export function readPodList(path: string): TracePod[] {
  return parsePodList(readFileSync(path, 'utf8'), path);
}
