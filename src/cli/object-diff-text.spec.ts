import { asText, unifiedDiff } from './object-diff-text';

const bytes = (text: string) => new TextEncoder().encode(text);

it('takes UTF-8, UTF-16 with its mark and latin-1 as text, and bytes with NUL or stray control bytes as binary', () => {
  expect(asText(bytes('naïve café\n'))).toBe('naïve café\n');
  expect(asText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toBe('café\n');
  expect(asText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00]))).toBe('A\n');
  expect(asText(bytes('a\u0000b'))).toBeUndefined();
  expect(asText(new Uint8Array([0x1f, 0x8b, 0x08, 0xe9, 0x41]))).toBeUndefined();
  expect(asText(new Uint8Array(0))).toBe('');
});

it('writes a unified diff from its --- line, with context and a missing final newline marked', () => {
  expect(unifiedDiff('a', 'b', 'x\ny\n', 'x\nz')).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n\\ No newline at end of file\n');
  expect(unifiedDiff('a', 'a', '1\n2\n3\n4\n5\n6\n7\n8\n', '1\n2\n3\n4\nfive\n6\n7\n8\n', 1)).toBe(
    '--- a\n+++ a\n@@ -4,3 +4,3 @@\n 4\n-5\n+five\n 6\n'
  );
  expect(unifiedDiff('a', 'b', 'same\n', 'same\n')).toBe('');
});
