/**
 * Run the Python interop helpers of src/testing/python (pandas, pyarrow, boto3) from jest, with
 * the project's venv and the local S3 of the tests.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { testS3Url } from './s3';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Python with pandas and pyarrow: $HELIUM_TEST_PYTHON, else the project's .venv, else python3.
 * @returns the executable.
 */
export function testPython(): string {
  if (process.env.HELIUM_TEST_PYTHON) {
    return process.env.HELIUM_TEST_PYTHON;
  }
  const venv = path.join(ROOT, '.venv', 'bin', 'python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/**
 * Run a script of src/testing/python and parse the one JSON document it prints.
 * @param script - the file name, e.g. `values_interop.py`.
 * @param args - its arguments.
 * @returns the parsed output.
 */
export function runPythonJson<T = unknown>(script: string, args: string[]): Promise<T> {
  const file = path.join(ROOT, 'src', 'testing', 'python', script);
  return new Promise<T>((resolve, reject) => {
    execFile(
      testPython(),
      [file, ...args],
      {
        env: { ...process.env, HELIUM_TEST_S3_URL: testS3Url(), PYTHONIOENCODING: 'utf-8' },
        maxBuffer: 256 * 1024 * 1024,
        timeout: 60000
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${script} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as T);
        } catch (parseError) {
          reject(new Error(`${script} printed no JSON: ${String(parseError)}\n${stdout.slice(0, 2000)}\n${stderr}`));
        }
      }
    );
  });
}
