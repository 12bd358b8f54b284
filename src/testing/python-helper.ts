/**
 * Start a Python test helper of src/testing/python that prints one JSON line and serves until its
 * stdin closes (fault_s3.py, iam_moto.py), with the project's venv Python.
 */
import { spawn } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { ROOT } from './cli-harness';

/** A running helper: what it printed, and how to stop it. */
export interface PythonHelper<T> {
  info: T;
  stop: () => Promise<void>;
}

/**
 * Start `python src/testing/python/<script> ...args`.
 * @param script - the helper's file name.
 * @param args - its arguments.
 * @returns the parsed first line and a stop function.
 */
export function startPythonHelper<T>(script: string, args: readonly string[] = []): Promise<PythonHelper<T>> {
  const venv = path.join(ROOT, '.venv', 'bin', 'python');
  const python = existsSync(venv) ? venv : 'python3';
  const child = spawn(python, [path.join(ROOT, 'src', 'testing', 'python', script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>(resolve => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('close', code => reject(new Error(`${script} ended (${code}) before it printed its address`)));
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        resolve({
          info: JSON.parse(out.slice(0, newline)) as T,
          stop: async () => {
            child.stdin.end();
            await exited;
          }
        });
      }
    });
  });
}
