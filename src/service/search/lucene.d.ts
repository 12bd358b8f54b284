/** Types of the npm `lucene` query parser (2.1.1), which ships none: the parts we use. */
declare module 'lucene' {
  interface Position {
    offset: number;
    line: number;
    column: number;
  }
  interface Location {
    start: Position;
    end: Position;
  }
  export interface TermNode {
    field: string;
    fieldLocation: Location | null;
    term: string;
    quoted: boolean;
    regex: boolean;
    termLocation: Location | null;
    prefix: '+' | '-' | null;
  }
  export interface RangeNode {
    field: string;
    fieldLocation: Location | null;
    term_min: string;
    term_max: string;
    inclusive: 'both' | 'left' | 'right' | 'none';
  }
  export interface BinaryNode {
    start?: string;
    left: AST | Node;
    operator?: string;
    right?: AST | Node;
    parenthesized?: boolean;
    field?: string;
    fieldLocation?: Location | null;
  }
  export type Node = TermNode | RangeNode;
  export type AST = BinaryNode;
  export function parse(query: string): AST;
  export const term: { escape(s: string): string; unescape(s: string): string };
}
