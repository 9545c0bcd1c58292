/** A var's resolved value; only these kinds of values are substituted, anything else is left as `$(NAME)`. */
export type VarValue = string | number | boolean;

/**
 * Replaces `$(NAME)` references in `input` using `lookup`, following kustomize's refvar rules:
 * `$$` is an escaped `$`, an unknown name (or a non-scalar value) leaves the reference as written, and an
 * input that is exactly one reference takes the value with its type, so `$(PORT)` alone can become 8080.
 */
export function expandVars(input: string, lookup: (name: string) => VarValue | undefined, used?: Set<string>): VarValue {
  if (!input.includes('$')) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        out += '$(';
      } else {
        const name = input.slice(cursor + 2, close);
        const value = lookup(name);
        if (value !== undefined) used?.add(name);
        if (close === input.length - 1 && cursor === 0) return value ?? input;
        out += value === undefined ? `$(${name})` : String(value);
        advance = close - cursor;
      }
    } else {
      out += `$${next}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
