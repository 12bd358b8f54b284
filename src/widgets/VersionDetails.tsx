/**
 * The lower half of the version history drawer: what one version is (time, size, checksum), what
 * can be done with it, and its metadata (T4 metadata, other user metadata, content type).
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ObjectVersion } from '../service';
import { archiveName, isArchiveClass } from '../service/archive-names';
import type { VersionsModel } from '../models/versions';
import { formatBytes, formatDateTime, formatRelativeTime } from './format';

/** What the drawer's buttons do; the plugin implements them with commands. */
export interface IVersionActions {
  open(version: ObjectVersion): void;
  download(version: ObjectVersion): void;
  restore(version: ObjectVersion): void;
  compare(older: ObjectVersion, newer: ObjectVersion): void;
  copySnippet(version: ObjectVersion): void;
  editMetadata(version: ObjectVersion): void;
  deleteVersion(version: ObjectVersion): void;
  undelete(): void;
  /** Asks for an S3 URI (as Copy S3 URI gives it) and shows that object's history. */
  openUri?(): void;
  /** *Restore from Archive…* of an archived version. */
  unarchive?(version: ObjectVersion): void;
}

/** Text for display: never more than a screenful. */
function shortened(text: string, limit = 20_000): string {
  return text.length > limit ? `${text.slice(0, limit)}\n…` : text;
}

function Field(props: { label: string; children: React.ReactNode; className?: string }): JSX.Element {
  return (
    <>
      <dt>{props.label}</dt>
      <dd className={props.className}>{props.children}</dd>
    </>
  );
}

function MetadataSection(props: { model: VersionsModel; trans: TranslationBundle; editable: boolean; onEdit: () => void }): JSX.Element {
  const { model, trans } = props;
  const meta = model.metadata;
  if (model.metadataError) {
    return <div className="jp-helium-error-message">{model.metadataError}</div>;
  }
  if (!meta) {
    return <div className="jp-helium-muted">{trans.__('Loading metadata…')}</div>;
  }
  const others = Object.entries(meta.otherUserMetadata);
  return (
    <div className="jp-helium-metadata" data-testid="helium-metadata">
      <div className="jp-helium-metadata-head">
        <span className="jp-helium-section-title">{trans.__('Metadata (helium / T4)')}</span>
        {props.editable && (
          <button className="jp-helium-link jp-helium-edit-metadata" onClick={props.onEdit}>
            {trans.__('Edit…')}
          </button>
        )}
      </div>
      {meta.heliumProblem ? (
        <div className="jp-helium-error-message">{meta.heliumProblem}</div>
      ) : meta.helium?.user_meta !== undefined ? (
        // Scrolls past 200px (up to S3's 2 KB): focusable, so the keyboard can scroll it.
        <pre className="jp-helium-codeblock jp-helium-json" tabIndex={0} role="region" aria-label={trans.__('User metadata')}>
          {/* Numbers as stored: JSON.stringify of a parsed value would round 12345678901234567890. */}
          {shortened(model.userMetaText ?? '')}
        </pre>
      ) : (
        <div className="jp-helium-muted">{trans.__('None')}</div>
      )}
      <dl className="jp-helium-fields">
        {typeof meta.helium?.target === 'string' && <Field label={trans.__('Target')}>{meta.helium.target}</Field>}
        <Field label={trans.__('Content type')}>{meta.contentType ?? trans.__('(not set)')}</Field>
        {others.map(([name, value]) => (
          <Field key={name} label={`x-amz-meta-${name}`}>
            {value}
          </Field>
        ))}
      </dl>
    </div>
  );
}

export function VersionDetails(props: { model: VersionsModel; trans: TranslationBundle; actions: IVersionActions }): JSX.Element | null {
  const { model, trans, actions } = props;
  const v = model.selected;
  if (!v) {
    return null;
  }
  const latest = model.latestContent;
  const previous = model.previousContent(v.versionId);
  const checksum = model.metadata?.checksumSha256;
  return (
    <div className="jp-helium-details jp-helium-version-details" data-testid="helium-version-details" data-version-id={v.versionId}>
      <dl className="jp-helium-fields">
        <Field label={trans.__('Version')} className="jp-helium-version-id-full">
          {v.versionId}
        </Field>
        <Field label={v.isDeleteMarker ? trans.__('Deleted') : trans.__('Written')}>
          {`${formatDateTime(v.lastModified)} (${formatRelativeTime(v.lastModified)})`}
        </Field>
        {!v.isDeleteMarker && <Field label={trans.__('Size')}>{`${formatBytes(v.size)} (${v.size.toLocaleString()} B)`}</Field>}
        {v.etag && <Field label="ETag">{v.etag}</Field>}
        {isArchiveClass(v.storageClass) && (
          <Field label={trans.__('Storage')} className="jp-helium-version-archived">
            {trans.__('Archived in %1: readable only from a restored copy', archiveName(v.storageClass) ?? '')}
          </Field>
        )}
        {checksum && (
          <Field label="SHA-256" className="jp-helium-checksum">
            {checksum}
          </Field>
        )}
      </dl>
      {v.isDeleteMarker ? (
        <div className="jp-helium-actions jp-helium-version-actions">
          <span className="jp-helium-muted">{trans.__('A delete marker hides the object; the versions below it are kept.')}</span>
          {model.isDeleted && v.isLatest && (
            <button className="jp-mod-styled jp-mod-accept" onClick={() => actions.undelete()}>
              {trans.__('Undelete')}
            </button>
          )}
        </div>
      ) : (
        <div className="jp-helium-actions jp-helium-version-actions">
          {isArchiveClass(v.storageClass) && actions.unarchive && (
            <button className="jp-mod-styled jp-helium-action-unarchive" onClick={() => actions.unarchive?.(v)}>
              {trans.__('Restore from Archive…')}
            </button>
          )}
          <button className="jp-mod-styled jp-helium-action-open" onClick={() => actions.open(v)}>
            {trans.__('Open')}
          </button>
          <button className="jp-mod-styled" onClick={() => actions.download(v)}>
            {trans.__('Download')}
          </button>
          {!(v.isLatest && !v.isDeleteMarker) && (
            <button className="jp-mod-styled jp-helium-action-restore" onClick={() => actions.restore(v)}>
              {trans.__('Restore…')}
            </button>
          )}
          {latest && latest.versionId !== v.versionId && (
            <button className="jp-mod-styled jp-helium-action-compare-latest" onClick={() => actions.compare(v, latest)}>
              {trans.__('Compare with latest')}
            </button>
          )}
          {previous && (
            <button className="jp-mod-styled jp-helium-action-compare-previous" onClick={() => actions.compare(previous, v)}>
              {trans.__('Compare with previous')}
            </button>
          )}
          <button className="jp-mod-styled" onClick={() => actions.copySnippet(v)}>
            {trans.__('Copy Python')}
          </button>
          <button className="jp-mod-styled jp-mod-warn jp-helium-action-delete-version" onClick={() => actions.deleteVersion(v)}>
            {trans.__('Delete version…')}
          </button>
        </div>
      )}
      {!v.isDeleteMarker && <MetadataSection model={model} trans={trans} editable={v.isLatest} onEdit={() => actions.editMetadata(v)} />}
    </div>
  );
}
