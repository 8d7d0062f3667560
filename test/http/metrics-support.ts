import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.ts';
import { portOf } from './raw-http-support.ts';

/** One scrape's samples, by series: `name` or `name{label="value",…}` exactly as exposed. */
export type Samples = Map<string, number>;

/** A sample line of the Prometheus text format 0.0.4: a series, a space, a value. */
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

/** Parses an exposition, failing on any line that is neither a comment nor a sample. */
export function parseExposition(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = SAMPLE_LINE.exec(line);
    assert.ok(match, `not a sample line: ${JSON.stringify(line)}`);
    samples.set(match[1] as string, Number(match[2]));
  }
  return samples;
}

/** Listens on a loopback port (once) and returns the app's base URL. */
export async function listening(t: TestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${portOf(t.app)}`;
}

/** `GET /metrics` over real HTTP. */
export async function scrape(t: TestApp, headers: Record<string, string> = {}): Promise<Samples> {
  const response = await fetch(`${await listening(t)}/metrics`, { headers });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return parseExposition(text);
}

/** A sample's value; a series that was not exposed fails the test. */
export function sample(samples: Samples, series: string): number {
  const value = samples.get(series);
  assert.ok(value !== undefined, `${series} was not exposed`);
  return value;
}

/** How much each series moved between two scrapes (a series missing from the first counts from 0). */
export function moved(before: Samples, after: Samples, series: string): number {
  return sample(after, series) - (before.get(series) ?? 0);
}
