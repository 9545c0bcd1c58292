// Alerts' inclusion and exclusion lists are Go RE2 patterns. JavaScript's engine reads the same syntax for
// everything users write in practice, except Go's leading inline flags ("(?i)error"), which become
// RegExp flags here. Patterns are searched for anywhere in the message, as Go's MatchString does. No 'u'
// flag: in that mode JavaScript refuses escapes like \- that Go accepts.

const inlineFlags = /^\(\?([imsU]+)\)/;

/** Compiles a Go pattern; throws a SyntaxError for one JavaScript cannot read. */
export function compileGoRegex(pattern: string): RegExp {
  const m = inlineFlags.exec(pattern);
  if (!m) return new RegExp(pattern);
  const goFlags = m[1] as string;
  if (goFlags.includes('U')) throw new SyntaxError(`the ungreedy flag (?U) is not supported in "${pattern}"`);
  return new RegExp(pattern.slice(m[0].length), goFlags);
}
