// YAML front matter from untrusted text. Every value is written as a double-quoted scalar, which
// YAML 1.2 reads exactly as JSON reads a string: nothing people typed can end the front matter,
// start another key or turn into a number, a date, a boolean or an alias.

/** A lone surrogate cannot be written in YAML (nor in UTF-8): it becomes U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string as a YAML double-quoted scalar (on one line). */
export function yamlString(value: string): string {
  return JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd')).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A front matter value: a string, a `YYYY-MM-DD` day (written plain, as MADR's template does), or a list of strings. */
export type FrontMatterValue = string | { day: string } | readonly string[];

/**
 * Front matter: `---`, one `key: value` line per entry (keys are ours, never board text), `---`.
 * Lists are flow sequences of quoted strings, e.g. `consulted: ["Sam", "Dana"]`.
 */
export function frontMatter(entries: readonly (readonly [key: string, value: FrontMatterValue])[]): string {
  const line = ([key, value]: readonly [string, FrontMatterValue]) => {
    if (!/^[a-z][a-z-]*$/.test(key)) throw new Error(`front matter key ${key} is not one of ours`);
    if (typeof value === 'string') return `${key}: ${yamlString(value)}`;
    if ('day' in value) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.day)) throw new Error(`${value.day} is not a day`);
      return `${key}: ${value.day}`;
    }
    return `${key}: [${(value as readonly string[]).map(yamlString).join(', ')}]`;
  };
  return ['---', ...entries.map(line), '---'].join('\n');
}
