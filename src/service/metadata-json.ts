/**
 * Checking JSON typed into a metadata editor: the value, or a message that says where the syntax
 * breaks (line and column) and what was expected there.
 */

/** The outcome of {@link parseMetadataJson}: the value, or what is wrong with the text. */
export type ParsedMetadata = { value: unknown } | { error: string };

/** A syntax error in JSON text: where, and what was expected. */
export interface JsonSyntaxError {
  offset: number;
  problem: string;
}

/**
 * Find the first syntax error of JSON text (JSON.parse's own messages differ between engines and
 * often give no position).
 * @param text - the text.
 * @returns the error, or undefined when the text is valid JSON.
 */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const found = () => (i >= text.length ? 'the end of the text' : `${JSON.stringify(text[i])}`);
  const fail = (problem: string, at = i): never => {
    throw { offset: at, problem } as JsonSyntaxError;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) {
      i++;
    }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) {
        fail('this text in quotes is never closed (a " is missing)', start);
      }
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        if (/^u[0-9a-fA-F]{4}/.test(text.slice(i + 1, i + 6))) {
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i + 1] ?? 'x')) {
          fail('this backslash escape is not valid JSON (use \\\\ for a backslash)');
        }
        i += 2;
        continue;
      }
      if (c < ' ') {
        fail('a line break or control character inside quotes must be written as an escape such as \\n');
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        space();
        if (c === '{') {
          if (text[i] !== '"') {
            fail(`expected a name in double quotes, found ${found()}${text[i] === "'" ? ' (JSON needs double quotes)' : ''}`);
          }
          string();
          space();
          if (text[i] !== ':') {
            fail(`expected ":" after the name, found ${found()}`);
          }
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === close) {
            fail(`a comma before "${close}" is not allowed in JSON`);
          }
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(`expected "," or "${close}", found ${found()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && number.test(text)) {
      i = number.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`expected a value, found ${found()}${c === "'" ? ' (JSON needs double quotes)' : ''}`);
  };
  try {
    value();
    space();
    if (i < text.length) {
      fail(`unexpected ${found()} after the end of the JSON value`);
    }
  } catch (err) {
    if (typeof (err as JsonSyntaxError).offset === 'number') {
      return err as JsonSyntaxError;
    }
    throw err;
  }
  return undefined;
}

/**
 * The 1-based line and column of an offset in a text.
 * @param text - the text.
 * @param offset - the offset.
 * @returns line and column.
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * What kind of JSON value something is, for messages.
 * @param value - a parsed JSON value.
 * @returns "an array", "a string"…
 */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : 'true or false';
}

/**
 * Check metadata typed in an editor: valid JSON whose top level is an object (or null).
 * @param text - the text.
 * @returns `{value}`, or `{error}` with a message naming the line and column.
 */
export function parseMetadataJson(text: string): ParsedMetadata {
  if (text.trim() === '') {
    return { error: 'The metadata is empty. Write a JSON object, e.g. {"source": "lab 3"}, or {} for none.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const syntax = findJsonError(text);
    if (!syntax) {
      return { error: `The metadata is not valid JSON: ${err instanceof Error ? err.message : String(err)}.` };
    }
    const { line, column } = lineAndColumn(text, syntax.offset);
    return { error: `The metadata is not valid JSON: line ${line}, column ${column}: ${syntax.problem}.` };
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return {
      error: `The metadata must be a JSON object, e.g. {"source": "lab 3"} (or null), not ${kindOf(value)}.`
    };
  }
  return { value };
}
