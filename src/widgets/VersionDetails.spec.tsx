/** The version details: the metadata shown is the model's text (numbers as stored), not a re-serialised value. */
import * as React from 'react';
import { act } from 'react';
import type { ObjectMetadata, ObjectVersion } from '../service';
import type { VersionsModel } from '../models/versions';
import { reactHostPerTest } from '../testing/react-host';
import { testTrans as trans } from '../testing/translation';
import { IVersionActions, VersionDetails } from './VersionDetails';

const view = reactHostPerTest();

const version: ObjectVersion = {
  key: 'big.bin',
  versionId: 'v1',
  isLatest: true,
  isDeleteMarker: false,
  lastModified: new Date('2026-12-01T10:00:00Z'),
  size: 1,
  etag: 'e'
} as ObjectVersion;

const header = '{"target":"bytes","user_meta":{"n":12345678901234567890}}';

/** A model that has loaded the version's metadata (what VersionDetails reads of it). */
function loadedModel(userMetaText: string | null): VersionsModel {
  const metadata = {
    info: { userMetadata: { helium: header } },
    helium: JSON.parse(header),
    otherUserMetadata: {}
  } as unknown as ObjectMetadata;
  return {
    selected: version,
    latestContent: version,
    previousContent: () => null,
    isDeleted: false,
    metadata,
    metadataError: null,
    userMetaText
  } as unknown as VersionsModel;
}

const actions = new Proxy({}, { get: () => jest.fn() }) as IVersionActions;

it('shows user_meta as the model words it, big integers whole', () => {
  act(() => view.root.render(<VersionDetails model={loadedModel('{\n  "n": 12345678901234567890\n}')} trans={trans} actions={actions} />));
  const shown = view.host.querySelector('.jp-helium-json')?.textContent;
  expect(shown).toBe('{\n  "n": 12345678901234567890\n}');
  expect(shown).not.toContain('12345678901234567000');
});
