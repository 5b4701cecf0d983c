// A dashboard server over a test database, with what almost every server test wants unless it says
// otherwise: no built app, no reports folder, not the demo, every network enabled, logs captured.
// Every answer a test asks of it under /api/ is held to the API contract (dashboard/contract/): a
// JSON answer must match its path's schema, an error its error body, a download its declared columns.
import type { Hono } from 'hono';
import { readSheet } from 'read-excel-file/node';
import { z } from 'zod';
import { collectedNetworkIds } from '../../core/networks.js';
import { API_DOWNLOADS, CSV_DOWNLOAD_COLUMNS, WORKBOOK_DOWNLOAD_HEADERS } from '../../dashboard/contract/downloads.js';
import { API_ANSWERS, apiErrorBody } from '../../dashboard/contract/index.js';
import { createDashboardServer, type DashboardServer, type DashboardServerOptions } from '../../dashboard/server/server.js';
import { captureLogger } from './capture-logger.js';
import { parseCsv } from './parse-csv.js';

export function testDashboard(options: Pick<DashboardServerOptions, 'db' | 'hashtags' | 'timeZone'> & Partial<DashboardServerOptions>): DashboardServer {
  const server = createDashboardServer({ staticDir: null, reportsDir: null, demo: false, log: captureLogger().log, enabledNetworks: collectedNetworkIds(), ...options });
  holdToContract(server.app, { timeZone: options.timeZone });
  return server;
}

/** An answer that does not keep the API contract; the message names the path and what is wrong. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Makes `app.request` check every /api/ answer against the contract before the test sees it. */
export function holdToContract(app: Hono, server: ServerFacts = { timeZone: 'UTC' }): void {
  const request = app.request;
  app.request = async (input, init, ...rest) => {
    const response = await request(input, init, ...rest);
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (input instanceof Request ? input.method : init?.method) ?? 'GET';
    if (method.toUpperCase() !== 'HEAD') await assertKeepsContract(url.pathname, response.clone(), server);
    return response;
  };
}

const isJson = (response: Response) => (response.headers.get('Content-Type') ?? '').startsWith('application/json');
// Report files are served as they were written (report-files.ts); their JSON is the report's own format.
const isReportFile = (path: string) => path.startsWith('/api/reports/');

/** What an answer's contract depends on besides its path: the workbook's header names the report time zone. */
export interface ServerFacts {
  timeZone: string;
}

/** Throws a {@link ContractViolation} when `response`, the answer to `path`, breaks the contract. */
export async function assertKeepsContract(path: string, response: Response, server: ServerFacts): Promise<void> {
  if (!path.startsWith('/api/') || isReportFile(path)) return;
  if (response.status !== 200) {
    if (isJson(response)) expectShape(path, `its ${response.status} error body`, apiErrorBody, await response.json());
    return;
  }
  if (path in API_DOWNLOADS) return assertDownloadColumns(path as keyof typeof API_DOWNLOADS, response, server);
  const schema = API_ANSWERS[path as keyof typeof API_ANSWERS];
  if (!schema) throw new ContractViolation(`${path} answered 200 but dashboard/contract has no schema for it: add one to API_ANSWERS (or API_DOWNLOADS).`);
  if (!isJson(response)) throw new ContractViolation(`${path} answered ${response.headers.get('Content-Type')}, not JSON.`);
  expectShape(path, 'its answer', schema, await response.json());
}

function expectShape(path: string, what: string, schema: z.ZodType, body: unknown): void {
  const result = schema.safeParse(body);
  if (!result.success) throw new ContractViolation(`${path}: ${what} breaks the contract (dashboard/contract/):\n${z.prettifyError(result.error)}`);
}

/** The CSV's or workbook's header row must be the declared columns, in order. */
async function assertDownloadColumns(path: keyof typeof API_DOWNLOADS, response: Response, server: ServerFacts): Promise<void> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith(API_DOWNLOADS[path])) throw new ContractViolation(`${path} answered ${type}, not ${API_DOWNLOADS[path]}.`);
  const csvColumns = CSV_DOWNLOAD_COLUMNS[path];
  const declared = csvColumns ?? WORKBOOK_DOWNLOAD_HEADERS[path]?.(server.timeZone);
  if (!declared) throw new ContractViolation(`${path} declares no header row: add it to CSV_DOWNLOAD_COLUMNS or WORKBOOK_DOWNLOAD_HEADERS (dashboard/contract/downloads.ts).`);
  const header = csvColumns ? await csvHeader(response) : ((await readSheet(Buffer.from(await response.arrayBuffer())))[0] ?? []);
  if (JSON.stringify(header) !== JSON.stringify(declared)) {
    throw new ContractViolation(`${path}: its header row breaks the contract (dashboard/contract/downloads.ts):\n  got      ${header.join(',')}\n  declared ${declared.join(',')}`);
  }
}

/** The first record of a CSV stream, read without waiting for the rest (downloads are streamed). */
async function csvHeader(response: Response): Promise<unknown[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!text.includes('\r\n')) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += chunk.value;
  }
  await reader.cancel();
  return parseCsv(text.replace(/^\uFEFF/, '').split('\r\n')[0] + '\r\n')[0] ?? [];
}
