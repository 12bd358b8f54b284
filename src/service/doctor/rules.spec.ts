/**
 * The CLI's rules are the Jupyter server's, byte for byte (jupyterlab_helium/tests/test_doctor.py
 * checks the same from its side), and every problem's fix is one sentence.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import RULES from './rules.json';
import { fill, Report } from './rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');

it('rules.json is an exact copy of jupyterlab_helium/doctor_rules.json', () => {
  const server = readFileSync(path.join(ROOT, 'jupyterlab_helium', 'doctor_rules.json'), 'utf8');
  expect(readFileSync(path.join(__dirname, 'rules.json'), 'utf8')).toBe(server);
});

it('every problem and warning has a fix of one sentence', () => {
  for (const [id, message] of Object.entries(RULES.messages) as [string, { status: string; fix?: string }][]) {
    if (message.status === 'problem' || message.status === 'warning') {
      expect([id, message.fix?.endsWith('.')]).toEqual([id, true]);
      expect([id, message.fix?.replace('.") ', '').includes('. ')]).toEqual([id, false]);
    }
  }
});

it('fills a feature, the side and the values; unknown fields stay visible', () => {
  const report = new Report('cli');
  const denied = report.add('permission.denied', 'permission', {}, { bucket: 'b-1', feature: 'delete_versions' });
  expect(denied.fix).toBe("Ask the bucket's owner for s3:DeleteObjectVersion on the bucket's objects.");
  expect(report.add('credentials.none', 'credentials').fix).toContain('the environment helium runs in');
  expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  expect(report.summary()).toEqual({ ok: 0, warning: 0, problem: 2, skipped: 0 });
});
