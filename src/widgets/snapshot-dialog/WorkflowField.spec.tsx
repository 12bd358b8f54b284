/**
 * The snapshot form with a bucket's Quilt workflows: the Workflow field (the default chosen and
 * marked, "No workflow" only where none is required, what the chosen one checks), a required
 * choice not made yet, and the name checked under the chosen workflow.
 */
import * as React from 'react';
import { act } from 'react';
import { reactHostPerTest } from '../../testing/react-host';
import { testTrans as trans } from '../../testing/translation';
import { formProblems, ISnapshotFormValues, ISnapshotFormWorkflows } from './form-values';
import { SnapshotFormContent } from './SnapshotFormContent';

jest.mock('@jupyterlab/apputils', () => ({ ReactWidget: class {} }));

const WORKFLOWS: ISnapshotFormWorkflows = {
  config: 's3://b/.quilt/workflows/config.yml?versionId=v',
  required: false,
  defaultWorkflow: 'curated',
  workflows: [
    {
      id: 'curated',
      name: 'Curated',
      description: 'Reviewed data.',
      handlePattern: '^team/',
      messageRequired: true,
      metadataSchema: 'meta'
    },
    { id: 'open', name: 'Open', messageRequired: false }
  ]
};

const checks = {
  name: (name: string, workflow?: string | null) => (workflow === 'curated' && !name.startsWith('team/') ? `needs ^team/` : null),
  meta: () => null
};

const view = reactHostPerTest();

/**
 * Render the form.
 * @param initial - its first values.
 * @param workflows - the bucket's workflows.
 * @returns the host and the change callback.
 */
function renderForm(initial: ISnapshotFormValues, workflows: ISnapshotFormWorkflows) {
  const onChange = jest.fn();
  const { host, root } = view;
  act(() =>
    root.render(
      <SnapshotFormContent
        trans={trans}
        uri="s3://b/data/"
        initial={initial}
        checks={checks}
        workflows={workflows}
        onChange={onChange}
        nodeRef={() => host}
      />
    )
  );
  return { host, onChange };
}

it('offers the workflows with the default marked, says what the chosen one checks, and checks the name under it', () => {
  const { host, onChange } = renderForm({ message: 'm', name: 'data/x', metaText: '', workflow: 'curated' }, WORKFLOWS);
  const select = host.querySelector('.jp-helium-snapshot-workflow-input') as HTMLSelectElement;
  expect([...select.options].map(o => o.textContent)).toEqual(['Curated (curated, default)', 'Open (open)', 'No workflow']);
  expect(select.value).toBe('curated');
  expect(host.querySelector('.jp-helium-snapshot-field-workflow .jp-helium-snapshot-hint')!.textContent).toBe(
    'Reviewed data. Checks: a message; the name matches ^team/; the metadata against schema "meta".'
  );
  expect(host.querySelector('.jp-helium-snapshot-field-name .jp-helium-snapshot-problem')!.textContent).toBe('needs ^team/');
  act(() => {
    select.value = ':none';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  expect(onChange).toHaveBeenLastCalledWith({ message: 'm', name: 'data/x', metaText: '', workflow: null });
  expect(host.querySelector('.jp-helium-snapshot-field-name .jp-helium-snapshot-problem')).toBeNull();
  expect(host.querySelector('.jp-helium-snapshot-field-workflow .jp-helium-snapshot-hint')!.textContent).toContain('passes no workflow');
});

it('asks for a choice where a workflow is required and there is no default, and offers no "No workflow"', () => {
  const required = { ...WORKFLOWS, required: true, defaultWorkflow: null };
  const values = { message: 'm', name: 'team/x', metaText: '', workflow: '' };
  expect(formProblems(values, checks, trans).workflow).toBe('Choose a workflow: this bucket requires one for every snapshot.');
  const { host } = renderForm(values, required);
  const select = host.querySelector('.jp-helium-snapshot-workflow-input') as HTMLSelectElement;
  expect([...select.options].map(o => o.textContent)).toEqual(['Choose a workflow…', 'Curated (curated)', 'Open (open)']);
  expect(host.querySelector('.jp-helium-snapshot-field-workflow.jp-mod-error')).not.toBeNull();
});
