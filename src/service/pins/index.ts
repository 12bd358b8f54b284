/**
 * Pins, tags and lineage: a notebook's record of the data it reads (`metadata.helium.pins`), its
 * status against S3, human names for snapshots, and what a snapshot taken from a notebook records.
 */
export * from './types';
export {
  makeFilePin,
  makePin,
  pinJson,
  withFreeName,
  readNotebookPins,
  removePin,
  replacePins,
  setPin,
  validatePin
} from './notebook-pins';
export type { MakeFilePinOptions, MakePinOptions, PinFields } from './notebook-pins';
export { pinLock, shortLock } from './pin-lock';
export { filePinStatus } from './file-status';
export { findSecret, secretLooking } from './secrets';
export { TAG_NAME_RULE, TAGS_PREFIX, tagKey, tagsPrefix, validateTagName } from './tag-keys';
export { assertValidTagName, listTags, readTag, setTag } from './tags';
export type { SetTagOptions, SetTagResult, TagRecord, TagStep } from './tags';
export { describeFollows, pinStatus, pinStatuses, resolveFollowed } from './status';
export type { PinStatusOptions } from './status';
export { updatePins } from './update';
export type { PinUpdate, UpdatePinsOptions, UpdatePinsResult } from './update';
export { buildLineage, lineageMeta, readLineage } from './lineage';
export type { Lineage, LineageOptions, LineagePin } from './lineage';
export { readSnapshotLineage } from './lineage-read';
export { folderChangedSince, folderPackage, folderPackageNames, folderPinState, resolveFilePin, resolveFolderPin } from './pin-target';
export type { FolderPinState, FolderPinTarget } from './pin-target';
