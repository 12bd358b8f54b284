import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { cliHint, reworded } from './hints';

/** The engine's own source text, where its hints are worded. */
function engineSource(): string {
  const dir = path.join(__dirname, '..', 'service');
  return readdirSync(dir)
    .filter(name => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map(name => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

it('every engine hint the command line rewords is still one the engine gives, word for word', () => {
  const source = engineSource();
  const missing = reworded().filter(hint => !source.includes(hint));
  expect(missing).toEqual([]);
});

it('rewords the panel hints and leaves the others as they are', () => {
  expect(cliHint("Set the connection's region to the bucket's region.")).toBe("Give the bucket's region with --region (or AWS_REGION).");
  expect(cliHint('Check the name, or pick another bucket.')).toBe('Check the name, or pick another bucket.');
  for (const hint of reworded()) {
    expect(cliHint(hint)).not.toMatch(/panel|Reload|refresh the/);
  }
});
