/**
 * Reading `--policy` files: YAML or JSON, validated in the main thread before any row is read,
 * so a bad policy stops the run with the POLICY exit code and the document path of the problem.
 */
import { readFile } from 'node:fs/promises';
import { PolicyError } from '../../errors.js';
import { loadPolicy } from '../../policy/index.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { errnoOf } from '../secrets.js';

/** The policy text (undefined = the built-in policy), checked to load. */
export async function readPolicyText(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(ExitCode.POLICY, `cannot read policy ${path} (${errnoOf(e)})`);
  }
  try {
    loadPolicy(text);
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(ExitCode.POLICY, `policy ${path}: ${e.message}`);
    throw e;
  }
  return text;
}
