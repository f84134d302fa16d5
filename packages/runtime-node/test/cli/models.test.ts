/** `posekit models`: listing the registry with the cache state, `path`, and bad input. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { listModels } from '../../src/registry/index.js';

const cache = mkdtempSync(join(tmpdir(), 'posekit-models-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function io(): CliIo & { out: string; err: string } {
  const r = { out: '', err: '', stdout: (t: string) => void (r.out += t), stderr: (t: string) => void (r.err += t), stderrIsTTY: false };
  return r;
}

describe('posekit models', () => {
  it('list (text and --json) marks what is in the cache; path prints a cached model', async () => {
    mkdirSync(join(cache, 'rtmpose-t'));
    writeFileSync(join(cache, 'rtmpose-t', 'rtmpose-t.onnx'), 'x');
    const o = io();
    expect(await main(['models', '--cache-dir', cache], o)).toBe(0);
    expect(o.out).toContain(`cache: ${cache}`);
    expect(o.out).toMatch(/^\* rtmpose-t +RTMPose-t/m);
    expect(o.out).toMatch(/^ {2}rtmpose-m +.*\[no published sha256\]$/m);
    const j = io();
    expect(await main(['models', 'list', '--json', '--cache-dir', cache], j)).toBe(0);
    const parsed = JSON.parse(j.out) as { models: { name: string; cached: boolean; sha256: string | null }[] };
    expect(parsed.models.map((m) => m.name)).toEqual(listModels());
    expect(parsed.models.filter((m) => m.cached).map((m) => m.name)).toEqual(['rtmpose-t']);
    const pth = io();
    expect(await main(['models', 'path', 'rtmpose-t', '--cache-dir', cache], pth)).toBe(0);
    expect(pth.out).toBe(`${join(cache, 'rtmpose-t', 'rtmpose-t.onnx')}\n`);
  });

  const bad: [string, string[], string, number][] = [
    ['path of an uncached model', ['models', 'path', 'rtmpose-m'], 'E_FILE_NOT_FOUND', 1],
    ['download of an unknown model', ['models', 'download', 'nope'], 'E_ARGUMENT', 1],
    ['download without names', ['models', 'download'], 'needs at least one name', 2],
    ['an unknown sub-command', ['models', 'fetch'], 'unknown models sub-command', 2],
  ];
  for (const [what, argv, needle, code] of bad) {
    it(`${what}: exit ${code}, one line`, async () => {
      const o = io();
      expect(await main([...argv, '--cache-dir', cache], o)).toBe(code);
      expect(o.err).toContain(needle);
      expect(o.err).toMatch(/^posekit models: /);
      if (code === 1) expect(o.err.trim().split('\n')).toHaveLength(1);
    });
  }
});
