// Reads and validates region.json at start-up; a bad file must stop the gateway with a
// message an administrator can act on (it names the field), not a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { regionConfigSchema, type RegionConfig } from './schema';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const frenchErrors = z.locales.fr().localeError;

function fieldPath(issue: z.core.$ZodIssue): string {
  const parts = issue.path.map(String);
  // An unknown key is reported on its parent object; name the key itself.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => [...parts, k].join('.')).join(', ');
  }
  return parts.length > 0 ? parts.join('.') : '(racine)';
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'champ inconnu';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'champ obligatoire';
  return issue.message;
}

/** Validates an already-parsed config; `label` names the file in messages. */
export function parseRegionConfig(raw: unknown, label: string): RegionConfig {
  const result = regionConfigSchema.safeParse(raw, { error: frenchErrors, reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `Configuration invalide (${label}) : ${fieldPath(issue)} — ${issueMessage(issue)}`,
  );
  throw new ConfigError(lines.join('\n'));
}

export function loadRegionConfig(file: string): RegionConfig {
  const label = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Configuration introuvable : ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `Configuration invalide (${label}) : JSON illisible — ${(err as Error).message}`,
    );
  }
  return parseRegionConfig(raw, label);
}
