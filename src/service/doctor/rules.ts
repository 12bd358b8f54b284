/**
 * The rules `helium doctor` shares with the Jupyter server's connection check: which permission each
 * feature needs, and every finding's wording with its one-sentence fix. They live in rules.json, an
 * exact copy of jupyterlab_helium/doctor_rules.json (tests on both sides compare the two), so the
 * panel's *Check Connection* and `helium doctor` say the same thing for the same finding.
 */
import RULES from './rules.json';

/** How a finding went: ok, worth knowing (warning), in the way (problem), or not checked. */
export type DoctorStatus = 'ok' | 'warning' | 'problem' | 'skipped';

/** One finding (the JSON the server's check endpoint answers has the same shape). */
export interface DoctorCheck {
  /** The rule's message id, e.g. `permission.denied`. */
  id: string;
  /** What it is about: credentials, endpoint, clock, identity, buckets, bucket, versioning, permission. */
  area: string;
  status: DoctorStatus;
  /** What was found, one sentence. */
  detail: string;
  /** What to do, one sentence (problems and warnings). */
  fix?: string;
  bucket?: string;
  /** The feature of a permission finding (`list`, `read`, `write`, `list_versions`, `delete_versions`). */
  feature?: string;
}

/** Every finding for one connection. */
export interface DoctorReport {
  connection: string;
  endpoint: string;
  checks: DoctorCheck[];
  summary: Record<DoctorStatus, number>;
}

/** Which wording of the shared messages: the Jupyter server's, or the CLI's. */
export type DoctorSide = 'server' | 'cli';

interface Message {
  status: string;
  detail: string;
  fix?: string;
}

/** A feature and the permission it needs. */
export interface Feature {
  id: string;
  label: string;
  permission: string;
  resource: string;
  needed_for: string;
}

export const FEATURES: readonly Feature[] = RULES.features;
const MESSAGES: Record<string, Message> = RULES.messages;
const STATUSES: readonly DoctorStatus[] = ['ok', 'warning', 'problem', 'skipped'];

/**
 * Fill `{name}` fields; unknown names stay as they are.
 * @param template - a message with fields.
 * @param values - the fields' values.
 * @returns the text.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * A reason of the rules' `why` table, filled.
 * @param id - its key.
 * @param values - its fields.
 * @returns the text.
 */
export function why(id: keyof typeof RULES.why, values: Record<string, string | number> = {}): string {
  return fill(RULES.why[id], values);
}

/**
 * How a permission was found allowed (the rules' `how` table), filled.
 * @param id - its key.
 * @param values - its fields.
 * @returns the text.
 */
export function how(id: keyof typeof RULES.how, values: Record<string, string | number> = {}): string {
  return fill(RULES.how[id], values);
}

/** Findings collected in order, worded for one side. */
export class Report {
  readonly checks: DoctorCheck[] = [];

  /**
   * @param side - the server's or the CLI's wording.
   */
  constructor(private readonly side: DoctorSide) {}

  /**
   * Add a finding.
   * @param id - a key of the rules' messages.
   * @param area - what it is about.
   * @param values - its fields.
   * @param where - the bucket and feature it is about.
   * @param where.bucket - the bucket.
   * @param where.feature - the feature (its label, permission… become fields).
   * @returns the finding.
   */
  add(
    id: string,
    area: string,
    values: Record<string, string | number> = {},
    where: { bucket?: string; feature?: string } = {}
  ): DoctorCheck {
    const message = MESSAGES[id];
    if (!message) {
      throw new Error(`no doctor message ${id}`);
    }
    const feature = where.feature ? FEATURES.find(f => f.id === where.feature) : undefined;
    const context: Record<string, string | number> = {
      ...(feature ?? {}),
      ...RULES.side[this.side],
      ...(where.bucket ? { bucket: where.bucket } : {}),
      ...values
    };
    const check: DoctorCheck = { id, area, status: message.status as DoctorStatus, detail: fill(message.detail, context) };
    if (message.fix) {
      check.fix = fill(message.fix, context);
    }
    if (where.bucket) {
      check.bucket = where.bucket;
    }
    if (where.feature) {
      check.feature = where.feature;
    }
    this.checks.push(check);
    return check;
  }

  /** @returns how many findings of each status. */
  summary(): Record<DoctorStatus, number> {
    const counts = { ok: 0, warning: 0, problem: 0, skipped: 0 };
    for (const c of this.checks) {
      counts[c.status] += 1;
    }
    return counts;
  }
}

export { STATUSES as DOCTOR_STATUSES };
