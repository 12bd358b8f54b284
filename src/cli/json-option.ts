/**
 * JSON given on the command line (`put --meta`, `snapshot --meta`, `meta --set`): one check and one
 * wording for every flag, naming the flag and showing where the JSON breaks (line, column and
 * the text just before), so a shell-quoting slip is found without counting characters.
 */
import { isLosslessNumber } from 'lossless-json';
import { findJsonError, kindOf, lineAndColumn } from '../service/metadata-json';
import { UsageError } from './errors';

/** How much of the text before a syntax error the message shows. */
const CONTEXT_CHARS = 24;

/** How a JSON option is checked. */
export interface JsonOptionRules {
  /** `null` is accepted (e.g. `meta --set null` removes the metadata). */
  allowNull?: boolean;
  /** Parse the text once it is known to be valid (default JSON.parse), e.g. keeping number tokens. */
  parse?: (text: string) => unknown;
}

/**
 * Where JSON text breaks, in words: `line 1, column 9, right after '{"a": 1,'`.
 * @param text - the text.
 * @param offset - where the error is.
 * @returns the place.
 */
function place(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  if (offset === 0) {
    return `line ${line}, column ${column}, at the start`;
  }
  const start = Math.max(0, offset - CONTEXT_CHARS);
  const before = `${start > 0 ? '…' : ''}${text.slice(start, offset)}`;
  return `line ${line}, column ${column}, right after '${before}'`;
}

/**
 * Parse a JSON option whose value must be an object (or null, when allowed).
 * @param flag - the option, e.g. `--meta`.
 * @param text - its value.
 * @param rules - null allowed, and the parser.
 * @returns the value.
 * @throws UsageError (exit 2; code `InvalidMetadata`) saying what is wrong and where.
 */
export function parseJsonOption(flag: string, text: string, rules: JsonOptionRules = {}): unknown {
  const fix = `Give a JSON object, e.g. ${flag} '{"source": "lab 3", "run": 12}'${rules.allowNull ? ` (or ${flag} null for none)` : ''}. Nothing was written.`;
  if (text.trim() === '') {
    throw new UsageError(`${flag} is empty. ${fix}`, 'InvalidMetadata');
  }
  const syntax = findJsonError(text);
  if (syntax) {
    throw new UsageError(`${flag} is not valid JSON (${place(text, syntax.offset)}): ${syntax.problem}. ${fix}`, 'InvalidMetadata');
  }
  const value = (rules.parse ?? JSON.parse)(text);
  // A lossless parser gives a number as an object (LosslessNumber): it is still a number.
  const kind = isLosslessNumber(value) ? 0 : value;
  if (kind === null ? !rules.allowNull : typeof kind !== 'object' || Array.isArray(kind)) {
    throw new UsageError(
      `${flag} must be a JSON object ({"name": value, …}), not ${kind === null ? 'null' : kindOf(kind)}. ${fix}`,
      'InvalidMetadata'
    );
  }
  return value;
}
