// Recognises declarations in any tree-sitter grammar by node-type shape, so one chunker serves
// all languages: `*_declaration`, `*_definition`, `*_item`, `*_specifier`, plus Ruby's bare names.
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../types.js';

export interface Declaration {
  kind: ChunkKind;
  name: string;
  /** The node whose named children are the declaration's members, when it has a body. */
  body: Node | null;
}

const DECLARATION_TYPE = /(_declaration|_definition|_item|_specifier)$|^(method|class|module|singleton_method|singleton_class|internal_module|function_signature)$/;
const KINDS: [RegExp, ChunkKind][] = [
  [/method|constructor|singleton_method/, 'method'],
  [/function|func_|fn_|lambda/, 'function'],
  [/interface|protocol/, 'interface'],
  [/enum/, 'enum'],
  [/class|struct|impl_item|trait|object_declaration|record|union_specifier/, 'class'],
  [/type_alias|type_declaration|type_item|typedef/, 'type'],
  [/module|namespace|mod_item/, 'module'],
];
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'template_declaration', 'export_declaration']);
const VARIABLE_DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);
const FUNCTION_VALUES = /^(arrow_function|function_expression|function|generator_function|class|class_expression)$/;
const NAME_TYPES = new Set(['identifier', 'type_identifier', 'constant', 'name', 'property_identifier', 'simple_identifier', 'field_identifier', 'word', 'namespace_identifier']);
const BODY_TYPES = /body|block|declaration_list|class_body|field_declaration_list|enum_body|compound_statement|enumerator_list|_members$/;

export function declarationOf(node: Node): Declaration | null {
  if (WRAPPERS.has(node.type)) {
    const inner = node.childForFieldName('declaration') ?? node.childForFieldName('definition') ?? node.namedChildren.findLast((c) => c !== null && declarationOf(c) !== null) ?? null;
    return inner ? declarationOf(inner) : null;
  }
  if (VARIABLE_DECLARATIONS.has(node.type)) {
    for (const d of node.namedChildren) {
      const value = d?.childForFieldName('value');
      if (d && value && FUNCTION_VALUES.test(value.type)) {
        const name = d.childForFieldName('name')?.text ?? '';
        return { kind: value.type.startsWith('class') ? 'class' : 'function', name: name.slice(0, 100), body: value.childForFieldName('body') };
      }
    }
    return null;
  }
  if (!DECLARATION_TYPE.test(node.type)) return null;
  const kind = KINDS.find(([re]) => re.test(node.type))?.[1];
  if (!kind) return null;
  return { kind, name: nameOf(node, 0).slice(0, 100), body: bodyOf(node) };
}

function nameOf(node: Node, depth: number): string {
  if (depth > 4) return '';
  // Rust names an impl block by its `type` field; elsewhere `type` is a return or base type.
  const named = node.childForFieldName('name') ?? (node.type === 'impl_item' ? node.childForFieldName('type') : null);
  if (named && NAME_TYPES.has(named.type)) return named.text;
  if (named && named.namedChildCount === 0) return named.text;
  const declarator = node.childForFieldName('declarator');
  if (declarator) return NAME_TYPES.has(declarator.type) ? declarator.text : nameOf(declarator, depth + 1);
  for (const c of node.namedChildren) {
    if (c && NAME_TYPES.has(c.type)) return c.text;
  }
  const first = node.namedChildren[0];
  return first && /spec|declarator/.test(first.type) ? nameOf(first, depth + 1) : '';
}

function bodyOf(node: Node): Node | null {
  const body = node.childForFieldName('body');
  if (body) return body;
  for (const c of node.namedChildren) if (c && BODY_TYPES.test(c.type)) return c;
  // Go: type_declaration → type_spec → struct_type → field_declaration_list
  const spec = node.namedChildren.find((c) => c !== null && /spec$/.test(c.type));
  return spec ? bodyOf(spec) : null;
}

export function isComment(node: Node): boolean {
  return /comment/.test(node.type);
}
