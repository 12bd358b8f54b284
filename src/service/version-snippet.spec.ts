import { pythonSnippet } from './version-snippet';

describe('pythonSnippet', () => {
  const base = { bucket: 'helium-demo', key: 'hurdat2/storms.csv', versionId: 'v/1+x' };

  it('loads a CSV version with pandas and names the version exactly', () => {
    const code = pythonSnippet({ ...base, endpoint: 'http://127.0.0.1:9000' });
    expect(code).toContain('import pandas as pd');
    expect(code).toContain('VersionId="v/1+x"');
    expect(code).toContain('endpoint_url="http://127.0.0.1:9000"');
    expect(code).toContain('df = pd.read_csv(io.BytesIO(body))');
  });

  it('leaves AWS endpoints to boto3 and never carries credentials', () => {
    const code = pythonSnippet({ ...base, key: 'x.parquet', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1' });
    expect(code).not.toContain('endpoint_url');
    expect(code).toContain('region_name="eu-west-1"');
    expect(code).toContain('pd.read_parquet');
    expect(code).not.toMatch(/aws_access_key_id|aws_secret_access_key|aws_session_token/);
  });

  it('drops a user name and password an endpoint URL carries (the code goes into notebooks)', () => {
    const code = pythonSnippet({ ...base, key: 'x.csv', endpoint: 'http://minio:s3cret@10.0.0.5:9000' });
    expect(code).toContain('endpoint_url="http://10.0.0.5:9000"');
    expect(code).not.toContain('s3cret');
  });

  it('escapes keys so they cannot break out of the string', () => {
    const code = pythonSnippet({ ...base, key: 'a"b\\c\nd.json' });
    expect(code).toContain('Key="a\\"b\\\\c\\nd.json"');
    expect(code).toContain('data = json.loads(body)');
    expect(code).not.toContain('pandas');
  });
});
