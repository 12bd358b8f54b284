/**
 * What a rule of `error-mapping.ts` is: given what was being done and the facts of the error, say
 * what happened and what to do.
 */
import type { ErrorKind } from './error-class';
import { cleanMessage, ErrorFacts } from './error-facts';
import type { ErrorContext } from './error-messages';

/** A mapped error before it becomes a HeliumError: the kind, what happened, what to do. */
export interface Mapped {
  kind: ErrorKind;
  /** What happened (a sentence). */
  what: string;
  /** What to do (a sentence), when there is advice. */
  hint?: string;
}

/** A rule: given the context and the error's facts, say what happened. */
export type Rule = (ctx: ErrorContext, facts: ErrorFacts) => Mapped;

/**
 * The message the server itself gave, cleaned, with a final period.
 * @param facts - the error's facts.
 * @returns the sentence, or undefined when it says nothing useful.
 */
export function serverSays(facts: ErrorFacts): string | undefined {
  const text = cleanMessage(facts.message);
  return text ? `${text}.` : undefined;
}
