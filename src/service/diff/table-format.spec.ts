/**
 * Unit tests of the table diff's cell text for nested values: lists and structs print their
 * int64s as numbers with every digit (pandas prints `[1, 2]`, not `["1", "2"]`).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Field, Int64, List, Struct, Utf8, vectorFromArray } from 'apache-arrow';
import { formatValue } from './table-format';

it('prints the int64s of lists and structs as numbers, past 2^53 too', () => {
  const list = vectorFromArray([[1n, 9007199254740993n], null], new List(new Field('item', new Int64(), true)));
  expect(formatValue(list.data[0], 0)).toBe('[1,9007199254740993]');
  expect(formatValue(list.data[0], 1)).toBeNull();
  const struct = vectorFromArray([{ a: 2n, b: 'x' }], new Struct([new Field('a', new Int64(), true), new Field('b', new Utf8(), true)]));
  expect(formatValue(struct.data[0], 0)).toBe('{"a":2,"b":"x"}');
});
