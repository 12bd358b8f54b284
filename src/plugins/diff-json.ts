/**
 * Plugin: the JSON diff provider: a structural diff listing changed paths with old and new values.
 */
import { jsonRank } from '../models/diff-ranks';
import { loadJsonDiff } from '../models/engine';
import { diffProviderPlugin } from './diff-provider-plugin';

/** Bytes per side the JSON view loads without asking. */
const JSON_MAX_BYTES = 20 * 1024 * 1024;

export const diffJsonPlugin = diffProviderPlugin({
  pluginId: 'jupyterlab-helium:diff-json',
  description: 'Compares JSON documents path by path.',
  providerId: 'json',
  label: trans => trans.__('JSON'),
  maxBytes: JSON_MAX_BYTES,
  rank: jsonRank,
  read: 'text',
  load: () => Promise.all([loadJsonDiff(), import('../widgets/diff/JsonDiffView')]),
  view: ([engine, { JsonDiffView }], a, b, _context, trans) =>
    new JsonDiffView(
      engine.diffJsonValues(engine.parseJsonSide(a, trans.__('Version A')), engine.parseJsonSide(b, trans.__('Version B'))),
      trans
    )
});
