/**
 * Python that loads exactly one version of an object, for the clipboard. It names the bucket,
 * key, version and (for non-AWS servers) the endpoint, never a credential: boto3 finds those in
 * the user's own environment, as it would for any other script.
 */

import { endpointWithoutCredentials, isAwsEndpoint } from './snapshots/snippet';

/** What the snippet loads. */
export interface ISnippetTarget {
  bucket: string;
  key: string;
  versionId: string;
  /** The S3 endpoint the Jupyter server uses; left out for AWS's own endpoints. */
  endpoint?: string;
  /** The region, when not the default. */
  region?: string;
}

/** A Python string literal (JSON's escapes are valid Python, and JSON never emits `\/`). */
function py(value: string): string {
  return JSON.stringify(value);
}

/** How pandas reads a file, by extension; null when the bytes are the best we can offer. */
function pandasReader(key: string): string | null {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  switch (ext) {
    case 'csv':
      return 'pd.read_csv(io.BytesIO(body))';
    case 'tsv':
      return 'pd.read_csv(io.BytesIO(body), sep="\\t")';
    case 'parquet':
    case 'pq':
      return 'pd.read_parquet(io.BytesIO(body))';
    case 'feather':
    case 'arrow':
      return 'pd.read_feather(io.BytesIO(body))';
    case 'json':
      return null;
    case 'xlsx':
      return 'pd.read_excel(io.BytesIO(body))';
    default:
      return null;
  }
}

/**
 * Python (boto3, plus pandas for tables) that loads this exact version.
 * @param target - the version.
 * @returns the code.
 */
export function pythonSnippet(target: ISnippetTarget): string {
  const clientArgs: string[] = [];
  if (!isAwsEndpoint(target.endpoint)) {
    // Never a user name or password an endpoint URL may carry: the code goes to clipboards and notebooks.
    clientArgs.push(`endpoint_url=${py(endpointWithoutCredentials(target.endpoint!))}`);
  }
  if (target.region && target.region !== 'us-east-1') {
    clientArgs.push(`region_name=${py(target.region)}`);
  }
  const reader = pandasReader(target.key);
  const ext = target.key.slice(target.key.lastIndexOf('.') + 1).toLowerCase();
  const lines = [reader ? 'import io\n\nimport boto3\nimport pandas as pd' : 'import boto3', ''];
  lines.push(`s3 = boto3.client("s3"${clientArgs.map(a => `, ${a}`).join('')})`);
  lines.push(`body = s3.get_object(Bucket=${py(target.bucket)}, Key=${py(target.key)}, VersionId=${py(target.versionId)})["Body"].read()`);
  if (reader) {
    lines.push(`df = ${reader}`);
  } else if (ext === 'json' || ext === 'ipynb') {
    lines.splice(0, 1, 'import json\n\nimport boto3');
    lines.push('data = json.loads(body)');
  } else if (['txt', 'md', 'py', 'yaml', 'yml', 'toml', 'xml', 'html', 'r', 'sql', 'sh'].includes(ext)) {
    lines.push('text = body.decode("utf-8")');
  }
  return lines.join('\n') + '\n';
}
