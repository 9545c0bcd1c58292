// The parse tree of a template, shaped like Go's text/template/parse nodes so that the executor can follow
// exec.go's rules step by step, and printed back the way Go prints them in error messages.

export interface Pos {
  /** Offset in the template text (UTF-16 code units). */
  pos: number;
}

export interface TextNode extends Pos {
  type: 'text';
  text: string;
}
export interface ActionNode extends Pos {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
export interface PipeNode extends Pos {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Pos {
  type: 'command';
  args: ArgNode[];
}
export interface IdentifierNode extends Pos {
  type: 'identifier';
  ident: string;
}
export interface VariableNode extends Pos {
  type: 'variable';
  /** `$x.a.b` is ["$x", "a", "b"]. */
  ident: string[];
}
export interface DotNode extends Pos {
  type: 'dot';
}
export interface NilNode extends Pos {
  type: 'nil';
}
export interface FieldNode extends Pos {
  type: 'field';
  /** `.a.b` is ["a", "b"]. */
  ident: string[];
}
export interface ChainNode extends Pos {
  type: 'chain';
  node: ArgNode;
  field: string[];
}
export interface BoolNode extends Pos {
  type: 'bool';
  value: boolean;
}
export interface NumberNode extends Pos {
  type: 'number';
  /** The literal as written. */
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  complex: [number, number];
}
export interface StringNode extends Pos {
  type: 'string';
  /** The literal as written, quotes included. */
  quoted: string;
  text: string;
}
export interface BranchNode extends Pos {
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface IfNode extends BranchNode {
  type: 'if';
}
export interface RangeNode extends BranchNode {
  type: 'range';
}
export interface WithNode extends BranchNode {
  type: 'with';
}
export interface BreakNode extends Pos {
  type: 'break';
  line: number;
}
export interface ContinueNode extends Pos {
  type: 'continue';
  line: number;
}
export interface TemplateNode extends Pos {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface ListNode extends Pos {
  type: 'list';
  nodes: Node[];
}
export interface CommentNode extends Pos {
  type: 'comment';
  text: string;
}
/** Internal markers the parser returns from itemList; they never end up in a tree. */
export interface EndNode extends Pos {
  type: 'end';
}
export interface ElseNode extends Pos {
  type: 'else';
  line: number;
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node =
  | TextNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | ListNode
  | CommentNode
  | EndNode
  | ElseNode
  | PipeNode
  | CommandNode
  | ArgNode;

/** Go's Node.String(), which error messages quote as `at <...>`. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} `;
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((id) => `.${id}`).join('');
    case 'chain':
      return (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => `.${f}`).join('');
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'if':
    case 'range':
    case 'with': {
      const head = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      return n.elseList ? `${head}{{else}}${nodeString(n.elseList)}{{end}}` : `${head}{{end}}`;
    }
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'comment':
      return n.text;
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}

/** A tree that holds only spaces and comments; defining such a template never replaces another. */
export function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    case 'comment':
      return true;
    default:
      return false;
  }
}
