/**
 * The pure parts of Quilt workflows: Python's regular expressions in JavaScript, the config read
 * as PyYAML reads it, and the entries quilt3 validates.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { parseLosslessJson } from './json-values';
import { entriesForValidation, pythonRegExp } from './workflow-checks';
import { parseWorkflowConfig } from './workflow-config';

describe('pythonRegExp', () => {
  it.each([
    ['^team/', 'team/x', true],
    ['^team/', 'a/team/x', false],
    // re.search: anywhere unless anchored.
    ['data$', 'team/data', true],
    ['\\Ateam/\\w+\\Z', 'team/abc', true],
    ['\\Ateam/\\w+\\Z', 'team/abc/d', false],
    ['^(?P<ns>[a-z]+)/(?P=ns)-', 'lab/lab-1', true],
    ['^(?P<ns>[a-z]+)/(?P=ns)-', 'lab/other-1', false],
    // An escaped backslash before A stays a literal backslash and A.
    ['^a\\\\A$', 'a\\A', true],
    // Not valid with JavaScript's `u` flag, valid without (and in Python).
    ['^[\\w-x]+/', 'a-x/b', true]
  ])('%s on %s is %s', (pattern, name, matches) => {
    expect(pythonRegExp(pattern).test(name)).toBe(matches);
  });
});

describe('parseWorkflowConfig', () => {
  it('reads YAML 1.1 as PyYAML does: yes/off booleans, the last of repeated keys, a compound version', () => {
    const config = parseWorkflowConfig(
      'version: {base: "1.1", catalog: "1"}\nis_workflow_required: off\nworkflows:\n  a:\n    name: First\n    is_message_required: yes\n  a:\n    name: Last\n',
      'here'
    );
    expect(config.is_workflow_required).toBe(false);
    expect(config.workflows).toEqual({ a: { name: 'Last' } });
  });

  it('refuses a workflow id quilt3’s schema does not allow, saying which', () => {
    expect(() => parseWorkflowConfig('version: "1"\nworkflows:\n  "1st":\n    name: A\n', 'here')).toThrow(
      /The Quilt workflows config here is not valid: the config at \/workflows: must match pattern .* \(key "1st"\)/
    );
  });

  it('refuses an empty file as quilt3 does (None is not an object)', () => {
    expect(() => parseWorkflowConfig('', 'here')).toThrow('the config: must be object');
  });
});

describe('entriesForValidation', () => {
  it('passes {logical_key, size, meta} with meta the entry’s user_meta, {} when none, numbers as numbers', () => {
    const hash = { type: 'SHA256' as const, value: '0'.repeat(64) };
    const entries = entriesForValidation([
      { logical_key: 'a', physical_keys: [], size: 1, hash, meta: parseLosslessJson('{"target": "csv", "user_meta": {"n": 1.0}}') },
      { logical_key: 'b', physical_keys: [], size: 2, hash, meta: { target: 'csv' } },
      { logical_key: 'c', physical_keys: [], size: 3, hash, meta: null },
      { logical_key: 'd', physical_keys: [], size: 4, hash, meta: { user_meta: null } }
    ]);
    expect(entries).toEqual([
      { logical_key: 'a', size: 1, meta: { n: 1 } },
      { logical_key: 'b', size: 2, meta: {} },
      { logical_key: 'c', size: 3, meta: {} },
      { logical_key: 'd', size: 4, meta: null }
    ]);
  });
});
