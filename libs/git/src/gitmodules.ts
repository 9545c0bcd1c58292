/** One `[submodule "name"]` section of a .gitmodules file; keys git defines but this lib ignores are dropped. */
export interface GitmodulesEntry {
  name: string;
  path?: string;
  url?: string;
  branch?: string;
  /** `none` means git leaves the submodule out of `submodule update`, so it stays an empty directory. */
  update?: string;
}

/**
 * Reads a .gitmodules file, which is git-config syntax. Only what submodule entries use is understood:
 * `[submodule "name"]` headers (and the legacy `[submodule.name]`), `key = value` lines with quotes,
 * escapes, comments and line continuations. Keys are case-insensitive, and the last value of a key wins,
 * as in git. Malformed lines are skipped rather than fatal: git itself would refuse the whole file, but a
 * later lookup by path then reports what is missing for the one submodule that needs it.
 */
export function parseGitmodules(text: string): GitmodulesEntry[] {
  const entries = new Map<string, GitmodulesEntry>();
  let current: GitmodulesEntry | undefined;
  for (const line of logicalLines(text)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      const name = submoduleSection(trimmed);
      current = name === undefined ? undefined : (entries.get(name) ?? { name });
      if (current) entries.set(current.name, current);
      continue;
    }
    if (!current) continue;
    const match = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/s.exec(trimmed);
    if (!match) continue;
    const key = (match[1] as string).toLowerCase();
    const value = match[2] === undefined ? 'true' : configValue(match[2]);
    if (key === 'path' || key === 'url' || key === 'branch' || key === 'update') current[key] = value;
  }
  return [...entries.values()];
}

/** Joins lines ending in an unescaped backslash with the next, as git-config continuations do. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const trailing = /\\+$/.exec(raw)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      pending += raw.slice(0, -1);
      continue;
    }
    out.push(pending + raw);
    pending = '';
  }
  if (pending !== '') out.push(pending);
  return out;
}

/** The submodule name of a section header, or undefined for any other section. */
function submoduleSection(header: string): string | undefined {
  const quoted = /^\[\s*submodule\s+"((?:[^"\\]|\\.)*)"\s*\]/i.exec(header);
  if (quoted) return (quoted[1] as string).replace(/\\(.)/g, '$1');
  // The deprecated dotted form lower-cases the subsection, as git does.
  const dotted = /^\[\s*submodule\.([^\]\s]+)\s*\]/i.exec(header);
  return dotted ? (dotted[1] as string).toLowerCase() : undefined;
}

/** A value with quotes removed, escapes decoded, an unquoted comment cut off and outer blanks trimmed. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  // Blanks are kept only when something follows them, so trailing ones disappear but inner ones stay.
  let blanks = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (!quoted && (c === '#' || c === ';')) break;
    if (!quoted && (c === ' ' || c === '\t')) {
      if (out !== '') blanks += c;
      continue;
    }
    out += blanks;
    blanks = '';
    if (c === '"') {
      quoted = !quoted;
    } else if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i] as string;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
    } else {
      out += c;
    }
  }
  return out;
}
