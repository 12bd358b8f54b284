/**
 * Snapshots as Quilt packages: the shared types, Python-exact JSON, top hashes, manifests, the
 * registry (pointers, listing, short hashes) and taking a snapshot of a folder.
 */
export * from './types';
export {
  canonicalJson,
  compareCodePoints,
  isJsonObject,
  isLosslessNumber,
  LosslessNumber,
  manifestJson,
  parseLosslessJson,
  pythonFloatRepr,
  pythonJsonDumps,
  pythonJsonString,
  pythonNumberText,
  pythonTruthy,
  toPlainJson
} from './python-json';
export type { PythonJsonOptions } from './python-json';
export { compareLogicalKeys, effectiveEntryMeta, sortInTreeOrder, TOP_HASH, topHash, topHashParts } from './top-hash';
export { buildManifest, formatPhysicalKey, MANIFEST_MAX_RECORD_SIZE, manifestText, parseManifest, parsePhysicalKey } from './manifest';
export type { DirectoryMeta, ManifestContent, ManifestWithDirectories, PhysicalKey } from './manifest';
export { assertValidPackageName, defaultPackageName, normalizeFolder, PACKAGE_NAME_RULE, QUILT_PREFIX, validatePackageName } from './names';
export {
  assertTopHash,
  LATEST,
  manifestKey,
  MANIFESTS_PREFIX,
  pointerKey,
  pointersPrefix,
  POINTERS_PREFIX,
  readLatest,
  readSnapshot,
  resolveTopHash,
  STATS_METADATA_KEY
} from './registry';
export { writeSnapshotPointers } from './registry-write';
export type { WriteSnapshotOptions, WriteSnapshotResult } from './registry-write';
export { folderMatches, headerFolder, inferFolder, listPackages, listSnapshots, readManifestSummary } from './registry-list';
export type { ListSnapshotsOptions, ManifestSummary } from './registry-list';
export { EMPTY_QUILT_HASH, entryMetaFromHeader, hashVersion, streamQuiltHash } from './snapshot-hash';
export type { VersionHash, VersionRef } from './snapshot-hash';
export { listCurrentObjects } from './snapshot-objects';
export { logicalKeyProblem, splitSnapshotObjects } from './logical-keys';
export type { LeftOutObject } from './logical-keys';
export type { CurrentObject } from './snapshot-objects';
export { snapshot, snapshotHeader } from './snapshot';
export type { SnapshotOptions, SnapshotProgress, SnapshotResult } from './snapshot';
export { readWorkflowConfig, workflowChoices, WORKFLOW_CONFIG_KEY } from './workflow-config';
export type { WorkflowChoice, WorkflowChoices, WorkflowSelection } from './workflow-config';
export { pythonRegExp } from './workflow-checks';
export {
  ancestorFolders,
  canonicalMeta,
  changedCount,
  comparableJson,
  compareEntries,
  diffEntries,
  emptyCounts,
  ENTRY_STATUSES
} from './manifest-diff';
export type { DiffEntriesOptions } from './manifest-diff';
export { requirePhysicalKey, samePhysicalKey } from './as-of-physical';
export type { PhysicalLocation } from './as-of-physical';
export { liveEntries } from './live';
export type { LiveEntriesOptions, LiveProgress } from './live';
export { describeSide, diffSnapshots, isLatestRef, normalizeRef } from './compare';
export type { DiffSide, DiffSnapshotsOptions, SnapshotComparison } from './compare';
export { entryAsOf, findPinned, pinEntry, pinnedUnder, readSnapshotByRef, snapshotFolder } from './as-of';
export type { EntryAsOfOptions, PinnedObject } from './as-of';
export { planRestore, restoreActions, restoreFolder } from './restore';
export type { PlanRestoreOptions, RestoreAction, RestoreFolderOptions, RestoreFolderResult, RestorePlan, RestoreProgress } from './restore';
